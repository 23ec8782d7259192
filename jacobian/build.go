package jacobian

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/godiff/godiff/forward"
	"github.com/godiff/godiff/internal/prose"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/reverse"
)

// Mode says which path a Jacobian takes: see the package comment.
type Mode int

// The modes.
const (
	Auto Mode = iota
	Forward
	Reverse
)

// maxWidth is the most directions a vector sweep carries when the
// number of inputs is fixed by the types: up to it, one sweep does.
// dynamicWidth is the width when it is not: slices.
const (
	maxWidth     = 16
	dynamicWidth = 8
)

// Paths returns which paths the Jacobian of f with respect to wrt needs
// in mode m: both when the choice waits for the sizes of slices.
func Paths(f *ir.Func, wrt []int, m Mode) (fwd, rev bool) {
	switch m {
	case Forward:
		return true, false
	case Reverse:
		return false, true
	}
	n, okN := Columns(f, wrt)
	rows, okM := Rows(f, wrt)
	if okN && okM {
		return n <= rows, n > rows
	}
	return true, true
}

// Width returns the number of directions of the vector sweeps of f's
// Jacobian with respect to wrt: all the inputs at once when their number
// is fixed and at most maxWidth, else as few sweeps of equal width as
// maxWidth allows; dynamicWidth when slices decide the number.
func Width(f *ir.Func, wrt []int) int {
	n, ok := Columns(f, wrt)
	if !ok {
		return dynamicWidth
	}
	if n <= maxWidth {
		return max(n, 1)
	}
	sweeps := (n + maxWidth - 1) / maxWidth
	return (n + sweeps - 1) / sweeps
}

// Spec is what Build needs: F (as the forward transform saw it, lowered),
// its differentiated parameters, the names to generate, and the paths:
// Vector, F's vector JVP with K directions, and Split, F's split form;
// either may be nil, not both.
type Spec struct {
	F              *ir.Func
	Wrt            []int
	Name, To, Work string
	Vector         *ir.Func
	K              int
	Split          *reverse.Split
}

// Build returns FJacobianTo and FJacobian; the type FJacobianWork is the
// first's parameter's (see package emit: a tape).
func Build(s *Spec) ([]*ir.Func, error) {
	if s.Vector == nil && s.Split == nil {
		return nil, fmt.Errorf("jacobian: no path for %s", s.F.Name)
	}
	l := newLayout(s.F, s.Wrt)
	if err := check(s, l); err != nil {
		return nil, err
	}
	bd := newBuilder(s, l)
	to, err := bd.buildTo()
	if err != nil {
		return nil, err
	}
	alloc, err := bd.buildAlloc(to)
	if err != nil {
		return nil, err
	}
	return []*ir.Func{to, alloc}, nil
}

// check refuses what the paths cannot follow: pointers and slices nested
// more than twice among the inputs and outputs, and results of two float
// types.
func check(s *Spec, l *layout) error {
	for _, i := range append(slices.Clone(l.cols), l.rowParams...) {
		t, name := s.F.Params[i].Type, displayName(s.F, i)
		if _, ok := t.(ir.Pointer); ok {
			return fmt.Errorf("godiff builds Jacobians with respect to floats, arrays, slices and structs, and %s of %s is %s", name, s.F.Name, t)
		}
		if inner, ok := ir.Elem(t).(ir.Slice); ok {
			if _, ok := ir.Elem(inner).(ir.Slice); ok {
				return fmt.Errorf("godiff builds Jacobians of slices and slices of slices, and %s of %s is %s", name, s.F.Name, t)
			}
		}
	}
	var resType ir.Type
	for _, r := range s.F.Results {
		if resType != nil && r.Type != resType {
			return fmt.Errorf("godiff builds Jacobians of functions whose results are of one float type, and %s returns %s and %s; convert them to one type", s.F.Name, resType, r.Type)
		}
		resType = r.Type
	}
	return nil
}

// builder builds the functions of one Jacobian.
type builder struct {
	s    *Spec
	l    *layout
	work *work
	f    *ir.Func
}

func newBuilder(s *Spec, l *layout) *builder {
	return &builder{s: s, l: l, work: newWork(s.Work), f: s.F}
}

