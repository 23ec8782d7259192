package reverse

import "github.com/godiff/godiff/ir"

// An induction variable is an int variable declared in the function's
// body, outside loops and branches, whose every other assignment adds a
// constant to it: lparamsIdx in
//
//	lparamsIdx := 0
//	for i := 0; i < d; i++ {
//		for j := i + 1; j < d; j++ {
//			out[j] += ltri[lparamsIdx] * x[i]
//			lparamsIdx++
//		}
//	}
//
// The backward function need not record its values: it keeps a copy of its
// own, set to the variable's final value (one tape field) and stepped back
// where the backward sweep passes each assignment (lparamsIdx-- where the
// forward sweep ran lparamsIdx++). Since the backward sweep replays the
// forward sweep's control flow exactly, the copy holds, at the start of
// the backward code of any block, what the variable held when the forward
// sweep left that block; a read of it followed, in its block, only by
// steps gets that value less those steps.
//
// A variable declared in a loop's body (a helper's counter that
// InlineSmall put in its caller's loop) is one too, if nothing after its
// declaration leaves that block early: the forward function records its
// value as the block ends, once per iteration of the loops around (a get
// appended to the block, final), and the backward function sets its copy
// from that record where it begins the block's backward code, rather
// than record the variable at each of its reads.
type induction struct {
	decl  *ir.Value // its declaration
	steps map[*ir.Value]int64
	final *ir.Value // for a declaration in a nested block, a get of it as the block ends
}

// inductionOf returns x's induction record, or nil if x is not an
// induction variable (see induction).
func (s *splitter) inductionOf(x *ir.Var) *induction {
	if ind, ok := s.inductions[x]; ok {
		return ind
	}
	ind := s.findInduction(x)
	s.inductions[x] = ind
	return ind
}

func (s *splitter) findInduction(x *ir.Var) *induction {
	if x.Type != ir.Int {
		return nil
	}
	ind := &induction{steps: make(map[*ir.Value]int64)}
	ok := true
	s.f.Walk(func(v *ir.Value) {
		if !ok || (v.Op != ir.OpDecl && v.Op != ir.OpSet) || v.Aux != x {
			return
		}
		switch {
		case v.Op == ir.OpDecl && ind.decl == nil && (v.Block == s.f.Body || s.closedAfter(v)):
			ind.decl = v
		case v.Op == ir.OpSet && !inHeader(v.Block):
			c, isStep := step(v, x)
			if !isStep || !s.replayed(v) {
				ok = false
			}
			ind.steps[v] = c
		default:
			ok = false
		}
	})
	if !ok || ind.decl == nil || len(ind.steps) == 0 {
		return nil
	}
	if blk := ind.decl.Block; blk != s.f.Body {
		for v := range ind.steps {
			if !v.Block.Ancestor(blk) {
				return nil
			}
		}
		b := ir.NewBuilder(s.f)
		b.InsertIn(blk, len(blk.Values), func() { ind.final = b.Get(x) })
		if s.invariantFinal(ind) {
			s.taped[ind.final] = s.fields.add(x.Name, ir.Int, 0, "the value of "+x.Name+" as its block ends, the same in every iteration of the loops around, from which the backward sweep has its earlier values")
		}
	}
	return ind
}

// step reports whether set v assigns x what x held plus a constant (see
// ir.StepOf), and returns the constant.
func step(v *ir.Value, x *ir.Var) (int64, bool) { return ir.StepOf(v, x) }

// assigns reports whether v, or anything inside its blocks, assigns x.
func assigns(v *ir.Value, x *ir.Var) bool {
	found := false
	walkValue(v, func(w *ir.Value) {
		if (w.Op == ir.OpSet || w.Op == ir.OpDecl) && w.Aux == x {
			found = true
		}
	})
	return found
}

// walkValue calls fn on v and on everything inside its blocks.
func walkValue(v *ir.Value, fn func(*ir.Value)) {
	fn(v)
	for _, blk := range v.Blocks {
		blk.Walk(fn)
	}
}

// replayed reports whether the backward function runs the backward code
// of every block around v: each if and loop around it has backward code.
func (s *splitter) replayed(v *ir.Value) bool {
	for _, p := range enclosing(v) {
		if !relevant(s.act, p) {
			return false
		}
	}
	return true
}

// inHeader reports whether blk is the init, condition or post block of a
// for loop.
func inHeader(blk *ir.Block) bool {
	l := blk.Parent
	return l != nil && l.Op == ir.OpFor && blk != l.Blocks[3]
}

// stepsAfter returns the sum of the steps of induction variable x that
// the forward sweep runs after get g in g's block, where the backward
// function has x's value as that block ended: each a plain assignment of
// the block, with nothing before it (after g) that could leave the block
// or assign x otherwise. A get in a loop's init block stands where the
// loop does, before it; one in a condition or post block runs once per
// iteration and is not had this way.
func (s *splitter) stepsAfter(g *ir.Value, ind *induction) (int64, bool) {
	at := g
	if inHeader(g.Block) {
		l := g.Block.Parent
		if g.Block != l.Blocks[0] {
			return 0, false
		}
		at = l
	}
	blk := at.Block
	i := 0
	for i < len(blk.Values) && blk.Values[i] != at {
		i++
	}
	if i == len(blk.Values) {
		return 0, false
	}
	x := g.Aux.(*ir.Var)
	var sum int64
	mayLeave := false // whether the block may have been left by now
	for k, w := range blk.Values[i:] {
		if c, ok := ind.steps[w]; ok {
			if mayLeave {
				return 0, false
			}
			sum += c
			continue
		}
		if (k > 0 || at != g) && assigns(w, x) {
			return 0, false
		}
		if w.Op.IsExit() || s.flagged[w] || len(w.Blocks) > 0 && escapes(w) {
			mayLeave = true
		}
	}
	return sum, true
}

