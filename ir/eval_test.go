package ir

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The functions below are built with the Builder as a transform would, each
// commented with the Go it stands for.

func evI64(b *Builder, c int64) *Value { return b.Const(Int, c) }

func evF64(b *Builder, c float64) *Value { return b.Float(Float64, c) }

// Sum(xs []float64) float64 { s := 0.0; for i := range xs { s += xs[i] }; return s }
func evBuildSum() *Func {
	f := NewFunc("Sum", []Param{{Name: "xs", Type: Slice{Float64}}}, []Result{{Name: "", Type: Float64}})
	b := NewBuilder(f)
	xs := b.Param(0)
	s := &Var{Name: "s", Type: Float64}
	b.Declare(s, evF64(b, 0))
	l := b.Range("", xs)
	b.In(l.Blocks[0], func() {
		i := b.Index("i")
		b.Set(s, b.Add(b.Get(s), b.Load(xs, i)))
	})
	b.Return(b.Get(s))
	return f
}

// Squares(n int) int { var s int; for i := range n { s += i*i }; return s }
func evBuildSquares() *Func {
	f := NewFunc("Squares", []Param{{Name: "n", Type: Int}}, []Result{{Name: "", Type: Int}})
	b := NewBuilder(f)
	n := b.Param(0)
	s := &Var{Name: "s", Type: Int}
	b.Declare(s, nil)
	l := b.Range("", n)
	b.In(l.Blocks[0], func() {
		i := b.Index("i")
		b.Set(s, b.Add(b.Get(s), b.Mul(i, i)))
	})
	b.Return(b.Get(s))
	return f
}

// Brk(n int) int {
//
//	s := 0
//	for i := 0; i < n; i++ { if i == 5 { break }; s += i }
//	return s
//
// }
func evBuildBreak() *Func {
	f := NewFunc("Brk", []Param{{Name: "n", Type: Int}}, []Result{{Name: "", Type: Int}})
	b := NewBuilder(f)
	n := b.Param(0)
	s, i := &Var{Name: "s", Type: Int}, &Var{Name: "i", Type: Int}
	b.Declare(s, evI64(b, 0))
	l := b.For("")
	b.In(l.Blocks[0], func() { b.Declare(i, evI64(b, 0)) })
	b.In(l.Blocks[1], func() { l.Blocks[1].Result = b.Compare(OpLt, b.Get(i), n) })
	b.In(l.Blocks[2], func() { b.Set(i, b.Add(b.Get(i), evI64(b, 1))) })
	b.In(l.Blocks[3], func() {
		iv := b.Get(i)
		c := b.If(b.Compare(OpEq, iv, evI64(b, 5)))
		b.In(c.Blocks[0], func() { b.Break(l) })
		b.Set(s, b.Add(b.Get(s), iv))
	})
	b.Return(b.Get(s))
	return f
}

// Pow2(n int) int { p := 1; for { if p >= n { break }; p *= 2 }; return p }
func evBuildForever() *Func {
	f := NewFunc("Pow2", []Param{{Name: "n", Type: Int}}, []Result{{Name: "", Type: Int}})
	b := NewBuilder(f)
	n := b.Param(0)
	p := &Var{Name: "p", Type: Int}
	b.Declare(p, evI64(b, 1))
	l := b.For("")
	b.In(l.Blocks[3], func() {
		c := b.If(b.Compare(OpGe, b.Get(p), n))
		b.In(c.Blocks[0], func() { b.Break(l) })
		b.Set(p, b.Mul(b.Get(p), evI64(b, 2)))
	})
	b.Return(b.Get(p))
	return f
}

