package ir

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// newTest returns a function F(x, y float64, n int) float64 and a builder
// with its three parameter values.
func newTest() (*Func, *Builder, *Value, *Value, *Value) {
	f := NewFunc("F", []Param{{Name: "x", Type: Float64}, {Name: "y", Type: Float64}, {Name: "n", Type: Int}}, []Result{{Name: "", Type: Float64}})
	b := NewBuilder(f)
	return f, b, b.Param(0), b.Param(1), b.Param(2)
}

func TestPrint(t *testing.T) {
	f, b, x, y, n := newTest()
	z := b.Bind(b.Add(b.Mul(x, y), b.Float(Float64, 0.5)), "z")
	z2 := b.Bind(b.Mul(z, b.Convert(n, Float64)), "z")
	c := b.Compare(OpGe, z2, x)
	b.Comment("a comment")
	b.Return(b.Select(c, z2, b.Call(Callee{Path: "math", Name: "Sin"}, Float64, z)))
	want := `func F(x float64, y float64, n int) (float64)
	%x = param 0 : float64
	%y = param 1 : float64
	%n = param 2 : int
	%4 = mul %x %y : float64
	%5 = const 0.5 : float64
	%z = add %4 %5 : float64
	%7 = convert %n : float64
	%z.2 = mul %z %7 : float64
	%9 = ge %z.2 %x : bool
	# a comment
	%11 = call math.Sin %z : float64
	%12 = select %9 %z.2 %11 : float64
	return %12
`
	if got := f.String(); got != want {
		t.Errorf("printed:\n%s\nwant:\n%s", got, want)
	}
	if err := Verify(f); err != nil {
		t.Error(err)
	}
}

func TestCommonSubexpressions(t *testing.T) {
	_, b, x, y, _ := newTest()
	if b.Mul(x, y) != b.Mul(x, y) {
		t.Error("x*y built twice is two values")
	}
	if b.Mul(x, y) == b.Mul(y, x) {
		t.Error("x*y and y*x share a value; float code must keep operand order")
	}
	if b.Float(Float64, 0) == b.Float(Float64, math.Copysign(0, -1)) {
		t.Error("0 and -0 share a constant")
	}
	if b.Float(Float64, 1) == b.Float(Float32, 1) {
		t.Error("constants of different types share a value")
	}
}

func TestSimplify(t *testing.T) {
	_, b, x, y, _ := newTest()
	b.Simplify = true
	one, zero, two := b.Float(Float64, 1), b.Float(Float64, 0), b.Float(Float64, 2)
	c := b.Compare(OpGt, x, y)
	sel := b.Select(c, one, zero)
	cases := []struct {
		name string
		got  *Value
		want string
	}{
		{"x*1", b.Mul(x, one), "%x"},
		{"1*x", b.Mul(one, x), "%x"},
		{"x*0", b.Mul(x, zero), "const 0"},
		{"x+0", b.Add(x, zero), "%x"},
		{"0-x", b.Sub(zero, x), "neg %x"},
		{"x+x", b.Add(x, x), "mul %x"},
		{"x+(-y)", b.Add(x, b.Neg(y)), "sub %x %y"},
		{"-(-x)", b.Neg(b.Neg(x)), "%x"},
		{"x*(1/y)", b.Mul(x, b.Div(one, y)), "div %x %y"},
		{"2*3 folds", b.Mul(two, b.Float(Float64, 3)), "const 6"},
		{"select(c,1,0)*x", b.Mul(sel, x), "select"},
		{"select(c,x,0)+select(c,0,y)", b.Add(b.Select(c, x, zero), b.Select(c, zero, y)), "select"},
	}
	names := DisplayNames(b.Func)
	for _, tc := range cases {
		got := formatValue(tc.got, names)
		if tc.got.Op == OpParam {
			got = "%" + tc.got.Name
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s simplified to %q, want it to contain %q", tc.name, got, tc.want)
		}
	}
	if s := b.Mul(sel, x); s.Args[1] != x || !s.Args[2].IsFloatConst(0) {
		t.Errorf("select(c,1,0)*x = %s, want select c x 0", formatValue(s, DisplayNames(b.Func)))
	}
	// Folding follows float32 arithmetic for float32 constants.
	third := b.Div(b.Float(Float32, 1), b.Float(Float32, 3))
	if third.Float() != float64(float32(1)/float32(3)) {
		t.Errorf("float32 1/3 folded to %v", third.Float())
	}
}

