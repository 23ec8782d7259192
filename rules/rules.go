package rules

import (
	"math"
	"slices"

	"github.com/godiff/godiff/ir"
)

// Rule builds the partial derivatives of y with respect to each of y.Args.
type Rule func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value

// For returns the rule for y's operation, or nil if y has none: y is then
// not differentiable, and an active y is an internal error (parse refuses
// such code).
func For(y *ir.Value) Rule {
	if y.Op == ir.OpCall {
		c := y.Aux.(ir.Callee)
		if c.Path != "math" {
			return nil // see LowerCalls
		}
		return mathRules[c.Name]
	}
	return opRules[y.Op]
}

// Math reports whether math.name has a derivative rule.
func Math(name string) bool { _, ok := mathRules[name]; return ok }

// MathNames lists the math functions with rules, sorted.
func MathNames() []string {
	names := make([]string, 0, len(mathRules))
	for n := range mathRules {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

var opRules = map[ir.Op]Rule{
	// y = x
	ir.OpCopy: func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value {
		return []*ir.Value{one(b, y)}
	},
	// y = T(x): the partial is 1 in y's type; the transforms convert the
	// derivative between the two types.
	ir.OpConvert: func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value {
		if !ir.IsFloat(x[0].Type) {
			return []*ir.Value{nil}
		}
		return []*ir.Value{one(b, y)}
	},
	// y = c ? a : b: the derivative follows the branch taken.
	ir.OpSelect: func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value {
		c := x[0]
		return []*ir.Value{nil, b.Select(c, one(b, y), b.Zero(y.Type)), b.Select(c, b.Zero(y.Type), one(b, y))}
	},
	// y = y0 with the partials d1..dn with respect to x1..xn, given as
	// arguments y0, x1..xn, d1..dn.
	ir.OpPartials: func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value {
		n := len(x) / 2
		partials := make([]*ir.Value, len(x))
		copy(partials[1:n+1], x[n+1:])
		return partials
	},
	// y = min(a, b), y = max(a, b), the builtins: the derivative follows a
	// where it is the result, at a tie too (as for math.Min and Max), and
	// where a is NaN, which the builtins return then; else b.
	ir.OpMin: func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value {
		return pick(b, y, orNaN(b, b.Compare(ir.OpLe, x[0], x[1]), x[0]))
	},
	ir.OpMax: func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value {
		return pick(b, y, orNaN(b, b.Compare(ir.OpGe, x[0], x[1]), x[0]))
	},
	// y = a + b
	ir.OpAdd: func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value {
		return []*ir.Value{one(b, y), one(b, y)}
	},
	// y = a - b
	ir.OpSub: func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value {
		return []*ir.Value{one(b, y), b.Float(y.Type, -1)}
	},
	// y = -a
	ir.OpNeg: func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value {
		return []*ir.Value{b.Float(y.Type, -1)}
	},
	// y = a * b: dy/da = b, dy/db = a
	ir.OpMul: func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value {
		return []*ir.Value{x[1], x[0]}
	},
	// y = a / b: dy/da = 1/b, dy/db = -y/b
	ir.OpDiv: func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value {
		den := x[1]
		return []*ir.Value{b.Div(one(b, y), den), b.Neg(b.Div(y, den))}
	},
}

var mathRules = map[string]Rule{
	"Abs": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value {
		u := x[0]
		zero := b.Zero(y.Type)
		neg := b.Select(b.Compare(ir.OpLt, u, zero), b.Float(y.Type, -1), zero)
		return []*ir.Value{b.Select(b.Compare(ir.OpGt, u, zero), one(b, y), neg)}
	},
	"Acos": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // -1/sqrt(1-x²)
		return []*ir.Value{b.Neg(b.Div(one(b, y), sqrt(b, oneMinusSquare(b, x[0]))))}
	},
	"Asin": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // 1/sqrt(1-x²)
		return []*ir.Value{b.Div(one(b, y), sqrt(b, oneMinusSquare(b, x[0])))}
	},
	"Atan": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // 1/(1+x²)
		u := x[0]
		return []*ir.Value{b.Div(one(b, y), b.Add(one(b, y), b.Mul(u, u)))}
	},
	"Atan2": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // atan2(u, v): v/(u²+v²), -u/(u²+v²)
		u, v := x[0], x[1]
		r2 := b.Add(b.Mul(u, u), b.Mul(v, v))
		return []*ir.Value{b.Div(v, r2), b.Neg(b.Div(u, r2))}
	},
	"Cbrt": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // 1/(3y²)
		return []*ir.Value{b.Div(one(b, y), b.Mul(b.Float(y.Type, 3), b.Mul(y, y)))}
	},
	"Cos": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // -sin(x)
		return []*ir.Value{b.Neg(call(b, "Sin", x[0]))}
	},
	"Cosh": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // sinh(x)
		return []*ir.Value{call(b, "Sinh", x[0])}
	},
	"Erf": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // 2/sqrt(pi) * exp(-x²)
		u := x[0]
		return []*ir.Value{b.Mul(b.Float(y.Type, 2/math.SqrtPi), call(b, "Exp", b.Neg(b.Mul(u, u))))}
	},
	"Exp": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // y
		return []*ir.Value{y}
	},
	"Expm1": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // y + 1
		return []*ir.Value{b.Add(y, one(b, y))}
	},
	"Hypot": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // u/y, v/y; 0 at the origin
		zero := b.Zero(y.Type)
		inv := b.Select(b.Compare(ir.OpEq, y, zero), zero, b.Div(one(b, y), y))
		return []*ir.Value{b.Mul(x[0], inv), b.Mul(x[1], inv)}
	},
	"Log": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // 1/x
		return []*ir.Value{b.Div(one(b, y), x[0])}
	},
	"Log10": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // 1/(x ln 10)
		return []*ir.Value{b.Div(one(b, y), b.Mul(x[0], b.Float(y.Type, math.Ln10)))}
	},
	"Log1p": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // 1/(1+x)
		return []*ir.Value{b.Div(one(b, y), b.Add(one(b, y), x[0]))}
	},
	"Log2": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // 1/(x ln 2)
		return []*ir.Value{b.Div(one(b, y), b.Mul(x[0], b.Float(y.Type, math.Ln2)))}
	},
	"Max": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // follows a when a >= b
		return pick(b, y, b.Compare(ir.OpGe, x[0], x[1]))
	},
	"Min": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // follows a when a <= b
		return pick(b, y, b.Compare(ir.OpLe, x[0], x[1]))
	},
	"Pow": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // x^y: y x^(y-1), x^y log x (0 at x == 0)
		base, e := x[0], x[1]
		zero := b.Zero(y.Type)
		dx := b.Mul(e, call(b, "Pow", base, b.Sub(e, one(b, y))))
		de := b.Select(b.Compare(ir.OpEq, base, zero), zero, b.Mul(y, call(b, "Log", base)))
		return []*ir.Value{dx, de}
	},
	"Sin": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // cos(x)
		return []*ir.Value{call(b, "Cos", x[0])}
	},
	"Sinh": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // cosh(x)
		return []*ir.Value{call(b, "Cosh", x[0])}
	},
	"Sqrt": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // 1/(2y)
		return []*ir.Value{b.Div(b.Float(y.Type, 0.5), y)}
	},
	"Tan": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // 1 + y²
		return []*ir.Value{b.Add(one(b, y), b.Mul(y, y))}
	},
	"Tanh": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // 1 - y²
		return []*ir.Value{b.Sub(one(b, y), b.Mul(y, y))}
	},
	"Erfc": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // -2/sqrt(pi) * exp(-x²)
		u := x[0]
		return []*ir.Value{b.Mul(b.Float(y.Type, -2/math.SqrtPi), call(b, "Exp", b.Neg(b.Mul(u, u))))}
	},
	"Erfinv": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // sqrt(pi)/2 * exp(y²)
		return []*ir.Value{b.Mul(b.Float(y.Type, math.SqrtPi/2), call(b, "Exp", b.Mul(y, y)))}
	},
	"Erfcinv": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // -sqrt(pi)/2 * exp(y²)
		return []*ir.Value{b.Mul(b.Float(y.Type, -math.SqrtPi/2), call(b, "Exp", b.Mul(y, y)))}
	},
	"Exp2": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // y ln 2
		return []*ir.Value{b.Mul(y, b.Float(y.Type, math.Ln2))}
	},
	"Asinh": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // 1/sqrt(x²+1)
		u := x[0]
		return []*ir.Value{b.Div(one(b, y), sqrt(b, b.Add(b.Mul(u, u), one(b, y))))}
	},
	"Acosh": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // 1/sqrt(x²-1)
		u := x[0]
		return []*ir.Value{b.Div(one(b, y), sqrt(b, b.Sub(b.Mul(u, u), one(b, y))))}
	},
	"Atanh": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // 1/(1-x²)
		return []*ir.Value{b.Div(one(b, y), oneMinusSquare(b, x[0]))}
	},
	"Gamma": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // y ψ(x), digamma as for Lgamma
		return []*ir.Value{b.Mul(y, b.Invoke(ir.Callee{Name: DigammaName}, ir.Float64, x[0]))}
	},
	"FMA": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // x*y + z: y, x, 1
		return []*ir.Value{x[1], x[0], one(b, y)}
	},
	"Mod": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // x - n y: 1, -n
		return []*ir.Value{one(b, y), b.Neg(quotient(b, y, x))}
	},
	"Remainder": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // x - n y: 1, -n
		return []*ir.Value{one(b, y), b.Neg(quotient(b, y, x))}
	},
	"Dim": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // max(x-y, 0): 1, -1 where x > y, else 0, 0
		zero := b.Zero(y.Type)
		pos := b.Compare(ir.OpGt, y, zero)
		return []*ir.Value{b.Select(pos, one(b, y), zero), b.Select(pos, b.Float(y.Type, -1), zero)}
	},
	"Copysign": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // |x| sign s: ±1 where x != 0, else 0; 0 in s
		zero := b.Zero(y.Type)
		same := b.Compare(ir.OpEq, signbit(b, x[0]), signbit(b, x[1]))
		d := b.Select(same, one(b, y), b.Float(y.Type, -1))
		return []*ir.Value{b.Select(b.Compare(ir.OpEq, x[0], zero), zero, d), zero}
	},
	"J0": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // -J1(x)
		return []*ir.Value{b.Neg(call(b, "J1", x[0]))}
	},
	"J1": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // (J0(x) - J2(x))/2
		return []*ir.Value{besselSlope(b, "Jn", b.Const(ir.Int, int64(1)), x[0])}
	},
	"Jn": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // (J(n-1)(x) - J(n+1)(x))/2
		return []*ir.Value{nil, besselSlope(b, "Jn", x[0], x[1])}
	},
	"Y0": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // -Y1(x)
		return []*ir.Value{b.Neg(call(b, "Y1", x[0]))}
	},
	"Y1": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // (Y0(x) - Y2(x))/2
		return []*ir.Value{besselSlope(b, "Yn", b.Const(ir.Int, int64(1)), x[0])}
	},
	"Yn": func(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value { // (Y(n-1)(x) - Y(n+1)(x))/2
		return []*ir.Value{nil, besselSlope(b, "Yn", x[0], x[1])}
	},
	// Piecewise constant: derivative 0 between the jumps, and 0 at them.
	"Floor":       flat,
	"Ceil":        flat,
	"Trunc":       flat,
	"Round":       flat,
	"RoundToEven": flat,
}

