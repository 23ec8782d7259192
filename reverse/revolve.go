package reverse

import (
	"fmt"
	"slices"
	"strings"

	"github.com/godiff/godiff/ir"
)

// This file reverses a loop marked //godiff:checkpoint -snapshots=S (or
// -memory=SIZE) by binomial checkpointing, Griewank and Walther's Revolve.
// Outline moves the loop's body into B as for any marked loop, its state
// (the variables the body assigns) B's first parameters and its results.
//
// The forward function runs the loop as written, calling B, and saves
// the state as the loop begins (and, for a loop whose trip count it cannot
// compute again, the trip count n, as for any loop). Where it knows n as
// the loop begins (a range loop, or a three-clause loop with a bound, see
// revolvefirst.go), it also saves the states the backward
// sweep's first descent keeps (see saveSplit), as it passes them: that
// descent then costs no plain runs but from its last saved state.
//
// The backward sweep goes over the iterations last first, as for any
// loop; for iteration pos it needs B's record of that iteration, and so
// the state as pos began. It holds a stack of at most S saved states (their iterations
// rising, the loop's entry state at the bottom): it drops those past pos,
// then from the top one (at iteration at) runs B plainly up to pos, saving
// on the way the state at the binomial split of [at, pos], so long as the
// stack has room; finally it runs iteration pos recorded, on a tape of one
// iteration, and its backward code. This is the recursive treeverse of
// Griewank (1992), unrolled into the backward loop: reversing [lo, hi)
// with lo's state saved and s states in all, it saves the state at mid,
// reverses [mid, hi) with s-1 and then [lo, mid) with s. With mid chosen
// as below, the plain runs of B number r·n - C(S+r, S+1) in all for n
// iterations, r the least with C(S+r, S) ≥ n: the fewest any schedule
// holding S states needs.
//
// It is exact since every iteration runs from the state the forward sweep
// had at it, by the same operations: the gradient is the recorded loop's,
// bit for bit.

// isRevolve reports whether loop l asks for binomial checkpointing.
func isRevolve(l *ir.Value) bool {
	lp := l.Aux.(*ir.Loop)
	return lp.Snapshots > 0 || lp.Memory > 0
}

// planRevolve checks what binomial checkpointing needs of p's loop besides
// what Outline checks, and sets p.rule.Revolve; it returns why not, or "".
// A three-clause loop's header may change only its counter (i++, i += 2),
// which the backward sweep computes for each iteration; a while loop's
// condition only reads: the trip count it gave is recorded.
func (p *loopPlan) planRevolve() string {
	l := p.loop
	lp := l.Aux.(*ir.Loop)
	rv := &ir.Revolve{Snapshots: lp.Snapshots, Counter: -1, Budget: lp.Memory}
	nparams := len(p.fn.Params)
	if p.index != nil {
		rv.Counter = nparams - 1
	}
	if l.Op == ir.OpFor {
		if name := headerCall(l); name != "" {
			return fmt.Sprintf("its header calls %s, and binomial checkpointing (-snapshots, -memory) cannot count the iterations of such a loop yet; compute the condition into a variable before the loop and again at the end of the body (ok := ...; for ok { ...; ok = ... }), or mark the loop without an option", name)
		}
		set := make(map[*ir.Var]bool)
		for _, blk := range l.Blocks[1:3] {
			blk.Walk(func(v *ir.Value) {
				if v.Op == ir.OpSet {
					set[v.Aux.(*ir.Var)] = true
				}
			})
		}
		for _, x := range p.accs {
			if set[x] {
				return fmt.Sprintf("the body and the loop's condition or post statement both assign %s; assign the state in the body only", x.Name)
			}
		}
		for k, x := range p.vars {
			if !set[x] {
				continue
			}
			if !countedHeader(l, x) || rv.Counter >= 0 {
				return fmt.Sprintf("its header changes %s, which the body reads, other than as a counter (for %s := start; ...; %s += c, c a constant); compute it in the body", x.Name, x.Name, x.Name)
			}
			rv.Counter = len(p.accs) + len(p.free) + k
		}
	}
	if rv.Snapshots == 0 {
		per := int64(8) // the iteration a saved state belongs to
		for _, x := range p.accs {
			n, _ := ir.EntryBytes(x.Type)
			per += n
		}
		if rv.Snapshots = int(min(lp.Memory/per, 1<<30)); rv.Snapshots < 1 {
			return fmt.Sprintf("-memory=%d bytes holds no saved state (%d bytes each: the state and its iteration's number); give at least %d bytes", lp.Memory, per, per)
		}
		// With state in slices S is computed at run time (see
		// snapshotCount); this is its bound, slices of one element.
		for _, i := range p.rule.State {
			n, _ := ir.EntryBytes(p.fn.Params[i].Type.(ir.Slice).Elem)
			per += n
		}
		rv.Snapshots = max(1, int(min(lp.Memory/per, 1<<30)))
	}
	p.rule.Revolve = rv
	return ""
}

