package reverse

import (
	"fmt"
	"slices"
	"strings"

	"github.com/godiff/godiff/ir"
)

// This file sizes the stacks of the forward function ahead: before a loop
// whose trip count is known as it begins, each stack its iterations push
// to gets room for all their entries at once, so that a fresh tape
// (FGrad's) allocates each stack once instead of growing it step by step.
// A stack pushed in nested loops is sized by the product of their trip
// counts, before the outermost loop all of whose counts are known there;
// a count known only inside (a triangular loop's, a while loop's) leaves
// the stack to grow as append grows it.

// push is one place the forward function pushes onto a stack: the field,
// and the block the push is in.
type push struct {
	fld *ir.TapeField
	blk *ir.Block
}

// pushes lists the places the forward function pushes onto stacks: each
// taped value where it is computed, each loop's trip count and each
// flagged statement's flag where they end, each hoisted variable before
// its loop; and each call on the tape of a site, which adds a record.
func (s *splitter) pushes() []push {
	var out []push
	add := func(fld *ir.TapeField, blk *ir.Block) {
		if s.rerun[fld] != nil {
			return // filled by the backward sweep, one call at a time
		}
		if (fld.Stack || fld.IsSite()) && blk.Loop() != nil {
			out = append(out, push{fld, blk})
		}
	}
	for v, fld := range s.taped {
		add(fld, v.Block)
	}
	for owner, fld := range s.tripF {
		add(fld, owner.Block)
	}
	for owner, fld := range s.flagF {
		add(fld, owner.Block)
	}
	for k, fld := range s.hoistF {
		add(fld, k.loop.Block)
	}
	for v, fld := range s.onceF {
		add(fld, s.onceLoop(v).Block) // after the loop, once per run
	}
	return out
}

// growStacks makes room, before loop l, on each stack whose pushes l is
// the outermost loop to size (see sizedAt): by the product of the trip
// counts of l and of the loops between l and the push.
func (s *splitter) growStacks(b *ir.Builder, tape *ir.Value, c *ir.Copier, l *ir.Value) {
	byChain := make(map[string][]*ir.TapeField) // the loops' IDs → the fields they size
	chains := make(map[string][]*ir.Value)
	for _, p := range s.pushes() {
		chain := s.sizedAt(p.blk, c)
		if len(chain) == 0 || chain[len(chain)-1] != l {
			continue
		}
		key := chainKey(chain)
		if !slices.Contains(byChain[key], p.fld) {
			byChain[key] = append(byChain[key], p.fld)
		}
		chains[key] = chain
	}
	keys := make([]string, 0, len(chains))
	for k := range chains {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		var n *ir.Value
		chain := chains[k]
		for i := range chain {
			loop := chain[len(chain)-1-i] // outermost first, as one reads them
			trips := s.tripsAt(b, c, loop, l)
			if n == nil {
				n = trips
			} else {
				n = b.Mul(n, trips)
			}
		}
		fields := byChain[k]
		slices.SortFunc(fields, func(a, b *ir.TapeField) int { return strings.Compare(a.Name, b.Name) })
		for _, fld := range fields {
			b.TapeGrow(tape, fld, n)
		}
	}
}

// chainKey identifies a chain of loops.
func chainKey(chain []*ir.Value) string {
	var sb strings.Builder
	for _, l := range chain {
		fmt.Fprintf(&sb, "%d ", l.ID)
	}
	return sb.String()
}

// sizedAt returns the loops around blk, innermost first, up to the
// outermost one before which the trip counts of all of them are known, or
// nil if the innermost one's is not known even as it begins.
func (s *splitter) sizedAt(blk *ir.Block, c *ir.Copier) []*ir.Value {
	var loops []*ir.Value
	for l := blk.Loop(); l != nil; l = l.Block.Loop() {
		loops = append(loops, l)
	}
	n := 0
	for n < len(loops) {
		at := loops[n]
		ok := true
		for _, inner := range loops[:n+1] {
			if !s.tripsKnown(inner, at, c) {
				ok = false
				break
			}
		}
		if !ok {
			break
		}
		n++
	}
	return loops[:n]
}

// tripsKnown reports whether the forward function can compute, as loop
// at begins, an upper bound on the iterations loop l (at or inside at)
// runs each time it runs: the length a range loop ranges over, or
// bound-start of a counted loop that nothing leaves early (a break in a
// loop of a million trips that stops after three must not make room for
// a million), from values it has there.
func (s *splitter) tripsKnown(l, at *ir.Value, c *ir.Copier) bool {
	if l.Op == ir.OpRange {
		return s.availableAt(l.Args[0], at, c)
	}
	bound, start := s.forBounds(l)
	return bound != nil && s.availableAt(bound, at, c) && s.availableAt(start, at, c)
}

