package reverse

import "github.com/godiff/godiff/ir"

// strongZeros rewrites the backward function g so that an adjoint known to
// be exactly zero contributes zero, even times an infinite or NaN partial.
// An adjoint is zero where the forward sweep overwrote its variable: the
// value held before did not reach the results, and forward mode drops its
// tangent with it. Reverse mode instead resets the adjoint to zero and
// carries it back through the code that computed the discarded value, and
// a partial there can overflow (r = r*r in a loop whose r is overwritten
// after it): 0·Inf is NaN, and the NaN reaches the parameters. So the
// product of a known-zero adjoint (or its quotient by anything) becomes the
// constant 0, and a zero assigned to an adjoint variable that holds zero
// already is dropped.
//
// vars are the adjoint variables (and accumulators); "known zero" is a
// forward data-flow over g's structured control flow: zero after a
// declaration or reset, and after an assignment of a zero value; at a join
// (the end of an if, a loop's head) only what is zero on every way in. A
// loop that can leave early (break, continue, return, halt) keeps nothing
// it assigns as zero.
func strongZeros(g *ir.Func, vars []*ir.Var) {
	z := &zeroFlow{tracked: make(map[*ir.Var]bool), zero: make(map[*ir.Value]bool), dropSet: make(map[*ir.Value]bool)}
	for _, x := range vars {
		z.tracked[x] = true
	}
	g.Walk(func(v *ir.Value) {
		if v.Op == ir.OpAddr {
			delete(z.tracked, v.Aux.(*ir.Var))
		}
	})
	z.block(g.Body, map[*ir.Var]bool{})
	var rewrite []*ir.Value
	g.Walk(func(v *ir.Value) {
		if z.zero[v] && v.Op != ir.OpGet && ir.IsFloat(v.Type) {
			rewrite = append(rewrite, v)
		}
	})
	for _, v := range rewrite {
		v.Op, v.Args, v.Aux, v.Name = ir.OpConst, nil, float64(0), ""
	}
	for v := range z.dropSet {
		removeStmt(v)
	}
	dropZeroTerms(g)
}

// dropZeroTerms replaces x + 0, 0 + x and x - 0 by x, for the zeros the
// rewrite made: the builder simplifies these as it builds, and the emitter
// expects it.
func dropZeroTerms(g *ir.Func) {
	subst := make(map[*ir.Value]*ir.Value)
	g.Walk(func(v *ir.Value) {
		for i, a := range v.Args {
			if s, ok := subst[a]; ok {
				v.Args[i] = s
			}
		}
		if !ir.IsFloat(v.Type) || len(v.Args) != 2 {
			return
		}
		switch {
		case (v.Op == ir.OpAdd || v.Op == ir.OpSub) && v.Args[1].IsFloatConst(0) && v.Args[0].Type == v.Type:
			subst[v] = v.Args[0]
		case v.Op == ir.OpAdd && v.Args[0].IsFloatConst(0) && v.Args[1].Type == v.Type:
			subst[v] = v.Args[1]
		}
	})
	g.Walk(func(v *ir.Value) {
		for _, b := range v.Blocks {
			if s, ok := subst[b.Result]; ok {
				b.Result = s
			}
		}
	})
}

type zeroFlow struct {
	tracked map[*ir.Var]bool
	zero    map[*ir.Value]bool // values that are an adjoint known to be zero, at their last visit
	dropSet map[*ir.Value]bool // sets of a zero to a variable known to be zero
}

// block walks blk with the variables in in known zero and returns those
// known zero at its end.
func (z *zeroFlow) block(blk *ir.Block, in map[*ir.Var]bool) map[*ir.Var]bool {
	cur := copySet(in)
	for _, v := range blk.Values {
		z.value(v, cur)
	}
	return cur
}

