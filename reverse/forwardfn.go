package reverse

import (
	"fmt"
	"slices"
	"strings"

	"godiff/ir"
)

// buildForward builds the forward function: F as written, with a tape
// parameter first, that saves in the tape what the backward function reads
// (the fields s allocated while the backward function was built): the
// parameters on entry, each taped value as it is computed, each loop's
// trip count when it ends, and whether each flagged statement finished.
// Only what bwd, the backward function, reads in the end.
func (s *splitter) buildForward(name string, bwd *ir.Func) *ir.Func {
	tapeT := ir.TapeRef{Tape: s.fields.tape}
	params := append([]ir.Param{{Name: "t", Type: tapeT}}, s.f.Params...)
	fwd := ir.NewFunc(name, renameTape(params), s.f.Results)
	fwd.Tape = s.fields.tape
	b := ir.NewBuilder(fwd)
	tape := b.Param(0)
	for _, fld := range s.fields.tape.Fields {
		if fld.Stack {
			b.TapeReset(tape, fld)
		}
	}
	trips := make(map[*ir.Value]*ir.Var)
	slots := s.callSlots()
	c := ir.NewCopier(b)
	c.Before = func(old *ir.Value) bool {
		if fld, ok := slots[old]; ok {
			// A callee's tape, filled in place on the caller's.
			if fld != nil {
				slot := b.TapeSlot(tape, fld)
				slot.Name = old.Aux.(*ir.Var).Name
				c.Value[old] = slot
			}
			return true
		}
		switch {
		case old.Op == ir.OpParam:
			i := old.Aux.(int)
			nv := b.Param(i + 1)
			nv.AddNote(ir.Note{Kind: ir.NotePrimal, Of: old})
			c.Value[old] = nv
			if fld := s.paramF[i]; fld != nil {
				b.TapeSave(tape, fld, nv)
			}
			return true
		case old.Op.IsLoop():
			s.saveHoisted(b, tape, c, old)
			if s.tripF[old] != nil {
				n := &ir.Var{Name: tripName(old), Type: ir.Int}
				b.Declare(n, b.Const(ir.Int, int64(0)))
				trips[old] = n
			}
			if old.Op == ir.OpRange {
				s.growStacks(b, tape, old, c.Value[old.Args[0]])
			}
		case old.Op.IsExit():
			s.saveOnExit(b, tape, old, trips)
		}
		return false
	}
	// Each iteration counts itself as it begins: first in a for body,
	// right after the index in a range body (which must come first).
	count := func(l *ir.Value) {
		if n := trips[l]; n != nil {
			b.Set(n, b.Add(b.Get(n), b.Const(ir.Int, int64(1))))
		}
	}
	c.Enter = func(old *ir.Block) {
		if l := old.Parent; l != nil && l.Op == ir.OpFor && old == l.Blocks[3] {
			count(l)
		}
	}
	c.After = func(old, nv *ir.Value) {
		if old.Op == ir.OpIndex {
			count(old.Block.Parent)
		}
		if fld := s.taped[old]; fld != nil {
			b.TapeSave(tape, fld, nv)
		}
		if n := trips[old]; n != nil {
			b.TapeSave(tape, s.tripF[old], b.Get(n))
		}
		if fld := s.flagF[old]; fld != nil {
			b.TapeSave(tape, fld, b.Const(ir.Bool, true))
		}
	}
	c.Block(s.f.Body)
	fwd.Doc = []string{fmt.Sprintf("%s runs %s and records in t what %s needs; t's earlier contents are discarded, its memory reused.",
		name, s.f.Name, s.backwardName)}
	dropUnread(s.fields.tape, fwd, bwd)
	ir.DeadCode(fwd)
	ir.UniqueNames(fwd)
	return fwd
}

