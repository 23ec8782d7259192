package forward

import (
	"fmt"
	"slices"
	"strings"

	"github.com/godiff/godiff/internal/prose"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/rules"
)

// Transform returns FJVP(params, tangents, output tangents) (results,
// result tangents), named name: f's results and their directional
// derivatives along the tangents of the parameters whose indexes wrt
// lists, in ascending order. A slice parameter f writes varied values
// into (an output) gets a tangent buffer too, after the tangents, which
// FJVP fills with the outputs' directional derivatives.
func Transform(f *ir.Func, wrt []int, name string) *ir.Func {
	varied := ir.Analyse(f, wrt).Varied
	outputs := outputParams(f, wrt, varied)
	g := newSignature(f, wrt, outputs, name)
	b := ir.NewBuilder(g)
	t := &tangents{
		b: b, varied: varied,
		value: make(map[*ir.Value]*ir.Value),
		vars:  make(map[*ir.Var]*ir.Var),
		mem:   make(map[*ir.Value]*ir.Value),
		tapes: make(map[*ir.Value]*ir.Value),
	}
	// The tangent parameters are defined first, so that each parameter's
	// copy finds its tangent ready.
	tangentParam := make(map[int]*ir.Value)
	for i, p := range append(append([]int(nil), wrt...), outputs...) {
		tangentParam[p] = b.Param(len(f.Params) + i)
	}
	c := ir.NewCopier(b)
	c.After = func(old, v *ir.Value) {
		if old.Op == ir.OpParam {
			if tp, ok := tangentParam[old.Aux.(int)]; ok {
				t.setParam(old, v, tp)
			}
			return
		}
		t.copied(c, old, v)
	}
	results := make(map[*ir.Value]*ir.Value) // JVP calls of several results, by the call they stand for
	c.Before = func(old *ir.Value) bool {
		if old.Op == ir.OpExtract && results[old.Args[0]] != nil {
			t.result(c, old, results[old.Args[0]])
			return true
		}
		if !derivedCall(old) || !varied.Value[old] && !slices.ContainsFunc(ir.Written(old), func(x *ir.Value) bool { return varied.Mem[ir.Root(x)] }) {
			return false
		}
		if call := t.splitCall(c, old); call != nil {
			results[old] = call
		}
		return true
	}
	c.Return = func(old *ir.Value, args []*ir.Value) {
		outs := append([]*ir.Value(nil), args...)
		b.Simplify = true
		for i, r := range old.Args {
			outs = append(outs, t.ofResult(r, args[i]))
		}
		b.Simplify = false
		b.Return(outs...)
	}
	c.Block(f.Body)
	ir.CondsIntoBodies(g) // a condition calling a JVP
	if f.Return() == nil && len(f.Results) == 0 && !endsInExit(g.Body) {
		b.Return()
	}
	ir.DeadCode(g)
	ir.UniqueNames(g)
	return g
}

func endsInExit(blk *ir.Block) bool {
	return len(blk.Values) > 0 && blk.Values[len(blk.Values)-1].Op.IsExit()
}

// Outputs returns the indexes of the slice parameters, other than those
// in wrt, that f writes values varying with them into: Transform gives
// each a tangent buffer, after the tangents, in this order.
func Outputs(f *ir.Func, wrt []int) []int {
	return outputParams(f, wrt, ir.Analyse(f, wrt).Varied)
}

// outputParams lists the slice parameters, other than the differentiated
// ones, that f writes varied values into.
func outputParams(f *ir.Func, wrt []int, varied *ir.Flow) []int {
	isWrt := make(map[int]bool)
	for _, p := range wrt {
		isWrt[p] = true
	}
	var out []int
	for i := range f.Params {
		pv := f.ParamValue(i)
		if !isWrt[i] && pv != nil && ir.IsSlice(pv.Type) && varied.Mem[pv] {
			out = append(out, i)
		}
	}
	return out
}

// tangents builds the tangent of each varied value, variable and piece of
// memory next to it: a variable x gets a variable dx assigned with it, a
// slice s a slice ds written with it.
type tangents struct {
	b      *ir.Builder
	varied *ir.Flow
	value  map[*ir.Value]*ir.Value // the copy of a varied value → its tangent
	vars   map[*ir.Var]*ir.Var     // the copy of a varied variable → its tangent
	mem    map[*ir.Value]*ir.Value // the copy of a varied slice → its tangent slice
	tapes  map[*ir.Value]*ir.Value // the copy of a local tape → its tangent tape
}

