package regress

import "math"

// A value that overflows and is then overwritten: forward mode drops its
// infinite tangent with it, and reverse mode must not multiply the zero
// adjoint the overwrite leaves by the infinite partial (was: FGrad NaN
// where FJVP gives the derivative, 0·Inf; program 7283 of srcgen seed 1).

// Discarded squares a copy of x n times, overflowing for |x| > 1 and n
// large, then discards it: the result is 3x.
//
//godiff:grad
//godiff:jvp
func Discarded(x float64, n int) float64 {
	r := x
	for i := 0; i < n; i++ {
		r = r * r
	}
	r = 3 * x
	return r
}

// Swapped is Discarded with math.Pow in a range loop, and a swap under a
// branch that may move the overflowed value into a variable nothing reads
// after it: the result is x·y + xs[1].
//
//godiff:grad
//godiff:jvp
func Swapped(x, y float64, xs []float64) float64 {
	r := x
	z := y
	for range xs {
		r = math.Pow(r, 2) + xs[0]
	}
	if x > 0 {
		r, z = z, r
	}
	r = x * y
	return r + xs[1]
}

// Kept keeps an infinite partial that reaches the result: math.Sqrt at 0
// has derivative +Inf in both modes, as the README says.
//
//godiff:grad
//godiff:jvp
func Kept(x float64) float64 {
	r := math.Sqrt(x)
	for i := 0; i < 3; i++ {
		r = r * 2
	}
	return r
}
