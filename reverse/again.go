package reverse

import "github.com/godiff/godiff/ir"

// A load that reads an element an earlier loop recorded already, x[i] in
// the second loop of
//
//	for id := 0; id < d; id++ {
//		out[id] = qdiag[id] * x[id]
//	}
//	for i := 0; i < d; i++ {
//		for j := i + 1; j < d; j++ {
//			out[j] += ltri[k] * x[i]
//			...
//
// where x is a slice the function never writes (but its caller may, so
// that it cannot be read again): the first loop records x[id] in every
// iteration, entry id of its stack, and the backward function reads x[i]
// there, at index i, rather than record it a second time.

// recordedEarlier returns, for load v, an earlier load u of the same slice
// whose stack holds v's element, the bound both their loops share, and the
// loop whose counter v's index is; or nil. u's loop is a statement of the
// function's body (so that it runs once per run, pushing one entry per
// iteration, counter value start + k at the k-th of this run's entries),
// a counted loop nothing leaves early or continues, u a statement of its
// body indexed by its counter. v's index is the counter of a counted loop
// around v with the same start and bound, so that it is one of those u
// read; that loop comes after u's in the body, so that u's loop ran to
// its end whenever v runs. Nothing in the function writes the slice's
// memory. The element of counter value i is then the entry at end −
// bound + i, where end is where this run's entries end.
func (s *splitter) recordedEarlier(v *ir.Value) (u, bound, lv *ir.Value) {
	r := ir.Root(v.Args[0])
	if !plainRoot(r) || s.writtenAnywhere(r) {
		return nil, nil, nil
	}
	lv, startV, boundV := s.countedIndex(v)
	if lv == nil {
		return nil, nil, nil
	}
	top := lv
	for top.Block != s.f.Body {
		top = top.Block.Parent
	}
	for _, l := range s.f.Body.Values {
		if l == top {
			break
		}
		if l.Op != ir.OpFor || continued(l) {
			continue
		}
		for _, u := range l.Blocks[3].Values {
			if u.Op != ir.OpLoad || u.Args[0] != v.Args[0] {
				continue
			}
			lu, startU, boundU := s.countedIndex(u)
			if lu == l && sameValue(startU, startV) && sameValue(boundU, boundV) {
				return u, boundV, lv
			}
		}
	}
	return nil, nil, nil
}

// countedIndex returns, if load v's index is the counter of a loop around
// v whose trip count the backward function computes (see countedBound),
// that loop, its start and its bound (nil for <=, which is not matched).
func (s *splitter) countedIndex(v *ir.Value) (*ir.Value, *ir.Value, *ir.Value) {
	idx := v.Args[1]
	if idx.Op != ir.OpGet {
		return nil, nil, nil
	}
	for l := v.Block.Loop(); l != nil; l = l.Block.Loop() {
		if inHeader(v.Block) && l == v.Block.Parent {
			continue
		}
		x, start := s.counter(l)
		if x == nil || x != idx.Aux {
			continue
		}
		if s.step(l) != 1 {
			return nil, nil, nil
		}
		bound, inclusive := s.countedBound(l)
		if bound == nil || inclusive {
			return nil, nil, nil
		}
		return l, start, bound
	}
	return nil, nil, nil
}

// continued reports whether loop l holds a continue of its own.
func continued(l *ir.Value) bool {
	found := false
	walkValue(l, func(w *ir.Value) {
		if w.Op == ir.OpContinue && w.Aux == l {
			found = true
		}
	})
	return found
}

// writtenAnywhere reports whether anything in the function writes into
// the memory of root r.
func (s *splitter) writtenAnywhere(r *ir.Value) bool {
	found := false
	s.f.Walk(func(w *ir.Value) {
		if writes(w, r) {
			found = true
		}
	})
	return found
}

// sameValue reports whether a and b are the same value wherever they are
// computed: the same value, equal constants, or the same integer
// arithmetic or length of such values (len(x), n-1).
func sameValue(a, b *ir.Value) bool {
	if a == b {
		return true
	}
	if a.Op != b.Op || a.Type != b.Type || len(a.Args) != len(b.Args) {
		return false
	}
	switch a.Op {
	case ir.OpConst:
		x, okA := a.Aux.(int64)
		y, okB := b.Aux.(int64)
		return okA && okB && x == y
	case ir.OpLen, ir.OpAdd, ir.OpSub, ir.OpMul:
		for i := range a.Args {
			if !sameValue(a.Args[i], b.Args[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// loadAgain returns load v read from the stack of the earlier load that
// recorded its element (see recordedEarlier), or nil. It is read once per
// iteration of the loop whose counter is its index, in the prologue of the
// statement of that loop's body that holds v, at an offset from the end
// of this run's entries computed before that loop.
func (bw *backward) loadAgain(v *ir.Value) *ir.Value {
	if v.Op != ir.OpLoad {
		return nil
	}
	u, bound, lv := bw.s.recordedEarlier(v)
	if u == nil {
		return nil
	}
	b := bw.b
	fld := bw.s.tapeField(u)
	fl, segL := bw.frameOf(lv)
	base := bw.inPrologue(fl, segL, func() *ir.Value { return b.Sub(bw.stackEnd(fld), bw.prim(bound)) })
	at := v
	for at.Block != lv.Blocks[len(lv.Blocks)-1] {
		at = at.Block.Parent
	}
	fr, seg := bw.frameOf(at)
	return bw.inPrologue(fr, seg, func() *ir.Value {
		return b.Load(b.TapeLoad(bw.tape, fld), b.Add(base, bw.prim(v.Args[1])))
	})
}
