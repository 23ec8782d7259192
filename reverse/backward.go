package reverse

import (
	"fmt"
	"slices"
	"strings"

	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/rules"
)

// backward builds the backward function: it replays the forward function's
// control flow in reverse (branches as recorded or recomputed, loops
// backwards over their recorded trip counts) and applies the chain rule to
// each active value in reverse order.
//
// Every forward value the chain rule reads is obtained in one of three ways
// (prim, and splitter.recompute for the choice): recomputed from other available values (constants, loads
// of memory nothing writes, index arithmetic, cheap arithmetic inside
// loops), recovered from the backward loop's own counter (a range index, a
// canonical loop counter), or read back from the tape, where the forward
// function saved it (a field outside loops, a stack inside them). The
// backward function learns which values it reads as it builds, and the
// forward function saves exactly those: the tape holds only what the
// backward sweep reads.
type backward struct {
	s    *splitter
	b    *ir.Builder
	tape *ir.Value // the tape parameter
	rec  *ir.Value // on a shared tape, the call's record (see ir.Tape)

	frames map[*ir.Block]*frame
	memo   map[*ir.Value]*ir.Value // forward value → its backward copy
	shadow map[*ir.Value]*ir.Value // forward slice → the slice of its adjoints

	terms map[*ir.Value][]*ir.Value // adjoint contributions from the same segment
	acc   map[*ir.Value]*ir.Var     // adjoint accumulators for the others
	dvar  map[*ir.Var]*ir.Var       // the adjoint of each active variable

	counter map[*ir.Var]*ir.Value     // canonical loop counters, inside their backward loop
	cursor  map[*ir.TapeField]*ir.Var // where the backward sweep is in each stack
	// pending holds adjoint variables logically reset to zero but not yet
	// written, with the value the variable still holds: x = x + e resets
	// dx and its get of x adds dx back, and the two cancel without code.
	// A second assignment before any get leaves the held value as it is:
	// the variable still holds it, and the next write must clear it.
	pending map[*ir.Var]*ir.Value
	// zeroed holds elements of adjoint slices logically reset to zero by
	// a store's backward code but not yet written: in buf[i] = f(buf[i]),
	// the reset of dbuf[i] and the read's dbuf[i] += e become dbuf[i] = e.
	zeroed []elem
	trips  map[*ir.Value]*ir.Value
	flags  map[*ir.Value]*ir.Value

	inserting  map[*ir.Block]bool // prologues being built
	hoistV     map[hoistKey]*ir.Value
	induct     map[*ir.Var]*ir.Var // induction variables' copies (see induction)
	inductRead map[*ir.Var]bool    // those declared, since something reads them
	stepsBack  []*ir.Value         // their steps back, in the order built
	stepGets   []*ir.Value         // the gets those steps read

	seeds    []*ir.Value
	paramAdj map[int]*ir.Value // backward parameter of each adjoint buffer
	err      error
}

// frame is the backward view of one forward block: the block is cut into
// segments after each statement that may leave it early (see
// splitter.flagged); segment j's backward code runs only if the forward
// sweep got past statement j. Each segment has a prologue at the start of
// its backward block where the values it reads are read back from the tape
// or recomputed, and accumulators declared.
type frame struct {
	seg      map[*ir.Value]int
	target   []*ir.Block // the backward block of each segment
	cursor   []int       // where the next prologue value goes in it
	segments [][]*ir.Value
	last     bool // the function's body: nothing runs after its first segment
}

func (bw *backward) fail(format string, args ...any) {
	if bw.err == nil {
		bw.err = fmt.Errorf(format, args...)
	}
}

// frameOf returns the frame of the block holding v, and v's segment. The
// header blocks of a for loop (init, cond, post) count as part of the
// block holding the loop: they have no backward code of their own.
func (bw *backward) frameOf(v *ir.Value) (*frame, int) {
	blk := v.Block
	for blk.Parent != nil && blk.Parent.Op == ir.OpFor && blk != blk.Parent.Blocks[3] {
		v = blk.Parent
		blk = v.Block
	}
	fr := bw.frames[blk]
	if fr == nil {
		panic(fmt.Sprintf("reverse: value %v read outside its block's backward code", v))
	}
	return fr, fr.seg[v]
}

// inPrologue builds values with build into the prologue of segment seg of
// fr, and returns what build returns.
func (bw *backward) inPrologue(fr *frame, seg int, build func() *ir.Value) *ir.Value {
	target := fr.target[seg]
	if bw.inserting[target] {
		// Already building this prologue (a value's argument): the
		// argument goes in right here, before the value.
		return build()
	}
	var out *ir.Value
	bw.inserting[target] = true
	fr.cursor[seg] = bw.b.InsertIn(target, fr.cursor[seg], func() { out = build() })
	delete(bw.inserting, target)
	return out
}

