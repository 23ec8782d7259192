package reverse

import "github.com/godiff/godiff/ir"

// This file finds the induction variables declared in nested blocks (see
// induction): a counter of a helper that InlineSmall put in its caller's
// loop, lparamsIdx of GMM's qTimesX.

// nestedInductions finds, before the backward function is built, the
// induction variables declared in nested blocks: each gets its final get
// appended to its block now, while nothing walks the blocks yet.
func (s *splitter) nestedInductions() {
	var decls []*ir.Var
	s.f.Walk(func(v *ir.Value) {
		if v.Op == ir.OpDecl && v.Block != s.f.Body && v.Aux.(*ir.Var).Type == ir.Int {
			decls = append(decls, v.Aux.(*ir.Var))
		}
	})
	for _, x := range decls {
		s.inductionOf(x)
	}
}

// closedAfter reports whether decl, a declaration in a block nested in
// the function's body, is followed in its block by nothing that may leave
// the block early, so that the block's end, where the forward function
// records the variable, runs whenever decl did; and whether the backward
// function runs the block's backward code (see replayed).
func (s *splitter) closedAfter(decl *ir.Value) bool {
	blk := decl.Block
	if inHeader(blk) || !s.replayed(decl) {
		return false
	}
	after := false
	for _, w := range blk.Values {
		if after && (w.Op.IsExit() || s.flagged[w] || len(w.Blocks) > 0 && escapes(w)) {
			return false
		}
		after = after || w == decl
	}
	return true
}

// invariantFinal reports whether induction variable x, declared in a
// nested block, holds the same value as that block ends every time it
// runs in one run of the function: its declaration starts it at a value
// fixed for the run, and each step is inside counted loops only (no
// branch, nothing leaving them early) between the block and the step,
// whose starts and bounds are fixed for the run or computed from the
// counters of those loops (a triangle's j := i + 1). Its final value is
// then kept in one field, overwritten as the block ends, not pushed once
// per iteration of the loops around.
func (s *splitter) invariantFinal(ind *induction) bool {
	if len(ind.decl.Args) > 0 && !s.fixedInt(ind.decl.Args[0], nil) {
		return false
	}
	for v := range ind.steps {
		var counters []*ir.Var
		var loops []*ir.Value
		for blk := v.Block; blk != ind.decl.Block; blk = blk.Parent.Block {
			l := blk.Parent
			if l == nil || l.Op != ir.OpFor || blk != l.Blocks[3] {
				return false
			}
			x, _ := s.counter(l)
			if x == nil {
				return false
			}
			counters = append(counters, x)
			loops = append(loops, l)
		}
		for _, l := range loops {
			bound, start := s.forBounds(l)
			if bound == nil || !s.fixedInt(bound, counters) || !s.fixedInt(start, counters) {
				return false
			}
		}
	}
	return true
}

// fixedInt reports whether integer v is the same wherever it is computed
// in one run of the function, given counters' values: a constant, a
// parameter or its length, a get of one of counters, a variable declared
// once in the function's body from such values and never assigned again,
// or integer arithmetic of such values.
func (s *splitter) fixedInt(v *ir.Value, counters []*ir.Var) bool {
	switch v.Op {
	case ir.OpConst, ir.OpParam:
		return true
	case ir.OpLen:
		return v.Args[0].Op == ir.OpParam
	case ir.OpAdd, ir.OpSub, ir.OpMul:
		return v.Type == ir.Int && s.fixedInt(v.Args[0], counters) && s.fixedInt(v.Args[1], counters)
	case ir.OpGet:
		x := v.Aux.(*ir.Var)
		for _, c := range counters {
			if c == x {
				return true
			}
		}
		var decl *ir.Value
		n := 0
		s.f.Walk(func(w *ir.Value) {
			if (w.Op == ir.OpDecl || w.Op == ir.OpSet) && w.Aux == x {
				n++
				decl = w
			}
		})
		return n == 1 && decl.Op == ir.OpDecl && decl.Block == s.f.Body && len(decl.Args) == 1 && s.fixedInt(decl.Args[0], nil)
	}
	return false
}
