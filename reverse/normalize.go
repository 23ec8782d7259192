package reverse

import "github.com/godiff/godiff/ir"

// nestExits rewrites, in every block, an if one of whose branches always
// leaves (by return, break or continue) and that has statements after it:
// the statements move into the other branch. "if c { break }; rest"
// becomes "if c { break } else { rest }". The program means the same, and
// the backward sweep, which replays the branch taken, then knows for free
// whether rest ran; without the rewrite it would have to record it.
func nestExits(blk *ir.Block) {
	for i := 0; i < len(blk.Values); i++ {
		v := blk.Values[i]
		if v.Op == ir.OpIf && i < len(blk.Values)-1 {
			then, els := v.Blocks[0], v.Blocks[1]
			var into *ir.Block
			switch {
			case alwaysExits(then) && !alwaysExits(els):
				into = els
			case alwaysExits(els) && !alwaysExits(then):
				into = then
			}
			if into != nil {
				rest := append([]*ir.Value(nil), blk.Values[i+1:]...)
				blk.Values = blk.Values[:i+1]
				for _, r := range rest {
					r.Block = into
				}
				into.Values = append(into.Values, rest...)
			}
		}
		for _, nb := range v.Blocks {
			nestExits(nb)
		}
	}
}

// alwaysExits reports whether every path through blk ends in a return,
// break or continue.
func alwaysExits(blk *ir.Block) bool {
	if len(blk.Values) == 0 {
		return false
	}
	last := blk.Values[len(blk.Values)-1]
	switch {
	case last.Op.IsExit():
		return true
	case last.Op == ir.OpIf:
		return alwaysExits(last.Blocks[0]) && alwaysExits(last.Blocks[1])
	}
	return false
}

// escapes reports whether an exit inside stmt leaves stmt: a return, or a
// break or continue of a loop that is not stmt or inside it.
func escapes(stmt *ir.Value) bool {
	found := false
	for _, blk := range stmt.Blocks {
		blk.Walk(func(v *ir.Value) {
			switch v.Op {
			case ir.OpReturn:
				found = true
			case ir.OpBreak, ir.OpContinue:
				if !encloses(stmt, v.Aux.(*ir.Value)) {
					found = true
				}
			}
		})
	}
	return found
}

// encloses reports whether x is outer or nested inside one of outer's
// blocks.
func encloses(outer, x *ir.Value) bool {
	for ; x != nil; x = x.Block.Parent {
		if x == outer {
			return true
		}
	}
	return false
}

// enclosing lists the control-flow ops around v, innermost first.
func enclosing(v *ir.Value) []*ir.Value {
	var out []*ir.Value
	for p := v.Block.Parent; p != nil; p = p.Block.Parent {
		out = append(out, p)
	}
	return out
}