// buildTo builds FJacobianTo(work, jac, params) results.
func (bd *builder) buildTo() (*ir.Func, error) {
	f, s := bd.f, bd.s
	params := slices.Clone(f.Params)
	taken := ir.SigNames(params)
	workName := ir.FreshName(taken, "work")
	taken[workName] = true
	jacName := ir.FreshName(taken, "jac")
	taken[jacName] = true
	params = append([]ir.Param{
		{Name: workName, Type: ir.TapeRef{Tape: bd.work.tape}},
		{Name: jacName, Type: ir.Slice{Elem: ir.Slice{Elem: ir.Float64}}},
	}, params...)
	g := ir.NewFunc(s.To, params, slices.Clone(f.Results))
	g.Tape = bd.work.tape // a type the output declares, for the checks of names
	b := ir.NewBuilder(g)
	b.Simplify = true
	gn := &gen{b: b}
	wv, jac := b.Param(0), b.Param(1)
	args := make([]*ir.Value, len(f.Params))
	for i := range f.Params {
		args[i] = b.Param(2 + i)
	}
	p := &paths{bd: bd, gen: gn, work: wv, jac: jac, args: args}
	p.sizes()
	p.checkShape()
	outs, err := p.build()
	if err != nil {
		return nil, err
	}
	b.Return(outs...)
	g.Doc = bd.toDoc(g)
	bd.work.document(f, s.To)
	ir.DeadCode(g)
	ir.UniqueNames(g)
	return g, nil
}

// paths builds the body of FJacobianTo.
type paths struct {
	bd *builder
	*gen
	work, jac *ir.Value
	args      []*ir.Value
	// n and m are the numbers of columns and rows; colOff and rowOff the
	// first column of each column block (by index in cols) and the first
	// row of each row block (by index in rowParams).
	n, m           *ir.Value
	colOff, rowOff []*ir.Value
	groups         map[*ir.Group]*ir.Group // see derivedGroup
	// fresh is nil in FJacobianTo; in FJacobian it stands for the work
	// (see fresh.go).
	fresh *freshWork
}

// sizes computes the Jacobian's size and the offsets of its blocks.
func (p *paths) sizes() {
	f, l := p.bd.f, p.bd.l
	off := p.int(0)
	for _, i := range l.cols {
		p.colOff = append(p.colOff, off)
		off = p.add(off, p.count(p.args[i], f.Params[i].Type))
	}
	p.n = off
	off = p.int(l.results)
	for _, i := range l.rowParams {
		p.rowOff = append(p.rowOff, off)
		off = p.add(off, p.count(p.args[i], f.Params[i].Type))
	}
	p.m = off
	p.n.Name, p.m.Name = nameIfNotConst(p.n, "n"), nameIfNotConst(p.m, "m")
}

// nameIfNotConst returns name for a computed value, "" for a constant
// (a literal stays one).
func nameIfNotConst(v *ir.Value, name string) string {
	if v.IsConst() {
		return ""
	}
	if v.Name != "" {
		return v.Name
	}
	return name
}

// checkShape panics, with what is wrong, unless jac has m rows of n
// columns.
func (p *paths) checkShape() {
	b, to := p.b, p.bd.s.To
	p.when(b.Compare(ir.OpNe, b.Len(p.jac), p.m), func() {
		p.halt(fmt.Sprintf("%s: jac has %%d rows, want %%d: one per output", to), b.Len(p.jac), p.m)
	})
	p.loop(p.jac, "i", func(i *ir.Value) {
		row := b.Load(p.jac, i)
		p.when(b.Compare(ir.OpNe, b.Len(row), p.n), func() {
			p.halt(fmt.Sprintf("%s: row %%d of jac has %%d columns, want %%d: one per input", to), i, b.Len(row), p.n)
		})
	})
}

// halt builds panic(fmt.Sprintf(format, args...)).
func (g *gen) halt(format string, args ...*ir.Value) {
	sprintf := ir.HaltExpr{Kind: ir.HaltCall, Path: "fmt", Name: "Sprintf", Args: []ir.HaltExpr{{Kind: ir.HaltLit, Lit: strconv.Quote(format)}}}
	for i := range args {
		sprintf.Args = append(sprintf.Args, ir.HaltExpr{Kind: ir.HaltArg, Arg: i})
	}
	g.b.Halt(&ir.Halt{Call: ir.HaltExpr{Kind: ir.HaltCall, Name: "panic", Args: []ir.HaltExpr{sprintf}}}, args...)
}

