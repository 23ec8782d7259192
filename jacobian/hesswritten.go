package jacobian

import (
	"fmt"

	"github.com/godiff/godiff/internal/prose"
	"github.com/godiff/godiff/ir"
)

// This file holds what FHessian and FHessianTo do for the slices F
// writes (see HessianSpec.Written) and for struct parameters: the copies
// restored before each sweep, the scratch buffers for the derivatives of
// F's outputs, and the doc comment saying which input is which field.

// matrix makes a fresh n×n matrix, its rows one allocation.
func (hg *hgen) matrix(taken map[string]bool) *ir.Value {
	b := hg.b
	data := b.Make(ir.Slice{Elem: ir.Float64}, hg.mul(hg.n, hg.n))
	data.Name = ir.FreshName(taken, "data")
	h := b.Make(ir.Slice{Elem: ir.Slice{Elem: ir.Float64}}, hg.n)
	h.Name = ir.FreshName(taken, "h")
	hg.loop(hg.n, "i", func(i *ir.Value) {
		lo := hg.mul(i, hg.n)
		b.Store(h, i, b.Subslice(data, lo, hg.add(lo, hg.n)))
	})
	return h
}

// saveWritten copies the slices F writes, as they were passed, unless
// one sweep computes every column.
func (hg *hgen) saveWritten() {
	b := hg.b
	hg.saved = make(map[int]*ir.Value)
	if hg.s.Vector != nil && !hg.s.Chunked {
		return
	}
	for _, i := range hg.s.Written {
		x := hg.args[i]
		cp := b.Make(x.Type, b.Len(x))
		cp.Name = "saved" + hg.s.F.Params[i].Name
		b.CopySlice(cp, x)
		hg.saved[i] = cp
	}
}

// restoreWritten copies the saved values back before a sweep: every
// sweep runs F from the point FHessianTo was called at.
func (hg *hgen) restoreWritten() {
	for _, i := range hg.s.Written {
		hg.b.CopySlice(hg.args[i], hg.saved[i])
	}
}

// outBuffers makes the buffers of the derivatives of the slices F writes
// (HessianSpec.Outs): FHVP's, a float per float, with k 0; the vector
// JVP's tangents, k per float, else (also with k 1, a Hessian of one
// input: [][1]float64, which it said was []float64, fuzzing's seed 951).
// Their contents are not read.
func (hg *hgen) outBuffers(k int) []*ir.Value {
	b := hg.b
	var bufs []*ir.Value
	for _, i := range hg.s.Outs {
		t := hg.s.F.Params[i].Type
		if k > 0 {
			t = ir.Slice{Elem: ir.Array{Len: k, Elem: ir.Elem(t)}}
		}
		d := b.Make(t, b.Len(hg.args[i]))
		d.Name = "d" + hg.s.F.Params[i].Name
		bufs = append(bufs, d)
	}
	return bufs
}

// inputOrder says which row and column of h is which input.
func inputOrder(s *HessianSpec) string {
	f := s.F
	fields := false
	var parts []string
	for _, i := range s.Wrt {
		p := f.Params[i]
		fields = fields || p.Group != nil
		if ir.IsFloat(p.Type) {
			parts = append(parts, displayName(f, i))
			continue
		}
		parts = append(parts, fmt.Sprintf("%s (one per element)", displayName(f, i)))
	}
	if !fields {
		return "Row and column i of h are the i-th input: the parameters in that order, a float one input, a slice one per element."
	}
	return fmt.Sprintf("Row and column i of h are the i-th input, a struct's fields in the order of their declaration: %s.", prose.List(parts))
}

// writtenDoc says what FHessianTo does with the slices F writes.
func writtenDoc(s *HessianSpec) []string {
	if len(s.Written) == 0 {
		return nil
	}
	var names []string
	for _, i := range s.Written {
		names = append(names, displayName(s.F, i))
	}
	return []string{fmt.Sprintf("%s writes into %s: each sweep runs it from a copy of the values passed, so that h is the Hessian of %s as it runs once, and they end as one run leaves them.",
		s.F.Name, prose.List(names), s.F.Name)}
}

// allocDoc is FHessian's doc comment; calls says whether it calls
// FHessianTo or does the same work itself.
func allocDoc(s *HessianSpec, calls bool) []string {
	f := s.F
	see := fmt.Sprintf("see %s, which fills it", s.To)
	if !calls {
		see = fmt.Sprintf("filled as %s fills one", s.To)
	}
	doc := fmt.Sprintf("%s returns %s's result, its gradient with respect to %s, and its Hessian with respect to them in a fresh n×n matrix (%s).",
		s.Name, f.Name, prose.List(ir.GoNames(f.Params, s.Wrt)), see)
	if !calls {
		doc += " " + inputOrder(s)
	}
	return []string{doc}
}
