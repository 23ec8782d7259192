package reverse

import (
	"fmt"
	"slices"
	"strings"

	"github.com/godiff/godiff/ir"
)

// This file gives the backward sweep of a while loop checkpointed
// binomially (or a three-clause loop whose trip count the forward sweep
// cannot compute as it begins) states the forward sweep kept as it ran,
// as Revolve's online variants do: the binomial splits depend on the trip
// count n, which the forward sweep learns only at the loop's end, so it
// keeps states at a schedule that needs no n. It holds at most K = ⌊S/2⌋
// states (S ≥ 4: fewer keep none), at iterations d, 2d, ..., c·d, saving
// the state every d iterations; when K are held it drops every other one
// and doubles d, so the states kept are always evenly spread over the
// iterations run. At the loop's end they go on the stacks the backward
// sweep reads as the states of its first descent (readSplits), and the
// backward sweep's schedule carries on from them with the S−c states
// left, as from a range loop's.
//
// The backward sweep then runs the body plainly fewer times than from the
// entry state alone, unless n is large for S: where each iteration is
// rerun more than some 12 times (r > 12, r the least with C(S+r, S) ≥ n,
// S = min(S, n)), states evenly spread can cost more than the binomial
// schedule's own first descent (at S = 8 and n = 10⁶, 16.4 plain runs a
// step against 15.0), and the forward sweep hands on none. A simulation
// of both schedules (the backward sweep's, as TestOnlinePlainRuns in
// internal/checkpoint models it) over S from 4 to 200 and n from 1 to
// 3·10⁶ found none worse with that rule; at S = 100 and n = 10⁶ it saves
// about one plain run a step (2.88 against 3.82). Every iteration still
// runs from the state the forward sweep had at it, so the gradient is the
// same bit for bit.

// onlineMaxReps is the largest r (see above) at which the forward sweep
// hands on the states it kept.
const onlineMaxReps = 12

// onlineState is what the forward function of a loop keeping states
// online needs: the tape's scratch buffers of the states kept (one per
// state variable, one per state slice, len(x) entries a state), and its
// variables and buffers for them.
type onlineState struct {
	keep, sKeep      []*ir.TapeField
	k, cnt, stride   *ir.Var
	capS             *ir.Value
	bufs, sBufs      []*ir.Value
	lens             []*ir.Value
	doc, sDoc, atDoc string
}

// onlineTrips reports whether loop l, checkpointed binomially with the
// rule r, keeps states online: a loop whose trip count the forward sweep
// does not know as it begins, holding at least 4 states.
func (s *splitter) onlineTrips(l *ir.Value, r *ir.CallRule) bool {
	return l.Op == ir.OpFor && !s.knownTrips(l) && r.Revolve.Snapshots >= 4
}

// onlineFields adds to f, the fields of a loop keeping states online, the
// scratch buffers of the states the forward sweep keeps, and words the
// docs of the stacks it hands them on in.
func (s *splitter) onlineFields(f *revolveFields, r *ir.CallRule) {
	on := &onlineState{}
	for m := range r.Derived.Results {
		p := r.Derived.Params[m]
		k := s.fields.add("keep"+strings.ToUpper(p.Name[:1])+p.Name[1:], p.Type, 0,
			fmt.Sprintf("%s at the iterations of %s where the forward sweep keeps it, evenly spread over those run, at most %d at once, in a buffer the forward sweep reuses", p.Name, r.Source, r.Revolve.Snapshots/2))
		k.Scratch = true
		on.keep = append(on.keep, k)
		f.split[m].Doc = fmt.Sprintf("%s at the iterations of %s where the forward sweep kept it (the trip count unknown until the loop ends, evenly spread over the iterations run), for the backward sweep", p.Name, r.Source)
	}
	for m, i := range r.State {
		p := r.Derived.Params[i]
		k := s.fields.add("keep"+stateName(r, i), stateElem(r, i), 0,
			fmt.Sprintf("the elements of %s, len(%s) entries a state, at the iterations of %s where the forward sweep keeps it, evenly spread over those run, in a buffer the forward sweep reuses", p.Name, p.Name, r.Source))
		k.Scratch = true
		on.sKeep = append(on.sKeep, k)
		f.sSplit[m].Doc = fmt.Sprintf("the elements of %s, len(%s) entries a state, at the iterations of %s where the forward sweep kept it (evenly spread over the iterations run), for the backward sweep", p.Name, p.Name, r.Source)
	}
	f.on = on
}