// block builds the backward code of forward block blk into the builder's
// current block.
func (bw *backward) block(blk *ir.Block) {
	fr := &frame{seg: make(map[*ir.Value]int)}
	bw.frames[blk] = fr
	var cur []*ir.Value
	for _, v := range blk.Values {
		fr.seg[v] = len(fr.segments)
		cur = append(cur, v)
		if bw.s.flagged[v] {
			fr.segments = append(fr.segments, cur)
			cur = nil
		}
	}
	fr.segments = append(fr.segments, cur)
	fr.target = make([]*ir.Block, len(fr.segments))
	fr.cursor = make([]int, len(fr.segments))
	fr.last = blk == bw.s.f.Body
	bw.segment(fr, 0)
}

// segment builds segment j: first, guarded by the flag of the statement
// that ends it, the later segments; then its own values in reverse.
func (bw *backward) segment(fr *frame, j int) {
	fr.target[j] = bw.b.Block
	fr.cursor[j] = len(bw.b.Block.Values)
	vals := fr.segments[j]
	if j+1 < len(fr.segments) {
		last := vals[len(vals)-1]
		flag := bw.flag(last)
		ifop := bw.b.If(flag)
		bw.b.In(ifop.Blocks[0], func() { bw.segment(fr, j+1) })
	}
	for i := len(vals) - 1; i >= 0; i-- {
		bw.value(vals[i])
	}
	if fr.last && j == 0 {
		clear(bw.pending) // the end of the backward function
	}
	bw.flush()
}

// flush writes the pending resets of adjoint variables and elements,
// before code that may read them (a nested block) and at the end of a
// segment.
func (bw *backward) flush() {
	for _, x := range bw.pendingOrder() {
		bw.b.Set(x, bw.b.Zero(x.Type))
	}
	clear(bw.pending)
	bw.flushElems(func(elem) bool { return true })
}

// elem is an element of an adjoint slice: ds[i].
type elem struct{ s, i *ir.Value }

// flushElems writes the pending resets of the elements for which keep
// reports true, and keeps the others pending.
func (bw *backward) flushElems(write func(elem) bool) {
	kept := bw.zeroed[:0]
	for _, e := range bw.zeroed {
		if write(e) {
			bw.b.Store(e.s, e.i, bw.b.Zero(ir.Scalar(e.s.Type)))
		} else {
			kept = append(kept, e)
		}
	}
	bw.zeroed = kept
}

// mayOverlap reports whether ds[i] and es[j] can be the same element:
// unless the slices are views of different memory, or the same slice at
// indexes that differ by a constant (i-1 and i+1).
func mayOverlap(a, b elem) bool {
	if ir.Root(a.s) != ir.Root(b.s) {
		return false
	}
	if a.s != b.s {
		return true
	}
	ba, oa := offset(a.i)
	bb, ob := offset(b.i)
	return ba != bb || oa == ob
}

// offset splits an index into a base and a constant: i+1 is (i, 1).
func offset(i *ir.Value) (*ir.Value, int64) {
	if (i.Op == ir.OpAdd || i.Op == ir.OpSub) && i.Args[1].IsConst() {
		if c, ok := i.Args[1].Aux.(int64); ok {
			if i.Op == ir.OpSub {
				c = -c
			}
			return i.Args[0], c
		}
	}
	return i, 0
}

// touch writes, before an access to ds[i], the pending resets of the
// elements it may overlap; it reports whether ds[i] itself was pending
// (and so is zero now, though not written).
func (bw *backward) touch(e elem) bool {
	pending := false
	bw.flushElems(func(z elem) bool {
		if z == e {
			pending = true
			return false
		}
		return mayOverlap(z, e)
	})
	if pending {
		bw.zeroed = slices.DeleteFunc(bw.zeroed, func(z elem) bool { return z == e })
	}
	return pending
}

// pendingOrder lists the pending variables in a fixed order, for
// deterministic output.
func (bw *backward) pendingOrder() []*ir.Var {
	var xs []*ir.Var
	for x := range bw.pending {
		xs = append(xs, x)
	}
	slices.SortFunc(xs, func(a, b *ir.Var) int { return strings.Compare(a.Name, b.Name) })
	return xs
}

// flag returns whether flagged statement v finished, read from the tape.
func (bw *backward) flag(v *ir.Value) *ir.Value {
	if f, ok := bw.flags[v]; ok {
		return f
	}
	fld := bw.s.flagField(v)
	fr, seg := bw.frameOf(v)
	f := bw.inPrologue(fr, seg, func() *ir.Value { return bw.readTape(fld) })
	bw.flags[v] = f
	return f
}