func TestVerifyFindsBrokenInvariants(t *testing.T) {
	cases := []struct {
		name  string
		build func(f *Func, b *Builder, x, y, n *Value)
		want  string
	}{
		{"type mismatch", func(f *Func, b *Builder, x, y, n *Value) {
			v := b.Add(x, y)
			v.Args[1] = n
			b.Return(v)
		}, "argument 1 has type int, want float64"},
		{"use before definition", func(f *Func, b *Builder, x, y, n *Value) {
			v := b.Add(x, y)
			w := b.Mul(v, v)
			f.Body.Values[len(f.Body.Values)-2], f.Body.Values[len(f.Body.Values)-1] = w, v
			b.Return(v)
		}, "not defined before its use"},
		{"no return", func(f *Func, b *Builder, x, y, n *Value) {}, "does not end in a return"},
		{"return not last", func(f *Func, b *Builder, x, y, n *Value) {
			b.Return(x)
			b.Add(x, y)
		}, "return is not the last value"},
		{"wrong result type", func(f *Func, b *Builder, x, y, n *Value) { b.Return(n) }, "result 0 has type int"},
		{"select on a float", func(f *Func, b *Builder, x, y, n *Value) {
			s := b.Select(b.Compare(OpLt, x, y), x, y)
			s.Args[0] = x
			b.Return(s)
		}, "select condition of type float64"},
		{"float rem", func(f *Func, b *Builder, x, y, n *Value) {
			b.Return(b.add(OpRem, Float64, nil, x, y))
		}, "rem of type float64"},
		{"const of wrong kind", func(f *Func, b *Builder, x, y, n *Value) {
			b.Return(b.Const(Float64, 1.0))
			f.Body.Values[len(f.Body.Values)-2].Aux = int64(1)
		}, "constant"},
	}
	for _, tc := range cases {
		f, b, x, y, n := newTest()
		tc.build(f, b, x, y, n)
		err := Verify(f)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "func F") {
			t.Errorf("%s: Verify = %v, want an error naming F and %q", tc.name, err, tc.want)
		}
	}
}

func TestDeadCodeAndEval(t *testing.T) {
	f, b, x, y, n := newTest()
	b.Bind(b.Call(Callee{Path: "math", Name: "Exp"}, Float64, y), "unused")
	r := b.Mul(b.Sub(x, y), b.Convert(b.Binary(OpRem, n, b.Const(Int, int64(4))), Float64))
	b.Return(r)
	before := len(f.Body.Values)
	DeadCode(f)
	if len(f.Body.Values) != before-1 {
		t.Errorf("DeadCode removed %d values, want 1 (the unused call)", before-len(f.Body.Values))
	}
	out, err := Eval(f, 5.0, 2.0, int64(7))
	if err != nil || out[0] != 9.0 {
		t.Errorf("Eval = %v, %v; want (5-2)*(7%%4) = 9", out, err)
	}
}

func TestFreshName(t *testing.T) {
	taken := map[string]bool{"dx": true, "dx2": true}
	if got := FreshName(taken, "dx"); got != "dx3" {
		t.Errorf("FreshName = %q, want dx3", got)
	}
	if got := FreshName(taken, "dy"); got != "dy" {
		t.Errorf("FreshName = %q, want dy", got)
	}
}

func TestUniqueNames(t *testing.T) {
	f, b, x, y, _ := newTest()
	y1 := b.Bind(b.Mul(x, y), "y") // shadows the parameter y
	y2 := b.Bind(b.Add(y1, x), "y")
	x2 := b.Bind(b.Mul(y2, y2), "x")
	own := b.Bind(b.Neg(x2), "y2") // the user's own y2
	b.Return(own)
	UniqueNames(f)
	got := []string{y1.Name, y2.Name, x2.Name, own.Name}
	want := []string{"y3", "y4", "x2", "y2"}
	if !slices.Equal(got, want) {
		t.Errorf("names %v, want %v", got, want)
	}
}

// InsertIn puts values in the middle of a block, in order, and shares a
// pure value only if it stands before the insertion place.
func TestInsertIn(t *testing.T) {
	f := NewFunc("F", []Param{{Name: "x", Type: Float64}}, []Result{{Type: Float64}})
	b := NewBuilder(f)
	x := b.Param(0)
	later := b.Mul(x, x) // after the insertion place
	var first, second *Value
	end := b.InsertIn(f.Body, 1, func() {
		first = b.Add(x, x)
		second = b.Mul(x, x)
	})
	b.Return(b.Add(later, b.Add(first, second)))
	if end != 3 || f.Body.Values[1] != first || f.Body.Values[2] != second {
		t.Errorf("inserted at %d, body:\n%v", end, f)
	}
	if second == later {
		t.Error("x*x was shared with a value that stands after the insertion place")
	}
	if err := Verify(f); err != nil {
		t.Error(err)
	}
}
