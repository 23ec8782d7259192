package emit

import (
	"go/format"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/godiff/godiff/ir"
)

// funcCases are IR functions and the exact Go each one becomes.
var funcCases = []struct {
	name  string
	build func() *ir.Func
	want  string
}{
	{
		name: "chain of named values",
		build: func() *ir.Func {
			t := newFn("Neuron", floats("x", "w", "b"), ir.Float64)
			z := t.as("z", t.Add(t.Mul(t.p[1], t.p[0]), t.p[2]))
			h := t.as("h", t.call("Tanh", z))
			return t.ret(h)
		},
		want: `func Neuron(x, w, b float64) float64 {
	z := w*x + b
	h := math.Tanh(z)
	return h
}
`,
	},
	{
		name: "a blank parameter the body reads gets a fresh name, one it does not read stays blank",
		build: func() *ir.Func {
			t := newFn("F", floats("_", "blank", "_"), ir.Float64)
			return t.ret(t.Mul(t.p[0], t.p[1]))
		},
		want: `func F(blank2, blank, _ float64) float64 {
	return blank2 * blank
}
`,
	},
	{
		name: "single-use temporaries are inlined",
		build: func() *ir.Func {
			t := newFn("F", floats("x", "y"), ir.Float64)
			return t.ret(t.Add(t.Mul(t.p[0], t.p[1]), t.call("Sin", t.p[0])))
		},
		want: `func F(x, y float64) float64 {
	return x*y + math.Sin(x)
}
`,
	},
	{
		name: "a temporary used twice",
		build: func() *ir.Func {
			t := newFn("F", floats("x", "y"), ir.Float64)
			s := t.Add(t.p[0], t.p[1])
			return t.ret(t.Mul(s, s))
		},
		want: `func F(x, y float64) float64 {
	t1 := x + y
	return t1 * t1
}
`,
	},
	{
		name: "parentheses where the tree needs them",
		build: func() *ir.Func {
			t := newFn("F", floats("a", "b", "c"), ir.Float64, ir.Float64, ir.Float64, ir.Float64, ir.Float64, ir.Float64, ir.Float64, ir.Float64, ir.Float64)
			a, b, c := t.p[0], t.p[1], t.p[2]
			return t.ret(
				t.Sub(a, t.Sub(b, c)), // a - (b - c)
				t.Sub(t.Sub(a, b), c), // a - b - c
				t.Mul(a, t.Add(b, c)), // a * (b + c)
				t.Neg(t.Add(a, b)),    // -(a + b)
				t.Neg(t.Neg(a)),       // -(-a)
				t.Mul(a, t.c(-0.5)),   // a * -0.5
				t.Sub(a, t.Neg(b)),    // a - (-b)
				t.Div(a, t.Mul(b, c)), // a / (b * c)
				t.Add(t.Div(t.Neg(c), b), t.Mul(b, t.Div(a, c))), // -c/b + b*(a/c)
			)
		},
		want: `func F(a, b, c float64) (float64, float64, float64, float64, float64, float64, float64, float64, float64) {
	return a - (b - c), a - b - c, a * (b + c), -(a + b), -(-a), a * -0.5, a - (-b), a / (b * c), -c/b + b*(a/c)
}
`,
	},
	{
		name: "float32 constants and conversions",
		build: func() *ir.Func {
			t := newFn("F", []ir.Param{{Name: "x", Type: ir.Float32}, {Name: "n", Type: ir.Int}}, ir.Float32, ir.Float64)
			y := t.Mul(t.p[0], t.Float(ir.Float32, 0.1))
			z := t.Add(t.Convert(t.p[0], ir.Float64), t.Convert(t.p[1], ir.Float64))
			return t.ret(y, z)
		},
		want: `func F(x float32, n int) (float32, float64) {
	return x * 0.1, float64(x) + float64(n)
}
`,
	},
	{
		name: "named constants get their type",
		build: func() *ir.Func {
			t := newFn("F", nil, ir.Float64, ir.Float64, ir.Float32, ir.Int, ir.Int32, ir.Uint8, ir.Bool)
			return t.ret(
				t.as("two", t.c(2)),
				t.as("big", t.c(1e21)),
				t.as("tenth", t.Float(ir.Float32, 0.1)),
				t.as("n", t.Const(ir.Int, int64(3))),
				t.as("m", t.Const(ir.Int32, int64(-3))),
				t.as("u", t.Const(ir.Uint8, uint64(7))),
				t.as("ok", t.Const(ir.Bool, true)),
			)
		},
		want: `func F() (float64, float64, float32, int, int32, uint8, bool) {
	two := 2.0
	big := 1e+21
	tenth := float32(0.1)
	n := 3
	m := int32(-3)
	u := uint8(7)
	ok := true
	return two, big, tenth, n, m, u, ok
}
`,
	},
	{
		name: "special float constants",
		build: func() *ir.Func {
			t := newFn("F", []ir.Param{{Name: "x", Type: ir.Float64}, {Name: "y", Type: ir.Float32}}, ir.Float64, ir.Float64, ir.Float32, ir.Float64, ir.Float32, ir.Float64)
			x, y := t.p[0], t.p[1]
			return t.ret(
				t.Mul(x, t.c(math.Inf(1))),
				t.Add(t.c(math.Inf(-1)), x),
				t.Sub(y, t.Float(ir.Float32, math.NaN())),
				t.Mul(x, t.c(math.Copysign(0, -1))),
				t.as("ninf", t.Float(ir.Float32, math.Inf(-1))),
				t.as("nz", t.c(math.Copysign(0, -1))),
			)
		},
		want: `func F(x float64, y float32) (float64, float64, float32, float64, float32, float64) {
	ninf := float32(math.Inf(-1))
	nz := math.Copysign(0, -1)
	return x * math.Inf(1), math.Inf(-1) + x, y - float32(math.NaN()), x * math.Copysign(0, -1), ninf, nz
}
`,
	},
	{
		name: "a literal on the left of a comparison moves right",
		build: func() *ir.Func {
			t := newFn("F", floats("z"), ir.Bool, ir.Bool, ir.Bool)
			z := t.p[0]
			return t.ret(
				t.Compare(ir.OpLt, t.c(0), z),
				t.Compare(ir.OpGe, t.c(0), z),
				t.Compare(ir.OpEq, t.c(1), t.Neg(z)),
			)
		},
		want: `func F(z float64) (bool, bool, bool) {
	return z > 0, z <= 0, -z == 1
}
`,
	},
	{
		name: "select with a zero else is a var and an if",
		build: func() *ir.Func {
			t := newFn("Relu", floats("z", "g"), ir.Float64)
			z, g := t.p[0], t.p[1]
			d := t.as("dz", t.Select(t.Compare(ir.OpLt, t.c(0), z), g, t.c(0)))
			return t.ret(d)
		},
		want: `func Relu(z, g float64) float64 {
	var dz float64
	if z > 0 {
		dz = g
	}
	return dz
}
`,
	},
	{
		name: "select with a non-zero else declares the else value",
		build: func() *ir.Func {
			t := newFn("F", floats("x", "y"), ir.Float64)
			x, y := t.p[0], t.p[1]
			s := t.Select(t.Compare(ir.OpGe, x, y), t.Mul(x, t.c(2)), t.Add(y, t.c(1)))
			return t.ret(t.Mul(s, t.c(3)))
		},
		want: `func F(x, y float64) float64 {
	t1 := y + 1
	if x >= y {
		t1 = x * 2
	}
	return t1 * 3
}
`,
	},
	{
		name: "a literal else value keeps its type",
		build: func() *ir.Func {
			t := newFn("F", floats("x"), ir.Float64)
			x := t.p[0]
			return t.ret(t.as("s", t.Select(t.Compare(ir.OpGt, x, t.c(0)), x, t.c(1))))
		},
		want: `func F(x float64) float64 {
	s := 1.0
	if x > 0 {
		s = x
	}
	return s
}
`,
	},
	{
		name: "nested selects become an else-if chain",
		build: func() *ir.Func {
			t := newFn("Clip", floats("x", "g"), ir.Float64)
			x, g := t.p[0], t.p[1]
			inner := t.Select(t.Compare(ir.OpGt, x, t.c(1)), t.c(0), t.Neg(g))
			outer := t.Select(t.Compare(ir.OpLt, x, t.c(-1)), t.c(0), inner)
			top := t.as("dx", t.Select(t.Compare(ir.OpEq, x, t.c(0)), g, outer))
			return t.ret(top)
		},
		want: `func Clip(x, g float64) float64 {
	dx := -g
	if x == 0 {
		dx = g
	} else if x < -1 {
		dx = 0
	} else if x > 1 {
		dx = 0
	}
	return dx
}
`,
	},
	{
		name: "a condition used twice is a temporary",
		build: func() *ir.Func {
			t := newFn("F", floats("x", "y"), ir.Float64, ir.Float64)
			x, y := t.p[0], t.p[1]
			c := t.Compare(ir.OpGt, x, y)
			return t.ret(t.Select(c, x, y), t.Select(c, y, x))
		},
		want: `func F(x, y float64) (float64, float64) {
	c1 := x > y
	t1 := y
	if c1 {
		t1 = x
	}
	t2 := x
	if c1 {
		t2 = y
	}
	return t1, t2
}
`,
	},
	{
		name: "comments and doc",
		build: func() *ir.Func {
			t := newFn("F", floats("x"), ir.Float64)
			t.f.Doc = []string{"F doubles x.", "It is generated, and this paragraph is long enough that it is filled onto a second line."}
			t.Comment("forward")
			y := t.as("y", t.Mul(t.p[0], t.c(2)))
			t.Comment("backward")
			return t.ret(y)
		},
		want: `// F doubles x.
//
// It is generated, and this paragraph is long enough that it is filled onto a
// second line.
func F(x float64) float64 {
	// forward
	y := x * 2
	// backward
	return y
}
`,
	},
	{
		name: "a reassigned variable gets numbered names",
		build: func() *ir.Func {
			t := newFn("F", floats("x", "w"), ir.Float64)
			x, w := t.p[0], t.p[1]
			y := t.as("yhat", t.Mul(w, x))
			y = t.as("yhat", t.Add(y, t.c(1)))
			y = t.as("yhat", t.call("Exp", y))
			return t.ret(y)
		},
		want: `func F(x, w float64) float64 {
	yhat := w * x
	yhat2 := yhat + 1
	yhat3 := math.Exp(yhat2)
	return yhat3
}
`,
	},
	{
		name: "generated names avoid params, later source names and imports",
		build: func() *ir.Func {
			t := newFn("F", floats("x", "x2"), ir.Float64)
			x := t.as("x", t.Mul(t.p[0], t.p[0])) // x = x * x: x3
			s := t.Add(x, t.p[1])                 // used twice: a temporary
			u := t.as("t1", t.Mul(s, s))          // the user's own t1
			m := t.as("math", t.call("Sqrt", u))  // shadows the import: math2
			return t.ret(t.Add(m, s))
		},
		want: `func F(x, x2 float64) float64 {
	x3 := x * x
	t2 := x3 + x2
	t1 := t2 * t2
	math2 := math.Sqrt(t1)
	return math2 + t2
}
`,
	},
	{
		name: "source names that are no identifiers are sanitized",
		build: func() *ir.Func {
			t := newFn("F", floats("x"), ir.Float64)
			a := t.as("a.b", t.Mul(t.p[0], t.p[0]))
			return t.ret(t.as("2nd", t.Add(a, t.p[0])))
		},
		want: `func F(x float64) float64 {
	a_b := x * x
	_2nd := a_b + x
	return _2nd
}
`,
	},
	{
		name: "dead values are skipped",
		build: func() *ir.Func {
			t := newFn("F", floats("x", "y"), ir.Float64)
			x, y := t.p[0], t.p[1]
			t.Add(x, y)               // unnamed, unused
			t.as("dead", t.Mul(x, y)) // named, unused
			d := t.Sub(x, y)          // used twice, but only by dead code
			t.as("dead2", t.Mul(d, d))
			t.Select(t.Compare(ir.OpLt, x, y), x, y) // dead select
			return t.ret(t.as("r", t.Div(x, y)))
		},
		want: `func F(x, y float64) float64 {
	r := x / y
	return r
}
`,
	},
	{
		name: "unnamed parameters, opaque types, calls into the package",
		build: func() *ir.Func {
			t := newFn("F", []ir.Param{{Name: "", Type: ir.Opaque{Go: "[]float64"}}, {Name: "x", Type: ir.Float64}}, ir.Float64)
			return t.ret(t.Call(ir.Callee{Name: "helper"}, ir.Float64, t.p[1], t.c(0.5)))
		},
		want: `func F(_ []float64, x float64) float64 {
	return helper(x, 0.5)
}
`,
	},
	{
		name: "a loop with an accumulator",
		build: func() *ir.Func {
			t := newFn("Sum", slices("x"), ir.Float64)
			x := t.p[0]
			s, i := newVar("s", ir.Float64), newVar("i", ir.Int)
			t.Declare(s, t.c(0))
			t.forLoop("",
				func() { t.Declare(i, t.ci(0)) },
				func() *ir.Value { return t.Compare(ir.OpLt, t.Get(i), t.Len(x)) },
				func() { t.Set(i, t.Add(t.Get(i), t.ci(1))) },
				func(*ir.Value) { t.Set(s, t.Add(t.Get(s), t.Load(x, t.Get(i)))) })
			return t.ret(t.Get(s))
		},
		want: `func Sum(x []float64) float64 {
	s := 0.0
	for i := 0; i < len(x); i++ {
		s += x[i]
	}
	return s
}
`,
	},
	{
		name: "a range loop reading its index, and compound stores",
		build: func() *ir.Func {
			t := newFn("Axpy", join(floats("a"), slices("x", "y")))
			a, x, y := t.p[0], t.p[1], t.p[2]
			t.rangeLoop("", y, "i", func(_, i *ir.Value) {
				t.Store(y, i, t.Add(t.Load(y, i), t.Mul(a, t.Load(x, i))))
				t.Store(x, i, t.Sub(t.Load(x, i), t.c(1)))
			})
			return t.ret()
		},
		want: `func Axpy(a float64, x, y []float64) {
	for i := range y {
		y[i] += a * x[i]
		x[i] -= 1
	}
}
`,
	},
	{
		name: "a range over an int with an unused index",
		build: func() *ir.Func {
			t := newFn("Double", []ir.Param{{Name: "x", Type: ir.Float64}, {Name: "n", Type: ir.Int}}, ir.Float64)
			p := newVar("p", ir.Float64)
			t.Declare(p, t.p[0])
			t.rangeLoop("", t.p[1], "i", func(_, _ *ir.Value) {
				t.Set(p, t.Mul(t.Get(p), t.c(2)))
			})
			return t.ret(t.Get(p))
		},
		want: `func Double(x float64, n int) float64 {
	p := x
	for range n {
		p *= 2
	}
	return p
}
`,
	},
	{
		name: "nested loops with labeled break and continue",
		build: func() *ir.Func {
			t := newFn("Count", []ir.Param{{Name: "m", Type: ir.Slice{Elem: ir.Float64}}, {Name: "rows", Type: ir.Int}, {Name: "cols", Type: ir.Int}}, ir.Int)
			m, rows, cols := t.p[0], t.p[1], t.p[2]
			count := newVar("count", ir.Int)
			t.Declare(count, t.ci(0))
			t.rangeLoop("scan", rows, "i", func(scan, i *ir.Value) {
				t.rangeLoop("inner", cols, "j", func(inner, j *ir.Value) {
					e := t.as("e", t.Load(m, t.Add(t.Mul(i, cols), j)))
					t.ifElse(t.Compare(ir.OpLt, e, t.c(0)), func() { t.Break(scan) }, nil)
					t.ifElse(t.Compare(ir.OpEq, e, t.c(0)), func() { t.Continue(scan) }, nil)
					t.ifElse(t.Compare(ir.OpGt, j, i), func() { t.Break(inner) }, nil)
					t.Set(count, t.Add(t.Get(count), t.ci(1)))
				})
			})
			return t.ret(t.Get(count))
		},
		want: `func Count(m []float64, rows, cols int) int {
	count := 0
scan:
	for i := range rows {
		for j := range cols {
			e := m[i*cols+j]
			if e < 0 {
				break scan
			}
			if e == 0 {
				continue scan
			}
			if j > i {
				break
			}
			count++
		}
	}
	return count
}
`,
	},
	{
		name: "an unlabeled outer loop gets a fresh label",
		build: func() *ir.Func {
			t := newFn("F", []ir.Param{{Name: "n", Type: ir.Int}, {Name: "outer", Type: ir.Float64}}, ir.Float64)
			n := t.p[0]
			s := newVar("s", ir.Float64)
			t.Declare(s, t.p[1])
			t.forLoop("", nil, nil, nil, func(loop *ir.Value) {
				t.rangeLoop("", n, "", func(_, i *ir.Value) {
					t.ifElse(t.Compare(ir.OpGt, t.Get(s), t.c(10)), func() { t.Break(loop) }, nil)
					t.Set(s, t.Add(t.Get(s), t.Convert(i, ir.Float64)))
				})
				t.Set(s, t.Mul(t.Get(s), t.c(2)))
			})
			return t.ret(t.Get(s))
		},
		want: `func F(n int, outer float64) float64 {
	s := outer
outer:
	for {
		for i := range n {
			if s > 10 {
				break outer
			}
			s += float64(i)
		}
		s *= 2
	}
	return s
}
`,
	},
	{
		name: "an if else-if chain setting a variable",
		build: func() *ir.Func {
			t := newFn("Sign", floats("x"), ir.Float64)
			x := t.p[0]
			s := newVar("s", ir.Float64)
			t.Declare(s, nil)
			t.ifElse(t.Compare(ir.OpGt, x, t.c(0)),
				func() { t.Set(s, t.c(1)) },
				func() {
					t.ifElse(t.Compare(ir.OpLt, x, t.c(0)),
						func() { t.Set(s, t.c(-1)) },
						func() { t.Set(s, x) })
				})
			return t.ret(t.Get(s))
		},
		want: `func Sign(x float64) float64 {
	var s float64
	if x > 0 {
		s = 1
	} else if x < 0 {
		s = -1
	} else {
		s = x
	}
	return s
}
`,
	},
	{
		name: "returns in both branches, and unreachable code is left out",
		build: func() *ir.Func {
			t := newFn("Abs", floats("x"), ir.Float64)
			x := t.p[0]
			t.ifElse(t.Compare(ir.OpLt, x, t.c(0)),
				func() { t.Return(t.Neg(x)) },
				func() { t.Return(x) })
			t.Comment("never reached")
			return t.ret(t.Mul(x, t.c(2)))
		},
		want: `func Abs(x float64) float64 {
	if x < 0 {
		return -x
	} else {
		return x
	}
}
`,
	},
	{
		name: "a value read before a set and used after it is declared",
		build: func() *ir.Func {
			t := newFn("F", floats("x"), ir.Float64)
			a := newVar("a", ir.Float64)
			t.Declare(a, t.p[0])
			old := t.Mul(t.Get(a), t.c(2)) // reads a, used after a changes
			t.Set(a, t.Add(t.Get(a), t.c(1)))
			return t.ret(t.Add(old, t.Get(a)))
		},
		want: `func F(x float64) float64 {
	a := x
	t1 := a * 2
	a += 1
	return t1 + a
}
`,
	},
	{
		name: "loads and tape loads are not moved past writes",
		build: func() *ir.Func {
			tape := &ir.Tape{Name: "MoveTape"}
			n := tape.Field("n", ir.Float64, false, "")
			t := newFn("F", join([]ir.Param{{Name: "t", Type: ir.TapeRef{Tape: tape}}}, slices("x"), floats("y")), ir.Float64)
			tp, x, y := t.p[0], t.p[1], t.p[2]
			first := t.Load(x, t.ci(0))
			t.Store(x, t.ci(0), y)
			saved := t.TapeLoad(tp, n)
			t.TapeSave(tp, n, y)
			return t.ret(t.Add(first, saved))
		},
		want: `type MoveTape struct {
	n float64
}

// Bytes returns the bytes t holds after a run, as the formula in MoveTape's
// comment counts them: each value's size, 24 for a slice the tape refers to, a
// stack's entries by its length, the tapes of its call sites; not Go's padding
// nor spare capacity.
func (t *MoveTape) Bytes() int {
	return 8
}

func F(t *MoveTape, x []float64, y float64) float64 {
	t1 := x[0]
	x[0] = y
	t2 := t.n
	t.n = y
	return t1 + t2
}
`,
	},
	{
		name: "a value defined outside a loop and used inside is declared outside",
		build: func() *ir.Func {
			t := newFn("Scale", join(slices("x"), floats("w", "b")))
			x, w, b := t.p[0], t.p[1], t.p[2]
			k := t.Mul(w, b)
			t.rangeLoop("", x, "i", func(_, i *ir.Value) {
				t.Store(x, i, t.Mul(t.Load(x, i), k))
			})
			return t.ret()
		},
		want: `func Scale(x []float64, w, b float64) {
	t1 := w * b
	for i := range x {
		x[i] *= t1
	}
}
`,
	},
	{
		name: "loops with a condition only and with none",
		build: func() *ir.Func {
			t := newFn("Halve", floats("x", "a"), ir.Float64, ir.Float64)
			h, r := newVar("h", ir.Float64), newVar("r", ir.Float64)
			t.Declare(h, t.p[0])
			t.forLoop("", nil,
				func() *ir.Value { return t.Compare(ir.OpGt, t.Get(h), t.c(1)) },
				nil,
				func(*ir.Value) { t.Set(h, t.Div(t.Get(h), t.c(2))) })
			a := t.p[1]
			t.Declare(r, a)
			t.forLoop("", nil, nil, nil, func(loop *ir.Value) {
				next := t.as("next", t.Div(t.Add(t.Get(r), t.Div(a, t.Get(r))), t.c(2)))
				t.ifElse(t.Compare(ir.OpGe, next, t.Get(r)), func() { t.Break(loop) }, nil)
				t.Set(r, next)
			})
			return t.ret(t.Get(h), t.Get(r))
		},
		want: `func Halve(x, a float64) (float64, float64) {
	h := x
	for h > 1 {
		h /= 2
	}
	r := a
	for {
		next := (r + a/r) / 2
		if next >= r {
			break
		}
		r = next
	}
	return h, r
}
`,
	},
	{
		name: "a post block of sets is a parallel assignment",
		build: func() *ir.Func {
			t := newFn("Pairs", slices("x"), ir.Float64)
			x := t.p[0]
			i, j, s := newVar("i", ir.Int), newVar("j", ir.Int), newVar("s", ir.Float64)
			t.Declare(s, t.c(0))
			t.forLoop("",
				func() { t.Declare(i, t.ci(0)); t.Declare(j, t.Sub(t.Len(x), t.ci(1))) },
				func() *ir.Value { return t.Compare(ir.OpLt, t.Get(i), t.Get(j)) },
				func() {
					// i, j = j-1, i+2: each reads the other's old value.
					ni, nj := t.Sub(t.Get(j), t.ci(1)), t.Add(t.Get(i), t.ci(2))
					t.Set(i, ni)
					t.Set(j, nj)
				},
				func(*ir.Value) {
					t.Set(s, t.Add(t.Get(s), t.Mul(t.Load(x, t.Get(i)), t.Load(x, t.Get(j)))))
				})
			return t.ret(t.Get(s))
		},
		want: `func Pairs(x []float64) float64 {
	s := 0.0
	i := 0
	j := len(x) - 1
	for ; i < j; i, j = j-1, i+2 {
		s += x[i] * x[j]
	}
	return s
}
`,
	},
	{
		name: "a condition is written in place on each iteration, duplicating what it reads twice",
		build: func() *ir.Func {
			t := newFn("Run", slices("x"), ir.Int)
			x := t.p[0]
			i := newVar("i", ir.Int)
			t.Declare(i, t.ci(0))
			t.forLoop("", nil,
				func() *ir.Value {
					g := t.Get(i)
					inRange := t.Compare(ir.OpLt, g, t.Len(x))
					e := t.Load(x, g)
					return t.Logic(ir.OpAnd, inRange, t.Logic(ir.OpAnd, t.Compare(ir.OpGt, e, t.c(0)), t.Compare(ir.OpLt, e, t.c(1))))
				},
				func() { t.Set(i, t.Add(t.Get(i), t.ci(1))) },
				func(*ir.Value) {})
			return t.ret(t.Get(i))
		},
		want: `func Run(x []float64) int {
	i := 0
	for ; i < len(x) && (x[i] > 0 && x[i] < 1); i++ {
	}
	return i
}
`,
	},
	{
		name: "a variable declared in branches or a loop's init and read after is declared before",
		build: func() *ir.Func {
			t := newFn("F", []ir.Param{{Name: "x", Type: ir.Float64}, {Name: "n", Type: ir.Int}}, ir.Float64, ir.Int)
			x, n := t.p[0], t.p[1]
			y, i := newVar("y", ir.Float64), newVar("i", ir.Int)
			t.ifElse(t.Compare(ir.OpGt, x, t.c(0)),
				func() { t.Declare(y, t.Mul(x, t.c(2))) },
				func() { t.Declare(y, nil) })
			t.countUp(i, n, func(*ir.Value) {
				t.Set(y, t.Add(t.Get(y), t.Convert(t.Get(i), ir.Float64)))
			})
			return t.ret(t.Get(y), t.Get(i))
		},
		want: `func F(x float64, n int) (float64, int) {
	var y float64
	if x > 0 {
		y = x * 2
	} else {
		y = 0
	}
	var i int
	for i = 0; i < n; i++ {
		y += float64(i)
	}
	return y, i
}
`,
	},
	{
		name: "logic operators keep the tree",
		build: func() *ir.Func {
			t := newFn("F", join(paramsOf(ir.Bool, "a", "b", "c"), floats("x", "y")), ir.Bool, ir.Bool, ir.Bool, ir.Bool)
			a, b, c, x, y := t.p[0], t.p[1], t.p[2], t.p[3], t.p[4]
			return t.ret(
				t.Logic(ir.OpAnd, t.Logic(ir.OpOr, a, b), t.Not(c)),
				t.Logic(ir.OpOr, a, t.Logic(ir.OpAnd, b, c)),
				t.Not(t.Compare(ir.OpLt, x, y)),
				t.Logic(ir.OpOr, t.Compare(ir.OpEq, x, y), t.Logic(ir.OpOr, b, c)),
			)
		},
		want: `func F(a, b, c bool, x, y float64) (bool, bool, bool, bool) {
	return (a || b) && !c, a || b && c, !(x < y), x == y || (b || c)
}
`,
	},
	{
		name: "slices: make, literals, subslices, copy and len",
		build: func() *ir.Func {
			t := newFn("Window", join(slices("x"), []ir.Param{{Name: "lo", Type: ir.Int}}), ir.Slice{Elem: ir.Float64})
			x, lo := t.p[0], t.p[1]
			fs := ir.Slice{Elem: ir.Float64}
			w := t.as("w", t.Make(fs, t.ci(3)))
			n := t.as("n", t.CopySlice(w, t.Subslice(x, lo, t.Len(x))))
			k := t.as("k", t.SliceLit(fs, t.c(1), t.c(0.5), t.c(0.25)))
			t.CopySlice(t.Subslice(w, n, t.Len(w)), k) // result unused
			t.rangeLoop("", n, "i", func(_, i *ir.Value) {
				t.Store(w, i, t.Mul(t.Load(w, i), t.Load(k, i)))
			})
			return t.ret(t.Subslice(w, t.ci(0), n))
		},
		want: `func Window(x []float64, lo int) []float64 {
	w := make([]float64, 3)
	n := copy(w, x[lo:])
	k := []float64{1, 0.5, 0.25}
	copy(w[n:], k)
	for i := range n {
		w[i] *= k[i]
	}
	return w[:n]
}
`,
	},
	{
		name: "arrays",
		build: func() *ir.Func {
			t := newFn("F", floats("x", "y"), ir.Float64)
			x, y := t.p[0], t.p[1]
			arr := ir.Array{Len: 2, Elem: ir.Float64}
			a := t.as("a", t.Make(arr, t.ci(2)))
			t.Store(a, t.ci(0), x)
			t.Store(a, t.ci(1), y)
			b := t.as("b", t.SliceLit(arr, y, x))
			s := newVar("s", ir.Float64)
			t.Declare(s, t.c(0))
			t.rangeLoop("", a, "i", func(_, i *ir.Value) {
				t.Set(s, t.Add(t.Get(s), t.Mul(t.Load(a, i), t.Load(b, i))))
			})
			return t.ret(t.Get(s))
		},
		want: `func F(x, y float64) float64 {
	var a [2]float64
	a[0] = x
	a[1] = y
	b := [2]float64{y, x}
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
`,
	},
	{
		name: "an array variable is written as itself, a copy of it declared",
		build: func() *ir.Func {
			t := newFn("F", floats("x", "y"), ir.Float64)
			x, y := t.p[0], t.p[1]
			v := newVar("v", ir.Array{Len: 2, Elem: ir.Float64})
			t.Declare(v, nil)
			g := t.Get(v) // the array itself, read five times
			t.Store(g, t.ci(0), x)
			t.Store(g, t.ci(1), y)
			w := t.Copy(g, "w")
			t.Store(w, t.ci(1), x)
			return t.ret(t.Add(t.Add(t.Load(g, t.ci(0)), t.Load(g, t.ci(1))), t.Load(w, t.ci(1))))
		},
		want: `func F(x, y float64) float64 {
	var v [2]float64
	v[0] = x
	v[1] = y
	w := v
	w[1] = x
	return v[0] + v[1] + w[1]
}
`,
	},
	{
		name: "float32 and int64 variables get their types",
		build: func() *ir.Func {
			t := newFn("F", []ir.Param{{Name: "n", Type: ir.Int64}}, ir.Float32)
			s, k := newVar("s", ir.Float32), newVar("k", ir.Int64)
			t.Declare(s, t.Float(ir.Float32, 0))
			t.Declare(k, t.Const(ir.Int64, int64(0)))
			t.rangeLoop("", t.p[0], "", func(*ir.Value, *ir.Value) {
				t.Set(k, t.Add(t.Get(k), t.Const(ir.Int64, int64(2))))
				t.Set(s, t.Add(t.Get(s), t.Convert(t.Get(k), ir.Float32)))
			})
			return t.ret(t.Get(s))
		},
		want: `func F(n int64) float32 {
	s := float32(0)
	k := int64(0)
	for range int(n) {
		k += 2
		s += float32(k)
	}
	return s
}
`,
	},
	{
		name: "accumulation through the address of a variable",
		build: func() *ir.Func {
			t := newFn("F", floats("x"), ir.Float64)
			x := t.p[0]
			v := newVar("v", ir.Float64)
			t.Declare(v, x)
			t.Accum(t.Addr(v), t.Mul(x, x))
			return t.ret(t.Get(v))
		},
		want: `func F(x float64) float64 {
	v := x
	v += x * x
	return v
}
`,
	},
}