// headerCall returns the name of a function other than math's that the
// condition or post statement of three-clause or while loop l calls, or
// "". Both transforms move such a call, with the condition, into the
// loop's body, which then counts one trip more than the body runs; the
// schedule counted them as iterations (FuzzMutate: a wrong gradient,
// or an index out of range, in internal/regress's CallCond marked
// -snapshots=1).
func headerCall(l *ir.Value) string {
	name := ""
	for _, blk := range l.Blocks[1:3] {
		blk.Walk(func(v *ir.Value) {
			if name != "" || (v.Op != ir.OpCall && v.Op != ir.OpInvoke) {
				return
			}
			if c, ok := v.Aux.(ir.Callee); ok && c.Path != "math" {
				name = c.Name
			}
		})
	}
	return name
}

// countedHeader reports whether three-clause loop l declares x in its init
// statement and steps it by a constant in its post statement, and
// nothing else there assigns it.
func countedHeader(l *ir.Value, x *ir.Var) bool {
	declared := false
	for _, v := range l.Blocks[0].Values {
		declared = declared || v.Op == ir.OpDecl && v.Aux == x
	}
	steps := 0
	ok := true
	for _, blk := range l.Blocks[1:3] {
		blk.Walk(func(v *ir.Value) {
			if v.Op != ir.OpSet || v.Aux != x {
				return
			}
			steps++
			a := v.Args[0]
			ok = ok && blk == l.Blocks[2] && (a.Op == ir.OpAdd || a.Op == ir.OpSub) &&
				a.Args[0].Op == ir.OpGet && a.Args[0].Aux == x && a.Args[1].Op == ir.OpConst
		})
	}
	return declared && ok && steps == 1
}

// snapshotBytes returns the bytes one saved state of the call v's loop
// takes: its state's entries and the iteration's number.
func snapshotBytes(r *ir.CallRule) int64 {
	per := int64(8)
	for _, t := range r.Derived.Results {
		n, _ := ir.EntryBytes(t.Type)
		per += n
	}
	return per
}

// revolveFields are the tape fields of one loop's binomial checkpointing:
// the state as the loop began (a stack if the loop is in another, like its
// trip count), and the backward sweep's buffers of saved states.
type revolveFields struct {
	entry []*ir.TapeField // one per state variable
	snaps []*ir.TapeField // scratch: the saved states, one per state variable
	at    *ir.TapeField   // scratch: the iteration of each saved state
	// For a loop whose trip count is known as it begins (knownTrips),
	// the forward sweep saves the states of the backward sweep's first
	// descent as it passes them (see saveSplit): split holds them, one
	// stack per state variable, splitAt their iterations, held how many
	// states the backward sweep then holds. nil otherwise.
	split   []*ir.TapeField
	splitAt *ir.TapeField
	held    *ir.TapeField
	// The same for the state in slices (CallRule.State), one stack of
	// elements each, len(x) entries a state: the state as the loop began,
	// the backward sweep's buffer of held states, and the first descent's.
	sEntry, sSnaps, sSplit []*ir.TapeField
	// The forward function's variables for it: the states to hold, those
	// held so far, the next iteration whose state to save (-1: none), and
	// the trip count.
	// fIter counts a three-clause loop's iterations (nil for a range
	// loop, whose index does).
	fHeld, fTop, fNext, fIter *ir.Var
	fN                        *ir.Value
	// on is the forward sweep's keeping of states for a loop whose trip
	// count it learns at the end (see revolveonline.go); nil otherwise.
	on *onlineState
}

