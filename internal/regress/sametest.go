package regress

import "math"

// A test repeated in one condition, math.IsNaN(x) || math.IsNaN(x): the
// call is computed once, and the output must not say c || c, which go vet
// reports (was: a_godiff.go failed go vet; srcgen seed 5 program 34).

// NaNGuard squares x after guarding it twice.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func NaNGuard(x float64) float64 {
	if math.IsNaN(x) || math.IsNaN(x) || math.IsInf(x, 0) {
		panic("regress: x is not finite")
	}
	if math.Signbit(x) && math.Signbit(x) {
		return -x * x
	}
	return x * x
}