func TestFuncs(t *testing.T) {
	for _, tc := range funcCases {
		t.Run(tc.name, func(t *testing.T) {
			src := emitFile(t, FileSpec{Package: "p", Funcs: []*ir.Func{tc.build()}})
			if got := funcsOf(src); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s\nwhole file:\n%s", got, tc.want, src)
			}
			checkFormatted(t, src)
		})
	}
}

// checkFormatted fails unless src is exactly what gofmt makes of it.
func checkFormatted(t *testing.T, src string) {
	t.Helper()
	formatted, err := format.Source([]byte(src))
	if err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, src)
	}
	if string(formatted) != src {
		t.Errorf("output is not gofmt-clean:\n%s", src)
	}
}

// allCases returns one fresh function per case, renamed F1, F2, ... so that
// they can share a file.
func allCases() []*ir.Func {
	var fs []*ir.Func
	for i, tc := range funcCases {
		f := tc.build()
		f.Name = "F" + strconv.Itoa(i+1)
		fs = append(fs, f)
	}
	return fs
}

// buildCase builds the function of the named case.
func buildCase(name string) *ir.Func {
	for _, tc := range funcCases {
		if tc.name == name {
			return tc.build()
		}
	}
	panic("no case " + name)
}

func TestFileLayout(t *testing.T) {
	tests := []struct {
		name string
		spec FileSpec
		want string
	}{
		{
			name: "no imports",
			spec: FileSpec{Package: "net", Source: "net.go", Funcs: []*ir.Func{buildCase("a temporary used twice")}},
			want: `// Code generated by godiff. DO NOT EDIT.

package net

func F(x, y float64) float64 {
	t1 := x + y
	return t1 * t1
}
`,
		},
		{
			name: "math import and build constraint",
			spec: FileSpec{Package: "net", BuildConstraint: "!nograd", Funcs: []*ir.Func{buildCase("single-use temporaries are inlined")}},
			want: `// Code generated by godiff. DO NOT EDIT.

//go:build !nograd

package net

import "math"

func F(x, y float64) float64 {
	return x*y + math.Sin(x)
}
`,
		},
		{
			name: "functions are separated by a blank line",
			spec: FileSpec{Package: "p", Funcs: []*ir.Func{buildCase("a temporary used twice"), buildCase("dead values are skipped")}},
			want: `// Code generated by godiff. DO NOT EDIT.

package p

func F(x, y float64) float64 {
	t1 := x + y
	return t1 * t1
}

func F(x, y float64) float64 {
	r := x / y
	return r
}
`,
		},
		{
			name: "import aliased when a parameter is named math",
			spec: FileSpec{Package: "p", Funcs: []*ir.Func{func() *ir.Func {
				t := newFn("F", floats("math"), ir.Float64)
				return t.ret(t.call("Sin", t.p[0]))
			}()}},
			want: `// Code generated by godiff. DO NOT EDIT.

package p

import stdmath "math"

func F(math float64) float64 {
	return stdmath.Sin(math)
}
`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := emitFile(t, tc.spec)
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
			if !strings.HasPrefix(got, Header+"\n\n") {
				t.Errorf("file does not start with the header line and a blank line")
			}
			checkFormatted(t, got)
		})
	}
}