// readTape reads a field of the tape: a scalar field's value, or a
// stack's next entry from the top. Stacks are read through a cursor of the
// backward function's own (nz, declared at its top from len(t.z)), never
// popped: the backward function only reads the tape, so one forward run can
// serve several backward runs, one per seed, from several goroutines.
//
// A site (see ir.TapeField) is read the same way, its calls last first:
// what is read is the number of the call, for the callee's backward
// function. On a shared tape, a field of one call is read from the call's
// record, and a cursor starts where the call's entries end.
func (bw *backward) readTape(fld *ir.TapeField) *ir.Value {
	b := bw.b
	tape := bw.s.fields.tape
	if !fld.Stack && !fld.IsSite() {
		if tape.InRecord(fld) {
			return b.TapeLoad(bw.rec, fld)
		}
		return b.TapeLoad(bw.tape, fld)
	}
	cur := bw.stackCursor(fld)
	b.Set(cur, b.Sub(b.Get(cur), b.Const(ir.Int, int64(1))))
	if fld.IsSite() {
		return b.Get(cur)
	}
	return b.Load(b.TapeLoad(bw.tape, fld), b.Get(cur))
}

// stackCursor returns the variable that says where the backward sweep
// is in stack or site fld, declared at the top of the backward function
// on first use.
func (bw *backward) stackCursor(fld *ir.TapeField) *ir.Var {
	cur, ok := bw.cursor[fld]
	if !ok {
		cur = &ir.Var{Name: "n" + fld.Name, Type: ir.Int}
		bw.cursor[fld] = cur
		bw.inPrologue(bw.frames[bw.s.f.Body], 0, func() *ir.Value {
			bw.b.Declare(cur, bw.stackEnd(fld))
			return nil
		})
	}
	return cur
}

// stackEnd returns where the entries of stack or site fld that this run
// pushed end: its length, or on a shared tape what the call's record
// says.
func (bw *backward) stackEnd(fld *ir.TapeField) *ir.Value {
	b := bw.b
	switch {
	case bw.s.fields.tape.Calls != nil:
		return b.TapeLoad(bw.rec, bw.s.fields.endOf(fld))
	case fld.IsSite():
		return b.TapeCalls(bw.tape, fld)
	}
	return b.Len(b.TapeLoad(bw.tape, fld))
}

// value builds the backward code of one forward value or statement.
func (bw *backward) value(v *ir.Value) {
	a := bw.s.act
	if len(v.Blocks) > 0 && relevant(a, v) {
		bw.flush()
	}
	switch v.Op {
	case ir.OpIf:
		if !relevant(a, v) {
			return
		}
		cond := bw.prim(v.Args[0])
		ifop := bw.b.If(cond)
		ifop.AddNote(ir.Note{Kind: ir.NotePrimal, Of: v}) // the if it replays
		bw.b.In(ifop.Blocks[0], func() { bw.block(v.Blocks[0]) })
		bw.b.In(ifop.Blocks[1], func() { bw.block(v.Blocks[1]) })
	case ir.OpFor, ir.OpRange:
		if relevant(a, v) {
			bw.loop(v)
		}
	case ir.OpReturn:
		for i, r := range v.Args {
			if mutation == "multiresult" && i > 0 {
				break
			}
			if a.Value[r] && ir.IsFloat(r.Type) {
				bw.addAdj(v, r, bw.seeds[i])
			}
		}
	case ir.OpDecl, ir.OpSet:
		bw.stepBack(v)
		bw.assign(v)
	case ir.OpStore:
		bw.store(v)
	case ir.OpCopySlice:
		bw.copySlice(v)
	case ir.OpLoad:
		bw.load(v)
	case ir.OpInvoke:
		if ir.IsSplitCall(v) {
			bw.splitCall(v)
		}
	case ir.OpGet:
		if !a.Value[v] {
			return
		}
		dv := bw.adjoint(v)
		if dv == nil {
			return
		}
		dx := bw.adjVar(tupleMate(v, bw.s.act.Vars))
		if held, ok := bw.pending[dx]; ok {
			delete(bw.pending, dx)
			if dv != held {
				bw.b.Set(dx, dv)
			}
			return
		}
		bw.b.Set(dx, bw.b.Add(bw.b.Get(dx), dv))
	case ir.OpSliceLit:
		if !a.Mem[v] {
			return
		}
		ds := bw.shadowOf(v)
		bw.flushElems(func(elem) bool { return true })
		for k, e := range v.Args {
			if a.Value[e] {
				bw.addAdj(v, e, bw.b.Load(ds, bw.b.Const(ir.Int, int64(k))))
			}
		}
	default:
		if v.Op.IsPure() && a.Value[v] && ir.IsFloat(v.Type) {
			bw.chain(v)
		}
	}
}

