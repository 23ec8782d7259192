package ir

import (
	"testing"
)

// lazyLoop builds F(x []float64) float64 summing x[i] for i := 0;
// i < len(x) && x[i] > 0; i++, with a continue that skips x[i] > 5: the
// condition holds a decl and an if, as parse builds a lazy &&.
func lazyLoop() (*Func, *Value) {
	f := NewFunc("F", []Param{{Name: "x", Type: Slice{Elem: Float64}}}, []Result{{Type: Float64}})
	b := NewBuilder(f)
	x := b.Param(0)
	s, i, c := &Var{Name: "s", Type: Float64}, &Var{Name: "i", Type: Int}, &Var{Name: "cond", Type: Bool}
	b.Declare(s, b.Float(Float64, 0))
	l := b.For("")
	b.In(l.Blocks[0], func() { b.Declare(i, b.Const(Int, int64(0))) })
	b.In(l.Blocks[1], func() {
		inRange := b.Compare(OpLt, b.Get(i), b.Len(x))
		b.Declare(c, inRange)
		br := b.If(inRange)
		b.In(br.Blocks[0], func() { b.Set(c, b.Compare(OpGt, b.Load(x, b.Get(i)), b.Float(Float64, 0))) })
		l.Blocks[1].Result = b.Get(c)
	})
	b.In(l.Blocks[2], func() { b.Set(i, b.Add(b.Get(i), b.Const(Int, int64(1)))) })
	b.In(l.Blocks[3], func() {
		xi := b.Load(x, b.Get(i))
		skip := b.If(b.Compare(OpGt, xi, b.Float(Float64, 5)))
		b.In(skip.Blocks[0], func() { b.Continue(l) })
		b.Set(s, b.Add(b.Get(s), xi))
	})
	b.Return(b.Get(s))
	return f, l
}

func TestMoveCondIntoBody(t *testing.T) {
	inputs := [][]float64{nil, {1, 2, 3}, {1, 7, 2, -1, 4}, {-1, 2}, {6, 6, 1}}
	want := make([]any, len(inputs))
	f, l := lazyLoop()
	if !CondNeedsStatements(l) {
		t.Fatal("the condition holds a decl and an if, but CondNeedsStatements is false")
	}
	for k, in := range inputs {
		out, err := Eval(f, FloatSlice(in))
		if err != nil {
			t.Fatal(err)
		}
		want[k] = out[0]
	}
	MoveCondIntoBody(f, l)
	if err := Verify(f); err != nil {
		t.Fatalf("after the move: %v\n%s", err, f)
	}
	if CondNeedsStatements(l) || l.Blocks[1].Result != nil || len(l.Blocks[1].Values) != 0 {
		t.Fatalf("the loop keeps a condition:\n%s", f)
	}
	for k, in := range inputs {
		out, err := Eval(f, FloatSlice(in))
		if err != nil {
			t.Fatal(err)
		}
		if out[0] != want[k] {
			t.Errorf("F(%v) = %v after the move, %v before", in, out[0], want[k])
		}
	}
}