// onlineEntry builds, in the forward function before the loop, the
// buffers of the states to keep and the schedule's variables: none held,
// the state saved every iteration from the first (next = 1), or never if
// fewer than 2 may be held. lens are the state slices' lengths.
func onlineEntry(b *ir.Builder, refs tapeRefs, rf *revolveFields, r *ir.CallRule, lens []*ir.Value) {
	on := rf.on
	zero, one, two := b.Const(ir.Int, int64(0)), b.Const(ir.Int, int64(1)), b.Const(ir.Int, int64(2))
	b.Comment("Binomial checkpointing of a loop whose trip count is known only at its end: keep at most half the states evenly spread over the iterations run, for the backward sweep.")
	on.capS = snapshotCount(b, r, lens)
	on.k = &ir.Var{Name: "keepN", Type: ir.Int}
	b.Declare(on.k, b.Div(on.capS, two))
	on.lens = lens
	for _, f := range on.keep {
		buf := b.TapeBuffer(refs.tape, f, ir.Slice{Elem: f.Type}, b.Get(on.k))
		buf.Name = f.Name
		on.bufs = append(on.bufs, buf)
	}
	for m, f := range on.sKeep {
		buf := b.TapeBuffer(refs.tape, f, ir.Slice{Elem: f.Type}, b.Mul(b.Get(on.k), lens[m]))
		buf.Name = f.Name
		on.sBufs = append(on.sBufs, buf)
	}
	on.cnt = &ir.Var{Name: "kept", Type: ir.Int}
	on.stride = &ir.Var{Name: "stride", Type: ir.Int}
	b.Declare(on.cnt, zero)
	b.Declare(on.stride, one)
	rf.fNext = &ir.Var{Name: "next", Type: ir.Int}
	b.Declare(rf.fNext, one)
	never := b.If(b.Compare(ir.OpLt, b.Get(on.k), two))
	b.In(never.Blocks[0], func() { b.Set(rf.fNext, b.Const(ir.Int, int64(-1))) })
	rf.fIter = &ir.Var{Name: "iter", Type: ir.Int}
	b.Declare(rf.fIter, zero)
}

// onlineSave builds, in the forward function's loop body before the call
// of the body (args its arguments), the keeping of the state if its
// iteration is due, and the thinning when the buffers are full.
func onlineSave(b *ir.Builder, rf *revolveFields, r *ir.CallRule, args []*ir.Value) {
	on := rf.on
	one, two := b.Const(ir.Int, int64(1)), b.Const(ir.Int, int64(2))
	j := b.Get(rf.fIter)
	due := b.If(b.Compare(ir.OpEq, j, b.Get(rf.fNext)))
	b.In(due.Blocks[0], func() {
		for m, buf := range on.bufs {
			b.Store(buf, b.Get(on.cnt), args[m])
		}
		for m, buf := range on.sBufs {
			copyState(b, buf, args[r.State[m]], b.Get(on.cnt))
		}
		b.Set(on.cnt, b.Add(b.Get(on.cnt), one))
		b.Set(rf.fNext, b.Add(b.Get(rf.fNext), b.Get(on.stride)))
		full := b.If(b.Compare(ir.OpEq, b.Get(on.cnt), b.Get(on.k)))
		b.In(full.Blocks[0], func() {
			// The states kept are at stride·(q+1), q = 0..cnt-1: those at
			// odd q are at multiples of twice the stride.
			q := &ir.Var{Name: "q", Type: ir.Int}
			loop := b.For("")
			b.In(loop.Blocks[0], func() { b.Declare(q, one) })
			b.In(loop.Blocks[1], func() { loop.Blocks[1].Result = b.Compare(ir.OpLt, b.Get(q), b.Get(on.cnt)) })
			b.In(loop.Blocks[2], func() { b.Set(q, b.Add(b.Get(q), two)) })
			b.In(loop.Blocks[3], func() {
				to := b.Div(b.Get(q), two)
				for _, buf := range on.bufs {
					b.Store(buf, to, b.Load(buf, b.Get(q)))
				}
				for m, buf := range on.sBufs {
					n := on.lens[m]
					from := b.Mul(b.Get(q), n)
					at := b.Mul(to, n)
					b.CopySlice(b.Subslice(buf, at, b.Add(at, n)), b.Subslice(buf, from, b.Add(from, n)))
				}
			})
			b.Set(on.cnt, b.Div(b.Get(on.cnt), two))
			b.Set(on.stride, b.Mul(b.Get(on.stride), two))
			b.Set(rf.fNext, b.Mul(b.Get(on.stride), b.Add(b.Get(on.cnt), one)))
		})
	})
	b.Set(rf.fIter, b.Add(j, one))
}