// chain passes the adjoint of a pure value to its active arguments, each
// times its partial derivative.
func (bw *backward) chain(v *ir.Value) {
	dv := bw.adjoint(v)
	if dv == nil {
		return
	}
	a := bw.s.act
	active := make([]bool, len(v.Args))
	for j, x := range v.Args {
		active[j] = a.Value[x] && ir.IsFloat(x.Type)
	}
	readArg, readSelf := rules.Reads(v, active)
	args := make([]*ir.Value, len(v.Args))
	for j, x := range v.Args {
		if readArg[j] {
			args[j] = bw.prim(x)
		} else {
			// Only the partials of inactive arguments read it, and they
			// are dropped.
			args[j] = bw.b.ZeroOf(x.Type)
		}
	}
	rule := rules.For(v)
	if rule == nil {
		panic(fmt.Sprintf("reverse: no derivative rule for active value %v (%v)", v.Name, v.Op))
	}
	// A rule that does not read its result only asks for its type.
	y := &ir.Value{Op: v.Op, Type: v.Type, Aux: v.Aux}
	if readSelf {
		y = bw.prim(v)
	}
	partials := rule(bw.b, y, args)
	// An argument used twice (x*x) gets one contribution, summed.
	var order []*ir.Value
	contrib := make(map[*ir.Value][]*ir.Value)
	for j, x := range v.Args {
		if !active[j] || partials[j] == nil {
			continue
		}
		c := rules.TimesAdjoint(bw.b, dv, partials[j])
		if x.Type != v.Type {
			c = bw.b.Convert(c, x.Type)
		}
		if contrib[x] == nil {
			order = append(order, x)
		}
		contrib[x] = append(contrib[x], c)
	}
	for _, x := range order {
		bw.addAdj(v, x, bw.b.Sum(x.Type, contrib[x]))
	}
}

// assign handles decl and set of an active variable: the variable's
// adjoint moves to the assigned value and is reset, since the value it
// held before the assignment did not reach anything after it.
func (bw *backward) assign(v *ir.Value) {
	x := v.Aux.(*ir.Var)
	if !bw.s.act.Vars[x] {
		return
	}
	dx := bw.adjVar(x)
	if _, reset := bw.pending[dx]; reset {
		// dx is zero already (x is assigned again before anything reads
		// it): the value assigned gets nothing, and dx stays pending with
		// what the variable still holds, which a later reset must clear.
		return
	}
	held := bw.b.Get(dx)
	if len(v.Args) == 1 && bw.s.act.Value[v.Args[0]] {
		bw.addAdj(v, v.Args[0], held)
	}
	// The reset matters only if dx is read again: by an earlier use of x,
	// or, for a declaration inside a loop, by the previous iteration's.
	if (v.Op == ir.OpSet || v.Block.Depth() > 0) && mutation != "overwrite" {
		bw.pending[dx] = held
	}
}

// load handles x := s[i]: the adjoint of x goes to the adjoint of s[i].
func (bw *backward) load(v *ir.Value) {
	if !bw.s.act.Value[v] || !ir.IsFloat(v.Type) {
		return
	}
	dv := bw.adjoint(v)
	if dv == nil {
		return
	}
	ds, i := bw.shadowOf(v.Args[0]), bw.prim(v.Args[1])
	if bw.touch(elem{ds, i}) {
		bw.b.Store(ds, i, dv) // it was reset: no need to add
		return
	}
	bw.b.Store(ds, i, bw.b.Add(bw.b.Load(ds, i), dv))
}

// store handles s[i] = x: the adjoint of s[i] goes to x and is reset, since
// the element's earlier value was overwritten.
func (bw *backward) store(v *ir.Value) {
	s := v.Args[0]
	if !bw.s.act.Mem[ir.Root(s)] {
		return
	}
	ds, i := bw.shadowOf(s), bw.prim(v.Args[1])
	x := v.Args[2]
	wasZero := bw.touch(elem{ds, i})
	if bw.s.act.Value[x] && !wasZero {
		bw.addAdj(v, x, bw.b.Load(ds, i))
	}
	bw.zeroed = append(bw.zeroed, elem{ds, i})
}

