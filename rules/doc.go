// Package rules is godiff's one table of derivative rules, read by both
// transforms: package reverse multiplies an adjoint by each partial, package
// forward sums the partials times the argument tangents. Adding a math
// function is one entry here, and both modes get it.
//
// A rule builds the partial derivatives of a value with respect to each of
// its arguments, as IR values in the function being built, from the value's
// (already copied) arguments and the value itself. Partials are of the
// value's type; an argument that carries no derivative (an integer) gets nil.
//
// # Non-differentiable points
//
// At a kink the rule picks one one-sided derivative, the same in both modes:
//
//   - math.Abs(x) at x == 0: 0.
//   - math.Max(a, b) when a == b: the derivative follows a, the first
//     argument; math.Min likewise. So a ReLU written math.Max(0, z) has
//     derivative 0 at z == 0: a dead unit passes a zero memo upstream. If
//     either argument is NaN the derivative follows b.
//   - math.Pow(x, y) with respect to y at x == 0: 0 (x^y*log(x) would be
//     NaN), so Pow(0, y) is treated as the constant it is for y > 0.
//   - math.Hypot(x, y) at the origin: 0 for both arguments.
//   - the builtins min and max, of two arguments or more (a chain of
//     two-argument ones): at a tie the derivative follows the first of
//     the tied arguments, as for math.Min and Max; where an argument is
//     NaN, which the builtins then return, it follows the first NaN.
//   - math.Dim(x, y) at x == y, and below: 0 for both arguments.
//   - math.Copysign(x, s): ±1 in x (the sign of the result's slope), 0
//     at x == 0; 0 in s, also across its jump at s == 0.
//   - math.Mod(x, y) and math.Remainder(x, y): 1 in x and -n in y, n the
//     integer quotient of the result (x - n y), also at the jumps, where
//     the one-sided derivative on the side the result is taken from.
//   - math.Floor, Ceil, Trunc, Round and RoundToEven: 0 everywhere, at
//     their jumps too, as for a conversion to an integer.
//
// Elsewhere the formulas are the calculus ones and produce what they
// produce: math.Sqrt at 0 gives +Inf, math.Log at 0 gives +Inf, math.Acos
// and math.Asin at ±1 give ∓Inf and ±Inf, math.Acosh at 1 and math.Atanh
// at ±1 give +Inf, math.Erfinv at ±1 and math.Erfcinv at 0 and 2 give
// ±Inf, and math.Gamma at its poles (0, -1, -2, ...) NaN; the Bessel
// functions of the second kind (Y0, Y1, Yn) at 0 give what their formula
// of Y at 0 gives, NaN or Inf.
//
// # Calls
//
// A call of any other function is differentiated through its ir.CallRule
// (call.go): LowerCalls rewrites, before a transform, each call that
// needs a derivative. A call of numbers becomes an invoke of the rule
// function (a //godiff:rule, or the callee's generated gradient), whose
// results are the value and the partials, tied to the arguments by an
// OpPartials value, whose rule here hands those partials out: from there
// on it is differentiated like any other value. In reverse mode a call
// passing slices becomes an invoke of the callee's forward function on a
// tape of its own, which the backward sweep hands to the callee's
// backward function (reverse.backward's splitCall); forward mode calls
// the callee's JVP (forward.tangents' splitCall).
//
// A call of several results, a, b := f(x), is lowered the same way, to
// its results each tied to the arguments by an OpPartials value (the
// calls LowerCalls makes are marked ir.Callee.Lowered, so that the
// activity analysis does not follow derivatives through them a second
// time): for Sincos, Frexp, Modf and Lgamma by the rules of tuple.go, in
// both modes (Lgamma's derivative, like math.Gamma's, calls a digamma
// function that the output defines, Digamma); for a function of the package in reverse
// mode by one call of its JVP per varied argument, with a unit tangent,
// each giving a column of the partials. Forward mode calls that JVP once,
// with the arguments' tangents.
package rules
