package forward

import (
	"fmt"
	"strings"

	"godiff/ir"
	"godiff/rules"
)

// Transform returns FJVP(params, tangents) (results, result tangents), named
// name: f's results and their directional derivatives along the tangents of
// the parameters whose indexes wrt lists, in ascending order.
func Transform(f *ir.Func, wrt []int, name string) *ir.Func {
	g := newSignature(f, wrt, name)
	b := ir.NewBuilder(g)
	tangent := make(map[*ir.Value]*ir.Value)
	// The tangent parameters come first, so that each differentiated
	// parameter's copy finds its tangent ready.
	tangentOf := make(map[int]*ir.Value)
	for i, p := range wrt {
		tangentOf[p] = b.Param(len(f.Params) + i)
	}
	results := ir.CopyBody(b, f, func(old, v *ir.Value) {
		if v.Op == ir.OpParam {
			if t, ok := tangentOf[v.Aux.(int)]; ok {
				tangent[v] = t
			}
			return
		}
		if t := tangentOfValue(b, v, tangent); t != nil {
			tangent[v] = t
		}
	})
	outs := append([]*ir.Value(nil), results...)
	b.Simplify = true
	for _, r := range results {
		t, ok := tangent[r]
		if !ok {
			t = b.Zero(r.Type)
		}
		outs = append(outs, t)
	}
	b.Return(outs...)
	ir.DeadCode(g)
	return g
}

// tangentOfValue builds v's tangent from its arguments' tangents, or
// returns nil when no argument has one.
func tangentOfValue(b *ir.Builder, v *ir.Value, tangent map[*ir.Value]*ir.Value) *ir.Value {
	if !ir.IsFloat(v.Type) {
		return nil
	}
	varied := false
	for _, a := range v.Args {
		if tangent[a] != nil {
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
	b.Simplify = true
	defer func() { b.Simplify = false }()
	partials := rule(b, v)
	var terms []*ir.Value
	for j, a := range v.Args {
		ta := tangent[a]
		if ta == nil || partials[j] == nil {
			continue
		}
		if ta.Type != v.Type {
			ta = b.Convert(ta, v.Type)
		}
		terms = append(terms, b.Mul(partials[j], ta))
	}
	t := b.Sum(v.Type, terms)
	if v.Name != "" && t.Name == "" && !t.IsConst() && t.ID > v.ID {
		t.Name = "d" + v.Name
	}
	return t
}

// newSignature returns the empty JVP: f's parameters then one tangent per
// differentiated parameter; f's results then their tangents.
func newSignature(f *ir.Func, wrt []int, name string) *ir.Func {
	taken := make(map[string]bool)
	params := append([]ir.Param(nil), f.Params...)
	for _, p := range params {
		taken[p.Name] = true
	}
	var tangents, wrtNames []string
	for _, p := range wrt {
		name := ir.FreshName(taken, "d"+f.Params[p].Name)
		taken[name] = true
		params = append(params, ir.Param{Name: name, Type: f.Params[p].Type})
		tangents = append(tangents, name)
		wrtNames = append(wrtNames, f.Params[p].Name)
	}
	results := append([]ir.Result(nil), f.Results...)
	for _, r := range f.Results {
		results = append(results, ir.Result{Type: r.Type})
	}
	g := ir.NewFunc(name, params, results)
	g.Doc = []string{fmt.Sprintf("%s returns %s's results and then their directional derivatives along the tangents %s of %s, computed by forward-mode automatic differentiation.",
		g.Name, f.Name, strings.Join(tangents, ", "), strings.Join(wrtNames, ", "))}
	return g
}