func (t *tangents) setParam(old, v, tp *ir.Value) {
	tp.AddNote(ir.Note{Kind: ir.NoteTangent, Of: v})
	if ir.IsSlice(v.Type) {
		t.mem[v] = tp
	} else {
		t.value[v] = tp
	}
}

// of returns the tangent of the copied value v (old in f), zero if it has
// none.
func (t *tangents) of(old, v *ir.Value) *ir.Value {
	if d, ok := t.value[v]; ok {
		return d
	}
	return t.b.ZeroOf(old.Type) // an int or bool result has no other tangent
}

// ofResult returns the tangent of the copied result v (old in f): of a
// slice, which a gradient returns (see reverse.Split.OneCall), its
// tangent slice, or a slice of zeros of its length if it has none.
func (t *tangents) ofResult(old, v *ir.Value) *ir.Value {
	if !ir.IsSlice(old.Type) {
		return t.of(old, v)
	}
	if d, ok := t.mem[v]; ok {
		return d
	}
	return t.b.Make(old.Type, t.b.Len(v))
}

// copied builds the tangent code of one copied value.
func (t *tangents) copied(c *ir.Copier, old, v *ir.Value) {
	b := t.b
	b.Simplify = true
	defer func() { b.Simplify = false }()
	switch old.Op {
	case ir.OpDecl, ir.OpSet:
		x := old.Aux.(*ir.Var)
		if !t.varied.Vars[x] {
			return
		}
		dx := t.tangentVar(c.Var[x])
		var d *ir.Value
		if len(v.Args) == 1 {
			d = t.of(old.Args[0], v.Args[0])
		} else {
			d = b.Zero(x.Type)
		}
		if old.Op == ir.OpDecl {
			b.Declare(dx, d)
		} else {
			b.Set(dx, d)
		}
	case ir.OpGet:
		if dx, ok := t.vars[v.Aux.(*ir.Var)]; ok {
			t.value[v] = b.Get(dx)
		}
	case ir.OpLoad:
		if ds, ok := t.mem[v.Args[0]]; ok {
			d := b.Load(ds, v.Args[1])
			if ir.IsSlice(v.Type) {
				t.mem[v] = d
			} else {
				t.value[v] = d
			}
		}
	case ir.OpStore:
		s := v.Args[0]
		if !t.varied.Mem[ir.Root(old.Args[0])] {
			return
		}
		// A row stored into a slice of slices (the gradient's buffer of a
		// [][]float64, see reverse.Split.OneCall) has its tangent row.
		b.Store(t.memOf(s), v.Args[1], t.ofResult(old.Args[2], v.Args[2]))
	case ir.OpSubslice:
		if ds, ok := t.mem[v.Args[0]]; ok {
			t.mem[v] = b.Subslice(ds, v.Args[1], v.Args[2])
		}
	case ir.OpMake:
		if t.varied.Mem[old] {
			t.mem[v] = b.Make(v.Type, v.Args[0])
		}
	case ir.OpSliceLit:
		if t.varied.Mem[old] {
			elems := make([]*ir.Value, len(v.Args))
			for i := range elems {
				elems[i] = t.of(old.Args[i], v.Args[i])
			}
			t.mem[v] = b.SliceLit(v.Type, elems...)
		}
	case ir.OpCopySlice:
		t.copySlice(old, v)
	case ir.OpLocalTape, ir.OpTapeReset, ir.OpTapeGrow, ir.OpTapeSave, ir.OpTapeLoad:
		t.tapeOp(old, v)
	default:
		if v.Op.IsPure() && ir.IsFloat(v.Type) {
			if d := t.chain(v); d != nil {
				t.value[v] = d
			}
		}
		if old.Op == ir.OpExtract && ir.IsFloat(v.Type) && t.varied.Value[old] && t.value[v] == nil {
			// A result of a call of several results (math.Sincos) that
			// varies, with no tangent: rules.LowerCalls must lower such
			// calls first, or the derivative would be dropped without a
			// word (srcgen seed 4 program 10).
			panic(fmt.Sprintf("forward: the varied result %v of a call of several results has no tangent: the call was not lowered", v.Name))
		}
	}
	if d := t.value[v]; d != nil && v.Name != "" && d.Name == "" && !d.IsConst() && d.ID > v.ID && d.Op != ir.OpGet {
		d.Name = "d" + v.Name
	}
	if d := t.mem[v]; d != nil && v.Name != "" && d.Name == "" && d.ID > v.ID {
		d.Name = "d" + v.Name
	}
	t.note(v)
}

