package reverse

import (
	"slices"
	"strings"

	"github.com/godiff/godiff/ir"
)

// A running maximum or minimum,
//
//	m := x[0]
//	for i := 1; i < n; i++ {
//		m = math.Max(m, x[i])
//	}
//
// needs, for the backward sweep, only where the result came from: the
// adjoint of m goes whole to one element, or to m's value before the loop.
// Differentiated link by link, the loop's backward code runs once per
// iteration, reading m's value and the element of each (two stacks of
// n−1 floats), and passes dm down the chain: at each iteration the
// element gets it where the rule of Max sends it to the second argument
// (math.Max(a, b) follows a where a >= b; the builtin max also where a is
// NaN), and nothing reaches the elements before it.
//
// So the element that receives the adjoint is that of the last iteration
// whose rule sent it to the element, and the forward function records the
// index of that element as the loop runs, with exactly the rule's test,
//
//	mAt := -1
//	for i := 1; i < n; i++ {
//		if !(m >= x[i]) {
//			mAt = i
//		}
//		m = math.Max(m, x[i])
//	}
//
// one int per run of the loop rather than two floats per iteration, and
// the backward sweep of the loop is one step: dx[mAt] += dm where mAt >= 0
// (dm then goes to nothing before the loop), else dm stays for m's value
// before it. The derivatives are those of the loop's own backward code,
// ties, NaN and signed zeros included, which routes by the same test;
// only the +0 the link-by-link code adds to every other element is not
// added (it turns an adjoint of −0 into +0).
//
// The same holds for the running maximum written with an if, v := x[i];
// if v > m { m = v } (or <, >=, <=, either operand first, no else): the
// backward sweep replaying the branches sends the adjoint to the element
// of the last iteration whose branch was taken, and the forward function
// records its index in the branch, where it recorded the branch taken per
// iteration.
//
// A loop is recognised when its body is no more than that: one
// assignment m = Max(m, e) or Min (math.Max, math.Min, the builtins of
// two arguments, either argument m), or the if, e the load of an element
// of a slice made before the loop and read nowhere else, m read and
// assigned nowhere else in the loop, and every other value of the loop an
// integer or bool computation, with no other branch, nested loop, store,
// call with effects or exit (see reductionOf). Anything else keeps its
// link-by-link backward code.

// reduction is a recognised running maximum or minimum, in the function
// the splitter differentiates.
type reduction struct {
	m    *ir.Var   // the running value
	elem *ir.Value // the load of the element, in the loop's body
	at   *ir.Value // the index of the element m came from (-1: m's value before the loop), read as the loop ends
	min  bool
}

// reductionParts is what reductionOf finds in a loop of the user's
// function: the running variable, its read, and either the Max or Min of
// it or the if that assigns the element to it.
type reductionParts struct {
	m        *ir.Var
	get      *ir.Value // m's read in the body
	mx       *ir.Value // m = Max(m, e) or Min: the Max or Min; nil for the if form
	iff, set *ir.Value // if c { m = e }: the if and its assignment; the assignment of mx otherwise
	elem     *ir.Value // the element's load
	elemSide int       // which argument of mx the element is
	builtin  bool      // the builtin max or min, which also follows a NaN first argument
	min      bool
}

// reductionOf reports whether loop l is a running maximum or minimum (see
// above), and its parts. uses maps each value to its users.
func reductionOf(l *ir.Value, uses map[*ir.Value][]*ir.Value) (reductionParts, bool) {
	p, ok := maxForm(l, uses)
	if !ok {
		p, ok = ifForm(l, uses)
	}
	if !ok {
		return p, false
	}
	e := p.elem
	if e.Op != ir.OpLoad || e.Block != loopBody(l) || inside(e.Args[0], l) || p.get.Block != loopBody(l) {
		return p, false
	}
	for _, blk := range l.Blocks {
		blk.Walk(func(v *ir.Value) {
			switch {
			case v == p.set || v == p.mx || v == p.get || v == e || v == p.iff || p.iff != nil && v == p.iff.Args[0]:
			case len(v.Blocks) > 0, v.Op.IsExit(), v.Op == ir.OpHalt, v.Op == ir.OpStore, v.Op == ir.OpCopySlice,
				v.Op == ir.OpInvoke, v.Op == ir.OpAccum, v.Op == ir.OpPartials:
				ok = false
			case v.Type != nil && ir.IsFloat(v.Type):
				ok = false // another float: its adjoint would need the loop's backward code
			case (v.Op == ir.OpGet || v.Op == ir.OpSet || v.Op == ir.OpDecl) && v.Aux.(*ir.Var) == p.m:
				ok = false
			case (v.Op == ir.OpSet || v.Op == ir.OpDecl) && ir.IsFloat(v.Aux.(*ir.Var).Type):
				ok = false
			}
		})
	}
	return p, ok
}

