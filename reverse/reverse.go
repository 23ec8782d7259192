package reverse

import (
	"fmt"
	"strings"

	"godiff/ir"
	"godiff/rules"
)

// Mode says which reverse-mode function to build.
type Mode int

const (
	// Grad builds FGrad(params) (result, dq1, ..., dqk) for an F with one
	// float result: the gradient, with the seed 1.
	Grad Mode = iota
	// VJP builds FVJP(params, seeds) (results, dq1, ..., dqk): the
	// vector-Jacobian product of F's results with the seeds.
	VJP
)

// Transform returns the reverse-mode derivative of f, named name, with
// respect to the parameters whose indexes wrt lists, in ascending order.
func Transform(f *ir.Func, wrt []int, mode Mode, name string) *ir.Func {
	g := newSignature(f, wrt, mode, name)
	b := ir.NewBuilder(g)
	nparams := len(f.Params)
	seeds := make([]*ir.Value, len(f.Results))
	if mode == VJP {
		for i := range seeds {
			seeds[i] = b.Param(nparams + i)
		}
	}

	b.Comment("Forward sweep: " + f.Name + " as written, keeping what the backward sweep reads.")
	results := ir.CopyBody(b, f, nil)
	primal := append([]*ir.Value(nil), g.Body.Values...)

	b.Simplify = true
	if mode == Grad {
		seeds[0] = b.Float(f.Results[0].Type, 1)
	}
	wrtValues := make([]*ir.Value, len(wrt))
	for i, p := range wrt {
		wrtValues[i] = g.ParamValue(p)
	}
	active := activeValues(g, wrtValues, results)

	b.Comment("Backward sweep: the chain rule, link by link, in reverse order.")
	adj := newAdjoints(b, primal[len(primal)-1].ID)
	for i, r := range results {
		if active[r] {
			adj.add(r, seeds[i])
		}
	}
	for i := len(primal) - 1; i >= 0; i-- {
		v := primal[i]
		if active[v] && v.Op != ir.OpParam {
			propagate(b, adj, active, v)
		}
	}

	grads := make([]*ir.Value, len(wrt))
	for i, p := range wrtValues {
		grads[i] = adj.final(p, g.Results[len(f.Results)+i].Name)
	}
	b.Return(append(results, grads...)...)
	ir.DeadCode(g)
	return g
}

// activeValues returns the values that carry a derivative from wrt to the
// results: varied by a differentiated parameter and useful to a result.
func activeValues(g *ir.Func, wrt, results []*ir.Value) map[*ir.Value]bool {
	varied := ir.Varied(g, wrt)
	useful := ir.Reaches(g, results)
	active := make(map[*ir.Value]bool)
	for v := range varied {
		if useful[v] {
			active[v] = true
		}
	}
	return active
}

// propagate sums v's adjoint and passes a contribution to each active
// argument: its adjoint times the partial of v with respect to it.
func propagate(b *ir.Builder, adj *adjoints, active map[*ir.Value]bool, v *ir.Value) {
	dv := adj.sum(v)
	if dv == nil {
		return
	}
	rule := rules.For(v)
	if rule == nil {
		panic(fmt.Sprintf("reverse: no derivative rule for active value %v (%v)", v.Name, v.Op))
	}
	partials := rule(b, v)
	for j, a := range v.Args {
		if !active[a] || partials[j] == nil {
			continue
		}
		c := b.Mul(dv, partials[j])
		if a.Type != v.Type {
			c = b.Convert(c, a.Type)
		}
		adj.add(a, c)
	}
}

// newSignature returns the empty derivative function: f's parameters, the
// seeds (VJP), f's results and one adjoint per differentiated parameter.
func newSignature(f *ir.Func, wrt []int, mode Mode, name string) *ir.Func {
	taken := make(map[string]bool)
	params := append([]ir.Param(nil), f.Params...)
	for _, p := range params {
		taken[p.Name] = true
	}
	if mode == VJP {
		for i, r := range f.Results {
			name := ir.FreshName(taken, seedName(f, i))
			taken[name] = true
			params = append(params, ir.Param{Name: name, Type: r.Type})
		}
	}
	results := append([]ir.Result(nil), f.Results...)
	names := make([]string, len(wrt))
	for i, p := range wrt {
		names[i] = ir.FreshName(taken, "d"+f.Params[p].Name)
		taken[names[i]] = true
		results = append(results, ir.Result{Name: names[i], Type: f.Params[p].Type})
	}
	g := ir.NewFunc(name, params, results)
	g.Doc = doc(f, g, wrt, mode)
	return g
}

// seedName names the seed of result i: s for the only result, s1, s2, ...
// otherwise. (Not d<result>: that name belongs to the result's adjoint,
// which is the seed plus what later uses of the result contribute.)
func seedName(f *ir.Func, i int) string {
	if len(f.Results) == 1 {
		return "s"
	}
	return fmt.Sprintf("s%d", i+1)
}

// doc writes the generated function's doc comment.
func doc(f, g *ir.Func, wrt []int, mode Mode) []string {
	var wrtNames []string
	for _, p := range wrt {
		wrtNames = append(wrtNames, f.Params[p].Name)
	}
	adjoints := make([]string, len(wrt))
	for i := range wrt {
		adjoints[i] = g.Results[len(f.Results)+i].Name
	}
	if mode == Grad {
		return []string{fmt.Sprintf("%s returns %s's result and its gradient with respect to %s, in that order (%s), computed by reverse-mode automatic differentiation.",
			g.Name, f.Name, list(wrtNames), strings.Join(adjoints, ", "))}
	}
	seeds := make([]string, len(f.Results))
	for i := range seeds {
		seeds[i] = g.Params[len(f.Params)+i].Name
	}
	return []string{fmt.Sprintf("%s returns %s's results and the vector-Jacobian product with the seeds %s: for each of %s, the sum over the results of seed times derivative (%s), computed by reverse-mode automatic differentiation.",
		g.Name, f.Name, strings.Join(seeds, ", "), list(wrtNames), strings.Join(adjoints, ", "))}
}

// list joins names as English does: "a", "a and b", "a, b and c".
func list(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