// copySlice handles n := copy(dst, src): element by element, like a store
// of each src[k] into dst[k].
func (bw *backward) copySlice(v *ir.Value) {
	dst, src := v.Args[0], v.Args[1]
	if !bw.s.act.Mem[ir.Root(dst)] {
		return
	}
	n := bw.prim(v)
	bw.flushElems(func(elem) bool { return true })
	ddst := bw.shadowOf(dst)
	var dsrc *ir.Value
	if bw.s.act.Mem[ir.Root(src)] {
		dsrc = bw.shadowOf(src)
	}
	b := bw.b
	loop := b.For("")
	k := &ir.Var{Name: "k", Type: ir.Int}
	b.In(loop.Blocks[0], func() { b.Declare(k, b.Const(ir.Int, int64(0))) })
	b.In(loop.Blocks[1], func() { loop.Blocks[1].Result = b.Compare(ir.OpLt, b.Get(k), n) })
	b.In(loop.Blocks[2], func() { b.Set(k, b.Add(b.Get(k), b.Const(ir.Int, int64(1)))) })
	b.In(loop.Blocks[3], func() {
		i := b.Get(k)
		zero := b.Zero(ir.Scalar(dst.Type))
		if dsrc != nil {
			b.Store(dsrc, i, b.Add(b.Load(dsrc, i), b.Load(ddst, i)))
		}
		b.Store(ddst, i, zero)
	})
}

// loop builds a loop's backward code: the same body, backward, once per
// iteration the forward sweep ran, last iteration first.
func (bw *backward) loop(l *ir.Value) {
	if bw.s.fusion(l) != nil {
		// Its iterations' backward code ran in the forward sweep: the
		// body's backward code runs once (see fuse.go).
		bw.block(loopBody(l))
		return
	}
	if r := bw.s.reductions[l]; r != nil {
		bw.reduction(r)
		return
	}
	b := bw.b
	n := bw.trip(l)
	one := b.Const(ir.Int, int64(1))
	counterVar, start := bw.s.counter(l)
	name := "k"
	if l.Op == ir.OpRange {
		name = "i" // what the forward code calls an unnamed range index
		if idx := l.Blocks[0].Values[0]; idx.Name != "" {
			name = idx.Name
		}
	} else if counterVar != nil {
		name = counterVar.Name
	}
	var first *ir.Value // the counter's value in the first iteration
	switch {
	case l.Op == ir.OpRange:
		first = b.Const(ir.Int, int64(0))
	case counterVar != nil:
		first = bw.prim(start)
	}
	step := int64(1) // the counter's step
	if counterVar != nil {
		step = bw.s.step(l)
	}
	last := bw.lastCount(l, first, n, step)
	k := &ir.Var{Name: name, Type: ir.Int}
	bl := b.For("")
	bl.AddNote(ir.Note{Kind: ir.NotePrimal, Of: l}) // the loop it runs backwards
	b.In(bl.Blocks[0], func() {
		if first != nil {
			b.Declare(k, last)
		} else {
			b.Declare(k, n)
		}
	})
	b.In(bl.Blocks[1], func() {
		switch {
		case first != nil && step > 0:
			bl.Blocks[1].Result = b.Compare(ir.OpGe, b.Get(k), first)
		case first != nil:
			bl.Blocks[1].Result = b.Compare(ir.OpLe, b.Get(k), first)
		default:
			bl.Blocks[1].Result = b.Compare(ir.OpGt, b.Get(k), b.Const(ir.Int, int64(0)))
		}
	})
	b.In(bl.Blocks[2], func() {
		switch {
		case first != nil && step < 0:
			b.Set(k, b.Add(b.Get(k), b.Const(ir.Int, -step)))
		case first != nil:
			b.Set(k, b.Sub(b.Get(k), b.Const(ir.Int, step)))
		default:
			b.Set(k, b.Sub(b.Get(k), one))
		}
	})
	body := l.Blocks[len(l.Blocks)-1]
	b.In(bl.Blocks[3], func() {
		if first != nil {
			i := b.Get(k)
			if l.Op == ir.OpRange {
				i.AddNote(ir.Note{Kind: ir.NotePrimal, Of: body.Values[0]})
				bw.memo[body.Values[0]] = i
			} else {
				saved, had := bw.counter[counterVar]
				bw.counter[counterVar] = i
				defer func() {
					if had {
						bw.counter[counterVar] = saved
					} else {
						delete(bw.counter, counterVar)
					}
				}()
			}
		}
		bw.block(body)
	})
}

// lastCount returns the value of loop l's counter (or range index) in its
// last iteration, from its value first in the first (nil for a loop with
// neither) and the trip count n: first + (n-1)·step, which is bound - 1
// (bound if the test includes it; bound + 1 counting down) when the trip
// count follows from the bound.
func (bw *backward) lastCount(l, first, n *ir.Value, step int64) *ir.Value {
	b := bw.b
	if first == nil {
		return nil
	}
	if bound, inclusive := bw.s.countedBound(l); bound != nil && l.Op == ir.OpFor {
		last := bw.prim(bound)
		if !inclusive {
			last = b.Sub(last, b.Const(ir.Int, step))
		}
		return last
	}
	steps := b.Sub(n, b.Const(ir.Int, int64(1)))
	if step < 0 {
		if step != -1 {
			steps = b.Mul(steps, b.Const(ir.Int, -step))
		}
		return b.Sub(first, steps)
	}
	if step != 1 {
		steps = b.Mul(steps, b.Const(ir.Int, step))
	}
	return b.Add(first, steps)
}

