package testgen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/godiff/godiff/ir"
)

// This file describes F's signature and those of its derivatives in the
// terms the checking code uses: F's parameters (receiver first), their
// leaves (ir.Group: the numbers, slices and arrays godiff computes with),
// and each argument of a generated function as a parameter of F, the
// tape, the seed of a result of F, or derived values of leaves.

// run is one Go parameter of an IR signature: a plain parameter, or the
// leaves of one group (a struct), written back as one.
type run struct {
	first, end int // the IR parameters params[first:end]
	group      *ir.Group
}

// runs splits params into Go parameters the way package emit writes them:
// a new one for each plain parameter and each change of group.
func runs(params []ir.Param) []run {
	var out []run
	for i, p := range params {
		if p.Group != nil && len(out) > 0 && out[len(out)-1].group == p.Group {
			out[len(out)-1].end = i + 1
			continue
		}
		out = append(out, run{first: i, end: i + 1, group: p.Group})
	}
	return out
}

// resultRuns is runs for results: an array result is a group of leaves.
func resultRuns(results []ir.Result) []run {
	params := make([]ir.Param, len(results))
	for i, r := range results {
		params[i] = ir.Param{Name: r.Name, Type: r.Type, Group: r.Group, Field: r.Field}
	}
	return runs(params)
}

// signature is F's signature as the checks see it.
type signature struct {
	f       *ir.Func
	params  []run       // F's Go parameters, receiver first
	paramOf map[int]int // F's IR parameter → its Go parameter
	leafOf  map[int]int // F's IR parameter → its leaf, if it is one
	leaves  []int       // the leaves, as IR parameters
	results map[int]int // F's IR result → its Go result
}

func newSignature(f *ir.Func) *signature {
	s := &signature{f: f, params: runs(f.Params), paramOf: make(map[int]int), leafOf: make(map[int]int), results: make(map[int]int)}
	for k, r := range s.params {
		for i := r.first; i < r.end; i++ {
			s.paramOf[i] = k
		}
	}
	for i, p := range f.Params {
		_, opaque := p.Type.(ir.Opaque)
		if !opaque && !(p.Group != nil && p.Field == "") {
			s.leafOf[i] = len(s.leaves)
			s.leaves = append(s.leaves, i)
		}
	}
	for k, r := range resultRuns(f.Results) {
		for i := r.first; i < r.end; i++ {
			s.results[i] = k
		}
	}
	return s
}

// paramName returns the Go name of F's parameter k.
func (s *signature) paramName(k int) string {
	r := s.params[k]
	if r.group != nil {
		return r.group.Name
	}
	return s.f.Params[r.first].Name
}

// paramType returns the Go type of F's parameter k.
func (s *signature) paramType(k int) string {
	return runType(s.f.Params, s.params[k])
}

// runType returns the Go type of a Go parameter.
func runType(params []ir.Param, r run) string {
	if r.group != nil {
		return r.group.GoType()
	}
	return params[r.first].Type.String()
}

// leafName returns how messages name leaf IR parameter i: w, n.W1.
func (s *signature) leafName(i int) string {
	p := s.f.Params[i]
	if p.Group != nil {
		return p.Group.Name + "." + p.Field
	}
	return s.paramName(s.paramOf[i])
}

// role is what one IR parameter of a generated function is, in F's terms.
type role struct {
	kind  byte // 'p' F's parameter, 't' the tape, 's' a seed of F's result, 'd' a derived value
	index int  // 'p', 'd': F's IR parameter; 's': F's IR result
	leaf  byte // 'd': 'v' tangent, 'o' seed on entry, 'z' zero
}

// arg is one Go argument of a generated function, as the checks build it.
type arg struct {
	kind   byte
	index  int    // 'p': F's Go parameter; 's': F's Go result
	leaves []int  // 'd': leaf numbers
	roles  string // 'd': each leaf's role
	whole  bool   // 'd': a struct of the leaves' parameter's type
	typ    string // the Go type of the argument
}

// layout returns the arguments of g, in the order of its method
// expression (receiver first), given the role of each IR parameter.
func (s *signature) layout(g *ir.Func, roleOf func(i int) role) ([]arg, error) {
	var out []arg
	for _, r := range runs(g.Params) {
		a, err := s.arg(g, r, roleOf)
		if err != nil {
			return nil, err
		}
		if r.group != nil && r.group.Recv {
			out = slices.Insert(out, 0, a)
		} else {
			out = append(out, a)
		}
	}
	return out, nil
}

// arg describes one Go parameter r of g.
func (s *signature) arg(g *ir.Func, r run, roleOf func(i int) role) (arg, error) {
	first := roleOf(r.first)
	a := arg{kind: first.kind, typ: runType(g.Params, r), whole: r.group != nil}
	switch first.kind {
	case 'p':
		a.index = s.paramOf[first.index]
	case 's':
		a.index = s.results[first.index]
	case 'd':
		for i := r.first; i < r.end; i++ {
			ro := roleOf(i)
			l, ok := s.leafOf[ro.index]
			if ro.kind != 'd' || !ok {
				return arg{}, fmt.Errorf("%s: parameter %s mixes roles", g.Name, g.Params[i].Name)
			}
			a.leaves = append(a.leaves, l)
			a.roles += string(ro.leaf)
		}
	}
	return a, nil
}

// gradients returns the gradient results of FGrad or FVJP, after F's: one
// per differentiated Go parameter, holding the leaves wrt in order.
func (s *signature) gradients(g *ir.Func, wrt []int) []arg {
	var out []arg
	k := 0
	for _, r := range resultRuns(g.Results[len(s.f.Results):]) {
		a := arg{kind: 'd', whole: r.group != nil}
		for range r.end - r.first {
			a.leaves = append(a.leaves, s.leafOf[wrt[k]])
			a.roles += "z"
			k++
		}
		out = append(out, a)
	}
	return out
}

// roles of the IR parameters of each generated function.

func (s *signature) gradRole(i int) role { return role{kind: 'p', index: i} }

func (s *signature) vjpRole(seeded []int) func(int) role {
	nf, nr := len(s.f.Params), len(s.f.Results)
	return func(i int) role {
		switch {
		case i < nf:
			return role{kind: 'p', index: i}
		case i < nf+nr:
			return role{kind: 's', index: i - nf}
		}
		return role{kind: 'd', index: seeded[i-nf-nr], leaf: 'o'}
	}
}

func (s *signature) jvpRole(wrt, outputs []int) func(int) role {
	nf := len(s.f.Params)
	return func(i int) role {
		switch {
		case i < nf:
			return role{kind: 'p', index: i}
		case i < nf+len(wrt):
			return role{kind: 'd', index: wrt[i-nf], leaf: 'v'}
		}
		return role{kind: 'd', index: outputs[i-nf-len(wrt)], leaf: 'z'}
	}
}

func (s *signature) forwardRole(i int) role {
	if i == 0 {
		return role{kind: 't'}
	}
	return role{kind: 'p', index: i - 1}
}

func (s *signature) backwardRole(buffers, seeded []int) func(int) role {
	nr := len(s.f.Results)
	return func(i int) role {
		switch {
		case i == 0:
			return role{kind: 't'}
		case i < 1+nr:
			return role{kind: 's', index: i - 1}
		}
		b := buffers[i-1-nr]
		if slices.Contains(seeded, b) {
			return role{kind: 'd', index: b, leaf: 'o'}
		}
		return role{kind: 'd', index: b, leaf: 'z'}
	}
}

// nameable reports whether a test file of the package can spell the Go
// type t without an import of its own: every type but another package's.
func nameable(t string) bool { return !strings.Contains(t, ".") }