func (z *zeroFlow) value(v *ir.Value, cur map[*ir.Var]bool) {
	switch v.Op {
	case ir.OpGet:
		z.zero[v] = cur[v.Aux.(*ir.Var)]
	case ir.OpMul:
		z.zero[v] = z.zero[v.Args[0]] || z.zero[v.Args[1]]
	case ir.OpDiv:
		z.zero[v] = z.zero[v.Args[0]]
	case ir.OpNeg, ir.OpConvert, ir.OpCopy:
		z.zero[v] = z.zero[v.Args[0]]
	case ir.OpAdd, ir.OpSub:
		z.zero[v] = z.zeroOrConst(v.Args[0]) && z.zeroOrConst(v.Args[1]) && (z.zero[v.Args[0]] || z.zero[v.Args[1]])
	case ir.OpDecl, ir.OpSet:
		x := v.Aux.(*ir.Var)
		if !z.tracked[x] {
			return
		}
		isZero := len(v.Args) == 0 || z.zeroOrConst(v.Args[0])
		delete(z.dropSet, v)
		if v.Op == ir.OpSet && isZero && cur[x] {
			z.dropSet[v] = true
		}
		if isZero {
			cur[x] = true
		} else {
			delete(cur, x)
		}
	case ir.OpIf:
		t := z.block(v.Blocks[0], cur)
		e := z.block(v.Blocks[1], cur)
		replace(cur, intersect(t, e))
	case ir.OpFor, ir.OpRange:
		z.loop(v, cur)
	default:
		z.zero[v] = false
		for _, b := range v.Blocks { // no other op has blocks; be safe
			z.forget(b, cur)
		}
	}
}

// loop runs the flow over loop l to its fixed point: the head's known
// zeros are those on entry that the body keeps.
func (z *zeroFlow) loop(l *ir.Value, cur map[*ir.Var]bool) {
	if leavesEarly(l) {
		for _, b := range l.Blocks {
			z.forget(b, cur)
		}
	}
	body := l.Blocks[len(l.Blocks)-1]
	if l.Op == ir.OpFor {
		replace(cur, z.block(l.Blocks[0], cur))
	}
	head := copySet(cur)
	for {
		s := head
		if l.Op == ir.OpFor {
			s = z.block(l.Blocks[1], s)
		}
		s = z.block(body, s)
		if l.Op == ir.OpFor {
			s = z.block(l.Blocks[2], s)
		}
		next := intersect(head, s)
		if len(next) == len(head) {
			break
		}
		head = next
	}
	if l.Op == ir.OpFor {
		head = z.block(l.Blocks[1], head)
	}
	replace(cur, head)
}

// forget removes from cur every tracked variable blk assigns.
func (z *zeroFlow) forget(blk *ir.Block, cur map[*ir.Var]bool) {
	blk.Walk(func(w *ir.Value) {
		if w.Op == ir.OpSet || w.Op == ir.OpDecl {
			delete(cur, w.Aux.(*ir.Var))
		}
	})
}

func (z *zeroFlow) zeroOrConst(v *ir.Value) bool { return z.zero[v] || v.IsFloatConst(0) }

// leavesEarly reports whether anything in l leaves an iteration or the
// function other than at the end of the body.
func leavesEarly(l *ir.Value) bool {
	found := false
	for _, b := range l.Blocks {
		b.Walk(func(w *ir.Value) {
			switch w.Op {
			case ir.OpBreak, ir.OpContinue, ir.OpReturn, ir.OpHalt:
				found = true
			}
		})
	}
	return found
}

func copySet(s map[*ir.Var]bool) map[*ir.Var]bool {
	c := make(map[*ir.Var]bool, len(s))
	for x := range s {
		c[x] = true
	}
	return c
}

func intersect(a, b map[*ir.Var]bool) map[*ir.Var]bool {
	c := make(map[*ir.Var]bool)
	for x := range a {
		if b[x] {
			c[x] = true
		}
	}
	return c
}

func replace(dst, src map[*ir.Var]bool) {
	clear(dst)
	for x := range src {
		dst[x] = true
	}
}

// removeStmt deletes v from its block.
func removeStmt(v *ir.Value) {
	blk := v.Block
	for i, w := range blk.Values {
		if w == v {
			blk.Values = append(blk.Values[:i], blk.Values[i+1:]...)
			return
		}
	}
}

// adjointVars returns the adjoint variables and accumulators bw declared.
func (bw *backward) adjointVars() []*ir.Var {
	var vars []*ir.Var
	for _, d := range bw.dvar {
		vars = append(vars, d)
	}
	for _, a := range bw.acc {
		vars = append(vars, a)
	}
	return vars
}
