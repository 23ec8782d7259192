package ir

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestEvalTraced checks the steps a traced run reports: entering and
// leaving, each value with what it computed, each iteration of a loop and
// its end, the branch an if takes; and that the run's results are Eval's.
func TestEvalTraced(t *testing.T) {
	tests := []struct {
		name string
		f    *Func
		args []any
		want string // the steps, one per line: kind and what
	}{
		{
			name: "sum",
			f:    evBuildSum(),
			args: []any{FloatSlice([]float64{1, 2})},
			want: "enter Sum\nvalue xs [1 2]\nvalue const 0\ndecl s\niter range 0\nvalue i 0\nvalue get 0\nvalue load 1\nvalue add 1\nset s 1\n" +
				"iter range 1\nvalue i 1\nvalue get 1\nvalue load 2\nvalue add 3\nset s 3\ndone range\nvalue get 3\nvalue return\nleave Sum",
		},
		{
			name: "if",
			f:    evBuildIfElse(),
			args: []any{-2.0},
			want: "enter IfElse\nvalue x -2\ndecl y\nvalue const 0\nvalue gt false\nbranch else\nvalue neg 2\nset y 2\nvalue get 2\nvalue const 1\nvalue add 3\nvalue return\nleave IfElse",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var steps []string
			observe := func(s Step) {
				steps = append(steps, describeStep(s))
			}
			got, err := EvalTraced(nil, tt.f, observe, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Eval(tt.f, tt.args...)
			if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("traced run returned %v, Eval %v (%v)", got, want, err)
			}
			if s := strings.Join(steps, "\n"); s != tt.want {
				t.Errorf("steps:\n%s\nwant:\n%s", s, tt.want)
			}
		})
	}
}

// describeStep writes a step as the test's table does.
func describeStep(s Step) string {
	switch s.Kind {
	case StepEnter:
		return "enter " + s.Func.Name
	case StepLeave:
		return "leave " + s.Func.Name
	case StepIter:
		return fmt.Sprintf("iter %v %d", s.Value.Op, s.Iter)
	case StepDone:
		return fmt.Sprintf("done %v", s.Value.Op)
	case StepBranch:
		if s.Then {
			return "branch then"
		}
		return "branch else"
	}
	v := s.Value
	switch {
	case v.Op == OpDecl:
		return "decl " + v.Aux.(*Var).Name
	case v.Op == OpSet:
		return fmt.Sprintf("set %s %v", v.Aux.(*Var).Name, s.VarOf(v.Aux.(*Var)))
	case v.Op == OpReturn:
		return "value return"
	case v.Name != "":
		return fmt.Sprintf("value %s %v", v.Name, s.Of(v))
	}
	return fmt.Sprintf("value %v %v", v.Op, s.Of(v))
}

