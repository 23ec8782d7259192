package reverse

import "github.com/godiff/godiff/ir"

// A load that reads an element an earlier loop of the same block stored
// from memory nothing writes, xcentered[i] in GMM's loop over components
// once qTimesX is inlined (see InlineSmall):
//
//	for id := 0; id < d; id++ {
//		xcentered[id] = x2[id] - y[id]
//	}
//	for i := 0; i < d; i++ {
//		... xcentered[i] ...
//
// The slice is overwritten by the next iteration of the loops around, so
// that the backward sweep cannot read it again, and the load would be
// recorded; but the stored value is cheap arithmetic of loads that can be
// read again (x and means, never written), so the backward sweep
// computes it again at index i: two loads and a subtraction rather than a
// push and a pop. The arithmetic is the same, so is the value, bit for
// bit.

// forwardMaxValues bounds the values of the stored expression the
// backward sweep computes again, index arithmetic included: GMM's
// x[ix*d+i] − means[ik*d+i] has 9 (2 loads, a subtraction, 6 of integers).
const forwardMaxValues = 12

// forwardedStore returns, for load v, the store whose value v reads and
// the loop around that store, or nil. v's index is the counter of a
// counted loop lv around v (see countedIndex); a statement ls that comes
// before lv's statement in a block around lv is a counted loop with the
// same start and bound, nothing leaving it early or continuing it, whose
// body stores, as a statement of its own, into the same slice at its
// counter and writes the slice's memory nowhere else; nothing between ls
// and v's statement in that block writes that memory; and the stored
// value is computed, inside ls, from ls's counter, loads the backward
// sweep may read again (see writtenAfter), additions, subtractions and
// negations of floats, the counters of loops around ls and integer
// arithmetic, and from values before ls the backward function has without
// a push (see free). Then, whatever v's index i, ls
// wrote element i last, with that value.
func (s *splitter) forwardedStore(v *ir.Value) (st, ls, lv *ir.Value) {
	if v.Op != ir.OpLoad || !ir.IsFloat(v.Type) {
		return nil, nil, nil
	}
	lv, startV, boundV := s.countedIndex(v)
	if lv == nil {
		return nil, nil, nil
	}
	r := ir.Root(v.Args[0])
	for top := lv; top != nil; top = top.Block.Parent {
		blk := top.Block
		at := -1
		for k, w := range blk.Values {
			if w == top {
				at = k
			}
		}
		for k := at - 1; k >= 0; k-- {
			w := blk.Values[k]
			if st := s.storeLoop(w, v.Args[0], startV, boundV); st != nil {
				for _, u := range blk.Values[k+1 : at+1] {
					if writesInto(u, r) {
						return nil, nil, nil
					}
				}
				return st, w, lv
			}
			if writesInto(w, r) {
				return nil, nil, nil
			}
		}
	}
	return nil, nil, nil
}

// storeLoop returns, if l is a loop that stores into every element of
// slice from start to bound as forwardedStore says, the store; or nil.
func (s *splitter) storeLoop(l, slice, start, bound *ir.Value) *ir.Value {
	if l.Op != ir.OpFor || continued(l) || s.step(l) != 1 {
		return nil
	}
	x, startL := s.counter(l)
	boundL, inclusive := s.countedBound(l)
	if x == nil || boundL == nil || inclusive || !sameValue(startL, start) || !sameValue(boundL, bound) {
		return nil
	}
	r := ir.Root(slice)
	var st *ir.Value
	for _, w := range l.Blocks[3].Values {
		if w.Op == ir.OpStore && w.Args[0] == slice && st == nil &&
			w.Args[1].Op == ir.OpGet && w.Args[1].Aux == x {
			st = w
			continue
		}
		if writesInto(w, r) {
			return nil
		}
	}
	if st == nil {
		return nil
	}
	n := 0
	if !s.again(st.Args[2], l, x, &n) {
		return nil
	}
	return st
}

// again reports whether the backward sweep can compute e, a value inside
// loop l of counter x, again at another value of x (see forwardedStore);
// n counts the values computed.
func (s *splitter) again(e, l *ir.Value, x *ir.Var, n *int) bool {
	if !encloses(l, e) {
		return s.free(e)
	}
	*n++
	if *n > forwardMaxValues {
		return false
	}
	switch e.Op {
	case ir.OpGet:
		return e.Aux == x || s.outerCounter(e, l)
	case ir.OpLoad:
		if s.writtenAfter(e) {
			return false
		}
	case ir.OpAdd, ir.OpSub, ir.OpNeg:
		// Float additions, which the backward sweep does as the forward
		// sweep did (a product could be fused differently), and index
		// arithmetic.
	case ir.OpMul:
		if e.Type != ir.Int {
			return false
		}
	default:
		return false
	}
	for _, a := range e.Args {
		if !s.again(a, l, x, n) {
			return false
		}
	}
	return true
}

// outerCounter reports whether get g, inside loop l, reads the counter
// of a loop around l, which the backward loop counts itself (see
// splitter.counter).
func (s *splitter) outerCounter(g, l *ir.Value) bool {
	for o := l.Block.Loop(); o != nil; o = o.Block.Loop() {
		if x, _ := s.counter(o); x != nil && x == g.Aux {
			return true
		}
	}
	return false
}

// writesInto reports whether v, or anything inside its blocks, writes
// into the memory of root r.
func writesInto(v, r *ir.Value) bool {
	found := false
	walkValue(v, func(w *ir.Value) {
		if writes(w, r) {
			found = true
		}
	})
	return found
}

// forwardLoad returns load v computed again from the value its store
// stored (see forwardedStore), or nil. It is computed once per iteration
// of the loop whose counter is its index, in the prologue of the
// statement of that loop's body that holds v.
func (bw *backward) forwardLoad(v *ir.Value) *ir.Value {
	st, ls, lv := bw.s.forwardedStore(v)
	if st == nil {
		return nil
	}
	x, _ := bw.s.counter(ls)
	at := v
	for at.Block != lv.Blocks[len(lv.Blocks)-1] {
		at = at.Block.Parent
	}
	var build func(e *ir.Value) *ir.Value
	build = func(e *ir.Value) *ir.Value {
		switch {
		case !encloses(ls, e):
			return bw.prim(e)
		case e.Op == ir.OpGet && e.Aux == x:
			return bw.prim(v.Args[1]) // the counter of ls, at v's index
		case e.Op == ir.OpGet:
			return bw.prim(e) // an outer loop's counter, the backward loop's
		}
		args := make([]*ir.Value, len(e.Args))
		for i, a := range e.Args {
			args[i] = build(a)
		}
		return bw.b.CopyOf(e, args)
	}
	fr, seg := bw.frameOf(at)
	out := bw.inPrologue(fr, seg, func() *ir.Value { return build(st.Args[2]) })
	bw.s.forwardedLoads[v] = true
	return out
}
