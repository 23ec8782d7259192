package reverse

import (
	"slices"

	"github.com/godiff/godiff/ir"
)

// This file builds what the forward function of a shared tape (see
// ir.Tape: a callee's, shared by the calls of one call site) does besides
// what every forward function does: it adds a record for its call, empties
// the stacks at the first call of its caller's run only, and records
// where the call's entries end. A caller's fresh tape thus costs a few
// buffers per call site, not a tape per call.

// tapeRefs are the forward function's ways to its tape: the tape, and
// on a shared tape the record of the call.
type tapeRefs struct {
	tape, rec *ir.Value
	t         *ir.Tape
	first     *ir.Value // the if that empties a shared tape at the first call
}

// save saves x in field fld: in the record if the field is one call's.
func (r tapeRefs) save(b *ir.Builder, fld *ir.TapeField, x *ir.Value) {
	to := r.tape
	if r.t.InRecord(fld) {
		to = r.rec
	}
	b.TapeSave(to, fld, x)
}

// emptyTape begins the forward function: it empties the tape's stacks and
// sites, keeping their memory. A shared tape is emptied by the first call
// of its holder's run only (its holder empties the records), and then
// gets the call's record.
func (s *splitter) emptyTape(b *ir.Builder) tapeRefs {
	t := s.fields.tape
	refs := tapeRefs{tape: b.Param(0), t: t}
	empty := func() {
		for _, fld := range t.Fields {
			if (fld.Stack || fld.IsSite()) && fld != t.Calls {
				b.TapeReset(refs.tape, fld)
			}
		}
	}
	if t.Calls == nil {
		empty()
		return refs
	}
	first := b.Compare(ir.OpEq, b.Len(b.TapeLoad(refs.tape, t.Calls)), b.Const(ir.Int, int64(0)))
	refs.first = b.If(first)
	b.In(refs.first.Blocks[0], func() {
		b.Comment("The first call of a run: the stacks hold an earlier run's entries.")
		empty()
	})
	refs.rec = b.TapeSlot(refs.tape, t.Calls)
	refs.rec.Name = "c"
	return refs
}

// endCalls records in the call's record, before each return of fwd (the
// forward function of a shared tape), where the call's entries of each
// stack and site the backward function reads end. The first call of a run
// then makes room on each stack for as many calls as the tape's holder
// made room for (see growStacks), at its own rate: the stacks of a site
// in a loop are sized after its first call, rather than grown as they go.
// (A site's callee sizes its own stacks at its first call, for the calls
// its holder made room for then.)
func (s *splitter) endCalls(fwd *ir.Func, refs tapeRefs) {
	if refs.first != nil && !slices.ContainsFunc(refs.first.Blocks[0].Values, func(v *ir.Value) bool { return v.Op != ir.OpComment }) {
		ir.Remove(refs.first) // no stack left to empty
	}
	t := s.fields.tape
	var ends []*ir.TapeField
	for _, f := range t.Fields {
		if f.End != nil {
			ends = append(ends, f)
		}
	}
	if refs.rec == nil || len(ends) == 0 {
		return
	}
	var returns []*ir.Value
	fwd.Walk(func(v *ir.Value) {
		if v.Op == ir.OpReturn {
			returns = append(returns, v)
		}
	})
	order := firstSaves(fwd)
	slices.SortStableFunc(ends, func(a, b *ir.TapeField) int { return order[a.End] - order[b.End] })
	b := ir.NewBuilder(fwd)
	for _, ret := range returns {
		blk := ret.Block
		b.InsertIn(blk, slices.Index(blk.Values, ret), func() {
			for _, end := range ends {
				var n *ir.Value
				if end.End.IsSite() {
					n = b.TapeCalls(refs.tape, end.End)
				} else {
					n = b.Len(b.TapeLoad(refs.tape, end.End))
				}
				b.TapeSave(refs.rec, end, n)
			}
			first := b.Compare(ir.OpEq, b.Len(b.TapeLoad(refs.tape, t.Calls)), b.Const(ir.Int, int64(1)))
			ifop := b.If(first)
			b.In(ifop.Blocks[0], func() {
				b.Comment("The first call of a run: room for the calls the caller made room for, at its rate.")
				more := b.Sub(b.Cap(b.TapeLoad(refs.tape, t.Calls)), b.Const(ir.Int, int64(1)))
				more.Name = "more"
				for _, end := range ends {
					if !end.End.IsSite() {
						b.TapeGrow(refs.tape, end.End, b.Mul(b.TapeLoad(refs.rec, end), more))
					}
				}
			})
		})
	}
}

// firstSaves numbers the fields of fwd's tape in the order fwd first
// saves into them, adds to them (a site, a record) or takes memory from
// them.
func firstSaves(fwd *ir.Func) map[*ir.TapeField]int {
	first := make(map[*ir.TapeField]int)
	fwd.Walk(func(v *ir.Value) {
		if fld, ok := v.Aux.(*ir.TapeField); ok && (v.Op == ir.OpTapeSave || v.Op == ir.OpTapeSlot || v.Op == ir.OpTapeBuffer) {
			if _, seen := first[fld]; !seen {
				first[fld] = len(first)
			}
		}
	})
	return first
}
