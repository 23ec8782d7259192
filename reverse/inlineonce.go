package reverse

import "github.com/godiff/godiff/ir"

// A call that runs once per run of its caller (outside every loop of the
// caller, the caller's inlined callers included) may inline a larger
// helper, and one holding local arrays (var w [3]float64), than a call
// inside a loop: the inlined body records each value once per run, as the
// helper's split form would, so inlining costs no extra record, and it
// saves the call's record on a tape of its own, which is a slice of
// records that makes the caller's tape come from a pool (BA's project and
// rodriguesRotatePoint, called once by ReprojError). In a loop, a local
// array would be made, and possibly copied onto the tape, per iteration,
// and a large body recorded per iteration where the helper's split form
// may recover part of it from one record per call: those stay calls.

// InlineMaxValuesOnce is the most IR values a helper's body may hold for
// InlineSmall to inline a call of it that runs once per run of the caller
// (BA's rodriguesRotatePoint has 85).
const InlineMaxValuesOnce = 160

// maxValues is the most IR values of a helper InlineSmall inlines at a
// call that runs once per run (once) or at one in a loop.
func maxValues(once bool) int {
	if once {
		return InlineMaxValuesOnce
	}
	return InlineMaxValues
}

// outsideLoops reports whether blk, where the inliner is copying, is in no
// loop of the function being built.
func outsideLoops(blk *ir.Block) bool {
	for ; blk != nil && blk.Parent != nil; blk = blk.Parent.Block {
		if blk.Parent.Op.IsLoop() {
			return false
		}
	}
	return true
}

// localArray reports whether v, an OpMake, makes a local array rather
// than a slice.
func localArray(v *ir.Value) bool {
	_, ok := v.Type.(ir.Array)
	return ok
}
