package regress

import "math"

//go:generate go run github.com/godiff/godiff/cmd/godiff calls.go

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

// sc is the reproducer's callee: FGrad gave 0.
func sc(x float64) (float64, float64) { return x * x, 3 * x }

// SeveralResults is the reproducer of wrong result 1.
//
//godiff:grad
//godiff:jvp
func SeveralResults(x float64) float64 { a, b := sc(x); return a + b }

// polarCalls returns numbers of several types, calls a function of
// several results of package math, and one of one result.
func polarCalls(x, y float64, k int) (r, t float64, n int) {
	s, c := math.Sincos(y)
	n = k + 1
	return x*c + square(y), x * s * float64(n), n
}

func square(x float64) float64 { return x * x }

// pairStep recurses through calls of several results: (x^n, n x^(n-1)).
func pairStep(x float64, n int) (float64, float64) {
	if n == 0 {
		return 1, 0
	}
	p, d := pairStep(x, n-1)
	return p * x, d*x + p
}

// SeveralResultsMixed calls functions of several results with some
// arguments constant, some varied, a result left out, and a recursive
// one.
//
//godiff:grad
//godiff:jvp
func SeveralResultsMixed(x, y float64) float64 {
	a, b, n := polarCalls(x, 2*y, 3)
	c, _, _ := polarCalls(3, y, n)
	p, d := pairStep(x+y, 4)
	return a*b + float64(n)*c + p*d
}

// ownJVP has a //godiff:jvp of its own, which its callers use.
//
//godiff:jvp
func ownJVP(x, y float64) (float64, float64) { return x * y, x / y }

// SeveralResultsLoop calls functions of several results in a loop, one of
// them with its own JVP.
//
//godiff:grad
//godiff:jvp
func SeveralResultsLoop(x float64, n int) float64 {
	s := 0.0
	for i := 0; i < n; i++ {
		a, b := math.Sincos(x * float64(i))
		p, _ := pairStep(s+a, 2)
		u, v := ownJVP(b, 2+x*x)
		s = p*b + s + u*v
	}
	return s
}