func TestDeterministic(t *testing.T) {
	funcs := func() []*ir.Func {
		fs := allCases()
		for _, tc := range fileCases {
			fs = append(fs, tc.build()...)
		}
		return fs
	}
	first := emitFile(t, FileSpec{Package: "p", Funcs: funcs()})
	for range 5 {
		if again := emitFile(t, FileSpec{Package: "p", Funcs: funcs()}); again != first {
			t.Fatalf("two runs differ:\n%s\n---\n%s", first, again)
		}
	}
	checkFormatted(t, first)
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name  string
		build func() *ir.Func
		want  string
	}{
		{
			// The builder folds constants; what is left is an operation
			// with no value to fold to, which Go would reject.
			name: "an integer division of literals by zero",
			build: func() *ir.Func {
				t := newFn("F", nil, ir.Int)
				return t.ret(t.Div(t.ci(1), t.ci(0)))
			},
			want: "constants only",
		},
		{
			name: "a conversion of a literal out of the integer's range",
			build: func() *ir.Func {
				t := newFn("F", nil, ir.Int)
				return t.ret(t.Convert(t.c(1e300), ir.Int))
			},
			want: "constants only",
		},
		{
			name: "an integer division by a literal zero",
			build: func() *ir.Func {
				t := newFn("F", []ir.Param{{Name: "n", Type: ir.Int}}, ir.Int)
				return t.ret(t.Div(t.p[0], t.ci(0)))
			},
			want: "integer division by a constant zero",
		},
		{
			name: "broken IR",
			build: func() *ir.Func {
				return ir.NewFunc("F", nil, []ir.Result{{Type: ir.Float64}})
			},
			want: "does not end in a return",
		},
		{
			name: "a parameter name that is no identifier",
			build: func() *ir.Func {
				t := newFn("F", floats("x.y"), ir.Float64)
				return t.ret(t.p[0])
			},
			want: "not a Go identifier",
		},
		{
			name: "parameter shadowing a type the body converts to",
			build: func() *ir.Func {
				t := newFn("F", []ir.Param{{Name: "float64", Type: ir.Float32}}, ir.Float64)
				return t.ret(t.Convert(t.p[0], ir.Float64))
			},
			want: "shadows",
		},
		{
			name: "a loop condition that needs a statement",
			build: func() *ir.Func {
				t := newFn("Loop", nil, ir.Float64)
				t.forLoop("", nil, func() *ir.Value {
					return t.Compare(ir.OpGt, t.Invoke(ir.Callee{Name: "G"}, ir.Float64), t.c(0))
				}, nil, func(*ir.Value) {})
				return t.ret(t.c(0))
			},
			want: "func Loop: value v1 (for): the loop's condition needs value v2 (invoke)",
		},
		{
			name: "a post block of two statements",
			build: func() *ir.Func {
				t := newFn("Loop", []ir.Param{{Name: "n", Type: ir.Int}}, ir.Int)
				i, j := newVar("i", ir.Int), newVar("j", ir.Int)
				t.Declare(i, t.ci(0))
				t.Declare(j, t.ci(0))
				t.forLoop("", nil,
					func() *ir.Value { return t.Compare(ir.OpLt, t.Get(i), t.p[0]) },
					func() {
						t.Set(i, t.Add(t.Get(i), t.ci(1)))
						t.Set(j, t.Add(t.Get(j), t.ci(2)))
					},
					func(*ir.Value) {})
				return t.ret(t.Get(j))
			},
			want: "func Loop: value v5 (for): the loop's post statement needs value v15 (set)",
		},
		{
			name: "a body ending in a loop with a condition",
			build: func() *ir.Func {
				t := newFn("Loop", floats("x"), ir.Float64)
				t.forLoop("", nil, func() *ir.Value { return t.Compare(ir.OpGt, t.p[0], t.c(0)) }, nil,
					func(*ir.Value) { t.Return(t.p[0]) })
				return t.f
			},
			want: "body does not end in a return",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := File(FileSpec{Package: "p", Funcs: []*ir.Func{tc.build()}})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

// TestVet compiles a generated file holding every case, and one file per
// file case, in one package and runs go vet on it: the compiler rejects
// undefined and unused names and type errors, vet unreachable code and
// self-assignments.
func TestVet(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir := t.TempDir()
	src, err := File(FileSpec{Package: "gen", BuildConstraint: "!nogen", Funcs: allCases()})
	if err != nil {
		t.Fatal(err)
	}
	helper := "package gen\n\nfunc helper(x, y float64) float64 { return x * y }\n"
	files := map[string]string{
		"go.mod":    "module gen\n\ngo 1.26\n",
		"gen.go":    string(src),
		"helper.go": helper,
	}
	for i, tc := range fileCases {
		files["file"+strconv.Itoa(i+1)+".go"] = emitFile(t, FileSpec{Package: "gen", Funcs: tc.build()})
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go vet: %v\n%s\n%s", err, out, src)
	}

	// The build constraint must be one Go honours, not just a comment.
	cmd = exec.Command("go", "list", "-tags", "nogen", "-f", "{{.IgnoredGoFiles}}", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "[gen.go]" {
		t.Errorf("go list -tags nogen: %v: %s, want gen.go ignored", err, out)
	}
}
