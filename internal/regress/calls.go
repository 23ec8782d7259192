package regress

import "math"

//go:generate go run godiff/cmd/godiff calls.go

// Calls of functions of several results (issue 9, wrong result 1: reverse
// mode dropped their derivative), and calls that write a slice beside
// reads of it (wrong result 4, evaluation order).

// SincosProduct differentiates through both results of math.Sincos.
//
//godiff:grad
//godiff:jvp
func SincosProduct(x float64) float64 {
	s, c := math.Sincos(x)
	return s*c + s
}

// LgammaFrexp differentiates math.Lgamma's first result (digamma) and
// math.Frexp's fraction; their integer results are constant.
//
//godiff:grad
//godiff:jvp
func LgammaFrexp(x float64) float64 {
	a, sign := math.Lgamma(x)
	f, e := math.Frexp(x)
	return a*float64(sign) + f*float64(e)
}

// ModfMix differentiates both results of math.Modf: the integer part is
// constant, the fraction follows x.
//
//godiff:grad
//godiff:jvp
func ModfMix(x float64) float64 {
	i, f := math.Modf(x)
	return i*x + f*f
}

func dotCalls(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func scaleCalls(a []float64, k float64) float64 {
	for i := range a {
		a[i] *= k
	}
	return a[0]
}

// CallsInOrder reads a, then scales it, then reads it again, all in one
// expression: Go makes calls left to right, and so does godiff.
//
//godiff:grad
//godiff:jvp
func CallsInOrder(x float64, a, b []float64) float64 {
	return dotCalls(a, b)*x + scaleCalls(a, x) + dotCalls(b, a)
}

func bump(xs []float64) float64 { xs[0] = xs[0]*3 + 1; return xs[0] }

// BumpFirst is the evaluation-order reproducer written as godiff asks:
// the call that writes xs in a statement of its own.
//
//godiff:grad
//godiff:jvp
func BumpFirst(x float64, xs []float64) float64 {
	b := bump(xs)
	return xs[0]*x + b
}