// Nest(n int) int {
//
//	count := 0
//	outer: for i := range n {
//		for j := range n {
//			if j > i { continue outer }
//			if i*j == 6 { return count*100 + i*10 + j }
//			count++
//		}
//		count += 1000
//	}
//	return -count
//
// }
func evBuildNest() *Func {
	f := NewFunc("Nest", []Param{{Name: "n", Type: Int}}, []Result{{Name: "", Type: Int}})
	b := NewBuilder(f)
	n := b.Param(0)
	count := &Var{Name: "count", Type: Int}
	b.Declare(count, evI64(b, 0))
	outer := b.Range("outer", n)
	b.In(outer.Blocks[0], func() {
		i := b.Index("i")
		inner := b.Range("", n)
		b.In(inner.Blocks[0], func() {
			j := b.Index("j")
			c1 := b.If(b.Compare(OpGt, j, i))
			b.In(c1.Blocks[0], func() { b.Continue(outer) })
			c2 := b.If(b.Compare(OpEq, b.Mul(i, j), evI64(b, 6)))
			b.In(c2.Blocks[0], func() {
				code := b.Add(b.Mul(b.Get(count), evI64(b, 100)), b.Add(b.Mul(i, evI64(b, 10)), j))
				b.Return(code)
			})
			b.Set(count, b.Add(b.Get(count), evI64(b, 1)))
		})
		b.Set(count, b.Add(b.Get(count), evI64(b, 1000)))
	})
	b.Return(b.Neg(b.Get(count)))
	return f
}

func evNestGo(n int64) int64 {
	count := int64(0)
outer:
	for i := range n {
		for j := range n {
			if j > i {
				continue outer
			}
			if i*j == 6 {
				return count*100 + i*10 + j
			}
			count++
		}
		count += 1000
	}
	return -count
}

// BreakOuter(n, k int) int {
//
//	r, done := -1, 0
//	outer: for i := range n {
//		for j := range n { if i+j == k { r = i*10 + j; break outer } }
//		done++
//	}
//	return r + 1000*done
//
// }
func evBuildBreakOuter() *Func {
	f := NewFunc("BreakOuter", []Param{{Name: "n", Type: Int}, {Name: "k", Type: Int}}, []Result{{Name: "", Type: Int}})
	b := NewBuilder(f)
	n, k := b.Param(0), b.Param(1)
	r, done := &Var{Name: "r", Type: Int}, &Var{Name: "done", Type: Int}
	b.Declare(r, evI64(b, -1))
	b.Declare(done, evI64(b, 0))
	outer := b.Range("outer", n)
	b.In(outer.Blocks[0], func() {
		i := b.Index("i")
		inner := b.Range("", n)
		b.In(inner.Blocks[0], func() {
			j := b.Index("j")
			c := b.If(b.Compare(OpEq, b.Add(i, j), k))
			b.In(c.Blocks[0], func() {
				b.Set(r, b.Add(b.Mul(i, evI64(b, 10)), j))
				b.Break(outer)
			})
		})
		b.Set(done, b.Add(b.Get(done), evI64(b, 1)))
	})
	b.Return(b.Add(b.Get(r), b.Mul(evI64(b, 1000), b.Get(done))))
	return f
}

// IfElse(x float64) float64 { var y float64; if x > 0 { y = x*2 } else { y = -x }; return y + 1 }
func evBuildIfElse() *Func {
	f := NewFunc("IfElse", []Param{{Name: "x", Type: Float64}}, []Result{{Name: "", Type: Float64}})
	b := NewBuilder(f)
	x := b.Param(0)
	y := &Var{Name: "y", Type: Float64}
	b.Declare(y, nil)
	c := b.If(b.Compare(OpGt, x, evF64(b, 0)))
	b.In(c.Blocks[0], func() { b.Set(y, b.Mul(x, evF64(b, 2))) })
	b.In(c.Blocks[1], func() { b.Set(y, b.Neg(x)) })
	b.Return(b.Add(b.Get(y), evF64(b, 1)))
	return f
}

// Double(xs []float64, m [][]float64) int {
//
//	for i := range xs { xs[i] = xs[i] * 2 }
//	m[1][0] = 99
//	return len(xs)
//
// }
func evBuildDouble() *Func {
	f := NewFunc("Double", []Param{{Name: "xs", Type: Slice{Float64}}, {Name: "m", Type: Slice{Slice{Float64}}}}, []Result{{Name: "", Type: Int}})
	b := NewBuilder(f)
	xs, m := b.Param(0), b.Param(1)
	l := b.Range("", xs)
	b.In(l.Blocks[0], func() {
		i := b.Index("i")
		b.Store(xs, i, b.Mul(b.Load(xs, i), evF64(b, 2)))
	})
	b.Store(b.Load(m, evI64(b, 1)), evI64(b, 0), evF64(b, 99))
	b.Return(b.Len(xs))
	return f
}