// revolveFieldsOf returns the fields of the loop whose body call v is,
// made on first use.
func (s *splitter) revolveFieldsOf(v *ir.Value, l *ir.Value) *revolveFields {
	if f, ok := s.revolveF[v]; ok {
		return f
	}
	r := v.Aux.(ir.Callee).Rule
	f := &revolveFields{}
	for m := range r.Derived.Results {
		p := r.Derived.Params[m]
		name := strings.ToUpper(p.Name[:1]) + p.Name[1:]
		f.entry = append(f.entry, s.fields.add("entry"+name, p.Type, l.Block.Depth(),
			fmt.Sprintf("%s as %s began (//godiff:checkpoint %s)", p.Name, r.Source, revolveOption(r.Revolve))))
		snap := s.fields.add("snap"+name, p.Type, 0,
			fmt.Sprintf("%s at the iterations of %s where the binomial schedule keeps it, at most %s at once, in a buffer the backward sweep reuses", p.Name, r.Source, snapshotsText(r)))
		snap.Scratch = true
		f.snaps = append(f.snaps, snap)
	}
	for _, i := range r.State {
		p := r.Derived.Params[i]
		name := stateName(r, i)
		f.sEntry = append(f.sEntry, s.fields.add("entry"+name, stateElem(r, i), 1,
			fmt.Sprintf("the elements of %s as %s began (//godiff:checkpoint %s)", p.Name, r.Source, revolveOption(r.Revolve))))
		snap := s.fields.add("snap"+name, stateElem(r, i), 0,
			fmt.Sprintf("the elements of %s, len(%s) entries a state, at the iterations of %s where the binomial schedule keeps it, at most %s states at once, in a buffer the backward sweep reuses", p.Name, p.Name, r.Source, snapshotsText(r)))
		snap.Scratch = true
		f.sSnaps = append(f.sSnaps, snap)
		if s.knownTrips(l) || s.onlineTrips(l, r) {
			f.sSplit = append(f.sSplit, s.fields.add("split"+name, stateElem(r, i), 1,
				fmt.Sprintf("the elements of %s, len(%s) entries a state, at the iterations of %s where the backward sweep's first descent keeps it, saved by the forward sweep as it passes them", p.Name, p.Name, r.Source)))
		}
	}
	if s.knownTrips(l) || s.onlineTrips(l, r) {
		for m := range r.Derived.Results {
			p := r.Derived.Params[m]
			f.split = append(f.split, s.fields.add("split"+strings.ToUpper(p.Name[:1])+p.Name[1:], p.Type, l.Block.Depth()+1,
				fmt.Sprintf("%s at the iterations of %s where the backward sweep's first descent keeps it, saved by the forward sweep as it passes them", p.Name, r.Source)))
		}
		// A loop carrying nothing in variables or slices (a histogram
		// summed into memory) has no state fields: the iterations alone
		// are saved.
		at := "the iteration of each state the forward sweep saves for " + r.Source
		switch {
		case len(f.split) > 0:
			at = "the iteration of each state in " + f.split[0].Name
		case len(f.sSplit) > 0:
			at = "the iteration of each state in " + f.sSplit[0].Name
		}
		f.splitAt = s.fields.add("splitAt", ir.Int, l.Block.Depth()+1, at)
		f.held = s.fields.add("held", ir.Int, l.Block.Depth(), fmt.Sprintf("how many states the backward sweep holds as it begins %s: the state as it began and those the forward sweep saved", r.Source))
	}
	if s.onlineTrips(l, r) {
		s.onlineFields(f, r)
	}
	f.at = s.fields.add("snapAt", ir.Int, 0, fmt.Sprintf("the iteration of each state saved for %s, in a buffer the backward sweep reuses", r.Source))
	f.at.Scratch = true
	s.scratch = true
	s.revolveF[v] = f
	s.revolveLoop[l] = v
	return f
}

// revolveOption writes the directive's option back.
func revolveOption(rv *ir.Revolve) string {
	if rv.Budget > 0 {
		return fmt.Sprintf("-memory=%d", rv.Budget)
	}
	return fmt.Sprintf("-snapshots=%d", rv.Snapshots)
}

