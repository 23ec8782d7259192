package reverse

import (
	"slices"

	"github.com/godiff/godiff/ir"
)

// The backward function adds into adjoint buffers element by element. In
//
//	for j := d - 1; j >= i+1; j-- {
//		dx[i] += dout[j] * ltri[k]
//		dltri[k] += dout[j] * x[i]
//	}
//
// dx[i] is loaded and stored in every iteration though i does not change
// across the loop, and the Go compiler keeps it in memory (it cannot tell
// that dx does not overlap dltri). promoteSlots keeps such an element in
// a variable while the loop runs instead:
//
//	if d-1 >= i+1 {
//		dxElem := dx[i]
//		for j := d - 1; j >= i+1; j-- {
//			dxElem += dout[j] * ltri[k]
//			...
//		}
//		dx[i] = dxElem
//	}
//
// The sums are the same, term for term and in the same order, so the
// result is the same bit for bit. The guard is the loop's own condition
// on entry: a loop that does not run touches no element, and one that
// does reaches the element in its first iteration (see promotable), so
// the load before it fails exactly where the loop's own would.
//
// Overlap: the backward function's buffer parameters do not overlap each
// other (README: slices passed to different parameters must not overlap),
// nor the forward values the tape refers to (the backward sweep reads
// those after it adds into the buffers, so an overlap is wrong already),
// nor the buffers the backward function makes or takes from its tape.

// promoteSlots applies the rewrite above to every loop of g, the
// innermost first, after dropping the stores that write back what was
// just loaded (dropRewrites), which would otherwise count as writes.
func promoteSlots(g *ir.Func) {
	dropRewrites(g)
	var loops []*ir.Value
	g.Walk(func(v *ir.Value) {
		if v.Op.IsLoop() {
			loops = append(loops, v)
		}
	})
	for i := len(loops) - 1; i >= 0; i-- { // inner loops come after outer ones in program order
		promoteIn(g, loops[i])
	}
}

// slot is an element s[i] a loop reads and writes at the same s and i in
// every iteration.
type slot struct{ s, i *ir.Value }

// access is one read or write of slice memory inside a loop.
type access struct {
	v     *ir.Value // the op
	root  *ir.Value // ir.Root of the slice accessed
	write bool
}

// promoteIn promotes the slots of loop l, if any.
func promoteIn(g *ir.Func, l *ir.Value) {
	if leavesLoop(l) {
		return
	}
	accs := accessesIn(l)
	var slots []slot
	members := make(map[slot][]*ir.Value)
	for _, v := range loopBody(l).Values {
		if v.Op != ir.OpLoad && v.Op != ir.OpStore {
			continue
		}
		k := slot{v.Args[0], v.Args[1]}
		if encloses(l, k.s) || encloses(l, k.i) {
			continue
		}
		if members[k] == nil {
			slots = append(slots, k)
		}
		members[k] = append(members[k], v)
	}
	var chosen []slot
	for _, k := range slots {
		if promotable(k, members[k], accs) {
			chosen = append(chosen, k)
		}
	}
	if len(chosen) == 0 {
		return
	}
	cond := entryCond(g, l)
	if cond == nil || cond.IsConst() && cond.Aux == false {
		return
	}
	blk := l.Block // a loop that always runs needs no guard
	if !cond.IsConst() {
		blk = wrapInIf(g, l, cond).Blocks[0]
	}
	for _, k := range chosen {
		promote(g, blk, l, k, members[k])
	}
}

// promotable reports whether slot k, read and written by the ops in
// members (in l's body itself, not nested), is touched by nothing else in
// the loop: no other access to memory that may overlap it, and a write
// among members (a slot only read gains nothing worth the guard).
func promotable(k slot, members []*ir.Value, accs []access) bool {
	r := ir.Root(k.s)
	if !ownMemory(r) {
		return false
	}
	stored := false
	in := make(map[*ir.Value]bool)
	for _, v := range members {
		in[v] = true
		stored = stored || v.Op == ir.OpStore
	}
	if !stored {
		return false
	}
	for _, a := range accs {
		if !in[a.v] && rootsMayOverlap(r, a.root) {
			return false
		}
	}
	return true
}

// ownMemory reports whether r is a root whose memory promoteSlots can
// tell apart from the others': a buffer parameter, a fresh slice, a
// buffer of the tape's.
func ownMemory(r *ir.Value) bool {
	if !ir.IsSlice(r.Type) {
		return false
	}
	switch r.Op {
	case ir.OpParam, ir.OpMake, ir.OpSliceLit, ir.OpTapeBuffer:
		return true
	}
	return false
}

// rootsMayOverlap reports whether the memory of root r, one ownMemory accepts,
// may overlap that of root q (see the overlap note above).
func rootsMayOverlap(r, q *ir.Value) bool {
	switch {
	case r == q:
		return true
	case r.Op == ir.OpMake || r.Op == ir.OpSliceLit || q.Op == ir.OpMake || q.Op == ir.OpSliceLit:
		return false
	case r.Op == ir.OpTapeBuffer && (q.Op == ir.OpTapeBuffer || q.Op == ir.OpTapeLoad):
		return r.Aux == q.Aux // a later buffer of a field reuses its memory
	case r.Op == ir.OpParam:
		return q.Op != ir.OpParam && q.Op != ir.OpTapeLoad && q.Op != ir.OpTapeBuffer
	case r.Op == ir.OpTapeBuffer:
		return q.Op != ir.OpParam
	}
	return true
}