// flat is the rule of a piecewise-constant function: derivative 0.
func flat(b *ir.Builder, y *ir.Value, x []*ir.Value) []*ir.Value {
	return []*ir.Value{b.Zero(y.Type)}
}

// quotient returns the integer n with y = a - n b for y = Mod(a, b) or
// Remainder(a, b), recovered from the result: (a - y)/b is n up to a
// rounding error, which Round removes (exact while |n| < 2^52).
func quotient(b *ir.Builder, y *ir.Value, x []*ir.Value) *ir.Value {
	return call(b, "Round", b.Div(b.Sub(x[0], y), x[1]))
}

// orNaN returns c || math.IsNaN(x); c alone for a constant x, which is no
// NaN (a NaN has no literal).
func orNaN(b *ir.Builder, c, x *ir.Value) *ir.Value {
	if x.IsConst() && (!ir.IsFloat(x.Type) || !math.IsNaN(x.Float())) {
		return c
	}
	if x.Type != ir.Float64 {
		x = b.Convert(x, ir.Float64) // a float32 NaN converts to a NaN
	}
	return b.Logic(ir.OpOr, c, b.Call(ir.Callee{Path: "math", Name: "IsNaN"}, ir.Bool, x))
}

// signbit returns math.Signbit(x).
func signbit(b *ir.Builder, x *ir.Value) *ir.Value {
	return b.Call(ir.Callee{Path: "math", Name: "Signbit"}, ir.Bool, x)
}

