package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
)

// This file writes arrays of floats held as groups (see ir.Group): a run
// of values returned or passed for an array group is the literal
// [3]float64{a, b, c} ([2][2]float64{{a, b}, {c, d}} nested), and a
// result of an invoke that is an array group is one name, whose elements
// the extracts read as t[0].

// arrayLiteral returns the literal of the array group g holding xs, its
// elements in memory order; last is the field of its last element,
// [1][2], whose indexes give the array's lengths.
func arrayLiteral(g *ir.Group, last string, xs []jen.Code) (jen.Code, error) {
	var dims []int
	for _, part := range strings.Split(strings.Trim(last, "[]"), "][") {
		var n int
		if _, err := fmt.Sscanf(part, "%d", &n); err != nil {
			return nil, fmt.Errorf("the field %s of the array %s", last, g.Name)
		}
		dims = append(dims, n+1)
	}
	total := 1
	for _, d := range dims {
		total *= d
	}
	if total != len(xs) {
		return nil, fmt.Errorf("%d values for the array %s of %d elements", len(xs), g.Name, total)
	}
	var build func(dims []int, xs []jen.Code) jen.Code
	build = func(dims []int, xs []jen.Code) jen.Code {
		if len(dims) == 1 {
			return jen.Values(xs...)
		}
		step := len(xs) / dims[0]
		rows := make([]jen.Code, dims[0])
		for i := range rows {
			rows[i] = build(dims[1:], xs[i*step:(i+1)*step])
		}
		return jen.Values(rows...)
	}
	return jen.Id(g.Type).Add(build(dims, xs)), nil
}

// arrayKey identifies the array result g of an invoke.
type arrayKey struct {
	call *ir.Value
	g    *ir.Group
}

// calleeFunc returns the function of the file an invoke v calls, or nil.
func (e *funcEmitter) calleeFunc(v *ir.Value) *ir.Func {
	c, ok := v.Aux.(ir.Callee)
	if !ok || c.Path != "" {
		return nil
	}
	if fn := e.callees[calleeKey{c.Recv, c.Name}]; fn != nil {
		return fn
	}
	if r := c.Rule; r != nil && r.Derived != nil && r.Derived.Name == c.Name {
		return r.Derived // the function of the package itself, f(x)
	}
	return nil
}

// arrayArg returns the argument passed for the array group g of a
// callee's parameters ps: the array xs are the elements of, or their
// literal.
func (e *funcEmitter) arrayArg(xs []*ir.Value, ps []ir.Param, g *ir.Group) (jen.Code, error) {
	rs := make([]ir.Result, len(ps))
	for k, p := range ps {
		rs[k] = ir.Result{Type: p.Type, Group: p.Group, Field: p.Field}
	}
	if whole, ok := e.wholeArray(xs, rs); ok {
		return whole, nil
	}
	if have := e.groupOfArg(xs[0]); have != nil && have.Array && len(xs) == len(ps) {
		same := true
		for k, x := range xs {
			same = same && e.groupOfArg(x) == have && x.Op == ir.OpParam && e.fn.Params[x.Aux.(int)].Field == ps[k].Field
		}
		if same && have.Pointer {
			return jen.Op("*").Id(have.Name), nil
		}
		if same {
			return jen.Id(have.Name), nil // the caller's own array: s
		}
	}
	elems := make([]jen.Code, len(xs))
	for k, x := range xs {
		ref, err := e.ref(x)
		if err != nil {
			return nil, err
		}
		elems[k] = ref.code
	}
	return arrayLiteral(g, ps[len(ps)-1].Field, elems)
}

// hasArrayResult reports whether fn has an array group among its results.
func hasArrayResult(fn *ir.Func) bool {
	for _, r := range fn.Results {
		if r.Group != nil && r.Group.Array {
			return true
		}
	}
	return false
}

// arrayResult returns the array group and the field of the result that
// the extract x reads, if it is an element of an array result.
func (e *funcEmitter) arrayResult(x *ir.Value) (*ir.Group, string) {
	if x.Op != ir.OpExtract {
		return nil, ""
	}
	fn := e.calleeFunc(x.Args[0])
	i, ok := x.Aux.(int)
	if fn == nil || !ok || i < 0 || i >= len(fn.Results) {
		return nil, ""
	}
	if r := fn.Results[i]; r.Group != nil && r.Group.Array {
		return r.Group, r.Field
	}
	return nil, ""
}

// arrayResults returns the names an invoke's statement declares for a
// callee with array results: one per Go result, _ for one nothing reads,
// or nil if nothing reads any.
func (e *funcEmitter) arrayResults(v *ir.Value, fn *ir.Func) []jen.Code {
	names := make([]string, len(fn.Results))
	for _, x := range e.plan.extracts[v] {
		i := x.Aux.(int)
		if g, _ := e.arrayResult(x); g != nil {
			names[i] = e.arrayNames[arrayKey{v, g}]
			continue
		}
		names[i] = e.names[x]
	}
	var lhs []jen.Code
	named := false
	var last *ir.Group
	for i, r := range fn.Results {
		if r.Group != nil && r.Group == last {
			if names[i] != "" {
				lhs[len(lhs)-1] = jen.Id(names[i])
				named = true
			}
			continue
		}
		last = r.Group
		if names[i] == "" {
			lhs = append(lhs, jen.Id("_"))
			continue
		}
		named = true
		lhs = append(lhs, jen.Id(names[i]))
	}
	if !named {
		return nil
	}
	return lhs
}

// wholeArray returns the array whose elements xs are, in order, if they
// are all of one: the array result of an invoke (t1 for t1[0], t1[1],
// t1[2]), or an array read where it is returned (out for out[0], out[1],
// out[2], each load written in place), so that a return writes the array
// rather than a literal of its elements. rs are the leaves xs stand for.
func (e *funcEmitter) wholeArray(xs []*ir.Value, rs []ir.Result) (jen.Code, bool) {
	var root *ir.Value
	var name string
	for k, x := range xs {
		var r *ir.Value
		var n, field string
		if g, f := e.arrayResult(x); g != nil && x.Op == ir.OpExtract {
			r, n, field = x.Args[0], e.arrayNames[arrayKey{x.Args[0], g}], f
		} else {
			r, field = e.inlineLoads(x)
		}
		if r == nil || field != rs[k].Field || k > 0 && r != root {
			return nil, false
		}
		root, name = r, n
	}
	if name != "" {
		return jen.Id(name), true
	}
	ref, err := e.ref(root)
	if err != nil {
		return nil, false
	}
	return ref.code, true
}

// inlineLoads returns the array a chain of loads x written in place reads,
// at constant indexes, and the indexes as a field ([1][2]); nil if x is
// not one.
func (e *funcEmitter) inlineLoads(x *ir.Value) (*ir.Value, string) {
	field := ""
	for x.Op == ir.OpLoad && e.plan.form[x] == formInline && x.Args[1].IsConst() {
		i, ok := x.Args[1].Aux.(int64)
		if !ok {
			return nil, ""
		}
		field = fmt.Sprintf("[%d]", i) + field
		x = x.Args[0]
	}
	if field == "" || !isArray(x.Type) {
		return nil, ""
	}
	return x, field
}
