package parse

import (
	"fmt"
	"go/ast"
	"go/types"

	"github.com/godiff/godiff/ir"
)

// A result of array type, [3]float64, is a group of results in the IR
// (see ir.Group): one float result per element, its leaves, so that the
// transforms see a function of several float results, whose seeds and
// tangents emission writes back as arrays. A return of an array returns
// its elements, loaded as the return runs.

// isFloatArray reports whether t is an array of floats, nested or not: a
// result godiff can differentiate.
func isFloatArray(t types.Type) bool {
	lt, ok := localType(t)
	if !ok {
		return false
	}
	for {
		a, isArray := lt.(ir.Array)
		if !isArray {
			return false
		}
		if b, isBasic := a.Elem.(ir.Basic); isBasic {
			return ir.IsFloat(b)
		}
		lt = a.Elem
	}
}

// arrayLeaf is one element of an array: its path of indexes, the field
// naming it ([1][2]) and its type.
type arrayLeaf struct {
	path  []int
	field string
	typ   ir.Type
}

// arrayLeaves returns the elements of an array type in memory order.
func arrayLeaves(t ir.Array) []arrayLeaf {
	var out []arrayLeaf
	var walk func(t ir.Type, path []int, field string)
	walk = func(t ir.Type, path []int, field string) {
		a, isArray := t.(ir.Array)
		if !isArray {
			out = append(out, arrayLeaf{path: path, field: field, typ: t})
			return
		}
		for i := range a.Len {
			walk(a.Elem, append(path[:len(path):len(path)], i), fmt.Sprintf("%s[%d]", field, i))
		}
	}
	walk(t, nil, "")
	return out
}

// results returns the IR results of sig, an array of floats as a group
// of its elements.
func (c *checker) results(sig *types.Signature) []ir.Result {
	var out []ir.Result
	for i := range sig.Results().Len() {
		v := sig.Results().At(i)
		t := irType(v.Type(), c.qual)
		if !isFloatArray(v.Type()) {
			out = append(out, ir.Result{Name: v.Name(), Type: t})
			continue
		}
		g := &ir.Group{Name: v.Name(), Type: c.typeString(v.Type()), Array: true}
		for _, l := range arrayLeaves(t.(ir.Array)) {
			out = append(out, ir.Result{Type: l.typ, Group: g, Field: l.field})
		}
	}
	return out
}

// flattenResults returns the values a return of vals returns: an array's
// elements in place of the array.
func (fb *funcBuilder) flattenResults(vals []*ir.Value) []*ir.Value {
	var out []*ir.Value
	for _, v := range vals {
		a, isArray := v.Type.(ir.Array)
		if !isArray {
			out = append(out, v)
			continue
		}
		for _, l := range arrayLeaves(a) {
			x := v
			for _, i := range l.path {
				x = fb.b.Load(x, fb.b.Const(ir.Int, int64(i)))
			}
			out = append(out, x)
		}
	}
	return out
}

// arrayCall builds a call of fn, a function of the package that returns
// an array of floats: an invoke of its split form, whose results are the
// array's elements, stored into a fresh array, the call's value. If
// godiff cannot build fn (its rule's Err), the call stays a call of fn,
// whose value is the array: the output calls fn as the source does, where
// no derivative flows through the call (an active one is refused, see
// the root package's activeCalls).
func (fb *funcBuilder) arrayCall(e *ast.CallExpr, fn *types.Func, recv *receiver, name string) (*ir.Value, bool) {
	args, _, ok := fb.callArgs(e, fn, recv, name)
	if !ok {
		return fb.silent()
	}
	t, _ := localType(fn.Signature().Results().At(0).Type())
	a := t.(ir.Array)
	if c := fb.callee(e, fn); c.Rule != nil && c.Rule.Err != "" {
		return fb.b.Invoke(c, a, args...), true
	}
	leaves := arrayLeaves(a)
	tuple := make(ir.Tuple, len(leaves))
	for k, l := range leaves {
		tuple[k] = l.typ
	}
	call := fb.b.Invoke(fb.callee(e, fn), tuple, args...)
	arr := fb.b.Make(a, fb.b.Const(ir.Int, int64(a.Len)))
	for k, l := range leaves {
		row := arr
		for _, i := range l.path[:len(l.path)-1] {
			row = fb.b.Load(row, fb.b.Const(ir.Int, int64(i)))
		}
		fb.b.Store(row, fb.b.Const(ir.Int, int64(l.path[len(l.path)-1])), fb.b.Extract(call, k))
	}
	return arr, true
}