// trip returns the number of iterations loop l ran: recomputed for a range
// loop nothing leaves early, read from the tape otherwise.
func (bw *backward) trip(l *ir.Value) *ir.Value {
	if t, ok := bw.trips[l]; ok {
		return t
	}
	fr, seg := bw.frameOf(l)
	var n *ir.Value
	if bound, inclusive := bw.s.countedBound(l); bound != nil {
		_, start := bw.s.counter(l)
		n = bw.inPrologue(fr, seg, func() *ir.Value {
			d := bw.b.Sub(bw.prim(bound), bw.prim(start))
			if bw.s.step(l) < 0 {
				d = bw.b.Sub(bw.prim(start), bw.prim(bound))
			}
			if inclusive {
				d = bw.b.Add(d, bw.b.Const(ir.Int, int64(1)))
			}
			return d // at most 0 when the loop did not run
		})
	} else if n2, ok := rangeArrayLen(l); ok && !bw.s.leavesEarly(l) {
		n = bw.b.Const(ir.Int, n2) // the length of an array
	} else if l.Op == ir.OpRange && !bw.s.leavesEarly(l) {
		over := l.Args[0]
		n = bw.inPrologue(fr, seg, func() *ir.Value {
			o := bw.prim(over)
			if ir.IsInteger(over.Type) {
				return bw.b.Convert(o, ir.Int)
			}
			return bw.b.Len(o)
		})
	} else {
		fld := bw.s.tripField(l)
		n = bw.inPrologue(fr, seg, func() *ir.Value { return bw.readTape(fld) })
	}
	bw.trips[l] = n
	return n
}

// adjVar returns the adjoint variable of active variable x, declared at the
// top of the backward function.
func (bw *backward) adjVar(x *ir.Var) *ir.Var {
	if d, ok := bw.dvar[x]; ok {
		return d
	}
	d := &ir.Var{Name: "d" + x.Name, Type: x.Type}
	d.AddNote(ir.Note{Kind: ir.NoteAdjoint, Var: x})
	bw.dvar[x] = d
	fr := bw.frames[bw.s.f.Body]
	bw.inPrologue(fr, 0, func() *ir.Value { bw.b.Declare(d, nil); return nil })
	return d
}

// addAdj adds term to x's adjoint, for its use by user. A use in x's own
// block and segment is a term summed when the backward sweep reaches x; any
// other use (in a loop, a branch, a later segment) adds to an accumulator
// variable declared in x's prologue.
func (bw *backward) addAdj(user, x, term *ir.Value) {
	if x.Op == ir.OpConst {
		return
	}
	fx, sx := bw.frameOf(x)
	fu, su := bw.frameOf(user)
	if fx == fu && sx == su && user.Block == x.Block {
		bw.terms[x] = append(bw.terms[x], term)
		return
	}
	if x.Op == ir.OpParam && user.Block.Depth() == 0 {
		// A scalar parameter's contribution from a branch goes straight
		// into its buffer: *dx += term.
		bw.b.Accum(bw.paramAdj[x.Aux.(int)], term)
		return
	}
	acc, ok := bw.acc[x]
	if !ok {
		// A scalar parameter's contributions from loops are summed in a
		// local variable (dbSum), added to its buffer once at the end: the
		// loop adds to a register, not through a pointer.
		name := adjName(x)
		if x.Op == ir.OpParam {
			name += "Sum"
		}
		acc = &ir.Var{Name: name, Type: x.Type}
		acc.AddNote(ir.Note{Kind: ir.NoteAdjoint, Of: x})
		bw.acc[x] = acc
		bw.inPrologue(fx, sx, func() *ir.Value { bw.b.Declare(acc, nil); return nil })
	}
	bw.b.Set(acc, bw.b.Add(bw.b.Get(acc), term))
}

func adjName(x *ir.Value) string {
	if x.Name != "" {
		return "d" + x.Name
	}
	return "dtmp"
}