// build builds the paths s has, choosing between them at run time when
// it has both, and returns F's results.
func (p *paths) build() ([]*ir.Value, error) {
	s := p.bd.s
	switch {
	case s.Vector != nil && s.Split != nil:
		return p.choose()
	case s.Vector != nil:
		return p.forward()
	}
	return p.reverse()
}

// choose builds if n <= m { forward } else { reverse }, the choice at
// run time.
func (p *paths) choose() ([]*ir.Value, error) {
	b := p.b
	vars := p.resultVars()
	iff := b.If(b.Compare(ir.OpLe, p.n, p.m))
	var err error
	for k, path := range []func() ([]*ir.Value, error){p.forward, p.reverse} {
		b.In(iff.Blocks[k], func() {
			var outs []*ir.Value
			if outs, err = path(); err == nil {
				for i, x := range vars {
					b.Set(x, outs[i])
				}
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return p.getAll(vars), nil
}

// resultVars declares a variable for each of F's results.
func (p *paths) resultVars() []*ir.Var {
	var vars []*ir.Var
	for i, r := range p.bd.f.Results {
		name := r.Name
		if name == "" || name == "_" {
			name = fmt.Sprintf("r%d", i+1)
		}
		x := &ir.Var{Name: name, Type: r.Type}
		p.b.Declare(x, nil)
		vars = append(vars, x)
	}
	return vars
}

func (p *paths) getAll(vars []*ir.Var) []*ir.Value {
	outs := make([]*ir.Value, len(vars))
	for i, x := range vars {
		outs[i] = p.b.Get(x)
	}
	return outs
}

// invoke calls fn, of the file, on args, and returns its results.
func invoke(b *ir.Builder, fn *ir.Func, args []*ir.Value) []*ir.Value {
	callee := ir.Callee{Name: fn.Name, Recv: fn.RecvType()}
	switch len(fn.Results) {
	case 0:
		b.Invoke(callee, nil, args...)
		return nil
	case 1:
		return []*ir.Value{b.Invoke(callee, fn.Results[0].Type, args...)}
	}
	types := make(ir.Tuple, len(fn.Results))
	for i, r := range fn.Results {
		types[i] = r.Type
	}
	call := b.Invoke(callee, types, args...)
	outs := make([]*ir.Value, len(types))
	for i := range outs {
		outs[i] = b.Extract(call, i)
	}
	return outs
}

// buildAlloc builds FJacobian(params) (results, jac): a fresh Jacobian,
// filled by FJacobianTo's computation in its own body, on buffers of its
// own (see fresh.go).
func (bd *builder) buildAlloc(to *ir.Func) (*ir.Func, error) {
	f, s := bd.f, bd.s
	params := slices.Clone(f.Params)
	taken := ir.SigNames(params)
	jacType := ir.Slice{Elem: ir.Slice{Elem: ir.Float64}}
	results := append(slices.Clone(f.Results), ir.Result{Type: jacType})
	g := ir.NewFunc(s.Name, params, results)
	b := ir.NewBuilder(g)
	b.Simplify = true
	gn := &gen{b: b}
	args := make([]*ir.Value, len(f.Params))
	for i := range f.Params {
		args[i] = b.Param(i)
	}
	p := &paths{bd: bd, gen: gn, args: args}
	p.sizes()
	data := b.Make(ir.Slice{Elem: ir.Float64}, p.mul(p.m, p.n))
	data.Name = ir.FreshName(taken, "data")
	jac := b.Make(jacType, p.m)
	jac.Name = ir.FreshName(taken, "jac")
	p.loop(p.m, "i", func(i *ir.Value) {
		lo := p.mul(i, p.n)
		b.Store(jac, i, b.Subslice(data, lo, p.add(lo, p.n)))
	})
	p.jac = jac
	p.fresh = newFreshWork(b, bd.work, s.Split)
	outs, err := p.build()
	if err != nil {
		return nil, err
	}
	b.Return(append(outs, jac)...)
	g.Doc = bd.allocDoc(g)
	ir.DeadCode(g)
	ir.UniqueNames(g)
	return g, nil
}

// widen is forward.Widen.
func widen(t ir.Type, k int) ir.Type { return forward.Widen(t, k) }

// toDoc writes FJacobianTo's doc comment.
func (bd *builder) toDoc(g *ir.Func) []string {
	f, s := bd.f, bd.s
	doc := []string{fmt.Sprintf("%s writes into jac the Jacobian of %s: row i holds the derivatives of its i-th output, column j those with respect to its j-th input. The outputs are %s; the inputs %s. %s", s.To, f.Name, bd.outputsProse(), bd.inputsProse(), bd.returnsProse())}
	doc = append(doc, fmt.Sprintf("jac must have a row per output and a column per input (%s allocates one). %s keeps its buffers in work, so that a kept work and jac make the steady state allocate nothing.", s.Name, s.To))
	return append(doc, bd.modeProse())
}

// allocDoc writes FJacobian's doc comment.
func (bd *builder) allocDoc(g *ir.Func) []string {
	f, s := bd.f, bd.s
	what := f.Name + "'s results and its Jacobian"
	if len(f.Results) == 0 {
		what = "the Jacobian of " + f.Name
	}
	return []string{fmt.Sprintf("%s returns %s, a fresh [][]float64 with a row per output and a column per input, as %s writes it: it runs %s's computation on buffers of its own, and allocates the Jacobian (its numbers and its rows) and buffers too large for the stack.", s.Name, what, s.To, s.To)}
}

func (bd *builder) returnsProse() string {
	if len(bd.f.Results) == 0 {
		return fmt.Sprintf("It writes into %s's outputs what %s writes.", bd.f.Name, bd.f.Name)
	}
	return fmt.Sprintf("It returns %s's results.", bd.f.Name)
}

// outputsProse lists the outputs, in row order.
func (bd *builder) outputsProse() string {
	f, l := bd.f, bd.l
	var parts []string
	switch {
	case l.results == 1:
		parts = append(parts, "the result")
	case l.results > 1:
		parts = append(parts, fmt.Sprintf("the %d results", l.results))
	}
	for _, i := range l.rowParams {
		parts = append(parts, "the elements "+f.Name+" leaves in "+displayName(f, i))
	}
	return prose.List(parts)
}

// inputsProse lists the inputs, in column order.
func (bd *builder) inputsProse() string {
	f := bd.f
	var parts []string
	var last *ir.Group
	for _, i := range bd.l.cols {
		prm := f.Params[i]
		switch {
		case prm.Group != nil && prm.Group == last:
			continue
		case prm.Group != nil:
			last = prm.Group
			parts = append(parts, "the floats of "+prm.Group.Name+", field by field")
		case ir.IsFloat(prm.Type):
			parts = append(parts, prm.Name)
		default:
			parts = append(parts, "the elements of "+prm.Name)
		}
	}
	list := prose.List(parts)
	if bd.nested() {
		list += " (row-major for nested slices and arrays)"
	}
	return list
}

// nested reports whether an input or output is a slice or array of
// slices or arrays.
func (bd *builder) nested() bool {
	for _, i := range append(slices.Clone(bd.l.cols), bd.l.rowParams...) {
		if ir.IsSlice(ir.Elem(bd.f.Params[i].Type)) {
			return true
		}
	}
	return false
}

// displayName names parameter i of f as the source does: n.W1 for a
// field.
func displayName(f *ir.Func, i int) string {
	if g := f.Params[i].Group; g != nil {
		return g.Ref(f.Params[i].Field)
	}
	return f.Params[i].Name
}

// modeProse says which path FJacobianTo takes.
func (bd *builder) modeProse() string {
	s := bd.s
	var fwd string
	if s.Vector != nil {
		fwd = fmt.Sprintf("forward mode: sweeps of %s with %d directions each, one sweep per %d inputs", s.Vector.Name, s.K, s.K)
	}
	if s.Vector != nil && s.Split == nil {
		if n, ok := Columns(bd.f, bd.l.cols); ok && n <= s.K {
			fwd = fmt.Sprintf("forward mode: one sweep of %s gives all %d columns", s.Vector.Name, n)
		}
		return "It computes the Jacobian in " + fwd + "."
	}
	rev := fmt.Sprintf("reverse mode: one run of %s, then one of %s per output", s.Split.Forward.Name, s.Split.Backward.Name)
	if s.Vector == nil {
		return "It computes the Jacobian in " + rev + "."
	}
	return fmt.Sprintf("With no more inputs than outputs it computes the Jacobian in %s; with more, in %s.", fwd, rev)
}
