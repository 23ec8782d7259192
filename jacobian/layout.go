package jacobian

import (
	"slices"

	"github.com/godiff/godiff/ir"
)

// layout says which of F's parameters and results are the Jacobian's
// columns and rows.
type layout struct {
	f *ir.Func
	// cols are the differentiated parameters, in order: the column
	// blocks.
	cols []int
	// results counts F's float results, the first rows; rowParams are
	// the parameters whose final contents are the next row blocks: the
	// slices F writes derivatives into, in parameter order.
	results   int
	rowParams []int
	// outputs are the rowParams that are not differentiated (outputs
	// proper); the vector JVP takes their tangent buffers after those of
	// cols.
	outputs []int
	// written are the slice parameters F writes into and reads (or
	// passes to a call), derivatives or not: a forward path of several
	// sweeps restores them before each. One F only writes needs not.
	written []int
}

// newLayout reads the layout of f differentiated with respect to wrt.
func newLayout(f *ir.Func, wrt []int) *layout {
	act := ir.Analyse(f, wrt)
	l := &layout{f: f, cols: slices.Clone(wrt)}
	for _, r := range f.Results {
		if ir.IsFloat(r.Type) {
			l.results++
		}
	}
	for i := range f.Params {
		pv := f.ParamValue(i)
		if pv == nil || !ir.IsSlice(pv.Type) {
			continue
		}
		if act.Written[pv] && reads(f, pv) {
			l.written = append(l.written, i)
		}
		isWrt := slices.Contains(wrt, i)
		switch {
		case isWrt && act.Written[pv] && act.Varied.Mem[pv]:
			l.rowParams = append(l.rowParams, i)
		case !isWrt && act.Varied.Mem[pv]:
			l.rowParams = append(l.rowParams, i)
			l.outputs = append(l.outputs, i)
		}
	}
	return l
}

// staticCount returns the number of floats in a value of type t if the
// type fixes it: 1 for a float, n times the element's for an array.
func staticCount(t ir.Type) (int, bool) {
	switch t := t.(type) {
	case ir.Array:
		n, ok := staticCount(t.Elem)
		return t.Len * n, ok
	case ir.Pointer:
		if _, isArray := t.Elem.(ir.Array); isArray {
			return staticCount(t.Elem)
		}
		return 0, false
	case ir.Slice:
		return 0, false
	}
	return 1, ir.IsFloat(t)
}

// staticSize returns the sum of staticCount over the parameters idx of
// f, if every one is static.
func staticSize(f *ir.Func, idx []int) (int, bool) {
	total := 0
	for _, i := range idx {
		n, ok := staticCount(f.Params[i].Type)
		if !ok {
			return 0, false
		}
		total += n
	}
	return total, true
}

// Columns returns the number of columns of the Jacobian of f with
// respect to wrt, if the parameters' types fix it.
func Columns(f *ir.Func, wrt []int) (int, bool) { return staticSize(f, wrt) }

// Rows returns the number of rows of the Jacobian of f with respect to
// wrt, if the types fix it: f writes no slice derivatives.
func Rows(f *ir.Func, wrt []int) (int, bool) {
	l := newLayout(f, wrt)
	n, ok := staticSize(f, l.rowParams)
	return l.results + n, ok
}

// reads reports whether f reads the memory of parameter pv: loads from
// it or a view of it, copies from it, or passes it to a call that may
// read it (a call of a function godiff reads is followed into).
func reads(f *ir.Func, pv *ir.Value) bool {
	return readsIn(f, pv, make(map[*ir.Func]bool))
}

func readsIn(f *ir.Func, pv *ir.Value, seen map[*ir.Func]bool) bool {
	found := false
	f.Walk(func(v *ir.Value) {
		if found {
			return
		}
		switch v.Op {
		case ir.OpLoad:
			found = ir.Root(v.Args[0]) == pv
		case ir.OpCopySlice:
			found = ir.Root(v.Args[1]) == pv
		case ir.OpInvoke, ir.OpCall, ir.OpSliceLit, ir.OpHalt:
			for k, a := range v.Args {
				if ir.IsSlice(a.Type) && ir.Root(a) == pv {
					found = found || callReads(v, k, seen)
				}
			}
		}
	})
	return found
}

// callReads reports whether the call v may read its argument k: unless
// it calls a function of the package whose body does not.
func callReads(v *ir.Value, k int, seen map[*ir.Func]bool) bool {
	c, ok := v.Aux.(ir.Callee)
	if !ok || c.Rule == nil || c.Rule.Derived == nil || c.Rule.Custom || len(v.Args) != len(c.Rule.Derived.Params) {
		return true
	}
	g := c.Rule.Derived
	if seen[g] {
		return true // recursion: assume it does
	}
	seen[g] = true
	defer delete(seen, g)
	pv := g.ParamValue(k)
	return pv != nil && readsIn(g, pv, seen)
}
