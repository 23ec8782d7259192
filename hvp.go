package godiff

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/godiff/godiff/forward"
	"github.com/godiff/godiff/internal/prose"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/parse"
	"github.com/godiff/godiff/reverse"
	"github.com/godiff/godiff/rules"
)

// deriveHVP builds FHVP(params, v...) (F, gradient..., H·v...) for a
// //godiff:hvp directive d on f, forward over reverse: the gradient as
// one function of plain IR (reverse.Split.OneCall: FGrad's forward and
// backward sweeps with the tape inlined), then its JVP along v
// (forward.Transform), whose tangent of F's result, v·∇F, is dropped.
// Its split form is built for this only and not emitted.
func deriveHVP(f *ir.Func, d parse.Directive, built map[string]*hvpBuilt) (*ir.Func, error) {
	h, err := cachedHVP(f, d, d.Name, built)
	if err != nil {
		return nil, err
	}
	return h.hvp, nil
}

// hvpBuilt is an FHVP and the one-call gradient it is the JVP of.
type hvpBuilt struct{ hvp, grad *ir.Func }

// cachedHVP builds FHVP, named name, once per derivation of f: the
// //godiff:hvp directive and the //godiff:hessian that calls it share
// one (and its tape type).
func cachedHVP(f *ir.Func, d parse.Directive, name string, built map[string]*hvpBuilt) (*hvpBuilt, error) {
	if d.Mode == parse.Hessian {
		if err := hessianRefusal(f, d); err != nil {
			return nil, err
		}
	}
	if h := built[name]; h != nil {
		return h, nil
	}
	hvp, grad, err := buildHVP(f, d, name)
	if err != nil {
		return nil, err
	}
	built[name] = &hvpBuilt{hvp, grad}
	return built[name], nil
}

// hessianRefusal is what //godiff:hessian refuses of what FHVP takes:
// FHessianTo restores the slices F writes before each sweep, a level
// deep, so it takes no slice of slices F writes into.
func hessianRefusal(f *ir.Func, d parse.Directive) error {
	_, _, err := hessianWrites(f, d)
	return err
}

// hessianWrites returns the slice parameters F writes into (see
// writtenParams): all of them, which FHessianTo saves and restores, and
// the differentiated ones.
func hessianWrites(f *ir.Func, d parse.Directive) (written, inPlace []int, err error) {
	flat, err := reverse.Inline(f, d.Wrt)
	if err != nil {
		return nil, nil, hvpError(f, d, err)
	}
	outs, inPlace := writtenParams(flat, d.Wrt)
	written = append(outs, inPlace...)
	slices.Sort(written)
	for _, i := range written {
		if !ir.IsFloat(ir.Elem(f.Params[i].Type)) {
			return nil, nil, hvpError(f, d, fmt.Errorf("%s writes into %s, of type %s, and FHessianTo restores only slices of floats before each of its sweeps; write into a []float64 (//godiff:hvp takes it: FHVP runs %s once)", f.Name, sourceName(f.Params[i]), f.Params[i].Type, f.Name))
		}
	}
	return written, inPlace, nil
}

// sourceName is parameter p as the source writes it: s.W for the field W
// of a struct parameter s, whose IR parameter is named sW.
func sourceName(p ir.Param) string {
	switch {
	case p.Group == nil || p.Field == "":
		return p.Name
	case strings.HasPrefix(p.Field, "["):
		return p.Group.Name + p.Field
	}
	return p.Group.Name + "." + p.Field
}

// buildHVP builds FHVP, named name, for the directive d: //godiff:hvp,
// or //godiff:hessian, whose Hessian calls it; its refusals are d's. It
// returns the one-call gradient FHVP is the JVP of too.
func buildHVP(f *ir.Func, d parse.Directive, name string) (hvp, grad *ir.Func, err error) {
	if err := arrayRefusal(f, d); err != nil {
		return nil, nil, err
	}
	// The package's functions it calls, inlined: FHVP is one function.
	flat, err := reverse.Inline(f, d.Wrt)
	if err != nil {
		return nil, nil, hvpError(f, d, err)
	}
	_, inPlace := writtenParams(flat, d.Wrt)
	calls, err := activeCalls(flat, f.Name, d.Wrt, false)
	if err != nil {
		return nil, nil, err
	}
	if len(calls) > 0 {
		return nil, nil, hvpError(f, d, notInlined(calls[0].V.Aux.(ir.Callee)))
	}
	sp, err := reverse.NewSplit(rules.LowerCalls(flat, calls, true), d.Wrt, reverse.SplitNames(name))
	if err != nil {
		return nil, nil, hvpError(f, d, err)
	}
	grad, err = sp.OneCall(name)
	if err != nil {
		return nil, nil, hvpError(f, d, err)
	}
	dropEmptyTape(grad) // it may record nothing: no FHVPTape to declare
	g := forward.Transform(grad, d.Wrt, name)
	dropResult(g, len(grad.Results))
	renameHVP(g, f, d.Wrt)
	groupResults(g, f, d.Wrt)
	for _, i := range inPlace {
		keepDirection(g, len(f.Params)+slices.Index(d.Wrt, i))
	}
	// The buffers FHVP takes are the transform's outputs: the slices F
	// writes values varying with v into, not every slice it writes (a
	// constant written into a field of a struct parameter has no
	// derivative, and no buffer: srcgen seed 4 program 120).
	g.Doc = hvpDoc(f, g, d.Wrt, forward.Outputs(grad, d.Wrt))
	return g, grad, nil
}

