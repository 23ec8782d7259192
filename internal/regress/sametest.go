package regress

import "math"

// A test repeated in one condition, math.IsNaN(x) || math.IsNaN(x), or
// further along a chain, math.IsNaN(x) || math.IsInf(x, 0) ||
// math.IsInf(x, 0): the call is computed once, and the output must not say
// c || c or c0 || c1 || c1, which go vet reports (was: a_godiff.go failed
// go vet; srcgen seed 5 program 34, seed 11 program 130).

// NaNGuard squares x after guarding it twice.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func NaNGuard(x float64) float64 {
	if math.IsNaN(x) || math.IsNaN(x) || math.IsInf(x, 0) {
		panic("regress: x is not finite")
	}
	if math.IsInf(x, 0) || math.IsNaN(x) || math.IsInf(x, 0) {
		panic("regress: x is not finite")
	}
	if math.Signbit(x) && x < 10 && math.Signbit(x) {
		return -x * x
	}
	return x * x
}
