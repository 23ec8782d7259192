package tmpl

import (
	"fmt"
	"math"
	"reflect"
)

// This file reads and writes the floats of values godiff computes with:
// float64 and float32, and slices and arrays of them, nested.

// godiffFloats_tmpl appends the floats of v, in index order, to out.
func godiffFloats_tmpl(out []float64, v reflect.Value) []float64 {
	switch v.Kind() {
	case reflect.Float64, reflect.Float32:
		return append(out, v.Float())
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			out = godiffFloats_tmpl(out, v.Index(i))
		}
	}
	return out
}

// godiffSetFloats_tmpl writes the first floats of p into v, in the order
// godiffFloats_tmpl reads them, and returns the rest of p. It allocates
// nothing.
func godiffSetFloats_tmpl(v reflect.Value, p []float64) []float64 {
	switch v.Kind() {
	case reflect.Float64, reflect.Float32:
		v.SetFloat(p[0])
		return p[1:]
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			p = godiffSetFloats_tmpl(v.Index(i), p)
		}
	}
	return p
}

// godiffHasFloats_tmpl reports whether values of type t hold floats.
func godiffHasFloats_tmpl(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Float64, reflect.Float32:
		return true
	case reflect.Slice, reflect.Array:
		return godiffHasFloats_tmpl(t.Elem())
	}
	return false
}

// godiffIsFloat32_tmpl reports whether values of type t hold float32s.
func godiffIsFloat32_tmpl(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Float32:
		return true
	case reflect.Slice, reflect.Array:
		return godiffIsFloat32_tmpl(t.Elem())
	}
	return false
}

// godiffLabels_tmpl appends the names of the floats of v, name[i][j], in
// the order godiffFloats_tmpl reads them.
func godiffLabels_tmpl(out []string, name string, v reflect.Value) []string {
	switch v.Kind() {
	case reflect.Float64, reflect.Float32:
		return append(out, name)
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			out = godiffLabels_tmpl(out, fmt.Sprintf("%s[%d]", name, i), v.Index(i))
		}
	}
	return out
}

// godiffClone_tmpl returns a copy of v whose slices, at every level, are
// new: a value of a leaf's type that shares no memory with v.
func godiffClone_tmpl(v reflect.Value) reflect.Value {
	c := reflect.New(v.Type()).Elem()
	switch v.Kind() {
	case reflect.Slice:
		if v.IsNil() {
			return c
		}
		c.Set(reflect.MakeSlice(v.Type(), v.Len(), v.Len()))
		for i := 0; i < v.Len(); i++ {
			c.Index(i).Set(godiffClone_tmpl(v.Index(i)))
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			c.Index(i).Set(godiffClone_tmpl(v.Index(i)))
		}
	default:
		c.Set(v)
	}
	return c
}

// godiffShape_tmpl returns a value of type t, a leaf's, for a random point:
// slices of length n at every level, integers k, booleans flag, floats 0.
func godiffShape_tmpl(t reflect.Type, n, k int, flag bool) reflect.Value {
	v := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.Slice:
		v.Set(reflect.MakeSlice(t, n, n))
		fallthrough
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			v.Index(i).Set(godiffShape_tmpl(t.Elem(), n, k, flag))
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(k))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.SetUint(uint64(k))
	case reflect.Bool:
		v.SetBool(flag)
	}
	return v
}

// godiffSame_tmpl returns "" if a and b hold the same floats bit for bit
// (any NaN equal to any NaN), or the first entry where they differ.
func godiffSame_tmpl(a, b []float64, labels []string) string {
	if len(a) != len(b) {
		return fmt.Sprintf("%d numbers, want %d", len(a), len(b))
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return fmt.Sprintf("%s is %v, want %v", labels[i], a[i], b[i])
		}
	}
	return ""
}

// godiffFinite_tmpl reports whether every number of x is finite.
func godiffFinite_tmpl(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// godiffDot_tmpl returns the inner product of a and b, and the sum of the
// magnitudes of its terms, the scale of its rounding error.
func godiffDot_tmpl(a, b []float64) (dot, scale float64) {
	for i := range a {
		dot += a[i] * b[i]
		scale += math.Abs(a[i] * b[i])
	}
	return dot, scale
}

// godiffConcat_tmpl returns the slices of xs one after the other.
func godiffConcat_tmpl(xs [][]float64) []float64 {
	var out []float64
	for _, x := range xs {
		out = append(out, x...)
	}
	return out
}