// inductionGet returns g, a get of an induction variable, as the backward
// function has it (see induction), or nil if it cannot.
func (bw *backward) inductionGet(g *ir.Value) *ir.Value {
	x := g.Aux.(*ir.Var)
	ind := bw.s.inductionOf(x)
	if ind == nil {
		return nil
	}
	c, ok := bw.s.stepsAfter(g, ind)
	if !ok {
		return nil
	}
	xb := bw.inductionVar(x, true)
	fr, seg := bw.frameOf(g)
	return bw.inPrologue(fr, seg, func() *ir.Value {
		v := bw.b.Get(xb)
		if c != 0 {
			v = bw.b.Sub(v, bw.b.Const(ir.Int, c))
		}
		return v
	})
}

// inductionVar returns the backward function's copy of induction variable
// x. It is declared at the top of the backward function, with x's final
// value from the tape, once something reads it (declare): before that the
// steps back of a variable nothing reads are dead code, removed with it,
// and take no tape field.
func (bw *backward) inductionVar(x *ir.Var, declare bool) *ir.Var {
	xb, ok := bw.induct[x]
	if !ok {
		xb = &ir.Var{Name: x.Name, Type: ir.Int}
		bw.induct[x] = xb
	}
	if declare && !bw.inductRead[x] {
		bw.inductRead[x] = true
		if final := bw.s.inductions[x].final; final != nil {
			// Declared in a nested block: its value as the block ended,
			// read back where the block's backward code begins.
			fld := bw.s.tapeField(final)
			fr, seg := bw.frameOf(final)
			bw.inPrologue(fr, seg, func() *ir.Value {
				bw.b.Declare(xb, bw.readTape(fld))
				return nil
			})
			return xb
		}
		fld := bw.s.inductionField(x)
		bw.inPrologue(bw.frames[bw.s.f.Body], 0, func() *ir.Value {
			bw.b.Declare(xb, bw.readTape(fld))
			return nil
		})
	}
	return xb
}

// stepBack undoes, in the backward sweep, set v if it steps an induction
// variable: the copy goes back to what the variable held before v.
func (bw *backward) stepBack(v *ir.Value) {
	if v.Op != ir.OpSet {
		return
	}
	x := v.Aux.(*ir.Var)
	ind := bw.s.inductionOf(x)
	if ind == nil {
		return
	}
	xb := bw.inductionVar(x, false)
	// The get is a fresh one: the builder shares a get only with one built
	// at the end of the same block with no set between, and every other
	// get of xb goes into a prologue (inPrologue forgets the reads).
	g := bw.b.Get(xb)
	set := bw.b.Set(xb, bw.b.Sub(g, bw.b.Const(ir.Int, ind.steps[v])))
	bw.stepsBack = append(bw.stepsBack, set)
	bw.stepGets = append(bw.stepGets, g)
}

// pruneStepsBack removes, once the backward function is built, the steps
// back after which the backward sweep reads no copy of an induction
// variable: none later in their block or the blocks around, nor in a
// loop around them (its next iteration).
func (bw *backward) pruneStepsBack() {
	steps := make(map[*ir.Value]bool) // the steps' own gets
	for _, g := range bw.stepGets {
		steps[g] = true
	}
	copies := make(map[*ir.Var]bool)
	for _, xb := range bw.induct {
		copies[xb] = true
	}
	readsIn := func(v *ir.Value) bool {
		found := false
		walkValue(v, func(w *ir.Value) {
			if w.Op == ir.OpGet && copies[w.Aux.(*ir.Var)] && !steps[w] {
				found = true
			}
		})
		return found
	}
	readAfter := func(set *ir.Value) bool {
		for v := set; v != nil; v = v.Block.Parent {
			if v.Block.Parent != nil && v.Block.Parent.Op.IsLoop() && readsIn(v.Block.Parent) {
				return true
			}
			after := false
			for _, w := range v.Block.Values {
				if after && readsIn(w) {
					return true
				}
				after = after || w == v
			}
		}
		return false
	}
	for _, set := range bw.stepsBack {
		if !readAfter(set) {
			ir.Remove(set)
		}
	}
}

// inductionField returns the field that keeps induction variable x's
// value as the forward function returns.
func (s *splitter) inductionField(x *ir.Var) *ir.TapeField {
	if f, ok := s.inductF[x]; ok {
		return f
	}
	f := s.fields.add(x.Name, ir.Int, 0, "the value of "+x.Name+" as the forward sweep returned, from which the backward sweep has its earlier values")
	s.inductF[x] = f
	s.inductOrder = append(s.inductOrder, x)
	return f
}

// saveInductions records, before return r, the final value of each
// induction variable the backward function reads that is declared by then.
// Every run that reaches the backward function ends in a return (a body
// ends in one, or in a statement that ends the run).
func (s *splitter) saveInductions(b *ir.Builder, refs tapeRefs, c *ir.Copier, r *ir.Value) {
	for _, x := range s.inductOrder {
		ind := s.inductions[x]
		if !declaredBefore(ind.decl, r) {
			continue
		}
		refs.save(b, s.inductF[x], b.Get(c.CopyVar(x)))
	}
}

// declaredBefore reports whether decl, a statement of the function's
// body, runs before r: r is inside, or is, a later statement of the body.
func declaredBefore(decl, r *ir.Value) bool {
	top := r
	for top.Block.Parent != nil {
		top = top.Block.Parent
	}
	for _, v := range decl.Block.Values {
		if v == decl {
			return true
		}
		if v == top {
			return false
		}
	}
	return false
}
