package regress

import "math"

// Constants where godiff once stopped with an internal error: operations on
// constants only, in the user's code or in derivative rules, are folded.

//go:generate go run github.com/godiff/godiff/cmd/godiff consts.go

// PowConstBase has a constant base: the rule's partial with respect to the
// base compares the constant with 0.
//
//godiff:grad
//godiff:jvp
func PowConstBase(x float64) float64 {
	return math.Pow(2, x) + math.Pow(math.E, x)
}

// PowConstExponent has a constant exponent, and a call on constants only.
//
//godiff:grad
//godiff:jvp
func PowConstExponent(x float64) float64 {
	return math.Pow(x, 2) + math.Pow(2, 3)*x + math.Max(0, 1)*x
}

// BinaryRulesOneConst calls every math function of two arguments with one
// of them constant, each way round, and the arithmetic operators too.
//
//godiff:grad
//godiff:jvp
func BinaryRulesOneConst(x float64) float64 {
	s := math.Atan2(1, x) + math.Atan2(x, 2)
	s += math.Hypot(3, x) + math.Hypot(x, 4)
	s += math.Max(0.5, x) + math.Max(x, -0.25)
	s += math.Min(0.5, x) + math.Min(x, -0.25)
	s += math.Pow(3, x) + math.Pow(x, 3) + math.Pow(0, x+5) + math.Pow(x, 0)
	s += 2/x + x/2 + (2 - x) + (x - 2) + 2*x + x*2 + (2 + x)
	return s
}

// UnaryRulesOnConst calls the math functions of one argument on constants:
// calls, which Go computes at run time, times x.
//
//godiff:grad
//godiff:jvp
func UnaryRulesOnConst(x float64) float64 {
	return (math.Sqrt(2)+math.Exp(1)+math.Log(3)+math.Sin(1)+math.Tanh(0.5)+math.Abs(-2))*x + math.Abs(0)*x
}

const debug = true

const quiet = false

// DebugIf has a constant condition.
//
//godiff:grad
//godiff:jvp
func DebugIf(x float64) float64 {
	r := x * x
	if debug {
		r *= 2
	}
	if quiet {
		r += x
	} else {
		r -= x
	}
	return r
}

// DebugOr's condition is decided by a constant before the slice is read;
// DebugAndNot's by a constant false.
//
//godiff:grad
//godiff:jvp
func DebugOr(x float64, ys []float64) float64 {
	r := x * ys[1]
	if debug || ys[0] >= x {
		r *= 2
	}
	if quiet || ys[0] >= x {
		r *= ys[0]
	}
	if quiet && ys[5] > 0 { // never read: Go would panic
		r = 0
	}
	return r
}

//godiff:grad
//godiff:jvp
func DebugAndNot(x float64) float64 {
	r := x * x
	if !debug && x > 0 {
		r *= 2
	}
	if !quiet && x > 0 {
		r *= 3
	}
	return r
}

// DebugLoop runs a loop on a constant condition and a switch with a
// constant case.
//
//godiff:grad
//godiff:jvp
func DebugLoop(x float64) float64 {
	r := x
	for debug {
		r *= x
		if r > 100 {
			break
		}
		r += 1
	}
	switch {
	case quiet:
		r = 0
	case debug:
		r *= 3
	default:
		r = 1
	}
	switch {
	case quiet, x > 0:
		r += x
	}
	return r
}

const trips = 3

// ConstLoops have constant bounds and conditions on the counter that fold
// in the loop's body.
//
//godiff:grad
//godiff:jvp
func ConstLoops(x float64) float64 {
	r := x
	for i := 0; i < 3; i++ {
		r *= x
	}
	for i := 0; i < trips*2-1; i++ {
		if i < trips-1 && debug {
			r += x * float64(i)
		}
	}
	return r
}

// Identities keeps the user's operations with 0 and 1 as written.
//
//godiff:grad
//godiff:jvp
func Identities(x float64) float64 {
	y := x * 0
	z := y * 2
	return x*0 + 0*x + x/1 + 1*x - x*1 + (x - 0) + (0 - x) + 0/x + z + x
}

const k = 4

const kt int = 7

// ConstIndex reads local literals at constant indices.
//
//godiff:grad
//godiff:jvp
func ConstIndex(x float64) float64 {
	weights := []float64{x, 2 * x, 3}
	s := weights[k%3] + weights[len(weights)-1]*weights[len(weights)-2]
	w := [3]float64{x, x * x, 1}
	w[kt/3] += x
	s += w[kt-5] * w[(kt*2)%3]
	for i := 0; i < 3; i++ {
		ws := []float64{x, 2 * x, 3}
		s += ws[k%3] * ws[(k+i)%3]
	}
	return s
}

const z = 0.0

// DivConstZero divides by a constant zero, which Go accepts for a divisor
// of a non-constant float: x/0 is ±Inf, and its derivative +Inf.
//
//godiff:grad
//godiff:jvp
func DivConstZero(x float64) float64 {
	return x / (z * 2)
}

// DebugReturn returns from a branch a constant condition always takes.
//
//godiff:grad
//godiff:jvp
func DebugReturn(x float64) float64 {
	if debug {
		return x * x
	}
	return 2 * x
}

// DebugForReturn leaves a loop on a constant condition by a return; the
// loop on !debug never runs.
//
//godiff:grad
//godiff:jvp
func DebugForReturn(x float64) float64 {
	for !debug {
		x *= 2
	}
	for debug {
		if x > 10 {
			return x
		}
		x *= 2
	}
	return 0
}

const kind = 2

// ConstSwitch switches on a constant tag; QuietLoop's loop condition and
// last if are decided by a constant false, the if's backward code by an
// if with only an else.
//
//godiff:grad
//godiff:jvp
func ConstSwitch(x float64) float64 {
	switch kind {
	case 1:
		x *= 2
	case 2:
		x *= 3
	default:
		x = 0
	}
	const c = 2.5
	y := c
	y *= 2
	return x*y - c*x
}

//godiff:grad
//godiff:jvp
func QuietLoop(x float64) float64 {
	r := x
	for i := 0; i < 4 && !quiet; i++ {
		r *= x
	}
	if quiet && r > 0 {
		return 0
	}
	if debug {
		r = math.Max(0, r)
	} else if r > 2 {
		r = 1
	}
	return r * r
}

const size = 3

// ConstArray has a constant length.
//
//godiff:grad
//godiff:jvp
func ConstArray(x float64) float64 {
	var a [size]float64
	for i := range a {
		a[i] = x * float64(i+1)
	}
	s := 0.0
	for i := 0; i < len(a); i++ {
		s += a[i] * a[i]
	}
	return s
}

// ConstExits leaves loop iterations on constant conditions, and mixes
// constants into conditions on an integer parameter.
//
//godiff:grad
//godiff:jvp
func ConstExits(x float64, n int) float64 {
	s := 0.0
	for i := 0; i < 3; i++ {
		if debug {
			continue
		}
		s += x
	}
	r := x
	for i := 0; i < 3; i++ {
		if !debug {
			break
		}
		r *= x
	}
	if debug && n > 0 {
		r *= 2
	}
	if n > 0 || !debug {
		r *= 3
	}
	if n > 0 && quiet {
		r *= 5
	}
	return s + r
}
