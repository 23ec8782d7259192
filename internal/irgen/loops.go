package irgen

import (
	"math/rand/v2"

	"github.com/godiff/godiff/ir"
)

// LoopFunc returns a random function with control flow:
//
//	func F(x []float64, a float64) float64
//
// built from nested range and for loops over x, ifs on float comparisons,
// break, continue and return inside them, an accumulator and a product
// carried across iterations, loads of x, stores into a local copy of x that
// later statements read back, values overwritten before they are read,
// slice variables that move as godiff's parse lowers them (a window of x
// sliding with a loop index, two halves of one buffer swapped like an
// integrator's prev and cur: views base[lo:hi] with their bounds in int
// variables), and smooth math calls. Every index is a loop
// index over x, so every access is in bounds. It exercises what the
// straight-line generator cannot: the tape's stacks, trip counts, recorded
// branches and the flags of statements that leave early.
func LoopFunc(rng *rand.Rand, depth int) *ir.Func {
	f := ir.NewFunc("Loops", []ir.Param{{Name: "x", Type: ir.Slice{Elem: ir.Float64}}, {Name: "a", Type: ir.Float64}},
		[]ir.Result{{Type: ir.Float64}})
	b := ir.NewBuilder(f)
	g := &loopGen{b: b, rng: rng}
	g.x, g.a = b.Param(0), b.Param(1)
	g.buf = b.Make(g.x.Type, b.Len(g.x))
	g.buf.Name = "buf"
	b.CopySlice(g.buf, g.x)
	g.s = &ir.Var{Name: "s", Type: ir.Float64}
	g.p = &ir.Var{Name: "p", Type: ir.Float64}
	b.Declare(g.s, b.Float(ir.Float64, 0))
	b.Declare(g.p, b.Float(ir.Float64, 1))
	g.moving()
	g.block(depth)
	b.Return(g.result())
	return f
}

type loopGen struct {
	b    *ir.Builder
	rng  *rand.Rand
	x, a *ir.Value
	buf  *ir.Value
	s, p *ir.Var
	// pair is a buffer of 2·len(x), the halves prev (x at first) and cur,
	// swapped by exchanging their bounds; w is x[wLo:], which slides.
	pair                         *ir.Value
	prevLo, prevHi, curLo, curHi *ir.Var
	wLo                          *ir.Var
	loops                        []*ir.Value // enclosing loops, innermost last
	idx                          []*ir.Value // their indexes
}

// result is what a return returns: the accumulator, the product, a and
// prev[0].
func (g *loopGen) result() *ir.Value {
	b := g.b
	sum := b.Add(b.Add(b.Get(g.s), b.Mul(b.Get(g.p), b.Float(ir.Float64, 0.5))), g.a)
	return b.Add(sum, b.Load(g.view(g.prevLo, g.prevHi), b.Const(ir.Int, int64(0))))
}

// moving declares the slice variables that move: pair, x copied into its
// prev half, and w = x[0:].
func (g *loopGen) moving() {
	b := g.b
	n := b.Len(g.x)
	g.pair = b.Make(g.x.Type, b.Add(n, n))
	g.pair.Name = "pair"
	bound := func(name string, v *ir.Value) *ir.Var {
		x := &ir.Var{Name: name, Type: ir.Int}
		b.Declare(x, v)
		return x
	}
	g.prevLo, g.prevHi = bound("prevLo", b.Const(ir.Int, int64(0))), bound("prevHi", n)
	g.curLo, g.curHi = bound("curLo", n), bound("curHi", b.Add(n, n))
	g.wLo = bound("wLo", b.Const(ir.Int, int64(0)))
	b.CopySlice(g.view(g.prevLo, g.prevHi), g.x)
}

// view reads pair[lo:hi], as a read of a moving variable is built.
func (g *loopGen) view(lo, hi *ir.Var) *ir.Value {
	return g.b.Subslice(g.pair, g.b.Get(lo), g.b.Get(hi))
}