// saveEntry saves, in the forward function, the state as loop old (of the
// function being split) begins, if it is checkpointed binomially.
func (s *splitter) saveEntry(b *ir.Builder, refs tapeRefs, c *ir.Copier, old *ir.Value) {
	v := s.revolveLoop[old]
	if v == nil {
		return
	}
	for m, f := range s.revolveF[v].entry {
		a := v.Args[1+m]
		if a.Op != ir.OpGet {
			panic(fmt.Sprintf("reverse: the state argument %v of a checkpointed loop's body is not a variable's", a))
		}
		refs.save(b, f, b.Get(c.CopyVar(a.Aux.(*ir.Var))))
	}
	rf := s.revolveF[v]
	r := v.Aux.(ir.Callee).Rule
	var lens []*ir.Value
	for m, f := range rf.sEntry {
		x := c.Value[v.Args[1+r.State[m]]]
		saveElems(b, refs, f, x)
		lens = append(lens, b.Len(x))
	}
	if rf.splitAt == nil {
		return
	}
	if rf.on != nil {
		onlineEntry(b, refs, rf, r, lens)
		return
	}
	rf.fN = s.entryTrips(b, c, old)
	rf.fHeld = &ir.Var{Name: "keep", Type: ir.Int}
	rf.fTop = &ir.Var{Name: "top", Type: ir.Int}
	rf.fNext = &ir.Var{Name: "next", Type: ir.Int}
	b.Comment("Binomial checkpointing: save the states the backward sweep's first descent keeps, as the loop passes them.")
	b.Declare(rf.fHeld, heldStates(b, r, lens, rf.fN))
	b.Declare(rf.fTop, b.Const(ir.Int, int64(1)))
	b.Declare(rf.fNext, b.Const(ir.Int, int64(-1)))
	nextSplit(b, rf, b.Const(ir.Int, int64(0)))
	declareIteration(b, rf, old)
}

// heldStates returns min(S, n), at least 1: the states the schedule of n
// iterations holds (S from snapshotCount).
func heldStates(b *ir.Builder, r *ir.CallRule, lens []*ir.Value, n *ir.Value) *ir.Value {
	one := b.Const(ir.Int, int64(1))
	c := &ir.Var{Name: "held", Type: ir.Int}
	b.Declare(c, snapshotCount(b, r, lens))
	ifop := b.If(b.Compare(ir.OpLt, n, b.Get(c)))
	b.In(ifop.Blocks[0], func() { b.Set(c, n) })
	ifop = b.If(b.Compare(ir.OpLt, b.Get(c), one))
	b.In(ifop.Blocks[0], func() { b.Set(c, one) })
	return b.Get(c)
}

// nextSplit sets, in the forward function, the next iteration whose state
// the backward sweep's first descent keeps, after the one at j: the
// binomial split of [j, n-1], if the schedule has room and it comes
// before the last iteration; it leaves fNext as it is (-1) otherwise. This is the backward sweep's
// own choice at its first iteration (see revolveArgs).
func nextSplit(b *ir.Builder, rf *revolveFields, j *ir.Value) {
	one := b.Const(ir.Int, int64(1))
	room := b.If(b.Compare(ir.OpLt, b.Get(rf.fTop), b.Get(rf.fHeld)))
	b.In(room.Blocks[0], func() {
		ln := b.Sub(rf.fN, j)
		t := binomialSplit(b, ln, b.Add(b.Sub(b.Get(rf.fHeld), b.Get(rf.fTop)), one))
		if !(j.Op == ir.OpConst && j.Aux == int64(0)) {
			t = b.Add(j, t)
		}
		before := b.If(b.Compare(ir.OpLt, t, b.Sub(rf.fN, one)))
		b.In(before.Blocks[0], func() { b.Set(rf.fNext, t) })
	})
}

// saveSplit saves, in the forward function, the state the call old of a
// loop body takes (the first of args, the copies of its arguments) if its
// iteration is the next the backward sweep's first descent keeps.
func (s *splitter) saveSplit(b *ir.Builder, refs tapeRefs, old *ir.Value, args []*ir.Value) {
	rf := s.revolveF[old]
	if rf == nil || rf.splitAt == nil {
		return
	}
	r := old.Aux.(ir.Callee).Rule
	if rf.on != nil {
		onlineSave(b, rf, r, args)
		return
	}
	j := splitIteration(b, rf, r, args)
	due := b.If(b.Compare(ir.OpEq, j, b.Get(rf.fNext)))
	b.In(due.Blocks[0], func() {
		for m, f := range rf.split {
			refs.save(b, f, args[m])
		}
		for m, f := range rf.sSplit {
			saveElems(b, refs, f, args[r.State[m]])
		}
		refs.save(b, rf.splitAt, j)
		b.Set(rf.fTop, b.Add(b.Get(rf.fTop), b.Const(ir.Int, int64(1))))
		b.Set(rf.fNext, b.Const(ir.Int, int64(-1)))
		nextSplit(b, rf, j)
	})
	stepIteration(b, rf)
}

