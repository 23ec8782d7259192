package reverse

import "github.com/godiff/godiff/ir"

// This file lets the forward sweep save the states of the backward
// sweep's first descent (see saveSplit) for a three-clause loop
// checkpointed binomially whose trip count it can compute as the loop
// begins, as it does for a range loop: for i := start; i < bound; i++ (or
// <=, or counting down with > and >=), nothing leaving it early, bound
// not changed by the loop (countedBound, the loops whose trip count the
// backward sweep computes rather than reads). The backward sweep then
// starts with the states the forward sweep kept, instead of running the
// whole loop plainly once more to find them.
//
// The forward sweep computes the trip count before the loop's init
// statement runs, so it rebuilds start and bound there from what it has
// (entryValue): values computed before the loop, constants, variables
// declared before it (the loop assigns none of those bound reads), and
// integer arithmetic, len and conversions of those (a division by zero
// panics there rather than in the loop's condition, which runs at least
// once). A loop whose start or bound
// reads something else (a variable its init statement declares) keeps
// the first descent in the backward sweep, as a while loop does: the
// number of iterations of a while loop is known only when it ends, and
// the binomial splits depend on it.

// knownTrips reports whether the forward function knows loop l's trip
// count as it begins: a range over an int or a slice, or a three-clause
// loop as above.
func (s *splitter) knownTrips(l *ir.Value) bool {
	if l.Op == ir.OpRange {
		t := l.Args[0].Type
		return ir.IsInteger(t) || ir.IsSlice(t)
	}
	bound, _ := s.countedBound(l)
	if bound == nil {
		return false
	}
	_, start := s.counter(l)
	return entryRebuilt(l, start) && entryRebuilt(l, bound)
}

// entryRebuilt reports whether entryValue can rebuild v, a value of loop
// l's header, before the loop begins.
func entryRebuilt(l, v *ir.Value) bool {
	if !inLoop(l, v) {
		return true
	}
	switch v.Op {
	case ir.OpConst:
		return true
	case ir.OpGet:
		return !declaredIn(l.Blocks[0], v.Aux.(*ir.Var))
	case ir.OpLen, ir.OpAdd, ir.OpSub, ir.OpMul, ir.OpDiv, ir.OpRem, ir.OpConvert, ir.OpNeg:
		for _, a := range v.Args {
			if !entryRebuilt(l, a) {
				return false
			}
		}
		return true
	}
	return false
}

// inLoop reports whether v is computed inside loop l (its header or body).
func inLoop(l, v *ir.Value) bool {
	for blk := v.Block; blk != nil; {
		if blk.Parent == nil {
			return false
		}
		if blk.Parent == l {
			return true
		}
		blk = blk.Parent.Block
	}
	return false
}

// declaredIn reports whether blk declares x.
func declaredIn(blk *ir.Block, x *ir.Var) bool {
	for _, v := range blk.Values {
		if v.Op == ir.OpDecl && v.Aux == x {
			return true
		}
	}
	return false
}

// entryValue builds, in the forward function before loop l begins, the
// value v of l's header has (entryRebuilt says it can): the copy of a
// value computed before the loop, or v computed again from those.
func entryValue(b *ir.Builder, c *ir.Copier, l, v *ir.Value) *ir.Value {
	if !inLoop(l, v) {
		return c.Value[v]
	}
	switch v.Op {
	case ir.OpConst:
		return b.Const(v.Type, v.Aux)
	case ir.OpGet:
		return b.Get(c.CopyVar(v.Aux.(*ir.Var)))
	}
	args := make([]*ir.Value, len(v.Args))
	for i, a := range v.Args {
		args[i] = entryValue(b, c, l, a)
	}
	return b.CopyOf(v, args)
}

// entryTrips builds, in the forward function before loop old begins, its
// trip count (knownTrips says it can): as the backward sweep computes it
// (see trip), at most 0 when the loop does not run.
func (s *splitter) entryTrips(b *ir.Builder, c *ir.Copier, old *ir.Value) *ir.Value {
	if old.Op == ir.OpRange {
		over := c.Value[old.Args[0]]
		if ir.IsInteger(over.Type) {
			return b.Convert(over, ir.Int)
		}
		return b.Len(over)
	}
	bound, inclusive := s.countedBound(old)
	_, start := s.counter(old)
	hi, lo := entryValue(b, c, old, bound), entryValue(b, c, old, start)
	if s.step(old) < 0 {
		hi, lo = lo, hi
	}
	d := hi
	if !(lo.Op == ir.OpConst && lo.Aux == int64(0)) {
		d = b.Sub(hi, lo)
	}
	if inclusive {
		d = b.Add(d, b.Const(ir.Int, int64(1)))
	}
	return d
}

// splitIteration returns, in the forward function's body of loop l (the
// call of its body, args its arguments), the number of the iteration
// running: a range loop's index; for a three-clause loop, the count the
// forward function keeps in rf.fIter (stepped by stepIteration).
func splitIteration(b *ir.Builder, rf *revolveFields, r *ir.CallRule, args []*ir.Value) *ir.Value {
	if rf.fIter == nil {
		return args[r.Revolve.Counter]
	}
	return b.Get(rf.fIter)
}

// stepIteration counts, in a three-clause loop's body in the forward
// function, the iteration that ran.
func stepIteration(b *ir.Builder, rf *revolveFields) {
	if rf.fIter != nil {
		b.Set(rf.fIter, b.Add(b.Get(rf.fIter), b.Const(ir.Int, int64(1))))
	}
}

// declareIteration declares, in the forward function before three-clause
// loop old, the count of its iterations splitIteration reads.
func declareIteration(b *ir.Builder, rf *revolveFields, old *ir.Value) {
	if old.Op != ir.OpFor {
		return
	}
	rf.fIter = &ir.Var{Name: "iter", Type: ir.Int}
	b.Declare(rf.fIter, b.Const(ir.Int, int64(0)))
}
