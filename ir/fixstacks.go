package ir

import "slices"

// A tape's stack is a slice grown as the forward function pushes, so a
// tape that has one holds memory of its own on the heap: FGrad and FVJP
// take such a tape from a pool (see HoldsHeap), and a fresh tape grows
// each stack. When every push of a stack is in loops of constant trip
// counts (for i := 0; i < 3; i++), one run pushes at most a number of
// entries known when generating: the tape can hold the stack as an array
// of that length and a count, a tape of single values that FGrad and FVJP
// keep in a local variable, with no pool and no allocation (BA's
// ReprojError: loops over 3 coordinates and 2 image axes).

// MaxFixedStackBytes is the most bytes FixStacks gives a tape's fixed
// stacks together: beyond, a local tape would cost more to zero on every
// call than the pool costs, and a kept tape would hold the arrays
// whatever it records.
const MaxFixedStackBytes = 2048

// FixStacks sets the Fixed bound of the stacks of the tapes funcs use
// that qualify, and removes the forward function's now needless room
// making for them (OpTapeGrow). A tape qualifies when it is the tape of
// one function's calls, not records shared by calls (Calls), holds no
// call site, scratch, buffer nor rule's tape, and only one function
// pushes onto its stacks: a function that empties each of them first,
// at the top of its body, and pushes only outside loops or in loops of
// constant trip counts (ConstTrip). The bound of a stack is the sum over
// its pushes of the product of the trip counts of the loops around each
// (both branches of an if counted), so no run pushes more.
func FixStacks(funcs []*Func) {
	type use struct {
		writers []*Func
		bad     bool
	}
	uses := make(map[*Tape]*use)
	var order []*Tape
	for _, fn := range funcs {
		fn.Walk(func(v *Value) {
			f, ok := v.Aux.(*TapeField)
			if !ok || len(v.Args) == 0 {
				return
			}
			t := tapeOf(v.Args[0].Type)
			if t == nil {
				return
			}
			u := uses[t]
			if u == nil {
				u = &use{}
				uses[t] = u
				order = append(order, t)
			}
			switch v.Op {
			case OpTapeSave, OpTapeReset, OpTapeGrow:
				if f.Stack && !slices.Contains(u.writers, fn) {
					u.writers = append(u.writers, fn)
				}
			case OpTapeSlot, OpTapeBuffer, OpTapeEntry:
				u.bad = true
			}
		})
	}
	for _, t := range order {
		u := uses[t]
		if u.bad || len(u.writers) != 1 || !fixable(t) {
			continue
		}
		fn := u.writers[0]
		bounds, ok := StackBounds(fn, t)
		if !ok {
			continue
		}
		for f, n := range bounds {
			f.Fixed = n
		}
		dropGrows(fn, t)
		DeadCode(fn)
	}
}

// tapeOf returns the tape a tape value of type typ refers to, or nil.
func tapeOf(typ Type) *Tape {
	if r, ok := typ.(TapeRef); ok {
		return r.Tape
	}
	return nil
}

// fixable reports whether t is of the kind whose stacks FixStacks may fix:
// a function's own tape with at least one stack, holding no records of
// calls, call site, scratch, buffer through a pointer nor value of a type
// godiff does not know.
func fixable(t *Tape) bool {
	if t.Calls != nil {
		return false
	}
	stacks := 0
	for _, f := range t.Fields {
		if f.Scratch || f.IsSite() || f.Indirect || f.End != nil {
			return false
		}
		if _, ok := f.Type.(Opaque); ok {
			return false
		}
		if _, ok := EntryBytes(f.Type); !ok {
			return false
		}
		if f.Stack {
			stacks++
		}
	}
	return stacks > 0
}