// Alias(xs []float64) (float64, int) {
//
//	t := xs[1:3]; t[0] = 10
//	u := t[1:3]; u[1] = 20 // beyond len(t), within its capacity
//	return xs[1] + u[0], len(u)
//
// }
func evBuildAlias() *Func {
	f := NewFunc("Alias", []Param{{Name: "xs", Type: Slice{Float64}}}, []Result{{Name: "", Type: Float64}, {Name: "", Type: Int}})
	b := NewBuilder(f)
	xs := b.Param(0)
	t := b.Subslice(xs, evI64(b, 1), evI64(b, 3))
	b.Store(t, evI64(b, 0), evF64(b, 10))
	u := b.Subslice(t, evI64(b, 1), evI64(b, 3))
	b.Store(u, evI64(b, 1), evF64(b, 20))
	b.Return(b.Add(b.Load(xs, evI64(b, 1)), b.Load(u, evI64(b, 0))), b.Len(u))
	return f
}

// Copy(dst, src []float64) int { return copy(dst, src) }
func evBuildCopy() *Func {
	f := NewFunc("Copy", []Param{{Name: "dst", Type: Slice{Float64}}, {Name: "src", Type: Slice{Float64}}}, []Result{{Name: "", Type: Int}})
	b := NewBuilder(f)
	b.Return(b.CopySlice(b.Param(0), b.Param(1)))
	return f
}

// Shift(xs []float64) (int, int) { return copy(xs[1:], xs), copy(xs, xs[2:]) }
func evBuildShift() *Func {
	f := NewFunc("Shift", []Param{{Name: "xs", Type: Slice{Float64}}}, []Result{{Name: "", Type: Int}, {Name: "", Type: Int}})
	b := NewBuilder(f)
	xs := b.Param(0)
	n := b.Len(xs)
	right := b.CopySlice(b.Subslice(xs, evI64(b, 1), n), xs)
	left := b.CopySlice(xs, b.Subslice(xs, evI64(b, 2), n))
	b.Return(right, left)
	return f
}

var evArr3 = Array{Len: 3, Elem: Float64}

// G(a [3]float64) float64 { a[0] = 100; return a[0] + a[1] }
func evBuildArrayG() *Func {
	f := NewFunc("G", []Param{{Name: "a", Type: evArr3}}, []Result{{Name: "", Type: Float64}})
	b := NewBuilder(f)
	a := b.Param(0)
	b.Store(a, evI64(b, 0), evF64(b, 100))
	b.Return(b.Add(b.Load(a, evI64(b, 0)), b.Load(a, evI64(b, 1))))
	return f
}

// ArrF(a [3]float64) float64 {
//
//	v := a; v[1] = 50
//	r := G(a)
//	return r + a[0] + v[1]
//
// }
func evBuildArrayF() *Func {
	f := NewFunc("ArrF", []Param{{Name: "a", Type: evArr3}}, []Result{{Name: "", Type: Float64}})
	b := NewBuilder(f)
	a := b.Param(0)
	v := &Var{Name: "v", Type: evArr3}
	b.Declare(v, a)
	b.Store(b.Get(v), evI64(b, 1), evF64(b, 50))
	r := b.Invoke(Callee{Name: "G"}, Float64, a)
	b.Return(b.Add(b.Add(r, b.Load(a, evI64(b, 0))), b.Load(b.Get(v), evI64(b, 1))))
	return f
}

var evPtrArr3 = Pointer{Elem: evArr3}

// P(p *[3]float64) int { p[2] = 7; return len(p) }
func evBuildArrayP() *Func {
	f := NewFunc("P", []Param{{Name: "p", Type: evPtrArr3}}, []Result{{Name: "", Type: Int}})
	b := NewBuilder(f)
	p := b.Param(0)
	b.Store(p, evI64(b, 2), evF64(b, 7))
	b.Return(b.Len(p))
	return f
}

// ArrPtr() (float64, float64) {
//
//	var v [3]float64
//	p := &v
//	P(p)
//	seen := v[2]
//	v = [3]float64{1, 2, 3}
//	return seen, p[0]
//
// }
func evBuildArrayPtr() *Func {
	f := NewFunc("ArrPtr", nil, []Result{{Name: "", Type: Float64}, {Name: "", Type: Float64}})
	b := NewBuilder(f)
	v := &Var{Name: "v", Type: evArr3}
	b.Declare(v, nil)
	p := b.Addr(v)
	b.Invoke(Callee{Name: "P"}, Int, p)
	seen := b.Load(b.Get(v), evI64(b, 2))
	b.Set(v, b.SliceLit(evArr3, evF64(b, 1), evF64(b, 2), evF64(b, 3)))
	b.Return(seen, b.Load(p, evI64(b, 0)))
	return f
}