// maxForm finds in l's body m = Max(m, e) or Min, of math or the builtins
// of two arguments, m either argument, each read used only there.
func maxForm(l *ir.Value, uses map[*ir.Value][]*ir.Value) (reductionParts, bool) {
	var p reductionParts
	body := loopBody(l)
	for _, v := range body.Values {
		if v.Op == ir.OpSet && ir.IsFloat(v.Aux.(*ir.Var).Type) {
			if p.set != nil {
				return p, false
			}
			p.set = v
		}
	}
	if p.set == nil {
		return p, false
	}
	p.m = p.set.Aux.(*ir.Var)
	p.mx = p.set.Args[0]
	if p.mx.Block != body || !onlyUse(uses, p.mx, p.set) {
		return p, false
	}
	switch {
	case p.mx.Op == ir.OpMax || p.mx.Op == ir.OpMin:
		p.builtin, p.min = true, p.mx.Op == ir.OpMin
	case p.mx.Op == ir.OpCall && isMath(p.mx, "Max"), p.mx.Op == ir.OpCall && isMath(p.mx, "Min"):
		p.min = isMath(p.mx, "Min")
	default:
		return p, false
	}
	if len(p.mx.Args) != 2 {
		return p, false
	}
	for side, a := range p.mx.Args {
		if a.Op == ir.OpGet && a.Aux == p.m && p.get == nil {
			p.get = a
			p.elemSide = 1 - side
		}
	}
	if p.get == nil {
		return p, false
	}
	p.elem = p.mx.Args[p.elemSide]
	return p, onlyUse(uses, p.get, p.mx) && onlyUse(uses, p.elem, p.mx)
}

// ifForm finds in l's body if e > m { m = e } (or <, >=, <=, either
// operand first, no else): the element that receives m's adjoint is that
// of the last iteration whose branch was taken, as the backward sweep
// replaying the branches sends it.
func ifForm(l *ir.Value, uses map[*ir.Value][]*ir.Value) (reductionParts, bool) {
	var p reductionParts
	for _, v := range loopBody(l).Values {
		if v.Op == ir.OpIf {
			if p.iff != nil {
				return p, false
			}
			p.iff = v
		}
	}
	if p.iff == nil || len(p.iff.Blocks[1].Values) != 0 || len(p.iff.Blocks[0].Values) != 1 {
		return p, false
	}
	p.set = p.iff.Blocks[0].Values[0]
	c := p.iff.Args[0]
	if p.set.Op != ir.OpSet || !ir.IsFloat(p.set.Aux.(*ir.Var).Type) || len(c.Args) != 2 || c.Block != p.iff.Block || !onlyUse(uses, c, p.iff) {
		return p, false
	}
	p.m, p.elem = p.set.Aux.(*ir.Var), p.set.Args[0]
	greater := false // c true where the element is the larger
	switch c.Op {
	case ir.OpGt, ir.OpGe:
		greater = true
	case ir.OpLt, ir.OpLe:
	default:
		return p, false
	}
	switch {
	case c.Args[0] == p.elem && c.Args[1].Op == ir.OpGet && c.Args[1].Aux == p.m:
		p.get = c.Args[1]
	case c.Args[1] == p.elem && c.Args[0].Op == ir.OpGet && c.Args[0].Aux == p.m:
		p.get, greater = c.Args[0], !greater
	default:
		return p, false
	}
	p.min = !greater
	us := uses[p.elem]
	return p, onlyUse(uses, p.get, c) && len(us) == 2 && slices.Contains(us, c) && slices.Contains(us, p.set)
}

// isMath reports whether call v calls math.name.
func isMath(v *ir.Value, name string) bool {
	c, ok := v.Aux.(ir.Callee)
	return ok && c.Path == "math" && c.Name == name
}

// onlyUse reports whether user is v's one use.
func onlyUse(uses map[*ir.Value][]*ir.Value, v, user *ir.Value) bool {
	us := uses[v]
	return len(us) == 1 && us[0] == user
}

// inside reports whether v is computed in a block of l.
func inside(v, l *ir.Value) bool {
	for blk := v.Block; blk != nil && blk.Parent != nil; blk = blk.Parent.Block {
		if blk.Parent == l {
			return true
		}
	}
	return false
}

