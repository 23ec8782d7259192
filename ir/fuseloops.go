package ir

import "fmt"

// This file fuses adjacent counted loops that run the same iterations, for
// reverse mode's backward sweep: the backward code of two loops over the
// same range (GMM's qTimesX diagonal, then subtract) comes out as two
// loops one after the other, the second reading at index i what the first
// wrote at index i. One loop does the same work with one loop's overhead,
// and the value passed between them stays in a register.

// FuseLoops merges into one each pair of adjacent for loops of f that run
// the same iterations, where doing so changes no result: the second
// loop's body follows the first's in each iteration. Two loops fuse when
//
//   - both are counted loops (CountedLoop) with the same start, step and
//     condition (the counter compared with one value from outside the
//     loops), whose init, condition and post statements do nothing else
//     (but name constants);
//   - neither body leaves its loop or the function (break, continue,
//     return, halt) nor does what FuseLoops does not follow (a call of a
//     generated function, an add through a pointer, a variable's address,
//     a copy, a tape's stack);
//   - no variable declared outside is assigned in one body and read or
//     assigned in the other;
//   - every pair of memory accesses, one in each body and at least one a
//     store, is either to the same slice value at the loop's counter in
//     both (so iteration i of each touches element i only), or to memory
//     that cannot overlap (see distinctRoots).
//
// Then every element and variable sees the same operations in the same
// order as before, so the results are the same bit for bit. Fusion repeats
// while the merged loop and its next neighbour qualify.
func FuseLoops(f *Func) { fuseIn(NewBuilder(f), f.Body) }

// fuseIn fuses the loops of b, those of its nested blocks first, and puts
// a comment above each loop that took in others, so that a reader of the
// backward code sees why it has fewer loops than the forward code.
func fuseIn(bld *Builder, b *Block) {
	for _, v := range b.Values {
		for _, nb := range v.Blocks {
			fuseIn(bld, nb)
		}
	}
	for i := 0; i < len(b.Values); i++ {
		l, n := b.Values[i], 1
		for i+1 < len(b.Values) && canFuse(l, b.Values[i+1]) {
			fuse(l, b.Values[i+1])
			n++
		}
		if n > 1 {
			i = bld.InsertIn(b, i, func() {
				bld.Comment(fmt.Sprintf("%d loops over the same range, fused into one.", n))
			})
		}
	}
}

// fuse appends l2's body to l1's, reading l1's counter where it read its
// own, and removes l2.
func fuse(l1, l2 *Value) {
	c1, _ := CountedLoop(l1)
	c2, _ := CountedLoop(l2)
	body1, body2 := l1.Blocks[3], l2.Blocks[3]
	body2.Walk(func(v *Value) {
		if v.Op == OpGet && v.Aux == c2.X {
			v.Aux = c1.X
		}
	})
	for _, v := range body2.Values {
		v.Block = body1
	}
	body1.Values = append(body1.Values, body2.Values...)
	removeValue(l2)
}

func canFuse(l1, l2 *Value) bool {
	c1, ok1 := CountedLoop(l1)
	c2, ok2 := CountedLoop(l2)
	if !ok1 || !ok2 || c1.Step != c2.Step || !sameOperand(c1.Start, c2.Start) {
		return false
	}
	if l1.Aux.(*Loop).Checkpoint || l2.Aux.(*Loop).Checkpoint {
		return false
	}
	if !onlyConstants(l1.Blocks[0]) || !onlyConstants(l2.Blocks[0]) ||
		!onlyStepping(l1.Blocks[2]) || !onlyStepping(l2.Blocks[2]) {
		return false
	}
	if !sameCondition(l1, c1, l2, c2) {
		return false
	}
	e1, ok1 := bodyEffects(l1.Blocks[3])
	e2, ok2 := bodyEffects(l2.Blocks[3])
	if !ok1 || !ok2 || varsConflict(e1, e2) || varsConflict(e2, e1) {
		return false
	}
	for _, a := range e1.mem {
		for _, b := range e2.mem {
			if (a.Op == OpStore || b.Op == OpStore) && !independent(a, c1.X, b, c2.X) {
				return false
			}
		}
	}
	return true
}

// sameOperand reports whether a and b are the same value, or equal
// unnamed constants.
func sameOperand(a, b *Value) bool {
	if a == b {
		return true
	}
	return a.IsConst() && b.IsConst() && a.Type == b.Type && a.Aux == b.Aux
}

// onlyConstants reports whether an init block holds only constants
// before the counter's declaration.
func onlyConstants(init *Block) bool {
	for _, v := range init.Values[:len(init.Values)-1] {
		if v.Op != OpConst {
			return false
		}
	}
	return true
}