// forBounds returns the bound and the start of counted loop l, for i :=
// start; i < bound (or <=); i++ (or a larger step: bound - start is then
// more than the trips), with bound the same in every iteration and
// nothing leaving the loop early, or nil.
func (s *splitter) forBounds(l *ir.Value) (bound, start *ir.Value) {
	c := s.counted(l)
	if c.x == nil || c.step <= 0 || s.leavesEarly(l) {
		return nil, nil
	}
	bound, _ = ir.Counted{X: c.x, Step: c.step}.Bound(l)
	if bound == nil || !s.invariant(bound, l) {
		return nil, nil
	}
	return bound, c.start
}

// availableAt reports whether the forward function has v, or can compute
// it again, as loop at begins: v is computed before at, or is a pure
// computation inside it of such values and of variables at does not
// assign.
func (s *splitter) availableAt(v, at *ir.Value, c *ir.Copier) bool {
	switch {
	case v.Op == ir.OpConst:
		return true
	case !encloses(at, v):
		// Computed before at, in a block around it: not in a block that
		// is over by then (a branch), nor after at.
		return at.Block.Ancestor(v.Block) && c.Value[v] != nil
	case v.Op == ir.OpGet:
		x := v.Aux.(*ir.Var)
		assigned := false
		for _, blk := range at.Blocks {
			blk.Walk(func(w *ir.Value) {
				if (w.Op == ir.OpSet || w.Op == ir.OpDecl) && w.Aux == x {
					assigned = true
				}
			})
		}
		return !assigned
	case !v.Op.IsPure() || v.Op == ir.OpCall || v.Op == ir.OpPartials:
		return false
	}
	for _, a := range v.Args {
		if !s.availableAt(a, at, c) {
			return false
		}
	}
	return true
}

// valueAt returns v as the forward function has it before loop at (see
// availableAt), computing it again if need be.
func (s *splitter) valueAt(b *ir.Builder, c *ir.Copier, v, at *ir.Value) *ir.Value {
	switch {
	case v.Op == ir.OpConst:
		return b.Const(v.Type, v.Aux)
	case !encloses(at, v):
		return c.Value[v]
	case v.Op == ir.OpGet:
		return b.Get(c.CopyVar(v.Aux.(*ir.Var)))
	}
	args := make([]*ir.Value, len(v.Args))
	for i, a := range v.Args {
		args[i] = s.valueAt(b, c, a, at)
	}
	return b.CopyOf(&ir.Value{Op: v.Op, Type: v.Type, Aux: v.Aux}, args)
}

// tripsAt returns, before loop at, an upper bound on the iterations of
// loop l each time it runs, never negative.
func (s *splitter) tripsAt(b *ir.Builder, c *ir.Copier, l, at *ir.Value) *ir.Value {
	if l.Op == ir.OpRange {
		if n, ok := rangeArrayLen(l); ok {
			return b.Const(ir.Int, n)
		}
		over := s.valueAt(b, c, l.Args[0], at)
		switch {
		case ir.IsSlice(over.Type):
			return b.Len(over)
		case over.Type != ir.Int:
			over = b.Convert(over, ir.Int)
		}
		return nonNegative(b, over)
	}
	bound, start := s.forBounds(l)
	n := s.valueAt(b, c, bound, at)
	if !isZeroConst(start) {
		n = b.Sub(n, s.valueAt(b, c, start, at))
	}
	if l.Blocks[1].Result.Op == ir.OpLe {
		n = b.Add(n, b.Const(ir.Int, int64(1)))
	}
	return nonNegative(b, n)
}

// nonNegative returns n, or max(n, 0) if n may be negative: a loop over
// a negative count runs no iteration, but slices.Grow panics on it.
func nonNegative(b *ir.Builder, n *ir.Value) *ir.Value {
	switch {
	case n.Op == ir.OpLen || n.Op == ir.OpCap:
		return n
	case n.IsConst():
		if c, ok := n.Aux.(int64); ok && c >= 0 {
			return n
		}
	}
	return b.MinMax(ir.OpMax, n, b.Const(ir.Int, int64(0)))
}

// isZeroConst reports whether v is the integer constant 0.
func isZeroConst(v *ir.Value) bool {
	c, ok := v.Aux.(int64)
	return v.Op == ir.OpConst && ok && c == 0
}