// saveHeldCount saves, in the forward function, after loop old, how many
// states its schedule holds.
func (s *splitter) saveHeldCount(b *ir.Builder, refs tapeRefs, old *ir.Value) {
	v := s.revolveLoop[old]
	if v == nil || s.revolveF[v].splitAt == nil {
		return
	}
	rf := s.revolveF[v]
	if rf.on != nil {
		onlinePush(b, refs, rf)
		return
	}
	refs.save(b, rf.held, b.Get(rf.fTop))
}

// revolveArgs builds, in the backward code of iteration pos of a loop
// checkpointed binomially, the schedule that brings the state to pos (see
// the top of this file) and returns args, the arguments rerun made for the
// forward function of the body, with the state and counter of pos.
func (bw *backward) revolveArgs(v *ir.Value, args []*ir.Value) []*ir.Value {
	b := bw.b
	r := v.Aux.(ir.Callee).Rule
	rv := r.Revolve
	l := loopAround(v)
	f := bw.s.revolveFieldsOf(v, l)
	one := b.Const(ir.Int, int64(1))
	nstate := len(f.snaps)
	var top, pos *ir.Var
	var snaps, sSnaps []*ir.Value
	var at, capS *ir.Value
	fr, seg := bw.frameOf(l)
	bw.inPrologue(fr, seg, func() *ir.Value {
		// Before the loop's backward code: the stack holds the entry state.
		n := bw.trip(l)
		one := b.Const(ir.Int, int64(1))
		b.Comment(fmt.Sprintf("Binomial checkpointing of %s: at most %s states held at once, the first the state as the loop began.", r.Source, snapshotsText(r)))
		var lens []*ir.Value
		for _, i := range r.State {
			lens = append(lens, b.Len(args[1+i]))
		}
		capS = heldStates(b, r, lens, n)
		for m, sf := range f.snaps {
			buf := b.TapeBuffer(bw.tape, sf, ir.Slice{Elem: sf.Type}, capS)
			buf.Name = sf.Name
			b.Store(buf, b.Const(ir.Int, int64(0)), bw.readTape(f.entry[m]))
			snaps = append(snaps, buf)
		}
		for m, sf := range f.sSnaps {
			buf := b.TapeBuffer(bw.tape, sf, ir.Slice{Elem: sf.Type}, b.Mul(capS, lens[m]))
			buf.Name = sf.Name
			// The entry state: this run's len(x) entries of its stack.
			bw.popState(f.sEntry[m], b.Subslice(buf, b.Const(ir.Int, int64(0)), lens[m]), lens[m])
			sSnaps = append(sSnaps, buf)
		}
		at = b.TapeBuffer(bw.tape, f.at, ir.Slice{Elem: ir.Int}, capS)
		at.Name = "snapAt"
		// top counts the states held: the entry's, and those the forward
		// sweep saved for the first descent.
		top = &ir.Var{Name: "top", Type: ir.Int}
		if f.splitAt != nil {
			b.Declare(top, bw.readTape(f.held))
			bw.readSplits(f, top, snaps, at)
			bw.readSliceSplits(f, top, sSnaps, lens)
		} else {
			b.Declare(top, one)
		}
		pos = &ir.Var{Name: "pos", Type: ir.Int}
		b.Declare(pos, n)
		return nil
	})
	b.Set(pos, b.Sub(b.Get(pos), one))
	b.Comment("Drop the saved states past this iteration, then run the body plainly from the last one left up to it, saving states at the binomial splits while there is room.")
	drop := b.For("")
	b.In(drop.Blocks[1], func() {
		drop.Blocks[1].Result = b.Compare(ir.OpGt, b.Load(at, b.Sub(b.Get(top), one)), b.Get(pos))
	})
	b.In(drop.Blocks[3], func() { b.Set(top, b.Sub(b.Get(top), one)) })
	state := make([]*ir.Var, nstate)
	for m, sf := range f.snaps {
		state[m] = &ir.Var{Name: r.Derived.Params[m].Name, Type: sf.Type}
		b.Declare(state[m], b.Load(snaps[m], b.Sub(b.Get(top), one)))
	}
	for m, buf := range sSnaps {
		copyWindow(b, args[1+r.State[m]], buf, b.Sub(b.Get(top), one))
	}
	cur := &ir.Var{Name: "at", Type: ir.Int}
	b.Declare(cur, b.Load(at, b.Sub(b.Get(top), one)))
	plain := func(j *ir.Value) {
		call := append([]*ir.Value(nil), args[1:]...)
		for m, x := range state {
			call[m] = b.Get(x)
		}
		if rv.Counter >= 0 {
			call[rv.Counter] = bw.counterAt(l, j)
		}
		res := b.Invoke(ir.Callee{Name: r.Derived.Name}, v.Type, call...)
		setState(b, state, res)
	}
	adv := b.For("")
	b.In(adv.Blocks[1], func() { adv.Blocks[1].Result = b.Compare(ir.OpLt, b.Get(cur), b.Get(pos)) })
	b.In(adv.Blocks[3], func() {
		target := &ir.Var{Name: "target", Type: ir.Int}
		b.Declare(target, b.Get(pos))
		room := b.If(b.Compare(ir.OpLt, b.Get(top), capS))
		b.In(room.Blocks[0], func() {
			held := b.Add(b.Sub(capS, b.Get(top)), one)
			b.Set(target, b.Add(b.Get(cur), binomialSplit(b, b.Sub(b.Add(b.Get(pos), one), b.Get(cur)), held)))
		})
		run := b.For("")
		b.In(run.Blocks[1], func() { run.Blocks[1].Result = b.Compare(ir.OpLt, b.Get(cur), b.Get(target)) })
		b.In(run.Blocks[2], func() { b.Set(cur, b.Add(b.Get(cur), one)) })
		b.In(run.Blocks[3], func() { plain(b.Get(cur)) })
		save := b.If(b.Compare(ir.OpLt, b.Get(cur), b.Get(pos)))
		b.In(save.Blocks[0], func() {
			for m, x := range state {
				b.Store(snaps[m], b.Get(top), b.Get(x))
			}
			for m, buf := range sSnaps {
				copyState(b, buf, args[1+r.State[m]], b.Get(top))
			}
			b.Store(at, b.Get(top), b.Get(cur))
			b.Set(top, b.Add(b.Get(top), one))
		})
	})
	out := append([]*ir.Value(nil), args...)
	for m, x := range state {
		out[1+m] = b.Get(x)
	}
	if rv.Counter >= 0 {
		out[1+rv.Counter] = bw.counterAt(l, b.Get(pos))
	}
	return out
}

