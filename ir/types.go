package ir

import (
	"fmt"
	"slices"
	"strings"
)

// Type is the type of a value or of a parameter.
type Type interface {
	String() string // the type as Go spells it
}

// Basic is one of Go's predeclared numeric or boolean types.
type Basic int

// The basic types godiff computes with. Float64 and Float32 can carry
// derivatives; the integer kinds and Bool are always constant with respect to
// the differentiated parameters.
const (
	InvalidBasic Basic = iota
	Float64
	Float32
	Int
	Int8
	Int16
	Int32
	Int64
	Uint
	Uint8
	Uint16
	Uint32
	Uint64
	Uintptr
	Bool
)

var basicNames = [...]string{
	InvalidBasic: "invalid",
	Float64:      "float64",
	Float32:      "float32",
	Int:          "int",
	Int8:         "int8",
	Int16:        "int16",
	Int32:        "int32",
	Int64:        "int64",
	Uint:         "uint",
	Uint8:        "uint8",
	Uint16:       "uint16",
	Uint32:       "uint32",
	Uint64:       "uint64",
	Uintptr:      "uintptr",
	Bool:         "bool",
}

// String returns the type as Go spells it.
func (t Basic) String() string {
	if t < 0 || int(t) >= len(basicNames) {
		return fmt.Sprintf("basic(%d)", int(t))
	}
	return basicNames[t]
}

// Opaque is a parameter type godiff passes through a signature without
// computing with it (a string, a slice, a named type). Its Go spelling is
// kept so that emitted signatures match the source. CallTape marks the
// tape type of a callee's split form, which a caller's tape holds (see
// CallRule); Calls, that this tape is one godiff generates, shared by
// the calls of one call site (see Tape), rather than the tape of a rule's
// forward function, one per call.
type Opaque struct {
	Go       string
	CallTape bool
	Calls    bool
	// Qualified is Go spelled with every named type of another package
	// written as ForeignQualifier(path, name) + "." + type name, so that a
	// file spelling the type can import each package (Parts splits it);
	// "" if the type names no other package.
	Qualified string
}

// String returns the type as Go spells it.
func (t Opaque) String() string { return t.Go }

// IsFloat reports whether t is float64 or float32: a type that can carry a
// derivative.
func IsFloat(t Type) bool { return t == Float64 || t == Float32 }

// IsInteger reports whether t is one of Go's integer types.
func IsInteger(t Type) bool {
	b, ok := t.(Basic)
	return ok && b >= Int && b <= Uintptr
}

// IsSigned reports whether t is a signed integer type.
func IsSigned(t Type) bool {
	b, ok := t.(Basic)
	return ok && b >= Int && b <= Int64
}

// IsNumeric reports whether t is a float or integer type.
func IsNumeric(t Type) bool { return IsFloat(t) || IsInteger(t) }

// Slice is a slice type, []Elem. A slice value is a reference to memory
// that load and store read and write.
type Slice struct {
	Elem Type
}

// String returns the type as Go spells it.
func (t Slice) String() string { return "[]" + t.Elem.String() }

// Array is an array type, [Len]Elem. Like a slice it is memory that load
// and store read and write; unlike a slice, assigning it copies it.
type Array struct {
	Len  int
	Elem Type
}

// String returns the type as Go spells it.
func (t Array) String() string { return fmt.Sprintf("[%d]%s", t.Len, t.Elem) }

// Tuple is the type of an invoke with several results.
type Tuple []Type

// String returns the types of the tuple, in parentheses.
func (t Tuple) String() string {
	parts := make([]string, len(t))
	for i, e := range t {
		parts[i] = e.String()
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// FloatIn reports whether a float is among t's types: a call of several
// results that are all integers and bools (nx, ny := m.Dims()) carries no
// derivative out.
func (t Tuple) FloatIn() bool { return slices.ContainsFunc(t, IsFloat) }

// Pointer is a pointer type, *Elem. The split form of reverse mode passes
// the adjoints of scalar parameters as pointers the backward function adds
// to.
type Pointer struct {
	Elem Type
}

// String returns the type as Go spells it.
func (t Pointer) String() string { return "*" + t.Elem.String() }

// TapeRef is the type of a pointer to a tape: the struct the forward
// function fills and the backward function reads.
type TapeRef struct {
	Tape *Tape
}

// String returns the type as Go spells it: a pointer to the tape.
func (t TapeRef) String() string { return "*" + t.Tape.Name }

// Record is the type of one call's record on a shared tape (see Tape):
// an anonymous struct of the tape's fields InRecord.
type Record struct {
	Tape *Tape
}

// String returns the tape's name and ".record".
func (t Record) String() string { return t.Tape.Name + ".record" }

// Elem returns the element type of a slice or pointer type, nil otherwise.
func Elem(t Type) Type {
	switch t := t.(type) {
	case Slice:
		return t.Elem
	case Array:
		return t.Elem
	case Pointer:
		if a, ok := t.Elem.(Array); ok {
			return a.Elem // indexing a *[N]T indexes the array
		}
		return t.Elem
	}
	return nil
}

// IsSlice reports whether t is indexable memory: a slice, an array, or a
// pointer to an array.
func IsSlice(t Type) bool {
	switch t := t.(type) {
	case Slice, Array:
		return true
	case Pointer:
		_, ok := t.Elem.(Array)
		return ok
	}
	return false
}

// IsDifferentiable reports whether t can carry a derivative: a float type,
// or a slice or array whose elements can.
func IsDifferentiable(t Type) bool {
	if IsSlice(t) {
		return IsDifferentiable(Elem(t))
	}
	return IsFloat(t)
}

// Scalar returns the float type at the bottom of a (nested) slice or array
// type, or t itself.
func Scalar(t Type) Type {
	for IsSlice(t) {
		t = Elem(t)
	}
	return t
}
