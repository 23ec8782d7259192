// Package composed holds annotated functions that call the derivatives
// godiff generates for other annotated functions (FGrad, FJVP), and are
// differentiated through them: the tests check their gradients and JVPs
// against finite differences and against each other.
package composed

//go:generate go run github.com/godiff/godiff/cmd/godiff funcs.go

import "math"

// G is a smooth function of two scalars.
//
//godiff:grad
//godiff:jvp
func G(x, y float64) float64 {
	return math.Sin(x*y) + x*x*y + math.Exp(0.3*y)
}

// Penalty is G plus the squared norm of its gradient, a gradient-norm
// penalty: its derivatives are second derivatives of G.
//
//godiff:grad
//godiff:jvp
func Penalty(x, y float64) float64 {
	f, gx, gy := GGrad(x, y)
	return f + gx*gx + gy*gy
}

// Step is one gradient-descent step on G, then G there: the derivative
// of a step with respect to the starting point and the learning rate
// (a meta-learning step).
//
//godiff:grad
//godiff:jvp
func Step(x, y, lr float64) float64 {
	_, gx, gy := GGrad(x, y)
	return G(x-lr*gx, y-lr*gy)
}

// Slope is the square of G's derivative along (1, 2), through GJVP.
//
//godiff:grad
//godiff:jvp
func Slope(x, y float64) float64 {
	_, d := GJVP(x, y, 1, 2)
	return d * d
}

// Iter runs a loop that records values on its tape.
//
//godiff:grad
func Iter(x, y float64) float64 {
	s := x
	for k := 0; k < 4; k++ {
		s = math.Tanh(s*y) + 0.5*s
	}
	return s * x
}

// IterNorm differentiates through the gradient of a loop.
//
//godiff:grad
//godiff:jvp
func IterNorm(x, y float64) float64 {
	_, gx, gy := IterGrad(x, y)
	return gx*gy + x
}

// Partial is differentiated with respect to x only.
//
//godiff:grad x
func Partial(x, y float64) float64 {
	return x * x * math.Cos(y)
}

// PartialUse differentiates through PartialGrad with respect to both x
// and y: y is a constant of PartialGrad's gradient but not of its
// result.
//
//godiff:grad
//godiff:jvp
func PartialUse(x, y float64) float64 {
	f, dx := PartialGrad(x, y)
	return f * dx
}

// Damped is a smooth function of two scalars with a //godiff:vjp.
//
//godiff:vjp
func Damped(x, y float64) float64 {
	return math.Exp(-0.5*x*x) * math.Cos(y) * y
}

// Pull weighs Damped's gradient by a seed that depends on the point,
// through DampedVJP: the seed's derivative counts too.
//
//godiff:grad
//godiff:jvp
func Pull(x, y float64) float64 {
	f, a, b := DampedVJP(x, y, 1+x*y)
	return f + a*b - a
}

// Angle calls math.Sincos, a math function of several results, on a
// value that depends on both parameters (srcgen seed 4 program 10).
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Angle(a, b float64) float64 {
	r := math.Acos(math.Atan(b) / 2)
	s, c := math.Sincos(-r * a)
	return r + s + c + a
}

// Turn differentiates through AngleGrad, AngleVJP and AngleJVP: the
// derivatives built for the calls must see the Sincos results'
// derivatives as the generated AngleGrad, AngleVJP and AngleJVP do, and
// give their values bit for bit.
//
//godiff:grad
//godiff:jvp
func Turn(x, y float64) float64 {
	f, da, db := AngleGrad(x, y)
	g, ea, eb := AngleVJP(y, x, 1+x)
	return f + da*db + g*ea - eb
}

// Spin differentiates through AngleJVP: the tangents' derivatives too.
//
//godiff:grad
//godiff:jvp
func Spin(x, y float64) float64 {
	h, dh := AngleJVP(x, y, 0.5, y)
	return h * dh
}