// The tape of Fwd and Bwd: the squares, pushed in a loop, and the count.
var (
	evTape   = &Tape{Name: "FTape"}
	evSq     = evTape.Field("sq", Float64, true, "x*x")
	evN      = evTape.Field("n", Int, false, "len(xs)")
	evTapeTy = TapeRef{Tape: evTape}
)

// Fwd(t *FTape, xs []float64) (float64, int) {
//
//	t.sq = t.sq[:0]
//	s := 0.0
//	for i := range xs { sq := xs[i] * xs[i]; t.sq = append(t.sq, sq); s += sq }
//	t.n = len(xs)
//	return s, len(xs)
//
// }
func evBuildFwd() *Func {
	f := NewFunc("Fwd", []Param{{Name: "t", Type: evTapeTy}, {Name: "xs", Type: Slice{Float64}}}, []Result{{Name: "", Type: Float64}, {Name: "", Type: Int}})
	f.Tape = evTape
	b := NewBuilder(f)
	t, xs := b.Param(0), b.Param(1)
	b.TapeReset(t, evSq)
	s := &Var{Name: "s", Type: Float64}
	b.Declare(s, evF64(b, 0))
	l := b.Range("", xs)
	b.In(l.Blocks[0], func() {
		i := b.Index("i")
		x := b.Load(xs, i)
		sq := b.Mul(x, x)
		b.TapeSave(t, evSq, sq)
		b.Set(s, b.Add(b.Get(s), sq))
	})
	n := b.Len(xs)
	b.TapeSave(t, evN, n)
	b.Return(b.Get(s), n)
	return f
}

// Bwd(t *FTape, dxs []float64) {
//
//	n := t.n
//	for i := range n { dxs[i] = t.sq[i] }
//
// }
func evBuildBwd() *Func {
	f := NewFunc("Bwd", []Param{{Name: "t", Type: evTapeTy}, {Name: "dxs", Type: Slice{Float64}}}, nil)
	f.Tape = evTape
	b := NewBuilder(f)
	t, dxs := b.Param(0), b.Param(1)
	n := b.TapeLoad(t, evN)
	l := b.Range("", n)
	b.In(l.Blocks[0], func() {
		i := b.Index("i")
		b.Store(dxs, i, b.Load(b.TapeLoad(t, evSq), i))
	})
	b.Return()
	return f
}

// Both(xs, dxs []float64) (float64, int) {
//
//	var t FTape
//	s, n := Fwd(&t, xs)
//	Bwd(&t, dxs)
//	return s, n
//
// }
func evBuildBoth() *Func {
	f := NewFunc("Both", []Param{{Name: "xs", Type: Slice{Float64}}, {Name: "dxs", Type: Slice{Float64}}}, []Result{{Name: "", Type: Float64}, {Name: "", Type: Int}})
	f.Tape = evTape
	b := NewBuilder(f)
	xs, dxs := b.Param(0), b.Param(1)
	t := b.LocalTape(evTapeTy, "t")
	r := b.Invoke(Callee{Name: "Fwd"}, Tuple{Float64, Int}, t, xs)
	b.Invoke(Callee{Name: "Bwd"}, nil, t, dxs)
	b.Return(b.Extract(r, 0), b.Extract(r, 1))
	return f
}

// AddTo(p *T, x T) { *p += x * 3 }
func evBuildAddTo(t Type) *Func {
	f := NewFunc("AddTo", []Param{{Name: "p", Type: Pointer{Elem: t}}, {Name: "x", Type: t}}, nil)
	b := NewBuilder(f)
	b.Accum(b.Param(0), b.Mul(b.Param(1), b.Float(t, 3)))
	b.Return()
	return f
}