// besselSlope returns the derivative of the Bessel function fn (Jn or
// Yn) of order n at x: (fn(n-1, x) - fn(n+1, x))/2, which holds for
// every order, 0 and negative ones included.
func besselSlope(b *ir.Builder, fn string, n, x *ir.Value) *ir.Value {
	one := b.Const(ir.Int, int64(1))
	lo := call(b, fn, b.Sub(n, one), x)
	hi := call(b, fn, b.Add(n, one), x)
	return b.Mul(b.Float(ir.Float64, 0.5), b.Sub(lo, hi))
}

func one(b *ir.Builder, y *ir.Value) *ir.Value { return b.Float(y.Type, 1) }

func call(b *ir.Builder, name string, args ...*ir.Value) *ir.Value {
	return b.Call(ir.Callee{Path: "math", Name: name}, ir.Float64, args...)
}

func sqrt(b *ir.Builder, x *ir.Value) *ir.Value { return call(b, "Sqrt", x) }

// oneMinusSquare returns 1 - x*x.
func oneMinusSquare(b *ir.Builder, x *ir.Value) *ir.Value {
	return b.Sub(b.Float(x.Type, 1), b.Mul(x, x))
}

// pick returns the partials of a function equal to its first argument where
// cond holds and to its second elsewhere.
func pick(b *ir.Builder, y *ir.Value, cond *ir.Value) []*ir.Value {
	one, zero := one(b, y), b.Zero(y.Type)
	return []*ir.Value{b.Select(cond, one, zero), b.Select(cond, zero, one)}
}