// adjoint returns x's whole adjoint, once every use has contributed, or nil
// if none did. It is named dx after x, except a parameter's, which only
// goes into the parameter's buffer (named dx already).
func (bw *backward) adjoint(x *ir.Value) *ir.Value {
	terms := bw.terms[x]
	if acc, ok := bw.acc[x]; ok {
		terms = append(terms, bw.b.Get(acc))
	}
	if len(terms) == 0 {
		return nil
	}
	dx := bw.b.Sum(x.Type, terms)
	if x.Name != "" && dx.Name == "" && !dx.IsConst() && dx.Op != ir.OpGet && x.Op != ir.OpParam {
		dx.Name = "d" + x.Name
	}
	dx.AddNote(ir.Note{Kind: ir.NoteAdjoint, Of: x})
	return dx
}

// shadowOf returns the slice of adjoints of forward slice s: the adjoint
// buffer passed in for a parameter, a fresh buffer for a local slice, the
// same view of its parent's shadow for a subslice or row.
func (bw *backward) shadowOf(s *ir.Value) *ir.Value {
	if d, ok := bw.shadow[s]; ok {
		return d
	}
	var d *ir.Value
	switch s.Op {
	case ir.OpParam:
		d = bw.paramAdj[s.Aux.(int)]
		switch {
		case d == nil && bw.s.volatile:
			// A callee's slice its caller passes no buffer for: the
			// adjoints of what the callee writes there and reads back
			// live in a buffer of the backward function's own.
			fr, seg := bw.frameOf(s)
			d = bw.inPrologue(fr, seg, func() *ir.Value {
				return bw.buffer(s.Type, bw.b.Len(bw.prim(s)), shadowName(s), "the derivatives of what "+bw.s.f.Name+" writes into "+s.Name)
			})
		case d == nil:
			panic(fmt.Sprintf("reverse: no adjoint buffer for parameter %s", s.Name))
		}
	case ir.OpMake, ir.OpSliceLit, ir.OpSubslice, ir.OpLoad:
		fr, seg := bw.frameOf(s)
		d = bw.inPrologue(fr, seg, func() *ir.Value { return bw.newShadow(s) })
	default:
		bw.fail("reverse mode cannot follow the slice %s (%v) to its allocation", s.Name, s.Op)
		d = bw.b.Make(s.Type, bw.b.Const(ir.Int, int64(0))) // never emitted: the split fails
	}
	switch {
	case d.Name != "" || d.Op == ir.OpParam:
	case s.Name != "":
		d.Name = "d" + s.Name
	case s.Op == ir.OpLoad && s.Args[0].Name != "":
		d.Name = "d" + s.Args[0].Name + "Row" // the adjoints of the row W[i]: dWRow
	}
	d.AddNote(ir.Note{Kind: ir.NoteAdjoint, Of: s})
	bw.shadow[s] = d
	return d
}

func (bw *backward) newShadow(s *ir.Value) *ir.Value {
	b := bw.b
	switch s.Op {
	case ir.OpMake:
		if _, ok := s.Type.(ir.Slice); ok && ir.IsSlice(ir.Elem(s.Type)) {
			bw.fail("reverse mode does not support making a slice of slices (%s); pass it in as a parameter", s.Name)
		}
		return bw.buffer(s.Type, bw.prim(s.Args[0]), shadowName(s), "the derivatives of "+shadowSubject(s))
	case ir.OpSliceLit:
		return bw.buffer(s.Type, b.Const(ir.Int, int64(len(s.Args))), shadowName(s), "the derivatives of "+shadowSubject(s))
	case ir.OpSubslice:
		return b.Subslice(bw.shadowOf(s.Args[0]), bw.prim(s.Args[1]), bw.prim(s.Args[2]))
	default: // a row of a slice of slices
		return b.Load(bw.shadowOf(s.Args[0]), bw.prim(s.Args[1]))
	}
}

// buffer returns a zeroed buffer of type t and length n for the backward
// function's own use: in memory the tape keeps from run to run, in a
// scratch field named after name, which says it holds what; make(t, n)
// for an array (a variable) or a slice of slices.
func (bw *backward) buffer(t ir.Type, n *ir.Value, name, what string) *ir.Value {
	st, ok := t.(ir.Slice)
	if !ok || ir.IsSlice(st.Elem) {
		return bw.b.Make(t, n)
	}
	fld := bw.s.fields.add(name, st.Elem, 0, what+", in a buffer the backward sweep reuses")
	fld.Scratch = true
	bw.s.scratch = true
	return bw.b.TapeBuffer(bw.tape, fld, st, n)
}

// shadowName names the adjoints of slice s: ds, or dtmp.
func shadowName(s *ir.Value) string {
	if s.Name != "" {
		return "d" + s.Name
	}
	return "dtmp"
}

// shadowSubject says what slice s is, for a comment: "comp, which F
// makes".
func shadowSubject(s *ir.Value) string {
	if s.Name != "" {
		return s.Name + ", which " + s.Block.Func.Name + " makes"
	}
	return "a slice " + s.Block.Func.Name + " makes"
}