// note records on v's tangent, if it has one, that it is v's (see
// ir.Note): godiff explain prints it beside v.
func (t *tangents) note(v *ir.Value) {
	if d := t.value[v]; d != nil {
		d.AddNote(ir.Note{Kind: ir.NoteTangent, Of: v})
	}
	if d := t.mem[v]; d != nil {
		d.AddNote(ir.Note{Kind: ir.NoteTangent, Of: v})
	}
}

// memOf returns the tangent slice of a slice whose memory is varied.
func (t *tangents) memOf(s *ir.Value) *ir.Value {
	if ds, ok := t.mem[s]; ok {
		return ds
	}
	panic(fmt.Sprintf("forward: no tangent slice for %v (%v)", s.Name, s.Op))
}

// copySlice copies the tangents along with the values; from memory that
// does not vary, the copied tangents are zero.
func (t *tangents) copySlice(old, v *ir.Value) {
	if !t.varied.Mem[ir.Root(old.Args[0])] {
		return
	}
	b := t.b
	ddst := t.memOf(v.Args[0])
	if dsrc, ok := t.mem[v.Args[1]]; ok {
		b.CopySlice(ddst, dsrc)
		return
	}
	loop := b.Range("", v)
	b.In(loop.Blocks[0], func() {
		k := b.Index("k")
		b.Store(ddst, k, b.Zero(ir.Scalar(ddst.Type)))
	})
}

func (t *tangents) tangentVar(x *ir.Var) *ir.Var {
	if d, ok := t.vars[x]; ok {
		return d
	}
	d := &ir.Var{Name: "d" + x.Name, Type: x.Type}
	d.AddNote(ir.Note{Kind: ir.NoteTangent, Var: x})
	t.vars[x] = d
	return d
}

// chain builds v's tangent from its arguments' tangents, or returns nil
// when no argument has one.
func (t *tangents) chain(v *ir.Value) *ir.Value {
	varied := false
	for _, a := range v.Args {
		if t.value[a] != nil {
			varied = true
		}
	}
	if !varied {
		return nil
	}
	rule := rules.For(v)
	if rule == nil {
		panic(fmt.Sprintf("forward: no derivative rule for varied value %v (%v)", v.Name, v.Op))
	}
	b := t.b
	partials := rule(b, v, v.Args)
	var terms []*ir.Value
	for j, a := range v.Args {
		ta := t.value[a]
		if ta == nil || partials[j] == nil {
			continue
		}
		if ta.Type != v.Type {
			ta = b.Convert(ta, v.Type)
		}
		terms = append(terms, rules.TimesTangent(b, partials[j], ta))
	}
	return b.Sum(v.Type, terms)
}

// newSignature returns the empty JVP: f's parameters, one tangent per
// differentiated parameter, one tangent buffer per output; f's results
// then their tangents.
func newSignature(f *ir.Func, wrt, outputs []int, name string) *ir.Func {
	params := append([]ir.Param(nil), f.Params...)
	taken := ir.SigNames(params)
	groups := make(map[*ir.Group]*ir.Group) // a struct's tangent: a struct of its type
	var tangentIdx, outIdx []int
	for k, i := range append(append([]int(nil), wrt...), outputs...) {
		p := f.Params[i]
		name := ir.FreshName(taken, "d"+p.Name)
		taken[name] = true
		var dg *ir.Group
		if g := p.Group; g != nil {
			if dg = groups[g]; dg == nil {
				dg = g.Derived(ir.FreshName(taken, "d"+g.Name), g.Pointer)
				taken[dg.Name] = true
				groups[g] = dg
			}
		}
		if k < len(wrt) {
			tangentIdx = append(tangentIdx, len(params))
		} else {
			outIdx = append(outIdx, len(params))
		}
		params = append(params, ir.Param{Name: name, Type: p.Type, Group: dg, Field: p.Field})
	}
	tangents, outNames := ir.GoNames(params, tangentIdx), ir.GoNames(params, outIdx)
	wrtNames := ir.GoNames(f.Params, wrt)
	results := append([]ir.Result(nil), f.Results...)
	tangentGroups := make(map[*ir.Group]*ir.Group) // an array result's tangent: an array
	for _, r := range f.Results {
		var dg *ir.Group
		if g := r.Group; g != nil {
			if dg = tangentGroups[g]; dg == nil {
				dg = g.Derived("", false)
				tangentGroups[g] = dg
			}
		}
		results = append(results, ir.Result{Type: r.Type, Group: dg, Field: r.Field})
	}
	g := ir.NewFunc(name, params, results)
	along := fmt.Sprintf("along the tangents %s of %s", strings.Join(tangents, ", "), strings.Join(wrtNames, ", "))
	if len(f.Results) > 0 {
		g.Doc = []string{fmt.Sprintf("%s returns %s's results and then their directional derivatives %s, computed by forward-mode automatic differentiation.",
			g.Name, f.Name, along)}
	} else {
		g.Doc = []string{fmt.Sprintf("%s runs %s and computes, by forward-mode automatic differentiation, the directional derivatives of what it writes %s.",
			g.Name, f.Name, along)}
	}
	if len(outNames) > 0 {
		g.Doc = append(g.Doc, fmt.Sprintf("It writes the directional derivatives of what %s writes into its output %s into %s.",
			f.Name, prose.Plural(len(outNames), "slice", "slices"), prose.List(outNames)))
	}
	return g
}

