package parse

import (
	"fmt"
	"go/constant"
	"go/types"

	"github.com/godiff/godiff/ir"
)

// basicKinds maps the predeclared types godiff computes with to their IR
// types. byte and rune are the kinds Uint8 and Int32, so they need no entry.
var basicKinds = map[types.BasicKind]ir.Basic{
	types.Float64: ir.Float64,
	types.Float32: ir.Float32,
	types.Int:     ir.Int,
	types.Int8:    ir.Int8,
	types.Int16:   ir.Int16,
	types.Int32:   ir.Int32,
	types.Int64:   ir.Int64,
	types.Uint:    ir.Uint,
	types.Uint8:   ir.Uint8,
	types.Uint16:  ir.Uint16,
	types.Uint32:  ir.Uint32,
	types.Uint64:  ir.Uint64,
	types.Uintptr: ir.Uintptr,
	types.Bool:    ir.Bool,
}

// basicOf returns the IR type of t if t is one of the predeclared types
// godiff computes with. An untyped constant's type stands for its default
// type. A named type (type Celsius float64) is not basic even when its
// underlying type is: the generated code would have to convert to and from
// it, which is not supported yet. An alias (type F = float64) is the type it
// denotes.
func basicOf(t types.Type) (ir.Basic, bool) {
	b, ok := types.Unalias(types.Default(t)).(*types.Basic)
	if !ok {
		return ir.InvalidBasic, false
	}
	k, ok := basicKinds[b.Kind()]
	return k, ok
}

// irType returns the IR type of t: one godiff computes with (see
// localType), or an opaque one spelled as Go spells it in the package
// (pkg-relative, other packages by name), with the import path of every
// other package it names (see ir.Opaque.Qualified). An opaque parameter
// may pass through a signature unused; using it is reported.
func irType(t types.Type, q types.Qualifier) ir.Type {
	if lt, ok := localType(t); ok {
		return lt
	}
	return ir.Opaque{Go: types.TypeString(t, q), Qualified: qualifiedString(t, q)}
}

// qualifiedString spells t as types.TypeString(t, q) does, but writes each
// package q qualifies with its import path as well (ir.ForeignQualifier);
// "" if q qualifies none. TypeString walks every part of a type (map keys,
// signatures, struct fields, type arguments), so no named type of another
// package is left without its path.
func qualifiedString(t types.Type, q types.Qualifier) string {
	foreign := false
	s := types.TypeString(t, func(p *types.Package) string {
		if q(p) == "" {
			return ""
		}
		foreign = true
		return ir.ForeignQualifier(p.Path(), p.Name())
	})
	if !foreign {
		return ""
	}
	return s
}

// localType returns the IR type of t if godiff computes with values of
// type t: a basic type, a slice of such values (nested slices included), or
// an array of a basic type or of such arrays ([3]float64, [2][3]float64).
// A slice of arrays and an array of slices stay out: an array is a value,
// so an array loaded from a slice would be a copy, and a store into it
// would be lost; unsupportedType explains. The rows of a nested array are
// part of the array's memory, as the rows of a slice of slices are.
func localType(t types.Type) (ir.Type, bool) {
	if b, ok := basicOf(t); ok {
		return b, true
	}
	switch u := types.Unalias(t).(type) {
	case *types.Slice:
		elem, ok := localType(u.Elem())
		if _, isArray := elem.(ir.Array); !ok || isArray {
			return nil, false
		}
		return ir.Slice{Elem: elem}, true
	case *types.Array:
		elem, ok := localType(u.Elem())
		if _, isSlice := elem.(ir.Slice); !ok || isSlice {
			return nil, false
		}
		return ir.Array{Len: int(u.Len()), Elem: elem}, true
	}
	return nil, false
}

// unsupportedType explains why godiff cannot compute with values of type t
// (localType refused it), with what to write instead where there is
// something better to say than that the type is not supported.
func (c *checker) unsupportedType(t types.Type) string {
	const notYet = ", which is not supported yet in a differentiated function"
	s := c.typeString(t)
	switch u := types.Unalias(t).(type) {
	case *types.Array:
		if hasSlice(u) {
			return s + ": arrays of slices are not supported; use a slice of slices"
		}
	case *types.Slice:
		if hasArray(u) {
			return s + ": slices of arrays are not supported; use a slice of slices"
		}
		if _, ok := derefStruct(u.Elem()); ok {
			return s + ": slices of structs are not supported; use a struct of slices"
		}
	}
	if _, ok := derefStruct(t); ok {
		return s + ": godiff takes named struct types, as parameters, receivers (the package's own) and local struct values (not pointers); declare a named struct type, or keep the values in local variables of numeric types"
	}
	return s + notYet
}

// hasSlice reports whether the element type of a (nested) array type is
// a slice.
func hasSlice(t types.Type) bool {
	for {
		switch u := types.Unalias(t).(type) {
		case *types.Array:
			t = u.Elem()
		case *types.Slice:
			return true
		default:
			return false
		}
	}
}

// hasArray reports whether the element type of a (nested) slice type is an
// array.
func hasArray(t types.Type) bool {
	for {
		switch u := types.Unalias(t).(type) {
		case *types.Slice:
			t = u.Elem()
		case *types.Array:
			return true
		default:
			return false
		}
	}
}

// underlying returns t's underlying type, nil for nil (an expression the
// type checker recorded no type for).
func underlying(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}

// isFloat reports whether t is float64 or float32, the types that can
// carry a derivative.
func isFloat(t types.Type) bool {
	b, ok := basicOf(t)
	return ok && ir.IsFloat(b)
}

// isDifferentiable reports whether a parameter of type t can be
// differentiated: a float, a slice or array of differentiable elements, or
// a struct (or a pointer to one) with a differentiable field.
func isDifferentiable(t types.Type) bool {
	lt, ok := localType(t)
	return ok && ir.IsDifferentiable(lt) || structDifferentiable(t)
}

// qualifier spells types of pkg unqualified and those of other packages
// with their package name, as source code in pkg does.
func qualifier(pkg *types.Package) types.Qualifier {
	return func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	}
}

// constValue returns the Aux of an IR constant of type t holding v: a
// float64 for float types, an int64 or uint64 for integers, a bool for
// Bool. The type checker has already checked that v fits t.
func constValue(t ir.Basic, v constant.Value) any {
	switch {
	case t == ir.Float32:
		f, _ := constant.Float32Val(constant.ToFloat(v))
		return float64(f)
	case t == ir.Float64:
		f, _ := constant.Float64Val(constant.ToFloat(v))
		return f
	case ir.IsSigned(t):
		i, _ := constant.Int64Val(constant.ToInt(v))
		return i
	case ir.IsInteger(t):
		u, _ := constant.Uint64Val(constant.ToInt(v))
		return u
	case t == ir.Bool:
		return constant.BoolVal(v)
	}
	panic(fmt.Sprintf("parse: constant of type %v", t))
}

// zeroValue returns the Aux of the zero constant of type t.
func zeroValue(t ir.Basic) any {
	if t == ir.Bool {
		return false
	}
	return constValue(t, constant.MakeInt64(0))
}

// oneValue returns the Aux of the constant 1 of numeric type t.
func oneValue(t ir.Basic) any { return constValue(t, constant.MakeInt64(1)) }
