package forward

import "github.com/godiff/godiff/ir"

// This file holds what vector mode (see Vector) knows of the function it
// differentiates before it starts: which values have their tangents read
// by more than one user, and which statements write what.

// uses counts the users of a value that read its tangent; cross says
// that one is in another block (a loop body, a branch), which may read it
// many times or not at all.
type uses struct {
	n     int
	cross bool
}

// tangentUses counts, for each float value of f, the users that read its
// tangent (see lin for what vector mode does with them); with tapes, a
// save on a tape is one (see VectorOptions.Tapes).
func tangentUses(f *ir.Func, tapes bool) map[*ir.Value]uses {
	out := make(map[*ir.Value]uses)
	f.Walk(func(u *ir.Value) {
		for i, a := range u.Args {
			if !ir.IsFloat(a.Type) || !readsTangent(u, i) && !(tapes && u.Op == ir.OpTapeSave && i == 1) {
				continue
			}
			c := out[a]
			c.n++
			c.cross = c.cross || u.Block != a.Block
			out[a] = c
		}
	})
	return out
}

// readsTangent reports whether u reads the tangent of its argument i.
func readsTangent(u *ir.Value, i int) bool {
	switch u.Op {
	case ir.OpPartials:
		// y, x1..xn, d1..dn: only the xs carry tangents into u.
		n := (len(u.Args) - 1) / 2
		return i >= 1 && i <= n
	case ir.OpStore:
		return i == 2
	case ir.OpSet, ir.OpDecl, ir.OpReturn, ir.OpInvoke, ir.OpSliceLit:
		return true
	}
	return u.Op.IsPure() && ir.IsFloat(u.Type)
}

// writes is what a statement may overwrite: memory (any slice or array:
// they may overlap), and variables.
type writes struct {
	mem  bool
	vars map[*ir.Var]bool
}

// writeEffects returns the writes of each value of f that writes: a
// store, a copy, a call writing into its slices, an assignment, and an
// if or loop holding one of those; with tapes, a save on a tape or its
// reset too (see VectorOptions.Tapes).
func writeEffects(f *ir.Func, tapes bool) map[*ir.Value]writes {
	out := make(map[*ir.Value]writes)
	var block func(blk *ir.Block) writes
	block = func(blk *ir.Block) writes {
		all := writes{vars: make(map[*ir.Var]bool)}
		for _, v := range blk.Values {
			w := writes{vars: make(map[*ir.Var]bool)}
			switch v.Op {
			case ir.OpStore, ir.OpCopySlice:
				w.mem = true
			case ir.OpTapeSave, ir.OpTapeReset:
				// A tape's entries are memory too: a tangent read from
				// one may be overwritten.
				w.mem = tapes
			case ir.OpInvoke:
				w.mem = len(ir.Written(v)) > 0
			case ir.OpSet, ir.OpDecl:
				w.vars[v.Aux.(*ir.Var)] = true
			}
			for _, nb := range v.Blocks {
				inner := block(nb)
				w.mem = w.mem || inner.mem
				for x := range inner.vars {
					w.vars[x] = true
				}
			}
			if w.mem || len(w.vars) > 0 {
				out[v] = w
				all.mem = all.mem || w.mem
				for x := range w.vars {
					all.vars[x] = true
				}
			}
		}
		return all
	}
	block(f.Body)
	return out
}
