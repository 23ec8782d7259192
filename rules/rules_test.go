package rules

import (
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
	"github.com/godiff/godiff/ir"
)

// partialsFunc returns F(x, y) (f(x, y), ∂f/∂x, ∂f/∂y) for an f built by op,
// with the partials from the rule table: the rule checked on its own,
// without a transform around it.
func partialsFunc(t *testing.T, op func(b *ir.Builder, x, y *ir.Value) *ir.Value) (*ir.Func, *ir.Func) {
	t.Helper()
	params := []ir.Param{{Name: "x", Type: ir.Float64}, {Name: "y", Type: ir.Float64}}
	f := ir.NewFunc("F", params, []ir.Result{{Type: ir.Float64}})
	b := ir.NewBuilder(f)
	b.Return(op(b, b.Param(0), b.Param(1)))

	g := ir.NewFunc("G", params, []ir.Result{{Type: ir.Float64}, {Type: ir.Float64}, {Type: ir.Float64}})
	b = ir.NewBuilder(g)
	x, y := b.Param(0), b.Param(1)
	v := op(b, x, y)
	b.Simplify = true
	rule := For(v)
	if rule == nil {
		t.Fatalf("no rule for %v", v.Op)
	}
	partials := rule(b, v, v.Args)
	if len(partials) != len(v.Args) {
		t.Fatalf("%d partials for %d arguments", len(partials), len(v.Args))
	}
	out := []*ir.Value{v, b.Zero(ir.Float64), b.Zero(ir.Float64)}
	for i, a := range v.Args {
		switch a {
		case x:
			out[1] = partials[i]
		case y:
			out[2] = partials[i]
		}
	}
	b.Return(out...)
	if err := ir.Verify(g); err != nil {
		t.Fatal(err)
	}
	return f, g
}

func evalAt(t *testing.T, f *ir.Func, p []float64) []float64 {
	// The derivative of math.Gamma calls the digamma helper the output
	// defines.
	out, err := ir.EvalWith(map[string]*ir.Func{DigammaName: Digamma()}, f, p[0], p[1])
	if err != nil {
		t.Fatal(err)
	}
	r := make([]float64, len(out))
	for i := range out {
		r[i] = out[i].(float64)
	}
	return r
}

func TestEveryRuleAgainstFiniteDifferences(t *testing.T) {
	math1 := func(name string) func(b *ir.Builder, x, y *ir.Value) *ir.Value {
		return func(b *ir.Builder, x, y *ir.Value) *ir.Value {
			return b.Call(ir.Callee{Path: "math", Name: name}, ir.Float64, x)
		}
	}
	math2 := func(name string) func(b *ir.Builder, x, y *ir.Value) *ir.Value {
		return func(b *ir.Builder, x, y *ir.Value) *ir.Value {
			return b.Call(ir.Callee{Path: "math", Name: name}, ir.Float64, x, y)
		}
	}
	binary := map[string]bool{"Atan2": true, "Hypot": true, "Max": true, "Min": true, "Pow": true,
		"Mod": true, "Remainder": true, "Dim": true, "Copysign": true}
	// Functions of an int order and a float, at order 2.
	order := func(name string) func(b *ir.Builder, x, y *ir.Value) *ir.Value {
		return func(b *ir.Builder, x, y *ir.Value) *ir.Value {
			return b.Call(ir.Callee{Path: "math", Name: name}, ir.Float64, b.Const(ir.Int, int64(2)), x)
		}
	}
	// Functions whose domain starts at 1 are checked at points shifted
	// there.
	shift := map[string]float64{"Acosh": 1}
	cases := map[string]func(b *ir.Builder, x, y *ir.Value) *ir.Value{
		"add":  func(b *ir.Builder, x, y *ir.Value) *ir.Value { return b.Add(x, y) },
		"sub":  func(b *ir.Builder, x, y *ir.Value) *ir.Value { return b.Sub(x, y) },
		"mul":  func(b *ir.Builder, x, y *ir.Value) *ir.Value { return b.Mul(x, y) },
		"div":  func(b *ir.Builder, x, y *ir.Value) *ir.Value { return b.Div(x, y) },
		"neg":  func(b *ir.Builder, x, y *ir.Value) *ir.Value { return b.Neg(x) },
		"copy": func(b *ir.Builder, x, y *ir.Value) *ir.Value { return b.Copy(x, "c") },
		"min":  func(b *ir.Builder, x, y *ir.Value) *ir.Value { return b.MinMax(ir.OpMin, x, y) },
		"max":  func(b *ir.Builder, x, y *ir.Value) *ir.Value { return b.MinMax(ir.OpMax, x, y) },
	}
	for _, name := range MathNames() {
		switch {
		case binary[name]:
			cases[name] = math2(name)
		case name == "Jn" || name == "Yn":
			cases[name] = order(name)
		case name == "FMA":
			cases[name] = func(b *ir.Builder, x, y *ir.Value) *ir.Value {
				// The partial by the addend, 1, is checked in internal/mathfuncs.
				return b.Call(ir.Callee{Path: "math", Name: "FMA"}, ir.Float64, x, y, b.Float(ir.Float64, 0.5))
			}
		default:
			cases[name] = math1(name)
		}
	}
	// Points inside every function's domain, away from kinks.
	points := [][]float64{{0.3, 0.7}, {0.8, 1.9}, {0.55, 0.2}}
	for name, op := range cases {
		f, g := partialsFunc(t, op)
		for _, p := range points {
			p := []float64{p[0] + shift[name], p[1]}
			got := evalAt(t, g, p)
			want := fdcheck.Gradient(func(q []float64) float64 { return evalAt(t, f, q)[0] }, p)
			if m := fdcheck.Mismatch(got[1:], want, 1e-7); m != "" {
				t.Errorf("%s at %v: %s", name, p, m)
			}
		}
	}
	// Conversions are checked through float32 code in internal/mathfuncs
	// and the goldens: finite differences in float32 are too coarse here.
	if len(cases) != 8+48 {
		t.Errorf("checked %d rules, want the 8 operations and 48 math functions", len(cases))
	}
}