// accessesIn lists the reads and writes of slice memory anywhere in loop
// l: loads, stores, copies, the slices an invoke or call is passed (read
// and written, as far as this is concerned), buffers taken from the tape.
func accessesIn(l *ir.Value) []access {
	var out []access
	for _, blk := range l.Blocks {
		for _, v := range blk.Values {
			out = append(out, accessesOf(v)...)
		}
	}
	return out
}

// accessesOf lists the reads and writes of slice memory of v and of
// everything inside its blocks (see accessesIn).
func accessesOf(v *ir.Value) []access {
	var out []access
	add := func(v, s *ir.Value, write bool) {
		out = append(out, access{v: v, root: ir.Root(s), write: write})
	}
	(&ir.Block{Values: []*ir.Value{v}}).Walk(func(v *ir.Value) {
		switch v.Op {
		case ir.OpLoad:
			add(v, v.Args[0], false)
		case ir.OpStore:
			add(v, v.Args[0], true)
		case ir.OpCopySlice:
			add(v, v.Args[0], true)
			add(v, v.Args[1], false)
		case ir.OpTapeBuffer:
			add(v, v, true)
		case ir.OpInvoke, ir.OpCall, ir.OpHalt:
			for _, a := range v.Args {
				if ir.IsSlice(a.Type) {
					add(v, a, true)
				}
			}
		}
	})
	return out
}

// leavesLoop reports whether something in l can end an iteration before
// its body's end or leave the loop other than by its condition: a break
// or continue of l or of a loop around it, a return, a halt. A slot's
// first access could then be skipped in a run of the loop, and the value
// kept in the variable not stored.
func leavesLoop(l *ir.Value) bool {
	found := false
	for _, blk := range l.Blocks {
		blk.Walk(func(v *ir.Value) {
			switch v.Op {
			case ir.OpReturn, ir.OpHalt:
				found = true
			case ir.OpBreak, ir.OpContinue:
				if t, _ := v.Aux.(*ir.Value); t == nil || !encloses(l, t) || t == l {
					found = true
				}
			}
		})
	}
	return found
}

// promote keeps slot k of loop l, which block then holds, in a variable:
// set from the element before l, stored back after it; the loads and
// stores of members become reads and assignments of the variable.
func promote(g *ir.Func, then *ir.Block, l *ir.Value, k slot, members []*ir.Value) {
	name := "elem"
	if k.s.Name != "" {
		name = k.s.Name + "Elem"
	}
	x := &ir.Var{Name: name, Type: ir.Elem(k.s.Type)}
	b := ir.NewBuilder(g)
	b.InsertIn(then, slices.Index(then.Values, l), func() {
		b.Declare(x, b.Load(k.s, k.i))
	})
	b.InsertIn(then, slices.Index(then.Values, l)+1, func() {
		b.Store(k.s, k.i, b.Get(x))
	})
	for _, v := range members {
		if v.Op == ir.OpLoad {
			v.Op, v.Aux, v.Args = ir.OpGet, x, nil
		} else {
			v.Op, v.Aux, v.Args = ir.OpSet, x, []*ir.Value{v.Args[2]}
		}
	}
}

// wrapInIf puts loop l inside a new if on cond, where l stood, and returns
// the if.
func wrapInIf(g *ir.Func, l, cond *ir.Value) *ir.Value {
	b := ir.NewBuilder(g)
	blk := l.Block
	var guard *ir.Value
	b.InsertIn(blk, slices.Index(blk.Values, l), func() { guard = b.If(cond) })
	blk.Values = slices.Delete(blk.Values, slices.Index(blk.Values, l), slices.Index(blk.Values, l)+1)
	then := guard.Blocks[0]
	then.Values = append(then.Values, l)
	l.Block = then
	return guard
}

// dropRewrites removes the stores that write back the value just loaded
// from the same element, with no write between that may reach it: the
// adjoint of out[j] += e is dout[j] unchanged, which the backward sweep
// loads and, as it resets and adds, stores again.
func dropRewrites(g *ir.Func) {
	var dead []*ir.Value
	g.Walk(func(v *ir.Value) {
		if v.Op != ir.OpStore || v.Args[2].Op != ir.OpLoad {
			return
		}
		ld := v.Args[2]
		if ld.Block != v.Block || ld.Args[0] != v.Args[0] || ld.Args[1] != v.Args[1] {
			return
		}
		from, to := slices.Index(v.Block.Values, ld), slices.Index(v.Block.Values, v)
		r := ir.Root(v.Args[0])
		for _, w := range v.Block.Values[from+1 : to] {
			for _, a := range accessesOf(w) {
				if a.write && (!ownMemory(r) || rootsMayOverlap(r, a.root)) {
					return
				}
			}
		}
		dead = append(dead, v)
	})
	for _, v := range dead {
		ir.Remove(v)
	}
}
