package reverse

import "github.com/godiff/godiff/ir"

// isSite reports whether v gets backward code of its own.
func isSite(a *ir.Activity, v *ir.Value) bool {
	switch v.Op {
	case ir.OpDecl, ir.OpSet:
		return a.Vars[v.Aux.(*ir.Var)]
	case ir.OpStore, ir.OpCopySlice:
		return a.Mem[ir.Root(v.Args[0])]
	case ir.OpInvoke:
		return ir.IsSplitCall(v) && (a.Value[v] || writesActive(a, v))
	case ir.OpReturn:
		for _, x := range v.Args {
			if a.Value[x] {
				return true
			}
		}
		return false
	}
	return v.Op.HasValue() && a.Value[v]
}

// relevant reports whether v, or anything inside its blocks, gets backward
// code: a loop or if that does not is left out of the backward sweep, and
// so records nothing on the tape.
func relevant(a *ir.Activity, v *ir.Value) bool {
	if isSite(a, v) {
		return true
	}
	for _, blk := range v.Blocks {
		for _, x := range blk.Values {
			if relevant(a, x) {
				return true
			}
		}
	}
	return false
}

// writesActive reports whether call v writes into active memory.
func writesActive(a *ir.Activity, v *ir.Value) bool {
	for _, x := range ir.Written(v) {
		if a.Mem[ir.Root(x)] {
			return true
		}
	}
	return false
}