// readSplits builds, in the backward sweep's prologue of a loop, the
// reads of the states the forward sweep saved for the first descent into
// the stack of held states after the entry state; top holds their number
// and the entry's.
func (bw *backward) readSplits(f *revolveFields, top *ir.Var, snaps []*ir.Value, at *ir.Value) {
	b := bw.b
	for _, sf := range f.split {
		bw.stackCursor(sf)
	}
	bw.stackCursor(f.splitAt)
	one := b.Const(ir.Int, int64(1))
	m := &ir.Var{Name: "m", Type: ir.Int}
	loop := b.For("")
	b.In(loop.Blocks[0], func() { b.Declare(m, b.Sub(b.Get(top), one)) })
	b.In(loop.Blocks[1], func() { loop.Blocks[1].Result = b.Compare(ir.OpGe, b.Get(m), one) })
	b.In(loop.Blocks[2], func() { b.Set(m, b.Sub(b.Get(m), one)) })
	b.In(loop.Blocks[3], func() {
		for k, sf := range f.split {
			b.Store(snaps[k], b.Get(m), bw.readTape(sf))
		}
		b.Store(at, b.Get(m), bw.readTape(f.splitAt))
	})
}

// binomialSplit builds the offset from the start of a range of ln ≥ 2
// iterations, its first state saved and held states in all (held ≥ 2),
// at which to save the next state: the least offset m with m ≥ β(held,
// r-2) and ln-m ≤ β(held-1, r), where β(s, r) = C(s+r, s) and r is the
// least with β(held, r) ≥ ln. Both parts are then reversed in r-1 and r
// repetitions at most, and the plain runs of the whole are the fewest
// (Griewank 1992; reverse's tests check it against the exhaustive count).
func binomialSplit(b *ir.Builder, ln, held *ir.Value) *ir.Value {
	one := b.Const(ir.Int, int64(1))
	zero := b.Const(ir.Int, int64(0))
	r := &ir.Var{Name: "reps", Type: ir.Int}
	beta := &ir.Var{Name: "beta", Type: ir.Int}   // β(held, r)
	beta1 := &ir.Var{Name: "beta1", Type: ir.Int} // β(held, r-1)
	beta2 := &ir.Var{Name: "beta2", Type: ir.Int} // β(held, r-2)
	b.Declare(r, zero)
	b.Declare(beta, one)
	b.Declare(beta1, zero)
	b.Declare(beta2, zero)
	grow := b.For("")
	b.In(grow.Blocks[1], func() { grow.Blocks[1].Result = b.Compare(ir.OpLt, b.Get(beta), ln) })
	b.In(grow.Blocks[3], func() {
		b.Set(r, b.Add(b.Get(r), one))
		b.Set(beta2, b.Get(beta1))
		b.Set(beta1, b.Get(beta))
		b.Set(beta, b.Div(b.Mul(b.Get(beta), b.Add(held, b.Get(r))), b.Get(r)))
	})
	m := &ir.Var{Name: "split", Type: ir.Int}
	// β(held-1, r) = β(held, r)·held/(held+r).
	b.Declare(m, b.Sub(ln, b.Div(b.Mul(b.Get(beta), held), b.Add(held, b.Get(r)))))
	clamp := func(cond *ir.Value, to func() *ir.Value) {
		ifop := b.If(cond)
		b.In(ifop.Blocks[0], func() { b.Set(m, to()) })
	}
	clamp(b.Compare(ir.OpLt, b.Get(m), b.Get(beta2)), func() *ir.Value { return b.Get(beta2) })
	clamp(b.Compare(ir.OpLt, b.Get(m), one), func() *ir.Value { return one })
	clamp(b.Compare(ir.OpGe, b.Get(m), ln), func() *ir.Value { return b.Sub(ln, one) })
	return b.Get(m)
}