// window reads w, x[wLo:len(x)].
func (g *loopGen) window() *ir.Value {
	return g.b.Subslice(g.x, g.b.Get(g.wLo), g.b.Len(g.x))
}

// step writes cur[i] from prev[i] and an element at the innermost index
// i, as an integrator's step does; or, outside loops, swaps prev and cur
// (prev, cur = cur, prev: their bounds).
func (g *loopGen) step() {
	b := g.b
	if len(g.idx) == 0 || g.rng.IntN(3) == 0 {
		lo, hi := b.Get(g.prevLo), b.Get(g.prevHi)
		b.Set(g.prevLo, b.Get(g.curLo))
		b.Set(g.prevHi, b.Get(g.curHi))
		b.Set(g.curLo, lo)
		b.Set(g.curHi, hi)
		return
	}
	i := g.idx[len(g.idx)-1]
	prev := b.Load(g.view(g.prevLo, g.prevHi), i)
	b.Store(g.view(g.curLo, g.curHi), i, b.Add(b.Mul(prev, g.factor()), b.Mul(g.elem(), b.Float(ir.Float64, 0.1))))
}

// block appends two to four random statements.
func (g *loopGen) block(depth int) {
	n := 2 + g.rng.IntN(3)
	for i := 0; i < n; i++ {
		g.stmt(depth)
	}
}

// stmt appends one statement. Exits (break, continue, return) stand alone
// in the then block of an if, so they never end a block early.
func (g *loopGen) stmt(depth int) {
	b := g.b
	switch k := g.rng.IntN(13); {
	case k < 3:
		// s += term, or p *= a bounded factor
		if g.rng.IntN(2) == 0 {
			b.Set(g.s, b.Add(b.Get(g.s), g.term()))
		} else {
			b.Set(g.p, b.Mul(b.Get(g.p), g.factor()))
		}
	case k < 4 && len(g.idx) > 0:
		// buf[i] = f(buf[i], neighbour), read back later
		i := g.idx[len(g.idx)-1]
		b.Store(g.buf, i, b.Add(b.Mul(b.Load(g.buf, i), g.factor()), b.Mul(g.elem(), b.Float(ir.Float64, 0.25))))
	case k < 6 && depth > 0:
		g.loop(depth - 1)
	case k < 8 && depth > 0:
		ifop := b.If(b.Compare(ir.OpGt, g.term(), b.Float(ir.Float64, 0.1*float64(g.rng.IntN(5)))))
		b.In(ifop.Blocks[0], func() { g.block(depth - 1) })
		if g.rng.IntN(2) == 0 {
			b.In(ifop.Blocks[1], func() { g.block(depth - 1) })
		}
	case k < 9 && len(g.loops) > 0:
		// an exit, guarded by an if so that it does not always happen
		ifop := b.If(b.Compare(ir.OpLt, g.elem(), b.Float(ir.Float64, -0.6)))
		b.In(ifop.Blocks[0], func() {
			target := g.loops[g.rng.IntN(len(g.loops))]
			switch g.rng.IntN(3) {
			case 0:
				b.Break(target)
			case 1:
				b.Continue(target)
			default:
				b.Return(g.result())
			}
		})
	case k == 9 && g.rng.IntN(2) == 0:
		g.overwrite()
	case k == 10:
		g.guard()
	case k == 11:
		g.step()
	case k == 12 && len(g.idx) > 0:
		// w = x[i:]: the window slides to the innermost index
		b.Set(g.wLo, g.idx[len(g.idx)-1])
	default:
		b.Set(g.s, b.Add(b.Get(g.s), b.Mul(g.elem(), g.a)))
	}
}

// overwrite assigns p, or buf at the innermost index, twice: the first
// value is never read, so its adjoint must be zero whatever reaches the
// second.
func (g *loopGen) overwrite() {
	b := g.b
	if len(g.idx) > 0 && g.rng.IntN(2) == 0 {
		i := g.idx[len(g.idx)-1]
		b.Store(g.buf, i, b.Mul(b.Load(g.buf, i), b.Float(ir.Float64, 2)))
		b.Store(g.buf, i, g.term())
		return
	}
	b.Set(g.p, b.Mul(b.Get(g.p), b.Float(ir.Float64, 2)))
	b.Set(g.p, g.factor())
}

