package ir

// This file recognises counted loops, for i := start; i < bound; i += c:
// the one shape both FixStacks (a constant trip count, ConstTrip) and
// reverse mode (a counter the backward loop steps back itself, a trip
// count known as the loop begins) read.

// Counted is a counted loop's counter: X declared by the loop's init
// statement with the value Start, stepped by the constant Step (negative
// when the post statement subtracts) by Set, the post statement's last
// value.
type Counted struct {
	X     *Var
	Start *Value
	Step  int64
	Set   *Value
}

// CountedLoop recognises counted loop l: a for loop whose init statement
// ends declaring an integer X, whose post statement ends X = X + c (X++, X--,
// X -= c) for a non-zero constant c (see StepOf), and which assigns X
// nowhere else: neither its condition, its body nor the rest of its post
// statement sets X or takes its address. The condition is not read (see
// Bound).
func CountedLoop(l *Value) (Counted, bool) {
	if l.Op != OpFor {
		return Counted{}, false
	}
	init, post := l.Blocks[0], l.Blocks[2]
	if len(init.Values) == 0 || len(post.Values) == 0 {
		return Counted{}, false
	}
	decl := init.Values[len(init.Values)-1]
	if decl.Op != OpDecl || len(decl.Args) != 1 {
		return Counted{}, false
	}
	x := decl.Aux.(*Var)
	set := post.Values[len(post.Values)-1]
	if !IsInteger(x.Type) || set.Op != OpSet || set.Aux != x {
		return Counted{}, false
	}
	c, ok := StepOf(set, x)
	if !ok || c == 0 {
		return Counted{}, false
	}
	for _, blk := range l.Blocks[1:] {
		for _, v := range blk.Values {
			assigned := false
			walkValue(v, func(w *Value) {
				assigned = assigned || w != set && (w.Op == OpSet || w.Op == OpAddr || w.Op == OpDecl) && w.Aux == x
			})
			if assigned {
				return Counted{}, false
			}
		}
	}
	return Counted{X: x, Start: decl.Args[0], Step: c, Set: set}, true
}

// Bound returns the bound of the condition of c's loop l when it tests
// the counter against it in the direction it steps: X < bound or X <=
// bound counting up, X > bound or X >= bound counting down; and whether
// the test includes the bound. It returns nil for another condition.
func (c Counted) Bound(l *Value) (bound *Value, inclusive bool) {
	cond := l.Blocks[1].Result
	if cond == nil || len(cond.Args) != 2 || cond.Args[0].Op != OpGet || cond.Args[0].Aux != c.X {
		return nil, false
	}
	switch {
	case c.Step > 0 && (cond.Op == OpLt || cond.Op == OpLe), c.Step < 0 && (cond.Op == OpGt || cond.Op == OpGe):
		return cond.Args[1], cond.Op == OpLe || cond.Op == OpGe
	}
	return nil, false
}

// StepOf reports whether set v assigns x what x held plus a constant,
// read in v's block with no assignment of x between, and returns the
// constant (negative for a subtraction).
func StepOf(v *Value, x *Var) (int64, bool) {
	inc := v.Args[0]
	if (inc.Op != OpAdd && inc.Op != OpSub) || !inc.Args[1].IsConst() {
		return 0, false
	}
	c, isInt := inc.Args[1].Aux.(int64)
	g := inc.Args[0]
	if !isInt || g.Op != OpGet || g.Aux != x || g.Block != v.Block {
		return 0, false
	}
	if inc.Op == OpSub {
		c = -c
	}
	in := false
	for _, w := range v.Block.Values {
		switch {
		case w == g:
			in = true
		case w == v:
			return c, true
		case in && assignsVar(w, x):
			return 0, false
		}
	}
	return c, true
}

// assignsVar reports whether v, or anything inside its blocks, assigns x.
func assignsVar(v *Value, x *Var) bool {
	found := false
	walkValue(v, func(w *Value) {
		found = found || (w.Op == OpSet || w.Op == OpDecl) && w.Aux == x
	})
	return found
}
