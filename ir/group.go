package ir

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Group is a struct parameter, receiver or result of a function's Go
// signature, which the IR holds flattened: one parameter (Param.Group,
// Param.Field) per field the body can use, its leaves, so that a field is
// just a parameter to every pass. A *Net parameter n with fields W1
// [][]float64 and B2 float64 is the parameters nW1 and nB2, written n.W1
// and n.B2 in the generated code; nested struct values are flattened too
// (n.Act.Scale). Only emission looks at groups: it writes one Go
// parameter, result or receiver per group, and a leaf as its field.
//
// A receiver with no leaf is held by one parameter of Field "" standing
// for the whole struct, so that every function keeps its receiver.
//
// An array of floats is a group too where the Go signature holds it as a
// result, or as the seed or tangent of one ([3]float64: leaves [0], [1],
// [2]; [2][3]float64: [0][0] ... [1][2]), so that each element is a float
// result to the transforms. Its leaves are written s[0], and a run of
// values returned or passed for it as the literal [3]float64{a, b, c}.
type Group struct {
	Name    string // the Go parameter's name: n
	Type    string // the struct type as the package spells it: Net; or the array type [3]float64
	Pointer bool   // the Go parameter is a pointer, *Net
	Recv    bool   // the method's receiver
	Array   bool   // an array of floats, whose leaves' fields are indexes: [0], [1][2]
	// Qualified is Type with its package's import path, for a struct type
	// of another package (r3.Vec), as Opaque.Qualified spells it; "" for
	// the package's own types.
	Qualified string
}

// Spelling returns the struct type, without a pointer, as an opaque type:
// its Go spelling, and its package's import path for a type of another
// package, so that a file naming it can import it.
func (g *Group) Spelling() Opaque { return Opaque{Go: g.Type, Qualified: g.Qualified} }

// RecvType returns the receiver's struct type of a method, as the package
// spells it without a pointer (Net), or "" for a function.
func (f *Func) RecvType() string {
	for _, p := range f.Params {
		if p.Group != nil && p.Group.Recv {
			return p.Group.Type
		}
	}
	return ""
}

// GoType returns the Go type of the group's parameter: *Net or Net.
func (g *Group) GoType() string {
	if g.Pointer {
		return "*" + g.Type
	}
	return g.Type
}

// Ref returns the Go expression of a field of the group: n.W1, or n for
// the whole struct (field "").
func (g *Group) Ref(field string) string {
	switch {
	case field == "":
		return g.Name
	case g.Array:
		return g.Name + field
	}
	return g.Name + "." + field
}

// Derived returns a group named name of the same struct type: the adjoint
// or tangent of g, a pointer if pointer is set, never a receiver.
func (g *Group) Derived(name string, pointer bool) *Group {
	return &Group{Name: name, Type: g.Type, Qualified: g.Qualified, Pointer: pointer, Array: g.Array}
}

// Recv returns the group of f's receiver, or nil if f is a function.
func (f *Func) Recv() *Group {
	for _, p := range f.Params {
		if p.Group != nil && p.Group.Recv {
			return p.Group
		}
	}
	return nil
}

// SigNames returns the names the Go signature of a function with these
// parameters declares, receiver included: a plain parameter's name, a
// group's, and each leaf's IR name too (the transforms name derived
// parameters after them), so that a new name can avoid them all.
func SigNames(params []Param) map[string]bool {
	taken := make(map[string]bool)
	for _, p := range params {
		taken[p.Name] = true
		if p.Group != nil {
			taken[p.Group.Name] = true
		}
	}
	return taken
}

// GoNames returns the names by which a Go reader knows the parameters
// params[i] for i in idx, in order: a plain parameter's name, and a
// group's once for all its leaves. The doc comments list these.
func GoNames(params []Param, idx []int) []string {
	return goNames(idx, func(i int) (string, *Group) { return params[i].Name, params[i].Group })
}

// GoResultNames is GoNames for results.
func GoResultNames(results []Result, idx []int) []string {
	return goNames(idx, func(i int) (string, *Group) { return results[i].Name, results[i].Group })
}

func goNames(idx []int, at func(int) (string, *Group)) []string {
	var names []string
	var last *Group
	for _, i := range idx {
		name, g := at(i)
		switch {
		case g == nil:
			names = append(names, name)
			last = nil
		case g != last:
			names = append(names, g.Name)
			last = g
		}
	}
	return names
}

// LeafName returns the IR name of the leaf field of a group called group:
// the group's name followed by each part of the field's path, capitalised
// (n, Act.Scale → nActScale), a Go identifier for the tape's fields and
// the backward sweep's locals.
func LeafName(group, field string) string {
	if strings.HasPrefix(field, "[") {
		// An array's element: s, [1][2] → s1_2.
		idx := strings.Split(strings.Trim(field, "[]"), "][")
		return group + strings.Join(idx, "_")
	}
	var sb strings.Builder
	sb.WriteString(group)
	for _, part := range strings.Split(field, ".") {
		if part == "" {
			continue
		}
		r, size := utf8.DecodeRuneInString(part)
		sb.WriteRune(unicode.ToUpper(r))
		sb.WriteString(part[size:])
	}
	return sb.String()
}
