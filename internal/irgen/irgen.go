// Package irgen builds random straight-line IR functions for testing the
// transforms: every operation and derivative rule, in random combinations,
// reassigned names, shared subexpressions and inactive integer code, with
// arguments kept where each rule is smooth so that finite differences are a
// fair reference.
package irgen

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/rules"
)

// Func returns a random function of nfloat float64 parameters, one int
// parameter n, and nresults float64 results, built from about size
// operations.
func Func(rng *rand.Rand, nfloat, nresults, size int) *ir.Func {
	var params []ir.Param
	for i := 0; i < nfloat; i++ {
		params = append(params, ir.Param{Name: fmt.Sprintf("x%d", i), Type: ir.Float64})
	}
	params = append(params, ir.Param{Name: "n", Type: ir.Int})
	results := make([]ir.Result, nresults)
	for i := range results {
		results[i] = ir.Result{Type: ir.Float64}
	}
	f := ir.NewFunc(fmt.Sprintf("Random%d", rng.IntN(1000)), params, results)
	b := ir.NewBuilder(f)
	g := &gen{b: b, rng: rng}
	for i := range params {
		v := b.Param(i)
		if v.Type == ir.Float64 {
			g.pool = append(g.pool, v)
		} else {
			g.n = v
		}
	}
	for i := 0; i < size; i++ {
		v := g.op()
		g.pool = append(g.pool, b.Bind(v, names[rng.IntN(len(names))]))
	}
	out := make([]*ir.Value, nresults)
	for i := range out {
		// Mix the last values so that every result depends on much.
		out[i] = b.Add(g.pool[len(g.pool)-1-i], g.pick())
	}
	b.Return(out...)
	return f
}

var names = []string{"a", "b", "h", "z", "", ""}

type gen struct {
	b    *ir.Builder
	rng  *rand.Rand
	pool []*ir.Value
	n    *ir.Value
}

func (g *gen) pick() *ir.Value { return g.pool[g.rng.IntN(len(g.pool))] }

func (g *gen) c(x float64) *ir.Value { return g.b.Float(ir.Float64, x) }

// positive returns 1 + x*x: an argument safe for log, sqrt and pow.
func (g *gen) positive(x *ir.Value) *ir.Value { return g.b.Add(g.c(1), g.b.Mul(x, x)) }

// bounded returns tanh(x)*0.9: an argument safe for asin and acos.
func (g *gen) bounded(x *ir.Value) *ir.Value {
	return g.b.Mul(g.call("Tanh", x), g.c(0.9))
}

func (g *gen) call(name string, args ...*ir.Value) *ir.Value {
	return g.b.Call(ir.Callee{Path: "math", Name: name}, ir.Float64, args...)
}