// StackBounds returns, for each stack of t, the most entries a run of fn
// pushes onto it (at least 1), when fn empties every stack of t at the
// top of its body before it pushes, every push is in loops of constant
// trip counts, and the stacks' entries take at most MaxFixedStackBytes.
func StackBounds(fn *Func, t *Tape) (map[*TapeField]int, bool) {
	bounds := make(map[*TapeField]int)
	reset := make(map[*TapeField]bool)
	ok := true
	for _, top := range fn.Body.Values {
		walkValue(top, func(v *Value) {
			f, isField := v.Aux.(*TapeField)
			if !ok || !isField || !f.Stack || len(v.Args) == 0 || tapeOf(v.Args[0].Type) != t {
				return
			}
			switch v.Op {
			case OpTapeReset:
				reset[f] = reset[f] || v == top
			case OpTapeSave:
				n, known := pushesPerRun(v)
				if !known || !reset[f] {
					ok = false
					return
				}
				bounds[f] += n
			}
		})
	}
	if !ok {
		return nil, false
	}
	bytes := 0
	for _, f := range t.Fields {
		if !f.Stack {
			continue
		}
		if !reset[f] {
			return nil, false
		}
		bounds[f] = max(bounds[f], 1)
		size, _ := EntryBytes(f.Type)
		bytes += bounds[f] * int(size)
	}
	return bounds, bytes <= MaxFixedStackBytes
}

// walkValue calls visit on v and every value nested in its blocks.
func walkValue(v *Value, visit func(*Value)) {
	visit(v)
	for _, blk := range v.Blocks {
		for _, w := range blk.Values {
			walkValue(w, visit)
		}
	}
}

// pushesPerRun returns how many times a run executes v at most: the
// product of the trip counts of the loops around it, if each is a
// constant, counting a for loop's condition once more than its trips (it
// is tested before each iteration and once to leave) and its init block
// once.
func pushesPerRun(v *Value) (int, bool) {
	n := 1
	for blk := v.Block; blk != nil && blk.Parent != nil; blk = blk.Parent.Block {
		l := blk.Parent
		if !l.Op.IsLoop() {
			continue
		}
		trips, ok := ConstTrip(l)
		if !ok {
			return 0, false
		}
		if l.Op == OpFor && blk == l.Blocks[0] {
			continue
		}
		if l.Op == OpFor && blk == l.Blocks[1] {
			trips++
		}
		n *= trips
		if n > MaxFixedStackBytes {
			return 0, false // far over any fixed stack
		}
	}
	return n, true
}

// ConstTrip returns the trip count of loop l when it is a constant: a
// range over a constant int, or for i := c0; i < c1 (or <=); i++ whose
// body, condition and post statement assign i nowhere else and take no
// pointer to it (see CountedLoop). A loop may run fewer iterations (a
// break, a return), never more.
func ConstTrip(l *Value) (int, bool) {
	if l.Op == OpRange {
		n, ok := constInt(l.Args[0])
		return max(n, 0), ok
	}
	c, ok := CountedLoop(l)
	if !ok || c.Step != 1 {
		return 0, false
	}
	bound, inclusive := c.Bound(l)
	if bound == nil {
		return 0, false
	}
	start, ok := constInt(c.Start)
	end, ok2 := constInt(bound)
	if !ok || !ok2 {
		return 0, false
	}
	if inclusive {
		end++
	}
	return max(end-start, 0), true
}

// constInt returns the value of v if it is a constant of a signed integer
// type of at most a few thousand.
func constInt(v *Value) (int, bool) {
	if v.Op != OpConst {
		return 0, false
	}
	n, ok := v.Aux.(int64)
	if !ok || n > 1<<20 || n < -(1<<20) {
		return 0, false
	}
	return int(n), true
}

// dropGrows removes from fn the room making for the stacks of t, which
// FixStacks holds in arrays.
func dropGrows(fn *Func, t *Tape) {
	var drop func(blk *Block)
	drop = func(blk *Block) {
		blk.Values = slices.DeleteFunc(blk.Values, func(v *Value) bool {
			f, ok := v.Aux.(*TapeField)
			return ok && v.Op == OpTapeGrow && f.Fixed > 0 && tapeOf(v.Args[0].Type) == t
		})
		for _, v := range blk.Values {
			for _, b := range v.Blocks {
				drop(b)
			}
		}
	}
	drop(fn.Body)
}