// Acc(x float64) float64 { d := 1.0; p := &d; *p += x; AddTo(p, x); return d }
func evBuildAcc() *Func {
	f := NewFunc("Acc", []Param{{Name: "x", Type: Float64}}, []Result{{Name: "", Type: Float64}})
	b := NewBuilder(f)
	x := b.Param(0)
	d := &Var{Name: "d", Type: Float64}
	b.Declare(d, evF64(b, 1))
	p := b.Addr(d)
	b.Accum(p, x)
	b.Invoke(Callee{Name: "AddTo"}, nil, p, x)
	b.Return(b.Get(d))
	return f
}

// AddTo32(p *float32, x float32) { *p += x }
func evBuildAddTo32() *Func {
	f := NewFunc("AddTo32", []Param{{Name: "p", Type: Pointer{Elem: Float32}}, {Name: "x", Type: Float32}}, nil)
	b := NewBuilder(f)
	b.Accum(b.Param(0), b.Param(1))
	b.Return()
	return f
}

type evRun struct {
	args  []any
	want  []any                          // the results, compared with reflect.DeepEqual
	after func(t *testing.T, args []any) // checks the arguments after the call, if set
}

func TestEvalStatements(t *testing.T) {
	fwdBwd := map[string]*Func{"Fwd": evBuildFwd(), "Bwd": evBuildBwd()}
	f32 := func(x float64) float64 { return float64(float32(x)) }
	floats := func(i int, want ...float64) func(*testing.T, []any) {
		return func(t *testing.T, args []any) {
			t.Helper()
			if got := args[i].(SliceVal).Floats(); !slices.Equal(got, want) {
				t.Errorf("argument %d after the call = %v, want %v", i, got, want)
			}
		}
	}
	cases := []struct {
		name  string
		f     *Func
		funcs map[string]*Func
		runs  []evRun
	}{
		{"range over a slice with an accumulator", evBuildSum(), nil, []evRun{
			{args: []any{FloatSlice([]float64{1, 2, 3.5})}, want: []any{6.5}},
			{args: []any{FloatSlice(nil)}, want: []any{0.0}},
		}},
		{"range over an int", evBuildSquares(), nil, []evRun{
			{args: []any{int64(4)}, want: []any{int64(14)}},
			{args: []any{int64(0)}, want: []any{int64(0)}},
		}},
		{"three-clause loop with a break", evBuildBreak(), nil, []evRun{
			{args: []any{int64(10)}, want: []any{int64(0 + 1 + 2 + 3 + 4)}},
			{args: []any{int64(3)}, want: []any{int64(0 + 1 + 2)}},
		}},
		{"loop without a condition", evBuildForever(), nil, []evRun{
			{args: []any{int64(5)}, want: []any{int64(8)}},
			{args: []any{int64(1)}, want: []any{int64(1)}},
		}},
		{"continue outer, return from inner", evBuildNest(), nil, []evRun{
			{args: []any{int64(5)}, want: []any{int64(832)}},
			{args: []any{int64(3)}, want: []any{int64(-1006)}},
			{args: []any{int64(0)}, want: []any{int64(0)}},
		}},
		{"break outer from inner", evBuildBreakOuter(), nil, []evRun{
			{args: []any{int64(4), int64(5)}, want: []any{int64(2023)}},
			{args: []any{int64(3), int64(9)}, want: []any{int64(-1 + 3000)}},
		}},
		{"if/else setting a variable", evBuildIfElse(), nil, []evRun{
			{args: []any{3.0}, want: []any{7.0}},
			{args: []any{-2.0}, want: []any{3.0}},
		}},
		{"store into slice parameters", evBuildDouble(), nil, []evRun{
			{
				args: []any{FloatSlice([]float64{1, -2, 3}), FloatSlices([][]float64{{1, 2}, {3, 4}})},
				want: []any{int64(3)},
				after: func(t *testing.T, args []any) {
					floats(0, 2, -4, 6)(t, args)
					if got, want := args[1].(SliceVal).FloatRows(), [][]float64{{1, 2}, {99, 4}}; !reflect.DeepEqual(got, want) {
						t.Errorf("m after the call = %v, want %v", got, want)
					}
				},
			},
		}},
		{"subslices alias", evBuildAlias(), nil, []evRun{
			{
				args:  []any{FloatSlice([]float64{1, 2, 3, 4, 5})},
				want:  []any{13.0, int64(2)},
				after: floats(0, 1, 10, 3, 20, 5),
			},
		}},
		{"copy", evBuildCopy(), nil, []evRun{
			{
				args:  []any{FloatSlice([]float64{0, 0, 0}), FloatSlice([]float64{1, 2, 3, 4, 5})},
				want:  []any{int64(3)},
				after: floats(0, 1, 2, 3),
			},
			{
				args:  []any{FloatSlice([]float64{0, 0, 0, 0}), FloatSlice([]float64{1, 2})},
				want:  []any{int64(2)},
				after: floats(0, 1, 2, 0, 0),
			},
		}},
		{"overlapping copies", evBuildShift(), nil, []evRun{
			// copy(xs[1:], xs): [1 2 3 4 5] → [1 1 2 3 4]; copy(xs, xs[2:]) → [2 3 4 3 4].
			{args: []any{FloatSlice([]float64{1, 2, 3, 4, 5})}, want: []any{int64(4), int64(3)}, after: floats(0, 2, 3, 4, 3, 4)},
		}},
		{"array parameters and variables are copies", evBuildArrayF(), map[string]*Func{"G": evBuildArrayG()}, []evRun{
			// G sees a copy of a, with a[1] == 2: 100+2; a[0] is still 1;
			// v is a copy of a, so v[1] = 50 leaves a alone.
			{args: []any{NewSlice(1.0, 2.0, 3.0)}, want: []any{102.0 + 1 + 50}, after: floats(0, 1, 2, 3)},
		}},
		{"pointer to an array", evBuildArrayP(), nil, []evRun{
			{args: []any{NewSlice(1.0, 2.0, 3.0)}, want: []any{int64(3)}, after: floats(0, 1, 2, 7)},
		}},
		{"addr of an array variable", evBuildArrayPtr(), map[string]*Func{"P": evBuildArrayP()}, []evRun{
			{args: []any{}, want: []any{7.0, 1.0}},
		}},
		{"tape through invoke and a local tape", evBuildBoth(), fwdBwd, []evRun{
			{
				args:  []any{FloatSlice([]float64{1, 2, 3}), FloatSlice([]float64{0, 0, 0})},
				want:  []any{14.0, int64(3)},
				after: floats(1, 1, 4, 9), // popped last first, stored from the end
			},
		}},
		{"accum through addr", evBuildAcc(), map[string]*Func{"AddTo": evBuildAddTo(Float64)}, []evRun{
			{args: []any{2.0}, want: []any{1.0 + 2 + 2*3}},
		}},
		{"accum through a pointer parameter", evBuildAddTo(Float64), nil, []evRun{
			{
				args: []any{&Box{V: 1.0}, 2.0},
				want: []any{},
				after: func(t *testing.T, args []any) {
					if got := args[0].(*Box).V; got != 7.0 {
						t.Errorf("*p = %v, want 1 + 2*3 = 7", got)
					}
				},
			},
		}},
		{"float32 accum rounds", evBuildAddTo32(), nil, []evRun{
			{
				args: []any{&Box{V: f32(0.1)}, f32(0.2)},
				want: []any{},
				after: func(t *testing.T, args []any) {
					want := float64(float32(0.1) + float32(0.2))
					if got := args[0].(*Box).V; got != want {
						t.Errorf("*p = %v, want float32 sum %v", got, want)
					}
				},
			},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, g := range append([]*Func{tc.f}, evFuncs(tc.funcs)...) {
				if err := Verify(g); err != nil {
					t.Fatal(err)
				}
			}
			for _, r := range tc.runs {
				argText := make([]string, len(r.args))
				for i, a := range r.args {
					argText[i] = fmt.Sprint(a)
				}
				out, err := EvalWith(tc.funcs, tc.f, r.args...)
				if err != nil {
					t.Errorf("%s(%s): %v", tc.f.Name, strings.Join(argText, ", "), err)
					continue
				}
				if !reflect.DeepEqual(out, r.want) {
					t.Errorf("%s(%s) = %#v, want %#v", tc.f.Name, strings.Join(argText, ", "), out, r.want)
				}
				if r.after != nil {
					r.after(t, r.args)
				}
			}
		})
	}
}

