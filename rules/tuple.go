package rules

import (
	"math"

	"github.com/godiff/godiff/ir"
)

// TupleRule builds the partial derivatives of the results ys of a call of
// several results (the extracts of the call) with respect to the call's
// arguments x: d[k][j] is that of result k with respect to argument j,
// nil for 0 (and for a result that is no float). The partials may read
// the results and the arguments; they must not carry a derivative
// themselves, so what they compute from the arguments goes through an
// invoke, which the activity analysis does not see through (see
// Digamma).
type TupleRule func(b *ir.Builder, ys, x []*ir.Value) [][]*ir.Value

// Tuple returns the rule of math.name, a function of several results, or
// nil.
func Tuple(name string) TupleRule { return tupleRules[name] }

var tupleRules = map[string]TupleRule{
	// s, c = sin x, cos x: ds = c, dc = -s
	"Sincos": func(b *ir.Builder, ys, x []*ir.Value) [][]*ir.Value {
		return [][]*ir.Value{{ys[1]}, {b.Neg(ys[0])}}
	},
	// frac, exp = x 2^-exp, exp: the exponent is constant between powers
	// of two, so d frac = 2^-exp.
	"Frexp": func(b *ir.Builder, ys, x []*ir.Value) [][]*ir.Value {
		scale := b.Call(ir.Callee{Path: "math", Name: "Ldexp"}, ir.Float64, b.Float(ir.Float64, 1), b.Neg(ys[1]))
		return [][]*ir.Value{{scale}, nil}
	},
	// int, frac = trunc x, x - trunc x: d int = 0, d frac = 1
	"Modf": func(b *ir.Builder, ys, x []*ir.Value) [][]*ir.Value {
		return [][]*ir.Value{nil, {b.Float(ir.Float64, 1)}}
	},
	// lgamma, sign = log |Γ(x)|, sign Γ(x): d lgamma = ψ(x), the digamma
	// function, which the output defines (Digamma).
	"Lgamma": func(b *ir.Builder, ys, x []*ir.Value) [][]*ir.Value {
		return [][]*ir.Value{{b.Invoke(ir.Callee{Name: DigammaName}, ir.Float64, x[0])}, nil}
	},
}

// DigammaName is the unexported function the output defines, once per
// package, when a derivative calls digamma.
const DigammaName = "godiffDigamma"

// Helpers returns the functions the given functions call that the output
// must define: Digamma, if one calls it.
func Helpers(funcs []*ir.Func) []*ir.Func {
	for _, f := range funcs {
		found := false
		f.Walk(func(v *ir.Value) {
			if c, ok := v.Aux.(ir.Callee); ok && v.Op == ir.OpInvoke && c.Path == "" && c.Name == DigammaName {
				found = true
			}
		})
		if found {
			return []*ir.Func{Digamma()}
		}
	}
	return nil
}

// Digamma builds ψ(x) = Γ'(x)/Γ(x) with the standard library only, to
// about 1e-15 relative away from its zero near 1.4616:
//
//   - reflection for x < 0: ψ(x) = ψ(1-x) - π/tan(πx);
//   - recurrence: ψ(y) = ψ(y+10) - Σ_{k<10} 1/(y+k);
//   - at s = y+10 ≥ 10, the asymptotic series ln s - 1/(2s) -
//     Σ B_2k/(2k s^2k), to k = 7: the first term left out is below
//     4.5e-17.
//
// It is straight-line code, selects rather than branches, so that it is
// one expression of x.
func Digamma() *ir.Func {
	g := ir.NewFunc(DigammaName, []ir.Param{{Name: "x", Type: ir.Float64}}, []ir.Result{{Type: ir.Float64}})
	g.Doc = []string{DigammaName + " returns the digamma function ψ(x), the derivative of math.Lgamma, for the derivatives godiff generates."}
	b := ir.NewBuilder(g)
	b.Simplify = false
	f := func(c float64) *ir.Value { return b.Float(ir.Float64, c) }
	x := b.Param(0)
	neg := b.Compare(ir.OpLt, x, f(0))
	y := b.Select(neg, b.Sub(f(1), x), x)
	const shift = 10
	terms := []*ir.Value{b.Div(f(1), y)}
	for k := 1; k < shift; k++ {
		terms = append(terms, b.Div(f(1), b.Add(y, f(float64(k)))))
	}
	s := b.Add(y, f(shift))
	r := b.Div(f(1), b.Mul(s, s))
	// B_2k/(2k) for k = 1..7, innermost last.
	coef := []float64{1.0 / 12, -1.0 / 120, 1.0 / 252, -1.0 / 240, 1.0 / 132, -691.0 / 32760, 1.0 / 12}
	series := f(coef[len(coef)-1])
	for k := len(coef) - 2; k >= 0; k-- {
		series = b.Add(f(coef[k]), b.Mul(r, series))
	}
	asym := b.Sub(b.Sub(call(b, "Log", s), b.Div(f(0.5), s)), b.Mul(r, series))
	psi := b.Sub(asym, b.Sum(ir.Float64, terms))
	refl := b.Div(f(math.Pi), call(b, "Tan", b.Mul(f(math.Pi), x)))
	b.Return(b.Select(neg, b.Sub(psi, refl), psi))
	return g
}
