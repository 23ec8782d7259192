package reverse

import "github.com/godiff/godiff/ir"

// The value of a counter declared in a nested block as that block ends,
// when it is the same every time (see invariantFinal: GMM's lparamsIdx,
// stepped through a triangle by qTimesX, which InlineSmall put in the
// loops over points and components), is one tape field; storing it there
// each time the block ends costs a store per iteration of the loops
// around. The forward function keeps it instead in a variable declared
// before the outermost of those loops that no exit leaves past its end,
// sets the variable as the block ends, and stores the field once, after
// that loop. The backward function reads the same field where it did; if
// the block never ran, it reads nothing, and the field holds whatever was
// stored. The value stored is the value the block ended with, so the
// derivatives do not change.

// finalLoop returns the loop after which the forward function stores the
// field of final, the get ending a nested block of an induction variable
// (see inductionOf), or nil to store it as the block ends: the outermost
// loop around the block from which neither a return nor a break or
// continue of a loop outside it leaves, so that its end follows every end
// of the block. A fused checkpointed loop runs backward code in the
// forward function (see fuse.go), which may read the field before that
// end: a function with one stores it as the block ends.
func (s *splitter) finalLoop(final *ir.Value) *ir.Value {
	for _, p := range s.fusedLoop {
		if p != nil {
			return nil
		}
	}
	var out *ir.Value
	for l := final.Block.Loop(); l != nil && !escapes(l); l = l.Block.Loop() {
		out = l
	}
	return out
}

// finalsAfter returns, in the order of the function, the final gets of
// induction variables whose field the forward function stores after loop
// l (see finalLoop): those whose field is one value, not a stack of one
// per end of the block (a final that depends on the point, regress's
// TriSkip), nor in the record of one call of a callee's split form (the
// loops around are those of one call, few iterations: GMM's checkpointed
// body, over K components, ran 3–5% slower with the variable live across
// its loop than with a store per iteration).
func (s *splitter) finalsAfter(l *ir.Value) []*ir.Value {
	var out []*ir.Value
	walkValue(l, func(v *ir.Value) {
		if fld := s.taped[v]; v.Op == ir.OpGet && fld != nil && !fld.Stack && !s.fields.tape.InRecord(fld) && s.isFinal(v) && s.finalLoop(v) == l {
			out = append(out, v)
		}
	})
	return out
}

// isFinal reports whether get v ends the block of an induction variable
// declared in it.
func (s *splitter) isFinal(v *ir.Value) bool {
	ind := s.inductions[v.Aux.(*ir.Var)]
	return ind != nil && ind.final == v
}

// finalVars declares, before loop l in the forward function, a variable
// for each final value stored after l, which the block's end sets (see
// saveFinal).
func (s *splitter) finalVars(b *ir.Builder, l *ir.Value, vars map[*ir.Value]*ir.Var) {
	for _, v := range s.finalsAfter(l) {
		x := &ir.Var{Name: s.taped[v].Name + "End", Type: v.Type}
		b.Declare(x, nil)
		vars[v] = x
	}
}

// saveFinal records nv, the forward function's copy of taped value old:
// in old's variable when its field is stored after a loop, else on the
// tape.
func (s *splitter) saveFinal(b *ir.Builder, refs tapeRefs, old, nv *ir.Value, vars map[*ir.Value]*ir.Var) {
	if x := vars[old]; x != nil {
		b.Set(x, nv)
		return
	}
	refs.save(b, s.taped[old], nv)
}

// saveFinals stores, after loop l, the final values kept in variables
// (see finalVars).
func (s *splitter) saveFinals(b *ir.Builder, refs tapeRefs, l *ir.Value, vars map[*ir.Value]*ir.Var) {
	for _, v := range s.finalsAfter(l) {
		refs.save(b, s.taped[v], b.Get(vars[v]))
	}
}