// derivedCall reports whether v calls a function godiff differentiates
// (see ir.CallRule's Derived), which forward mode calls the JVP of.
func derivedCall(v *ir.Value) bool {
	if v.Op != ir.OpCall && v.Op != ir.OpInvoke {
		return false
	}
	c, ok := v.Aux.(ir.Callee)
	return ok && c.Rule != nil && c.Rule.Derived != nil && c.Rule.Err == ""
}

// splitCall builds y := g(args) for a varied call of a function g godiff
// differentiates (see ir.CallRule): a call of g's JVP, the variant with
// respect to the arguments that have tangents, gives y and its tangent,
// and fills the tangents of the slices g writes. For a call of several
// results it returns the JVP call, whose results old's extracts take.
func (t *tangents) splitCall(c *ir.Copier, old *ir.Value) *ir.Value {
	b := t.b
	callee := old.Aux.(ir.Callee)
	params := callee.Rule.Derived.Params
	args := make([]*ir.Value, len(old.Args))
	for i, a := range old.Args {
		args[i] = c.Value[a]
	}
	var tangents []*ir.Value
	var wrt []int
	for i, x := range args {
		p := params[i].Type
		switch {
		case !ir.IsDifferentiable(p):
			continue
		case ir.IsSlice(p) && t.mem[x] != nil:
			tangents = append(tangents, t.mem[x])
		case !ir.IsSlice(p) && t.value[x] != nil:
			tangents = append(tangents, t.value[x])
		case callee.Rule.Custom && callee.Rule.Composed == nil && ir.IsSlice(p):
			// The user's JVP takes a tangent for every differentiable
			// parameter: zeros where the argument has none.
			tangents = append(tangents, b.Make(p, b.Len(x)))
		case callee.Rule.Custom && callee.Rule.Composed == nil:
			tangents = append(tangents, b.Zero(p))
		default:
			continue // no tangent: the variant of g without it
		}
		wrt = append(wrt, i)
	}
	name := ir.Callee{Name: callee.Rule.Variant(wrt).JVP}
	if old.Type == nil { // it writes its results, and their tangents
		call := b.Invoke(name, nil, append(args, tangents...)...)
		call.AddNote(ir.Note{Kind: ir.NotePrimal, Of: old}) // for godiff explain: the call it stands for
		c.Value[old] = call
		return nil
	}
	if several, ok := old.Type.(ir.Tuple); ok {
		// a, b := g(x): the results then their tangents, which the
		// extracts of old take apart (see result).
		call := b.Invoke(name, append(slices.Clone(several), several...), append(args, tangents...)...)
		call.AddNote(ir.Note{Kind: ir.NotePrimal, Of: old})
		c.Value[old] = call
		return call
	}
	call := b.Invoke(name, ir.Tuple{old.Type, old.Type}, append(args, tangents...)...)
	call.AddNote(ir.Note{Kind: ir.NotePrimal, Of: old})
	y := b.Extract(call, 0)
	y.Name = old.Name
	y.AddNote(ir.Note{Kind: ir.NotePrimal, Of: old})
	c.Value[old] = y
	t.value[y] = b.Extract(call, 1)
	t.note(y)
	return nil
}

// result builds result k of a JVP call of several results (from
// splitCall) where old, the extract of result k of the call it stands
// for, was: the value, whose tangent is result k of the second half.
func (t *tangents) result(c *ir.Copier, old, call *ir.Value) {
	k := old.Aux.(int)
	y := t.b.Extract(call, k)
	y.Name = old.Name
	y.AddNote(ir.Note{Kind: ir.NotePrimal, Of: old})
	c.Value[old] = y
	if ir.IsFloat(y.Type) {
		t.value[y] = t.b.Extract(call, len(call.Type.(ir.Tuple))/2+k)
		t.note(y)
	}
}