// TestEvalCalleeTape runs a callee's forward function on a tape the
// caller's holds (tape.slot), then its backward function on that tape
// read back, as the split form of a call of a function of slices does.
func TestEvalCalleeTape(t *testing.T) {
	// fwd(t *gTape, x float64) float64 { t.x = x; return x*x }
	gTape := &Tape{Name: "gTape"}
	xf := gTape.Field("x", Float64, false, "")
	fwd := NewFunc("gForward", []Param{{Name: "t", Type: TapeRef{gTape}}, {Name: "x", Type: Float64}}, []Result{{Type: Float64}})
	b := NewBuilder(fwd)
	b.TapeSave(b.Param(0), xf, b.Param(1))
	b.Return(b.Mul(b.Param(1), b.Param(1)))
	// bwd(t *gTape, s float64) float64 { return 2*s*t.x }
	bwd := NewFunc("gBackward", []Param{{Name: "t", Type: TapeRef{gTape}}, {Name: "s", Type: Float64}}, []Result{{Type: Float64}})
	b = NewBuilder(bwd)
	b.Return(b.Mul(b.Mul(evF64(b, 2), b.Param(1)), b.TapeLoad(b.Param(0), xf)))
	// F(x float64) (float64, float64): the caller's tape holds g's in a
	// stack; it calls g twice, then runs g's backward on the first.
	fTape := &Tape{Name: "FTape"}
	slot := fTape.Field("g", Opaque{Go: "gTape", CallTape: true}, true, "")
	f := NewFunc("F", []Param{{Name: "x", Type: Float64}}, []Result{{Type: Float64}, {Type: Float64}})
	b = NewBuilder(f)
	tp := b.LocalTape(TapeRef{fTape}, "t")
	y1 := b.Invoke(Callee{Name: "gForward"}, Float64, b.TapeSlot(tp, slot), b.Param(0))
	b.Invoke(Callee{Name: "gForward"}, Float64, b.TapeSlot(tp, slot), evF64(b, 3))
	first := b.Load(b.TapeLoad(tp, slot), evI64(b, 0))
	held := &Var{Name: "gt", Type: Opaque{Go: "gTape", CallTape: true}}
	b.Declare(held, first)
	d := b.Invoke(Callee{Name: "gBackward"}, Float64, b.Addr(held), evF64(b, 1))
	b.Return(y1, d)
	out, err := EvalWith(map[string]*Func{"gForward": fwd, "gBackward": bwd}, f, 5.0)
	if err != nil {
		t.Fatal(err)
	}
	if out[0] != 25.0 || out[1] != 10.0 {
		t.Errorf("F(5) = %v, want [25 10]: g's backward must read the tape of the first call", out)
	}
}

// TestEvalMathTuples runs the calls of math's functions of several
// results that reverse mode invokes.
func TestEvalMathTuples(t *testing.T) {
	tests := []struct {
		name string
		x    float64
		want []any
	}{
		{"Sincos", 0.5, []any{math.Sin(0.5), math.Cos(0.5)}},
		{"Frexp", 12, []any{0.75, int64(4)}},
		{"Modf", 3.25, []any{3.0, 0.25}},
		{"Lgamma", -0.5, func() []any { l, s := math.Lgamma(-0.5); return []any{l, int64(s)} }()},
	}
	for _, tt := range tests {
		f := NewFunc("F", []Param{{Name: "x", Type: Float64}}, []Result{{Type: Float64}})
		b := NewBuilder(f)
		second := Type(Float64)
		if tt.name == "Frexp" || tt.name == "Lgamma" {
			second = Int
		}
		call := b.Invoke(Callee{Path: "math", Name: tt.name}, Tuple{Float64, second}, b.Param(0))
		r0 := b.Extract(call, 0)
		var r1 *Value
		if second == Int {
			r1 = b.Convert(b.Extract(call, 1), Float64)
		} else {
			r1 = b.Extract(call, 1)
		}
		b.Return(b.Add(b.Mul(r0, evF64(b, 1000)), r1))
		out, err := Eval(f, tt.x)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		w1, ok := tt.want[1].(float64)
		if !ok {
			w1 = float64(tt.want[1].(int64))
		}
		if want := tt.want[0].(float64)*1000 + w1; out[0] != want {
			t.Errorf("math.%s(%v): got %v, want %v", tt.name, tt.x, out[0], want)
		}
	}
}

// TestEvalErrorValue checks that an error of a run names the value at
// fault, whose position the source gave.
func TestEvalErrorValue(t *testing.T) {
	// F(xs []float64) float64 { return xs[3] }
	f := NewFunc("F", []Param{{Name: "xs", Type: Slice{Float64}}}, []Result{{Type: Float64}})
	b := NewBuilder(f)
	load := b.Load(b.Param(0), evI64(b, 3))
	b.Return(load)
	_, err := Eval(f, FloatSlice([]float64{1}))
	var ee *EvalError
	if !errors.As(err, &ee) || ee.Value != load || ee.Func != f {
		t.Fatalf("error %v (%T) names no value of Sum", err, err)
	}
	if !strings.Contains(err.Error(), ee.Detail) {
		t.Errorf("the message %q does not hold the detail %q", err, ee.Detail)
	}
}
