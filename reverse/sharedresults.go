package reverse

import (
	"github.com/godiff/godiff/ir"
)

// sharedResults makes the zeroed adjoint buffers that FGrad and FVJP
// return for the differentiated slices of floats (not fields of a
// struct, not slices of slices): those of one element type share one
// backing array, each result a full slice expression of it,
// buf[lo:hi:hi]. A call then allocates once per element type instead of
// once per result, and each result is still a slice of its own: its
// capacity ends where it does, so appending to it reallocates rather than
// writing into the next. A type with a single such result keeps its own
// make. It returns the buffers by parameter index, each named as its
// result: results are F's, then the gradients in sp.wrt's order.
func sharedResults(b *ir.Builder, sp *Split, args []*ir.Value, results []ir.Result, taken map[string]bool) map[int]*ir.Value {
	f := sp.f
	names := make(map[int]string)
	for k, i := range sp.wrt {
		names[i] = results[len(f.Results)+k].Name
	}
	byElem := make(map[ir.Type][]int)
	var elems []ir.Type // in parameter order, for a deterministic output
	for _, i := range sp.wrt {
		p := f.Params[i]
		s, ok := p.Type.(ir.Slice)
		if !ok || p.Group != nil || !ir.IsFloat(s.Elem) || indexOf(sp.buffers, i) < 0 {
			continue
		}
		if len(byElem[s.Elem]) == 0 {
			elems = append(elems, s.Elem)
		}
		byElem[s.Elem] = append(byElem[s.Elem], i)
	}
	out := make(map[int]*ir.Value)
	for _, elem := range elems {
		params := byElem[elem]
		if len(params) < 2 {
			continue
		}
		total := b.Len(args[params[0]])
		for _, i := range params[1:] {
			total = b.Add(total, b.Len(args[i]))
		}
		mem := b.Make(ir.Slice{Elem: elem}, total)
		mem.Name = ir.FreshName(taken, "mem")
		taken[mem.Name] = true
		lo := b.Const(ir.Int, int64(0))
		for k, i := range params {
			hi := b.Len(args[i])
			if k > 0 {
				hi = b.Add(lo, hi)
			}
			buf := b.CappedSubslice(mem, lo, hi)
			buf.Name = names[i]
			out[i] = buf
			lo = hi
		}
	}
	return out
}