// onlinePush builds, in the forward function after the loop, the pushes
// of the states kept onto the stacks the backward sweep reads as its
// first descent's, first to last, unless the trip count makes them worse
// than none (see onlineMaxReps), and of how many states it then holds.
func onlinePush(b *ir.Builder, refs tapeRefs, rf *revolveFields) {
	on := rf.on
	zero, one := b.Const(ir.Int, int64(0)), b.Const(ir.Int, int64(1))
	n := b.Get(rf.fIter)
	held := b.MinMax(ir.OpMin, on.capS, n) // the backward sweep's, but for n < 1
	r := &ir.Var{Name: "reps", Type: ir.Int}
	beta := &ir.Var{Name: "beta", Type: ir.Int}
	b.Declare(r, zero)
	b.Declare(beta, one)
	grow := b.For("")
	b.In(grow.Blocks[1], func() {
		grow.Blocks[1].Result = b.Logic(ir.OpAnd, b.Compare(ir.OpLt, b.Get(beta), n), b.Compare(ir.OpLe, b.Get(r), b.Const(ir.Int, int64(onlineMaxReps))))
	})
	b.In(grow.Blocks[3], func() {
		b.Set(r, b.Add(b.Get(r), one))
		b.Set(beta, b.Div(b.Mul(b.Get(beta), b.Add(held, b.Get(r))), b.Get(r)))
	})
	worse := b.If(b.Compare(ir.OpGt, b.Get(r), b.Const(ir.Int, int64(onlineMaxReps))))
	b.In(worse.Blocks[0], func() { b.Set(on.cnt, zero) })
	q := &ir.Var{Name: "q", Type: ir.Int}
	loop := b.For("")
	b.In(loop.Blocks[0], func() { b.Declare(q, zero) })
	b.In(loop.Blocks[1], func() { loop.Blocks[1].Result = b.Compare(ir.OpLt, b.Get(q), b.Get(on.cnt)) })
	b.In(loop.Blocks[2], func() { b.Set(q, b.Add(b.Get(q), one)) })
	b.In(loop.Blocks[3], func() {
		for m, f := range rf.split {
			refs.save(b, f, b.Load(on.bufs[m], b.Get(q)))
		}
		for m, f := range rf.sSplit {
			lo := b.Mul(b.Get(q), on.lens[m])
			saveElems(b, refs, f, b.Subslice(on.sBufs[m], lo, b.Add(lo, on.lens[m])))
		}
		refs.save(b, rf.splitAt, b.Mul(b.Get(on.stride), b.Add(b.Get(q), one)))
	})
	refs.save(b, rf.held, b.Add(b.Get(on.cnt), one))
}

// onlineLine returns the report's line for field f if it is a buffer of
// the states a loop keeps online, or "".
func (s *splitter) onlineLine(f *ir.TapeField) string {
	for _, rf := range s.revolveF {
		if rf.on == nil || !slices.Contains(rf.on.keep, f) && !slices.Contains(rf.on.sKeep, f) {
			continue
		}
		return fmt.Sprintf("%s: a buffer of the forward sweep, at most ⌊S/2⌋ states (counted by Bytes, not in the formula)", f.Name)
	}
	return ""
}
