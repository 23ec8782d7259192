package godiff

import (
	"errors"
	"fmt"
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

// buildHVP builds FHVP, named name, for the directive d: //godiff:hvp,
// or //godiff:hessian, whose Hessian calls it; its refusals are d's. It
// returns the one-call gradient FHVP is the JVP of too.
func buildHVP(f *ir.Func, d parse.Directive, name string) (hvp, grad *ir.Func, err error) {
	calls, err := activeCalls(f, f.Name, d.Wrt, false)
	if err != nil {
		return nil, nil, err
	}
	if len(calls) > 0 {
		return nil, nil, hvpError(f, d, callsError(calls[0].V.Aux.(ir.Callee)))
	}
	sp, err := reverse.NewSplit(rules.LowerCalls(f, calls, true), d.Wrt, reverse.SplitNames(name))
	if err != nil {
		return nil, nil, hvpError(f, d, err)
	}
	grad, err = sp.OneCall(name)
	if err != nil {
		return nil, nil, hvpError(f, d, err)
	}
	g := forward.Transform(grad, d.Wrt, name)
	dropResult(g, len(grad.Results))
	renameHVP(g, f, d.Wrt)
	g.Doc = hvpDoc(f, g, d.Wrt)
	return g, grad, nil
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

func hvpDoc(f, g *ir.Func, wrt []int) []string {
	idx := make([]int, len(wrt))
	for k := range wrt {
		idx[k] = len(f.Params) + k
	}
	return []string{fmt.Sprintf("%s returns %s's result, its gradient with respect to %s, and the Hessian-vector product H·v for the direction (%s), in that order: H·v is the directional derivative of the gradient along v, computed by forward-mode differentiation of the reverse sweep, in a small constant times the gradient's time.",
		g.Name, f.Name, prose.List(ir.GoNames(f.Params, wrt)), strings.Join(ir.GoNames(g.Params, idx), ", "))}
}

// callsError says why FHVP refuses a call of c: a function of the
// package, or a math function of several results (math.Sincos,
// math.Lgamma, math.Frexp: the others have rules of one result).
func callsError(c ir.Callee) error {
	if c.Path == "math" {
		return fmt.Errorf("it calls math.%s, of several results, and differentiating through math functions of several results is not supported yet; call math functions of one result (math.Sin and math.Cos for math.Sincos)", c.Name)
	}
	return fmt.Errorf("it calls %s, and differentiating through calls of functions other than the math package's is not supported yet; inline the call", c.Name)
}