// splitCall handles y := g(args) for a function g of slices, whose
// forward function the forward sweep ran on a tape of its own (see
// rules.LowerCalls): g's backward function, on that tape, adds the
// adjoints of g's active arguments (the variant of g for them) into the
// caller's adjoint slices, and into fresh variables for the numbers,
// which then go to those arguments.
func (bw *backward) splitCall(v *ir.Value) {
	if !isSite(bw.s.act, v) {
		return
	}
	if p := bw.s.fused[v]; p != nil {
		bw.fusedCall(v, p)
		return
	}
	var seeds []*ir.Value
	if types, ok := v.Type.(ir.Tuple); ok {
		seeds = bw.elementSeeds(v, types)
	} else if v.Type != nil {
		dv := bw.adjoint(v)
		if dv == nil {
			dv = bw.b.Zero(v.Type)
		}
		seeds = append(seeds, dv)
	}
	c := v.Aux.(ir.Callee)
	params := c.Rule.Derived.Params
	wrt := ir.ParseWrt(c.Wrt)
	b := bw.b
	bw.flushElems(func(elem) bool { return true }) // g's backward reads adjoint memory
	// g's tape: the site's, with the number of the call. A rule's
	// backward function gets a copy of the call's tape, as it got it from
	// its forward function: it may use the tape up (pop its stacks), and
	// another backward run of the same forward run must find it whole.
	var args []*ir.Value
	if c.Rule.Recompute {
		args = bw.rerun(v)
	} else if fld := bw.s.tapeField(c.Tape); fld.IsSite() {
		args = []*ir.Value{b.TapeSlot(bw.tape, fld), bw.prim(c.Tape)}
	} else {
		tape := &ir.Var{Name: c.Tape.Aux.(*ir.Var).Name, Type: c.Tape.Type}
		b.Declare(tape, bw.prim(c.Tape))
		args = []*ir.Value{b.Addr(tape)}
	}
	args = append(args, seeds...)
	type scalar struct {
		x *ir.Value
		d *ir.Var
	}
	var scalars, arrays []scalar
	isWrt := make(map[int]bool)
	for _, i := range wrt {
		isWrt[i] = true
	}
	if c.Rule.Custom && c.Rule.Composed == nil {
		// The user's backward function takes a buffer for every
		// differentiable parameter: a throwaway one where the argument
		// carries no derivative.
		wrt = nil
		for i, p := range params {
			if ir.IsDifferentiable(p.Type) {
				wrt = append(wrt, i)
			}
		}
	}
	for _, i := range wrt {
		x, t := v.Args[1+i], params[i].Type // the tape comes first
		_, isArray := t.(ir.Array)
		switch {
		case ir.IsSlice(t) && !isArray && !isWrt[i]:
			args = append(args, bw.buffer(t, b.Len(bw.prim(x)), "throwaway", "derivatives "+c.Rule.Source+"'s backward function adds, which go nowhere"))
		case ir.IsSlice(t) && !isArray:
			args = append(args, bw.shadowOf(x))
		case isArray:
			// g has its own copy of the array (Go passes arrays by
			// value): its adjoints go to a fresh buffer, then add into
			// the caller's, element by element.
			d := &ir.Var{Name: "d" + params[i].Name, Type: t}
			d.AddNote(ir.Note{Kind: ir.NoteAdjoint, Of: x, Call: v})
			b.Declare(d, nil)
			args = append(args, b.Addr(d))
			arrays = append(arrays, scalar{x, d})
		default:
			d := &ir.Var{Name: "d" + params[i].Name, Type: t}
			d.AddNote(ir.Note{Kind: ir.NoteAdjoint, Of: x, Call: v})
			b.Declare(d, b.Zero(t))
			args = append(args, b.Addr(d))
			scalars = append(scalars, scalar{x, d})
		}
	}
	if c.Rule.Recompute && bw.stepwise(v) {
		bw.inlineStep(v, args) // rerun's args are the forward part's
	} else {
		inv := b.Invoke(ir.Callee{Name: c.Rule.SplitVariant(wrt, ir.ParseWrt(c.Fixed)).Backward}, nil, args...)
		inv.AddNote(ir.Note{Kind: ir.NotePrimal, Of: v}) // for godiff explain: the call whose memos it passes back
	}
	for _, a := range arrays {
		if bw.s.act.Mem[ir.Root(a.x)] {
			bw.addArray(bw.shadowOf(a.x), b.Get(a.d))
		}
	}
	for _, s := range scalars {
		if bw.s.act.Value[s.x] {
			bw.addAdj(v, s.x, b.Get(s.d))
		}
	}
}
