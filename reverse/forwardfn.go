package reverse

import (
	"fmt"
	"slices"
	"strings"

	"github.com/godiff/godiff/ir"
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
	made := s.made
	refs := s.emptyTape(b)
	tape := refs.tape
	trips := make(map[*ir.Value]*ir.Var)
	once := make(map[*ir.Value]*ir.Var)   // loads recorded once per loop run
	finals := make(map[*ir.Value]*ir.Var) // counters' final values stored after a loop (finalonce.go)
	slots := s.callSlots()
	reruns := s.rerunCalls()
	c := ir.NewCopier(b)
	c.Before = func(old *ir.Value) bool {
		if rerun, ok := reruns[old]; ok {
			// A checkpointed loop's body: called as it is, recording nothing.
			if rerun {
				r := old.Aux.(ir.Callee).Rule
				args := make([]*ir.Value, len(old.Args)-1)
				for i, a := range old.Args[1:] {
					args[i] = c.Value[a]
				}
				s.saveSnapshot(b, refs, old, args)
				s.saveSplit(b, refs, old, args)
				var nv *ir.Value
				if p := s.fused[old]; p != nil && p.site != nil {
					nv = s.fusedIteration(b, refs, old, args)
				} else {
					nv = b.Invoke(ir.Callee{Name: r.Derived.Name}, old.Type, args...)
				}
				nv.Name = old.Name
				c.Value[old] = nv
			}
			return true
		}
		if fld, ok := slots[old]; ok {
			// A callee's tape, filled in place on the caller's.
			if fld != nil {
				slot := b.TapeSlot(tape, fld)
				if !fld.IsSite() {
					slot.Name = old.Aux.(*ir.Var).Name
				}
				c.Value[old] = slot
			}
			return true
		}
		if fld := made[old]; fld != nil {
			nv := b.TapeBuffer(tape, fld, old.Type.(ir.Slice), c.Value[old.Args[0]])
			nv.Name = old.Name
			c.Value[old] = nv
			if fld := s.taped[old]; fld != nil {
				refs.save(b, fld, nv)
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
				refs.save(b, fld, nv)
			}
			return true
		case old.Op.IsLoop():
			s.saveEntry(b, refs, c, old)
			s.saveHoisted(b, refs, c, old)
			s.fuseBefore(b, refs, c, old)
			s.onceVars(b, old, once)
			s.finalVars(b, old, finals)
			if s.tripF[old] != nil {
				n := &ir.Var{Name: tripName(old), Type: ir.Int}
				b.Declare(n, b.Const(ir.Int, int64(0)))
				trips[old] = n
			}
			s.growStacks(b, tape, c, old)
		case old.Op.IsExit():
			s.saveOnExit(b, refs, old, trips)
			if old.Op == ir.OpReturn {
				s.saveInductions(b, refs, c, old)
			}
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
		if s.taped[old] != nil {
			s.saveFinal(b, refs, old, nv, finals)
		}
		if x := once[old]; x != nil {
			b.Set(x, nv)
		}
		if old.Op.IsLoop() {
			s.saveOnce(b, refs, old, once)
			s.saveFinals(b, refs, old, finals)
			s.saveHeldCount(b, refs, old)
			s.fuseAfter(b, refs, old)
		}
		if n := trips[old]; n != nil {
			refs.save(b, s.tripF[old], b.Get(n))
		}
		if fld := s.flagF[old]; fld != nil {
			refs.save(b, fld, b.Const(ir.Bool, true))
		}
	}
	c.Block(s.f.Body)
	fwd.Doc = []string{fmt.Sprintf("%s runs %s and records in t what %s needs; t's earlier contents are discarded, its memory reused.",
		name, s.f.Name, s.backwardName)}
	if refs.rec != nil {
		fwd.Doc = []string{fmt.Sprintf("%s runs %s and records in t what %s needs, after what the earlier calls since t's holder began its run recorded; the first of them empties t, keeping its memory.",
			name, s.f.Name, s.backwardName)}
	}
	dropUnread(s.fields.tape, fwd, bwd)
	s.endCalls(fwd, refs)
	ir.DeadCode(fwd)
	ir.UniqueNames(fwd)
	return fwd
}

// saveHoisted records, just before loop l, the variables whose value as
// l begins the backward function reads (see hoistLoop).
func (s *splitter) saveHoisted(b *ir.Builder, refs tapeRefs, c *ir.Copier, l *ir.Value) {
	var keys []hoistKey
	for k := range s.hoistF {
		if k.loop == l {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b hoistKey) int { return strings.Compare(s.hoistF[a].Name, s.hoistF[b].Name) })
	for _, k := range keys {
		refs.save(b, s.hoistF[k], b.Get(c.CopyVar(k.x)))
	}
}

// saveOnExit records, just before an exit leaves them, the trip counts of
// the loops and the flags of the flagged statements it leaves: their
// normal ends, where these are recorded, will not run.
func (s *splitter) saveOnExit(b *ir.Builder, refs tapeRefs, exit *ir.Value, trips map[*ir.Value]*ir.Var) {
	var target *ir.Value
	if exit.Op != ir.OpReturn {
		target = exit.Aux.(*ir.Value)
	}
	for _, p := range enclosing(exit) {
		if p == target {
			return
		}
		if n := trips[p]; n != nil {
			refs.save(b, s.tripF[p], b.Get(n))
		}
		if fld := s.flagF[p]; fld != nil {
			refs.save(b, fld, b.Const(ir.Bool, false))
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
// onto the tape, the forward function passes the callee a pointer to the
// tape of the call site, which the calls there share (see ir.Tape), or,
// for a rule's tape, to a fresh entry of the tape's stack of them (a
// stack keeps the memory of its entries from run to run, so a reused tape
// allocates nothing): the variable's addr becomes that pointer (its field
// is the map's value), and its decl and get go (nil).
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