func evFuncs(m map[string]*Func) []*Func {
	var fs []*Func
	for _, f := range m {
		fs = append(fs, f)
	}
	return fs
}

// TestEvalNestMatchesGo checks the nested loops against the Go they stand
// for, over several counts.
func TestEvalNestMatchesGo(t *testing.T) {
	f := evBuildNest()
	for n := int64(0); n <= 7; n++ {
		out, err := Eval(f, n)
		if err != nil {
			t.Fatal(err)
		}
		if want := evNestGo(n); out[0] != want {
			t.Errorf("Nest(%d) = %v, want %d", n, out[0], want)
		}
	}
}

func TestEvalTapeReuse(t *testing.T) {
	// A tape passed in from Go is the function's: what Fwd pushes stays.
	tape := NewTapeVal()
	fwd := evBuildFwd()
	for range 2 {
		if _, err := Eval(fwd, tape, FloatSlice([]float64{2, 3})); err != nil {
			t.Fatal(err)
		}
	}
	// Fwd resets the stack before pushing, so the second run replaces the first.
	if got := tape.Stack(evSq); !reflect.DeepEqual(got, []any{4.0, 9.0}) {
		t.Errorf("stack sq = %v, want [4 9]", got)
	}
	if got := tape.Get(evN); got != int64(2) {
		t.Errorf("field n = %v, want 2", got)
	}
}

