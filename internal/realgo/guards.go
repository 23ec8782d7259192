package realgo

import (
	"errors"
	"fmt"
	"log"
	"math"
)

// errLength is the message of a guard on two slices' lengths.
const errLength = "realgo: slice lengths differ"

// ErrNegative is the error a guard panics with.
var ErrNegative = errors.New("realgo: negative sum of squares")

// Rosen is the two-dimensional Rosenbrock function, guarded on the length
// of x as gonum's optimize/functions are.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Rosen(x []float64) float64 {
	if len(x) != 2 {
		panic("dimension of the problem must be 2")
	}
	a := 1 - x[0]
	b := x[1] - x[0]*x[0]
	return a*a + 100*b*b
}

// WeightedSquares is Σ w[i] x[i]², with weights 1 if w is nil; NaNs and
// infinities in x are skipped, negative entries count twice.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func WeightedSquares(x, w []float64, scale float64) float64 {
	if w != nil && len(w) != len(x) {
		panic(errLength)
	}
	if math.IsNaN(scale) || math.IsInf(scale, 0) {
		panic(fmt.Sprintf("realgo: scale %v for %d values", scale, len(x)))
	}
	s := 0.0
	for i := range x {
		if math.IsNaN(x[i]) || math.IsInf(x[i], 0) {
			continue
		}
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		term := wi * x[i] * x[i]
		if math.Signbit(x[i]) {
			term *= 2
		}
		s += term
	}
	if s < 0 {
		panic(ErrNegative)
	}
	return scale * s
}

// Steps guards every iteration of a loop, with log.Panicf: x must stay
// below limit as it is scaled.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Steps(x, rate, limit float64) float64 {
	for k := range 5 {
		x = x * rate
		if x > limit {
			log.Panicf("realgo: step %d went past %v", k, limit)
		}
	}
	return x
}

// norm is a helper godiff differentiates from its callers, guarded too.
func norm(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		if math.IsInf(v, 0) {
			panic(errors.New("realgo: norm of an infinite vector"))
		}
		s += v * v
	}
	return math.Sqrt(s)
}

// Dispatch picks a formula by length and panics, at the end of the
// function, on any other: Go knows a panic ends the run.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Dispatch(x []float64, a float64) float64 {
	switch len(x) {
	case 1:
		return a * x[0] * x[0]
	case 2, 3:
		return a * norm(x)
	}
	panic(fmt.Sprintf("realgo: Dispatch of %d values", len(x)))
}

// logOf is a helper of numbers godiff differentiates from its callers,
// guarded on its domain.
func logOf(x float64) float64 {
	if x <= 0 {
		panic(fmt.Sprintf("realgo: log of %v", x))
	}
	return math.Log(x)
}

// LogSum is Σ log(x[i]² + mu), through the guarded helper.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func LogSum(x []float64, mu float64) float64 {
	s := 0.0
	for i := range x {
		s += logOf(x[i]*x[i] + mu)
	}
	return s
}