// op builds one random operation on values of the pool. The default case
// is math.Abs.
func (g *gen) op() *ir.Value {
	b, x, y := g.b, g.pick(), g.pick()
	switch g.rng.IntN(21) {
	case 0:
		return b.Add(x, y)
	case 1:
		return b.Sub(x, y)
	case 2:
		return b.Mul(x, y)
	case 3:
		return b.Div(x, g.positive(y))
	case 4:
		return b.Neg(x)
	case 5:
		return b.Mul(x, b.Convert(b.Add(b.Binary(ir.OpMul, g.n, b.Const(ir.Int, int64(2))), b.Const(ir.Int, int64(1))), ir.Float64))
	case 6:
		return b.Mul(x, g.c(0.5))
	case 7:
		return g.call([]string{"Sin", "Cos", "Atan", "Tanh", "Erf"}[g.rng.IntN(5)], x)
	case 8:
		return g.call([]string{"Exp", "Expm1", "Sinh", "Cosh"}[g.rng.IntN(4)], g.call("Tanh", x))
	case 9:
		return g.call([]string{"Log", "Log10", "Log2", "Log1p", "Sqrt", "Cbrt"}[g.rng.IntN(6)], g.positive(x))
	case 10:
		return g.call([]string{"Asin", "Acos"}[g.rng.IntN(2)], g.bounded(x))
	case 11:
		return g.call("Tan", g.bounded(x))
	case 12:
		return g.call([]string{"Max", "Min"}[g.rng.IntN(2)], x, y)
	case 13:
		return g.call("Pow", g.positive(x), g.bounded(y))
	case 14:
		return g.call([]string{"Atan2", "Hypot"}[g.rng.IntN(2)], g.positive(x), y)
	case 15:
		return g.call([]string{"Erfc", "Exp2", "Asinh", "J0", "J1"}[g.rng.IntN(5)], g.call("Tanh", x))
	case 16:
		return g.call([]string{"Atanh", "Erfinv"}[g.rng.IntN(2)], g.bounded(x))
	case 17:
		// Acosh from 1 on; Gamma, Y0 and Y1 of positive values; Jn and
		// Yn of order 2.
		switch g.rng.IntN(5) {
		case 0:
			return g.call("Acosh", b.Add(g.c(1), g.positive(x)))
		case 1:
			return g.call([]string{"Gamma", "Y0", "Y1"}[g.rng.IntN(3)], g.positive(x))
		}
		return g.call([]string{"Jn", "Yn"}[g.rng.IntN(2)], b.Const(ir.Int, int64(2)), g.positive(x))
	case 18:
		// The builtins min and max, math.Dim and math.Copysign: kinks
		// where two random values meet, which they do not.
		switch g.rng.IntN(4) {
		case 0:
			return b.MinMax(ir.OpMin, x, y)
		case 1:
			return b.MinMax(ir.OpMax, x, y)
		}
		return g.call([]string{"Dim", "Copysign"}[g.rng.IntN(2)], x, y)
	case 19:
		// FMA, and Floor and Round scaling a value: derivative 0 between
		// their jumps.
		if g.rng.IntN(2) == 0 {
			return g.call("FMA", x, y, g.c(0.25))
		}
		return b.Mul(y, g.call([]string{"Floor", "Round"}[g.rng.IntN(2)], x))
	default:
		return g.call("Abs", x)
	}
}

// Eval runs a function Func built, or a derivative of one, on the floats x,
// N for the int parameter, then the floats extra (seeds or tangents), and
// returns its results as floats.
func Eval(f *ir.Func, x []float64, extra ...float64) ([]float64, error) {
	return EvalWith(nil, f, x, extra...)
}

// EvalWith is Eval for a function that invokes others: reverse mode's
// wrappers call their forward and backward functions, which callees holds.
func EvalWith(callees []*ir.Func, f *ir.Func, x []float64, extra ...float64) ([]float64, error) {
	args := make([]any, 0, len(x)+1+len(extra))
	for _, v := range x {
		args = append(args, v)
	}
	args = append(args, int64(N))
	for _, v := range extra {
		args = append(args, v)
	}
	// The derivative of math.Gamma invokes the digamma helper.
	funcs := map[string]*ir.Func{rules.DigammaName: rules.Digamma()}
	for _, c := range callees {
		funcs[c.Name] = c
	}
	out, err := ir.EvalWith(funcs, f, args...)
	if err != nil {
		return nil, err
	}
	fs := make([]float64, len(out))
	for i, o := range out {
		fs[i] = o.(float64)
	}
	return fs, nil
}

// MustEval is Eval for tests: an error fails the test.
func MustEval(t testing.TB, f *ir.Func, x []float64, extra ...float64) []float64 {
	t.Helper()
	return MustEvalWith(t, nil, f, x, extra...)
}

// MustEvalWith is EvalWith for tests: an error fails the test.
func MustEvalWith(t testing.TB, callees []*ir.Func, f *ir.Func, x []float64, extra ...float64) []float64 {
	t.Helper()
	out, err := EvalWith(callees, f, x, extra...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// N is the value Eval passes for the int parameter n.
const N = 3