// Guard(x []float64) float64 {
//
//	if len(x) != 2 { panic(fmt.Sprintf("want 2 values, got %d", len(x))) }
//	return x[0] * x[1]
//
// }
func evBuildGuard() *Func {
	f := NewFunc("Guard", []Param{{Name: "x", Type: Slice{Float64}}}, []Result{{Type: Float64}})
	b := NewBuilder(f)
	x := b.Param(0)
	n := b.Len(x)
	v := b.If(b.Compare(OpNe, n, evI64(b, 2)))
	b.In(v.Blocks[0], func() {
		msg := HaltExpr{Kind: HaltCall, Path: "fmt", Name: "Sprintf", Args: []HaltExpr{
			{Kind: HaltLit, Lit: `"want 2 values, got %d"`}, {Kind: HaltArg, Arg: 0}}}
		b.Halt(&Halt{Call: HaltExpr{Kind: HaltCall, Name: "panic", Args: []HaltExpr{msg}}}, n)
	})
	b.Return(b.Mul(b.Load(x, evI64(b, 0)), b.Load(x, evI64(b, 1))))
	return f
}

// A guard that does not fire lets the run go on.
func TestEvalGuardPasses(t *testing.T) {
	f := evBuildGuard()
	if err := Verify(f); err != nil {
		t.Fatal(err)
	}
	out, err := Eval(f, FloatSlice([]float64{3, 4}))
	if err != nil || out[0] != 12.0 {
		t.Errorf("Eval = %v, %v; want 12", out, err)
	}
	if got, want := f.String(), `halt panic(fmt.Sprintf("want 2 values, got %d", %2))`; !strings.Contains(got, want) {
		t.Errorf("printed form:\n%s\nwant a line %s", got, want)
	}
}

