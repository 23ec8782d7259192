package reverse

import (
	"fmt"

	"github.com/godiff/godiff/ir"
)

// This file lets a loop checkpointed binomially (-snapshots, -memory)
// inside another loop carry state in slices, where each slice is the same
// memory in every run of the loop: made (or a parameter) outside every
// loop around it. Each run then pushes its entry state and its first
// descent's states onto the stacks of elements, len(x) entries a state,
// as a variable's state is pushed per run; the backward sweep, which
// replays the runs last first, pops a run's states from the top of each
// stack (popState) into its buffer of held states. The backward sweep
// runs the iterations again on scratch memory of x's length, made once
// before the outer loop's backward code: the same length in every run,
// since the memory is the same.
//
// Memory made inside a loop around the checkpointed one is new in each
// of that loop's iterations, of a length that may change from one to the
// next, and is refused.

// nestedStateRoot returns why state root r of loop l cannot be saved
// because of the loops around l, or "".
func nestedStateRoot(l, r *ir.Value) string {
	for p := l.Block.Loop(); p != nil; p = p.Block.Loop() {
		if inLoop(p, r) {
			at := ""
			if r.Pos.IsValid() {
				at = fmt.Sprintf(" (line %d)", r.Pos.Line)
			}
			return fmt.Sprintf("its body carries %s from one iteration to the next in memory, which a loop around it makes%s, new memory in each of that loop's iterations; state in a slice is saved for a loop inside others where it is the same memory in every run: make %s once before the outer loops (at its final length) and reset it in place (copy, or a loop storing each element), or checkpoint the outer loop", r.Name, at, r.Name)
		}
	}
	return ""
}

// popState builds, in the backward sweep's prologue of one run of a loop
// checkpointed binomially, copy(dst, the k entries of stack fld below
// its cursor) and moves the cursor down by k: the run's entries, read
// back last run first. For a loop outside any other the cursor starts
// at the stack's end and this reads its last k entries.
func (bw *backward) popState(fld *ir.TapeField, dst, k *ir.Value) {
	b := bw.b
	cur := bw.stackCursor(fld)
	b.Set(cur, b.Sub(b.Get(cur), k))
	b.CopySlice(dst, b.Subslice(b.TapeLoad(bw.tape, fld), b.Get(cur), b.Add(b.Get(cur), k)))
}