// notInlined explains why FHVP cannot go through a call of c, which
// reverse.Inline left a call: a //godiff:rule gives the first derivative
// only.
func notInlined(c ir.Callee) error {
	switch {
	case c.Path == "math":
		return fmt.Errorf("it calls math.%s, of several results, and differentiating through math functions of several results is not supported yet; call math functions of one result (math.Sin and math.Cos for math.Sincos)", c.Name)
	case c.Rule != nil && c.Rule.Composed != nil:
		return fmt.Errorf("it calls %s, the gradient godiff generates for %s, a function of slices, and a Hessian of it would need %s's third derivatives, which godiff does not build", c.Rule.Names.Base, c.Rule.Composed.F.Name, c.Rule.Composed.F.Name)
	case c.Rule != nil && c.Rule.Derived == nil || c.Rule != nil && c.Rule.Custom:
		return fmt.Errorf("it calls %s, whose derivative is a //godiff:rule, and a rule gives no second derivative; let godiff read %s (drop the rule) or pass it constants", c.Name, c.Name)
	case c.Path != "":
		return fmt.Errorf("it calls %s.%s, whose body FHVP cannot inline; write the computation in this package", path.Base(c.Path), c.Name)
	}
	return fmt.Errorf("it calls %s, and FHVP differentiates through no call but of math and of the package's functions it can inline", c.Name)
}

// hvpError is what //godiff:hvp refuses, at the directive; a diagnostic
// of the gradient's own (a parse.ErrorList) stands as it is.
func hvpError(f *ir.Func, d parse.Directive, err error) error {
	var list parse.ErrorList
	if errors.As(err, &list) {
		return list
	}
	what := "Hessian-vector product"
	if d.Mode == parse.Hessian {
		what = "Hessian"
	}
	return parse.ErrorList{{Pos: d.Pos, Msg: fmt.Sprintf("//godiff:%v cannot build the %s of %s: %v", d.Mode, what, f.Name, err)}}
}

// dropResult removes result i of g, and its value from g's returns.
func dropResult(g *ir.Func, i int) {
	g.Results = append(g.Results[:i:i], g.Results[i+1:]...)
	g.Walk(func(v *ir.Value) {
		if v.Op == ir.OpReturn {
			v.Args = append(v.Args[:i:i], v.Args[i+1:]...)
		}
	})
	ir.DeadCode(g)
}

// renameHVP names FHVP's direction parameters vx and its H·v results
// hvx, which the JVP named ddx (the tangent of the gradient dx) and dx
// (the tangent of x).
func renameHVP(g, f *ir.Func, wrt []int) {
	taken := ir.SigNames(g.Params)
	for _, r := range g.Results {
		taken[r.Name] = true
	}
	n := len(f.Params)
	for k, i := range wrt {
		p := &g.Params[n+k]
		delete(taken, p.Name)
		p.Name = ir.FreshName(taken, "v"+f.Params[i].Name)
		taken[p.Name] = true
	}
	for k, i := range wrt {
		r := &g.Results[len(f.Results)+len(wrt)+k]
		delete(taken, r.Name)
		r.Name = ir.FreshName(taken, "hv"+f.Params[i].Name)
		taken[r.Name] = true
	}
}

