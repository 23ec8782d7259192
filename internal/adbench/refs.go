package adbench

import (
	"fmt"
	"reflect"
	"unsafe"
)

// RefsInto returns the paths of the slices and pointers reachable from
// v (a pointer to a tape, say) whose memory lies within one of mems: what
// v keeps alive of them. It follows struct fields, exported or not, the
// elements of slices and arrays up to their capacity, and pointers.
func RefsInto(v any, mems ...[]float64) []string {
	w := refWalker{mems: mems, seen: make(map[uintptr]bool)}
	w.walk(reflect.ValueOf(v), "v")
	return w.found
}

type refWalker struct {
	mems  [][]float64
	seen  map[uintptr]bool
	found []string
}

// within reports whether the memory [p, p+n) overlaps one of w.mems.
func (w *refWalker) within(p, n uintptr) bool {
	for _, m := range w.mems {
		if cap(m) == 0 {
			continue
		}
		lo := uintptr(unsafe.Pointer(unsafe.SliceData(m)))
		hi := lo + uintptr(cap(m))*8
		if p < hi && lo < p+n {
			return true
		}
	}
	return false
}

func (w *refWalker) walk(v reflect.Value, path string) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || w.seen[v.Pointer()] {
			return
		}
		w.seen[v.Pointer()] = true
		if w.within(v.Pointer(), v.Type().Elem().Size()) {
			w.found = append(w.found, path)
		}
		w.walk(v.Elem(), path)
	case reflect.Struct:
		for i := range v.NumField() {
			w.walk(v.Field(i), path+"."+v.Type().Field(i).Name)
		}
	case reflect.Array:
		for i := range v.Len() {
			w.walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Slice:
		if v.Cap() == 0 {
			return
		}
		if w.within(v.Pointer(), uintptr(v.Cap())*v.Type().Elem().Size()) {
			w.found = append(w.found, path)
		}
		if !mayPoint(v.Type().Elem()) {
			return
		}
		full := v.Slice(0, v.Cap())
		for i := range full.Len() {
			w.walk(full.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	}
}

// mayPoint reports whether a value of type t may hold a slice or pointer.
func mayPoint(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Interface, reflect.Map, reflect.Chan, reflect.Func, reflect.String, reflect.UnsafePointer:
		return true
	case reflect.Array:
		return mayPoint(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if mayPoint(t.Field(i).Type) {
				return true
			}
		}
	}
	return false
}