// counterAt returns the range index or loop counter of iteration j of
// loop l: j, or start + j·step.
func (bw *backward) counterAt(l, j *ir.Value) *ir.Value {
	if l.Op == ir.OpRange {
		return j
	}
	x, start := bw.s.counter(l)
	if x == nil {
		// Its init statement computes the start from a variable the
		// backward sweep does not have (a slice variable moved by an
		// earlier loop, srcgen seed 92 program 165).
		if bw.err == nil {
			bw.err = &CheckpointError{Pos: l.Aux.(*ir.Loop).Pos, Msg: "this loop cannot be checkpointed with -snapshots or -memory: its init statement computes the counter's start from a variable the backward sweep cannot read again; compute the start into a variable before the loop (n := len(s) - 1; for i := n; ...)"}
		}
		return j
	}
	b := bw.b
	return b.Add(bw.prim(start), b.Mul(j, b.Const(ir.Int, bw.s.step(l))))
}

// revolveSiteDoc is the comment of the tape of one iteration of a loop
// checkpointed binomially.
func revolveSiteDoc(name string, r *ir.CallRule) string {
	return fmt.Sprintf("%s: the tape of one iteration of %s (//godiff:checkpoint %s): the backward sweep brings the state to each iteration from the nearest state it holds (binomial checkpointing, at most %s states held), empties this tape and runs the iteration again recorded before its backward code, so that it holds one iteration's entries whatever the number of iterations.",
		name, r.Source, revolveOption(r.Revolve), snapshotsText(r))
}

// revolveSnapshot returns the report's line for scratch field f if it
// holds saved states of a loop checkpointed binomially, or "".
func (s *splitter) revolveSnapshot(f *ir.TapeField) string {
	if line := s.onlineLine(f); line != "" {
		return line
	}
	for v, rf := range s.revolveF {
		r := v.Aux.(ir.Callee).Rule
		if f != rf.at && !slices.Contains(rf.snaps, f) {
			continue
		}
		size, _ := ir.EntryBytes(f.Type)
		S := int64(r.Revolve.Snapshots)
		if r.Revolve.Budget > 0 && len(r.State) > 0 {
			return fmt.Sprintf("%s: at most S·%d bytes, %s (%d bytes an entry, one per state held: min(S, the trip count)) after FBackward, counted by Bytes, not in the formula", f.Name, size, snapshotsText(r), size)
		}
		return fmt.Sprintf("%s: at most %d bytes (%d bytes an entry, one per state held: min(%d, the trip count)) after FBackward, counted by Bytes, not in the formula", f.Name, S*size, size, S)
	}
	return ""
}