// saveHoisted records, just before loop l, the variables whose value as
// l begins the backward function reads (see hoistLoop).
func (s *splitter) saveHoisted(b *ir.Builder, tape *ir.Value, c *ir.Copier, l *ir.Value) {
	var keys []hoistKey
	for k := range s.hoistF {
		if k.loop == l {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b hoistKey) int { return strings.Compare(s.hoistF[a].Name, s.hoistF[b].Name) })
	for _, k := range keys {
		b.TapeSave(tape, s.hoistF[k], b.Get(c.CopyVar(k.x)))
	}
}

// growStacks makes room, before a range loop outside any other loop, on
// each stack its iterations push to once at most, so that a fresh tape
// (FGrad's) allocates each stack once instead of growing it step by step.
func (s *splitter) growStacks(b *ir.Builder, tape *ir.Value, l, over *ir.Value) {
	if l.Op != ir.OpRange || l.Block.Depth() > 0 {
		return
	}
	var fields []*ir.TapeField
	for v, fld := range s.taped {
		if v.Block.Loop() == l {
			fields = append(fields, fld)
		}
	}
	for owner, fld := range s.tripF {
		if owner.Block.Loop() == l {
			fields = append(fields, fld)
		}
	}
	for owner, fld := range s.flagF {
		if owner.Block.Loop() == l {
			fields = append(fields, fld)
		}
	}
	if len(fields) == 0 {
		return
	}
	slices.SortFunc(fields, func(a, b *ir.TapeField) int { return strings.Compare(a.Name, b.Name) })
	n := over
	switch {
	case ir.IsSlice(over.Type):
		n = b.Len(over)
	case over.Type != ir.Int:
		n = b.Convert(over, ir.Int)
	}
	for _, fld := range fields {
		b.TapeGrow(tape, fld, n)
	}
}

// saveOnExit records, just before an exit leaves them, the trip counts of
// the loops and the flags of the flagged statements it leaves: their
// normal ends, where these are recorded, will not run.
func (s *splitter) saveOnExit(b *ir.Builder, tape *ir.Value, exit *ir.Value, trips map[*ir.Value]*ir.Var) {
	var target *ir.Value
	if exit.Op != ir.OpReturn {
		target = exit.Aux.(*ir.Value)
	}
	for _, p := range enclosing(exit) {
		if p == target {
			return
		}
		if n := trips[p]; n != nil {
			b.TapeSave(tape, s.tripF[p], b.Get(n))
		}
		if fld := s.flagF[p]; fld != nil {
			b.TapeSave(tape, fld, b.Const(ir.Bool, false))
		}
	}
}

// renameTape gives the tape parameter a name no other parameter has.
func renameTape(params []ir.Param) []ir.Param {
	taken := ir.SigNames(params[1:])
	params[0].Name = ir.FreshName(taken, params[0].Name)
	return params
}

// callSlots finds the calls of callees' forward functions (see
// rules.LowerCalls: decl t; invoke gForward(&t, ...); get t) whose tapes
// the backward function reads. Rather than fill a variable and copy it
// onto the tape, the forward function passes the callee a pointer to a
// fresh entry of the tape's field (a stack keeps the memory of its
// entries from run to run, so a reused tape allocates nothing): the
// variable's addr becomes that pointer (its field is the map's value), and
// its decl and get go (nil).
func (s *splitter) callSlots() map[*ir.Value]*ir.TapeField {
	slots := make(map[*ir.Value]*ir.TapeField)
	s.f.Walk(func(v *ir.Value) {
		if !ir.IsSplitCall(v) {
			return
		}
		filled := v.Aux.(ir.Callee).Tape
		fld := s.taped[filled]
		addr := v.Args[0]
		if fld == nil || filled == nil || addr.Op != ir.OpAddr {
			return
		}
		tape := addr.Aux.(*ir.Var)
		slots[addr] = fld
		slots[filled] = nil
		s.f.Walk(func(w *ir.Value) {
			if w.Op == ir.OpDecl && w.Aux == tape {
				slots[w] = nil
			}
		})
	})
	return slots
}