func TestEvalErrors(t *testing.T) {
	oneArg := func(name string, pt Type, rt Type, body func(b *Builder, p *Value) *Value) *Func {
		var results []Result
		if rt != nil {
			results = []Result{{Name: "", Type: rt}}
		}
		f := NewFunc(name, []Param{{Name: "p", Type: pt}}, results)
		b := NewBuilder(f)
		r := body(b, b.Param(0))
		if r != nil {
			b.Return(r)
		} else {
			b.Return()
		}
		return f
	}
	undeclared := func() *Func {
		f := NewFunc("Undeclared", nil, []Result{{Name: "", Type: Float64}})
		b := NewBuilder(f)
		b.Return(b.Get(&Var{Name: "ghost", Type: Float64}))
		return f
	}
	cases := []struct {
		name  string
		f     *Func
		funcs map[string]*Func
		args  []any
		want  string
	}{
		{"load out of range",
			oneArg("Load", Slice{Float64}, Float64, func(b *Builder, p *Value) *Value { return b.Load(p, evI64(b, 3)) }),
			nil, []any{FloatSlice([]float64{1, 2, 3})}, "index out of range [3] with length 3"},
		{"negative index",
			oneArg("Store", Slice{Float64}, nil, func(b *Builder, p *Value) *Value {
				b.Store(p, evI64(b, -1), evF64(b, 0))
				return nil
			}),
			nil, []any{FloatSlice([]float64{1})}, "index out of range [-1]"},
		{"subslice beyond capacity",
			oneArg("Sub", Slice{Float64}, Int, func(b *Builder, p *Value) *Value {
				return b.Len(b.Subslice(p, evI64(b, 1), evI64(b, 5)))
			}),
			nil, []any{FloatSlice([]float64{1, 2, 3, 4})}, "slice bounds out of range [1:5] with capacity 4"},
		{"subslice lo > hi",
			oneArg("Sub", Slice{Float64}, Int, func(b *Builder, p *Value) *Value {
				return b.Len(b.Subslice(p, evI64(b, 2), evI64(b, 1)))
			}),
			nil, []any{FloatSlice([]float64{1, 2, 3, 4})}, "slice bounds out of range [2:1]"},
		{"make of negative length",
			oneArg("Make", Int, Int, func(b *Builder, p *Value) *Value { return b.Len(b.Make(Slice{Float64}, p)) }),
			nil, []any{int64(-1)}, "len out of range"},
		{"integer division by zero",
			oneArg("Div", Int, Int, func(b *Builder, p *Value) *Value { return b.Div(evI64(b, 1), p) }),
			nil, []any{int64(0)}, "integer divide by zero"},
		{"invoke of a missing function",
			oneArg("Call", Float64, Float64, func(b *Builder, p *Value) *Value {
				return b.Invoke(Callee{Name: "Missing"}, Float64, p)
			}),
			nil, []any{1.0}, "no function Missing"},
		{"error inside an invoked function", evBuildBoth(), map[string]*Func{"Fwd": evBuildFwd(), "Bwd": evBuildBwd()},
			[]any{FloatSlice([]float64{1, 2}), FloatSlice([]float64{0})}, "eval Bwd: store"},
		{"a Go slice for a slice parameter", evBuildSum(), nil, []any{[]float64{1}}, "argument 0 (xs []float64): got a []float64"},
		{"an array of the wrong length", evBuildArrayG(), nil, []any{NewSlice(1.0)}, "array of length 1, want 3"},
		{"too few arguments", evBuildSum(), nil, nil, "0 arguments for 1 parameters"},
		{"variable read before its decl", undeclared(), nil, nil, "ghost used before its decl"},
		{"a guard that ends the run", evBuildGuard(), nil, []any{FloatSlice([]float64{1, 2, 3})},
			`halt #6: program panicked: panic(fmt.Sprintf("want 2 values, got %d", 3))`},
		{"a loop that does not end",
			oneArg("Spin", Float64, Float64, func(b *Builder, p *Value) *Value {
				b.For("")
				return p
			}),
			nil, []any{1.0}, "a loop that does not end"},
	}
	for _, tc := range cases {
		out, err := EvalWith(tc.funcs, tc.f, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Eval = %v, %v; want an error containing %q", tc.name, out, err, tc.want)
		}
		if err != nil && !strings.Contains(err.Error(), "eval ") {
			t.Errorf("%s: error %q does not name the function", tc.name, err)
		}
	}
}

func TestSliceVal(t *testing.T) {
	s := FloatSlice([]float64{1, 2, 3, 4})
	sub := s.Slice(1, 3)
	sub.Set(0, 20.0)
	if s.At(1) != 20.0 || sub.Len() != 2 || sub.Cap() != 3 {
		t.Errorf("after sub[0] = 20: s = %v, sub = %v (cap %d)", s, sub, sub.Cap())
	}
	if got := s.Slice(1, 3); got != sub {
		t.Error("equal windows of the same storage are not ==")
	}
	if got := NewSlice(1.0, 2.0); got == NewSlice(1.0, 2.0) {
		t.Error("two fresh slices are ==")
	}
	if !(SliceVal{}).IsNil() || FloatSlice([]float64{}).IsNil() || FloatSlice(nil).Floats() != nil {
		t.Error("nil and empty slices are confused")
	}
	rows := [][]float64{{1, 2}, {3}}
	m := FloatSlices(rows)
	rows[0][0] = -1 // FloatSlices copies
	if got := m.FloatRows(); !reflect.DeepEqual(got, [][]float64{{1, 2}, {3}}) {
		t.Errorf("FloatRows = %v", got)
	}
	if got := s.String(); got != "[1 20 3 4]" {
		t.Errorf("String = %q", got)
	}
}