// revolveText is the report's sentence on what the backward sweep runs
// again of a loop checkpointed binomially: the count of runs and the
// memory, as formulas.
func revolveText(r *ir.CallRule, fwd string, rf *revolveFields, step bool) string {
	split := rf != nil && rf.splitAt != nil
	S := r.Revolve.Snapshots
	per := snapshotBytes(r)
	budget := ""
	if r.Revolve.Budget > 0 {
		budget = fmt.Sprintf(", S = ⌊%d / %d⌋ = %d from the budget of %d bytes and %d bytes a state (the state and its iteration's number)", r.Revolve.Budget, per, S, r.Revolve.Budget, per)
	}
	hold := fmt.Sprintf("S = %d states of %d bytes at once (%d bytes)%s", S, per, int64(S)*per, budget)
	if len(r.State) > 0 {
		hold = fmt.Sprintf("S = %d states of %s bytes at once, len(x) entries a state for each slice x of the state", S, stateBytesText(r))
		if r.Revolve.Budget > 0 {
			hold = fmt.Sprintf("%s states of %s bytes at once, len(x) entries a state for each slice x of the state (S computed as the loop begins from the budget of %d bytes and the slices' lengths, at least 1)", snapshotsText(r), stateBytesText(r), r.Revolve.Budget)
		}
	}
	first := ""
	switch {
	case split && rf.on != nil:
		first = fmt.Sprintf(" from the state as the loop began alone, r times an iteration at most; the forward sweep keeps at most ⌊S/2⌋ states evenly spread over the iterations it runs, its trip count unknown until the end, and where r ≤ %d the backward sweep starts from them, with fewer plain runs in all (some iterations may run a few times more than r)", onlineMaxReps)
	case split:
		first = " (the forward sweep's own run does those of the schedule's first descent, about n, saving the states it keeps as it passes them)"
	}
	most := ", r times an iteration at most"
	if rf != nil && rf.on != nil {
		most = ""
	}
	last := fmt.Sprintf("then once more recorded by %s before its backward code, on a tape of one iteration", fwd)
	if step {
		last = "then once more, in place, its backward code at once, nothing recorded"
	}
	return fmt.Sprintf(" every iteration of %s (//godiff:checkpoint %s), by binomial checkpointing (Revolve) from the state saved as the loop began, holding at most %s: for n iterations the body runs plainly r·n − C(S+r, S+1) times in all%s%s, where r is the least integer with C(S+r, S) ≥ n, %s;",
		r.Source, revolveOption(r.Revolve), hold, first, most, last)
}

// revolveSplitLine returns the report's line for field f if it is a stack
// of the states the forward sweep saves for a loop checkpointed
// binomially, or "".
func (s *splitter) revolveSplitLine(f *ir.TapeField, syms map[string]string) string {
	line, _ := s.revolveSplit(f, syms)
	return line
}

// revolveSplit returns the report's line for field f, a stack of the
// states the forward sweep saves for a loop checkpointed binomially, and
// its term of the total: at most S-1 entries per run of the loop; "" if
// f is no such stack.
func (s *splitter) revolveSplit(f *ir.TapeField, syms map[string]string) (string, []term) {
	for v, rf := range s.revolveF {
		if f != rf.splitAt && !slices.Contains(rf.split, f) {
			continue
		}
		size, _ := ir.EntryBytes(f.Type)
		S := int64(v.Aux.(ir.Callee).Rule.Revolve.Snapshots)
		l := loopAround(v)
		trips, _ := s.tripsOf(l.Block, syms)
		t := term{bytes: (S - 1) * size, trips: trips, upper: true}
		return fmt.Sprintf("%s: %s (%d bytes an entry, at most %d a run of the loop: one per state held but the entry's)", f.Name, formulaOf([]term{t}), size, S-1), []term{t}
	}
	return "", nil
}
