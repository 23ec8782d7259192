package rules

import "github.com/godiff/godiff/ir"

// Reads reports which forward values the partials of y read, counting only
// the partials of the arguments whose active entry is true: readArg[j] if
// argument j is read, self if y itself is. Reverse mode keeps exactly these
// for its backward sweep.
//
// It finds out by building the partials once in a scratch function, on
// placeholder values, and looking at what they reference: the rule itself is
// the only description of what it needs.
func Reads(y *ir.Value, active []bool) (readArg []bool, self bool) {
	rule := For(y)
	readArg = make([]bool, len(y.Args))
	if rule == nil {
		return readArg, false
	}
	params := make([]ir.Param, len(y.Args)+1)
	for i, a := range y.Args {
		params[i] = ir.Param{Name: "x", Type: a.Type}
	}
	params[len(y.Args)] = ir.Param{Name: "y", Type: y.Type}
	scratch := ir.NewFunc("scratch", params, nil)
	b := ir.NewBuilder(scratch)
	b.Simplify = true
	x := make([]*ir.Value, len(y.Args))
	for i := range x {
		x[i] = b.Param(i)
	}
	self0 := b.Param(len(y.Args))
	partials := rule(b, self0, x)
	seen := make(map[*ir.Value]bool)
	var visit func(v *ir.Value)
	visit = func(v *ir.Value) {
		if v == nil || seen[v] {
			return
		}
		seen[v] = true
		for _, a := range v.Args {
			visit(a)
		}
	}
	for j, p := range partials {
		if j < len(active) && active[j] {
			visit(p)
		}
	}
	for i, xi := range x {
		readArg[i] = seen[xi]
	}
	return readArg, seen[self0]
}