// recordWinners sets c's hooks so that, as c copies f, each running
// maximum or minimum of f also records the index of the element its
// result came from (see above), and returns the map the copies' loops
// will key, filled as c copies.
func recordWinners(f *ir.Func, c *ir.Copier) map[*ir.Value]*reduction {
	uses := usesOf(f)
	parts := make(map[*ir.Value]reductionParts) // by loop
	byMax := make(map[*ir.Value]*ir.Value)      // where the index is set → its loop
	f.Walk(func(v *ir.Value) {
		if v.Op.IsLoop() {
			if p, ok := reductionOf(v, uses); ok {
				parts[v] = p
				if p.mx != nil {
					byMax[p.mx] = v // the test reads m before the assignment
				} else {
					byMax[p.set] = v // in the branch, after the assignment
				}
			}
		}
	})
	out := make(map[*ir.Value]*reduction)
	if len(parts) == 0 {
		return out
	}
	at := make(map[*ir.Value]*ir.Var) // by loop, the index variable
	b := c.B
	c.Before = func(old *ir.Value) bool {
		if p, ok := parts[old]; ok {
			x := &ir.Var{Name: p.m.Name + "At", Type: ir.Int}
			at[old] = x
			b.Declare(x, b.Const(ir.Int, int64(-1)))
		}
		return false
	}
	c.After = func(old, cp *ir.Value) {
		if l, ok := byMax[old]; ok {
			p := parts[l]
			if p.mx == nil {
				// The if form: the element wins where the branch is taken.
				b.Set(at[l], c.Value[p.elem.Args[1]])
			} else {
				wins := elementWins(b, p, c.Value[p.get], c.Value[p.elem])
				iff := b.If(wins)
				b.In(iff.Blocks[0], func() { b.Set(at[l], c.Value[p.elem.Args[1]]) })
			}
		}
		if p, ok := parts[old]; ok {
			out[cp] = &reduction{m: c.CopyVar(p.m), elem: c.Value[p.elem], at: b.Get(at[old]), min: p.min}
		}
	}
	return out
}

// elementWins builds the test under which the rule of p's Max or Min sends
// the adjoint to the element rather than to m (rules.For: math.Max(a, b)
// follows a where a >= b, the builtin max also where a is NaN; Min with
// <=).
func elementWins(b *ir.Builder, p reductionParts, m, e *ir.Value) *ir.Value {
	a0, a1 := m, e
	if p.elemSide == 0 {
		a0, a1 = e, m
	}
	cmp := ir.OpGe
	if p.min {
		cmp = ir.OpLe
	}
	first := b.Compare(cmp, a0, a1)
	if p.builtin {
		x := a0
		if x.Type != ir.Float64 {
			x = b.Convert(x, ir.Float64) // a float32 NaN converts to a NaN
		}
		first = b.Logic(ir.OpOr, first, b.Call(ir.Callee{Path: "math", Name: "IsNaN"}, ir.Bool, x))
	}
	if p.elemSide == 0 {
		return first
	}
	return b.Not(first)
}

// reduction builds the backward code of running maximum or minimum r (see
// above): m's adjoint goes whole to the element the forward sweep
// recorded, if any, and stays for m's value before the loop otherwise.
func (bw *backward) reduction(r *reduction) {
	if !bw.s.act.Vars[r.m] {
		return
	}
	dm := bw.adjVar(r.m)
	if _, zero := bw.pending[dm]; zero {
		return // nothing after the loop reads m
	}
	b := bw.b
	at := bw.prim(r.at)
	if fld, ok := bw.s.taped[r.at]; ok {
		what := "maximum"
		if r.min {
			what = "minimum"
		}
		// The field's doc, as tapeFields.add wrote it, with what it holds.
		fld.Doc = strings.Replace(fld.Doc, describe(r.at), "the index of the element the "+what+" came from (-1: the value before the loop)", 1)
	}
	var ds *ir.Value
	if bw.s.act.Value[r.elem] && bw.s.act.Mem[ir.Root(r.elem.Args[0])] {
		ds = bw.shadowOf(r.elem.Args[0])
	}
	iff := b.If(b.Compare(ir.OpGe, at, b.Const(ir.Int, int64(0))))
	b.In(iff.Blocks[0], func() {
		if ds != nil {
			b.Store(ds, at, b.Add(b.Load(ds, at), b.Get(dm)))
		}
		b.Set(dm, b.ZeroOf(r.m.Type))
	})
}