func hvpDoc(f, g *ir.Func, wrt, outs []int) []string {
	idx := make([]int, len(wrt))
	for k := range wrt {
		idx[k] = len(f.Params) + k
	}
	var more []string
	for k, i := range outs {
		more = append(more, fmt.Sprintf("%s receives the derivative along v of what %s writes into %s.", g.Params[len(f.Params)+len(wrt)+k].Name, f.Name, f.Params[i].Name))
	}
	return append([]string{fmt.Sprintf("%s returns %s's result, its gradient with respect to %s, and the Hessian-vector product H·v for the direction (%s), in that order: H·v is the directional derivative of the gradient along v, computed by forward-mode differentiation of the reverse sweep, in a small constant times the gradient's time.",
		g.Name, f.Name, prose.List(ir.GoNames(f.Params, wrt)), strings.Join(ir.GoNames(g.Params, idx), ", "))}, more...)
}

// writtenParams returns the slice parameters f writes into: outs, not
// differentiated (FHVP writes the derivatives along v of those among
// them that receive values varying with v into buffers the caller
// passes after the direction: forward.Outputs), and inPlace,
// differentiated ones F updates in place.
func writtenParams(f *ir.Func, wrt []int) (outs, inPlace []int) {
	written := ir.Analyse(f, wrt).Written
	for i := range f.Params {
		if pv := f.ParamValue(i); pv == nil || !written[pv] || !ir.IsSlice(f.Params[i].Type) {
			continue
		}
		if slices.Contains(wrt, i) {
			inPlace = append(inPlace, i)
		} else {
			outs = append(outs, i)
		}
	}
	return outs, inPlace
}

// keepDirection makes FHVP work on a copy of its direction parameter j
// (a []float64) when F updates the parameter in place: the tangents
// update with it, and the caller's direction stays as it was passed.
func keepDirection(g *ir.Func, j int) {
	pv := g.ParamValue(j)
	if pv == nil || ir.IsSlice(ir.Elem(pv.Type)) {
		return // a slice of slices: updated in place, as F updates its rows
	}
	at := 0
	for at < len(g.Body.Values) && g.Body.Values[at].Op == ir.OpParam {
		at++
	}
	b := ir.NewBuilder(g)
	var n, cp, cpy *ir.Value
	b.InsertIn(g.Body, at, func() {
		n = b.Len(pv)
		cp = b.Make(pv.Type, n)
		cpy = b.CopySlice(cp, pv)
	})
	cp.Name = ir.FreshName(ir.SigNames(g.Params), pv.Name)
	g.Walk(func(v *ir.Value) {
		for i, a := range v.Args {
			if a == pv && v != n && v != cpy {
				v.Args[i] = cp
			}
		}
	})
}

// groupResults returns the gradient and H·v of the fields of a struct
// parameter or receiver as structs of its type, named d<p> and hv<p>,
// as FGrad returns the gradient; the direction is one already (see
// forward.Transform), renamed v<p>. The one-call gradient and its JVP
// hold one result per field until here.
func groupResults(g, f *ir.Func, wrt []int) {
	taken := ir.SigNames(g.Params)
	for _, r := range g.Results {
		taken[r.Name] = true
	}
	grad := make(map[*ir.Group]*ir.Group)
	hv := make(map[*ir.Group]*ir.Group)
	dir := make(map[*ir.Group]bool)
	derived := func(m map[*ir.Group]*ir.Group, pg *ir.Group, prefix string) *ir.Group {
		if m[pg] == nil {
			m[pg] = pg.Derived(ir.FreshName(taken, prefix+pg.Name), pg.Pointer)
			taken[m[pg].Name] = true
		}
		return m[pg]
	}
	n, nr := len(f.Params), len(f.Results)
	var fields []int // the results to group
	for k, i := range wrt {
		pg := f.Params[i].Group
		if pg == nil {
			continue
		}
		if vg := g.Params[n+k].Group; vg != nil && !dir[vg] {
			delete(taken, vg.Name)
			vg.Name = ir.FreshName(taken, "v"+pg.Name)
			taken[vg.Name], dir[vg] = true, true
		}
		g.Results[nr+k].Group, g.Results[nr+k].Field = derived(grad, pg, "d"), f.Params[i].Field
		g.Results[nr+len(wrt)+k].Group, g.Results[nr+len(wrt)+k].Field = derived(hv, pg, "hv"), f.Params[i].Field
		fields = append(fields, nr+k, nr+len(wrt)+k)
	}
	if len(fields) == 0 {
		return
	}
	ret := g.Return()
	body := g.Body
	b := ir.NewBuilder(g)
	at := len(body.Values) - 1
	b.InsertIn(body, at, func() {
		for _, j := range fields {
			r := g.Results[j]
			x := &ir.Var{Name: r.Name, Type: r.Type, Group: r.Group, Field: r.Field}
			b.Declare(x, ret.Args[j])
			ret.Args[j] = b.Get(x)
		}
	})
}