// guard appends a guard that ends the run, as numeric Go checks its
// inputs: if math.IsInf(e, 0) || e < -1e9 { panic(fmt.Sprint("bad", e)) },
// which the generated points never trigger. The forward sweep keeps it;
// the backward sweep has no code for it.
func (g *loopGen) guard() {
	b := g.b
	e := g.elem()
	inf := b.Call(ir.Callee{Path: "math", Name: "IsInf"}, ir.Bool, e, b.Const(ir.Int, int64(0)))
	ifop := b.If(b.Logic(ir.OpOr, inf, b.Compare(ir.OpLt, e, b.Float(ir.Float64, -1e9))))
	b.In(ifop.Blocks[0], func() {
		msg := ir.HaltExpr{Kind: ir.HaltCall, Path: "fmt", Name: "Sprint", Args: []ir.HaltExpr{
			{Kind: ir.HaltLit, Lit: `"bad value "`}, {Kind: ir.HaltArg, Arg: 0}}}
		b.Halt(&ir.Halt{Call: ir.HaltExpr{Kind: ir.HaltCall, Name: "panic", Args: []ir.HaltExpr{msg}}}, e)
	})
}

// loop appends a range loop over x or a canonical for loop over x.
func (g *loopGen) loop(depth int) {
	b := g.b
	var l, i *ir.Value
	if g.rng.IntN(2) == 0 {
		l = b.Range("", g.x)
		b.In(l.Blocks[0], func() { i = b.Index("i") })
	} else {
		l = b.For("")
		c := &ir.Var{Name: "j", Type: ir.Int}
		b.In(l.Blocks[0], func() { b.Declare(c, b.Const(ir.Int, int64(0))) })
		b.In(l.Blocks[1], func() { l.Blocks[1].Result = b.Compare(ir.OpLt, b.Get(c), b.Len(g.x)) })
		b.In(l.Blocks[2], func() { b.Set(c, b.Add(b.Get(c), b.Const(ir.Int, int64(1)))) })
		b.In(l.Blocks[3], func() { i = b.Get(c) })
	}
	g.loops = append(g.loops, l)
	g.idx = append(g.idx, i)
	b.In(l.Blocks[len(l.Blocks)-1], func() { g.block(depth) })
	g.loops = g.loops[:len(g.loops)-1]
	g.idx = g.idx[:len(g.idx)-1]
}

// elem reads x or buf at the innermost index, or a outside loops.
func (g *loopGen) elem() *ir.Value {
	if len(g.idx) == 0 {
		return g.a
	}
	i := g.idx[g.rng.IntN(len(g.idx))]
	switch g.rng.IntN(6) {
	case 0:
		return g.b.Load(g.window(), g.b.Const(ir.Int, int64(0))) // w[0]
	case 1:
		return g.b.Load(g.view(g.prevLo, g.prevHi), i)
	case 2, 3:
		return g.b.Load(g.buf, i)
	}
	return g.b.Load(g.x, i)
}

// term is a smooth function of an element and the state.
func (g *loopGen) term() *ir.Value {
	b := g.b
	e := g.elem()
	switch g.rng.IntN(4) {
	case 0:
		return b.Call(ir.Callee{Path: "math", Name: "Sin"}, ir.Float64, b.Mul(e, g.a))
	case 1:
		return b.Mul(e, e)
	case 2:
		return b.Call(ir.Callee{Path: "math", Name: "Tanh"}, ir.Float64, b.Add(e, b.Get(g.s)))
	}
	return b.Mul(e, b.Get(g.p))
}

// factor is a value near 1, so that products stay bounded.
func (g *loopGen) factor() *ir.Value {
	b := g.b
	return b.Add(b.Float(ir.Float64, 1), b.Mul(b.Float(ir.Float64, 0.2),
		b.Call(ir.Callee{Path: "math", Name: "Tanh"}, ir.Float64, g.elem())))
}