// onlyStepping reports whether a post block only steps its counter: gets,
// constants, integer adds and subtracts and the set.
func onlyStepping(post *Block) bool {
	for _, v := range post.Values {
		switch v.Op {
		case OpGet, OpConst, OpAdd, OpSub, OpSet:
		default:
			return false
		}
	}
	return true
}

// sameCondition reports whether loops l1 and l2, counted by c1 and c2
// with one step, test their counters against the same bound the same way
// (Counted.Bound), and their condition blocks do nothing else.
func sameCondition(l1 *Value, c1 Counted, l2 *Value, c2 Counted) bool {
	b1, in1 := c1.Bound(l1)
	b2, in2 := c2.Bound(l2)
	return b1 != nil && b2 != nil && in1 == in2 && sameOperand(b1, b2) &&
		onlyComparing(l1.Blocks[1], c1.X) && onlyComparing(l2.Blocks[1], c2.X)
}

// onlyComparing reports whether a condition block holds only its result,
// gets of the counter x and constants.
func onlyComparing(cond *Block, x *Var) bool {
	for _, v := range cond.Values {
		if v != cond.Result && v.Op != OpConst && !isCounter(v, x) {
			return false
		}
	}
	return true
}

// isCounter reports whether v is (a copy of) a get of the counter x.
func isCounter(v *Value, x *Var) bool {
	for v.Op == OpCopy {
		v = v.Args[0]
	}
	return v.Op == OpGet && v.Aux == x
}

// effects are what a loop body reads and writes outside itself.
type effects struct {
	sets, gets map[*Var]bool
	mem        []*Value // its loads and stores
}

// bodyEffects collects the variables a body assigns and reads that it does
// not declare, and its loads and stores; ok is false if the body does
// something FuseLoops does not follow.
func bodyEffects(body *Block) (e effects, ok bool) {
	e.sets, e.gets = make(map[*Var]bool), make(map[*Var]bool)
	local := make(map[*Var]bool)
	ok = true
	body.Walk(func(v *Value) {
		switch v.Op {
		case OpDecl:
			local[v.Aux.(*Var)] = true
		case OpSet:
			e.sets[v.Aux.(*Var)] = true
		case OpGet:
			e.gets[v.Aux.(*Var)] = true
		case OpLoad, OpStore:
			e.mem = append(e.mem, v)
		case OpBreak, OpContinue, OpReturn, OpHalt, OpInvoke, OpAccum, OpAddr,
			OpCopySlice, OpTapeReset, OpTapeSave, OpTapeGrow, OpTapeSlot,
			OpTapeBuffer, OpLocalTape:
			ok = false
		}
	})
	for x := range local {
		delete(e.sets, x)
		delete(e.gets, x)
	}
	return e, ok
}

// varsConflict reports whether a variable a assigns is one b reads or
// assigns.
func varsConflict(a, b effects) bool {
	for x := range a.sets {
		if b.sets[x] || b.gets[x] {
			return true
		}
	}
	return false
}

// independent reports whether memory access a of the first loop (counter
// x1) and b of the second (x2) touch different elements in different
// iterations, or memory that cannot overlap.
func independent(a *Value, x1 *Var, b *Value, x2 *Var) bool {
	if a.Args[0] == b.Args[0] {
		return isCounter(a.Args[1], x1) && isCounter(b.Args[1], x2)
	}
	return distinctRoots(Root(a.Args[0]), Root(b.Args[0]))
}

// distinctRoots reports whether slices a and b, each a parameter, a
// buffer of a tape, a slice a tape holds or a fresh one (make, a slice
// literal), cannot share memory: two parameters (the README's contract:
// slices passed to different parameters do not overlap), two tape buffers
// of different fields (each field's memory is its own), a fresh slice or a
// tape buffer and anything else, or a parameter and a slice the tape holds
// (an argument of the forward function, which the derivative buffers must
// not overlap either). Two slices a tape holds may be one, as may two
// buffers of one field.
func distinctRoots(a, b *Value) bool {
	if a == b {
		return false
	}
	kind := func(v *Value) Op {
		switch v.Op {
		case OpParam, OpTapeBuffer, OpTapeLoad, OpMake, OpSliceLit:
			return v.Op
		}
		return OpInvalid
	}
	fresh := func(k Op) bool { return k == OpMake || k == OpSliceLit }
	ka, kb := kind(a), kind(b)
	switch {
	case ka == OpInvalid || kb == OpInvalid:
		return false
	case fresh(ka) || fresh(kb):
		return true
	case ka == OpTapeBuffer && kb == OpTapeBuffer:
		return a.Aux != b.Aux
	case ka == OpTapeBuffer || kb == OpTapeBuffer:
		return true
	case ka == OpTapeLoad && kb == OpTapeLoad:
		return false
	}
	return true
}
