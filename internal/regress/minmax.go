package regress

import "math"

// The builtins min and max with constant leading arguments: the chain
// min(min(2, 0.5), x) folds its constant pair (was: an internal error,
// "operation on constants only"; srcgen seed 11 program 97).

// ConstMinMax mixes constant and variable arguments of min and max.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func ConstMinMax(x float64) float64 {
	return min(2, 0.5, x) + max(-1, 3, x*x) + min(math.Pi, -(math.Pi+2), x) + max(0.25, x, 1)
}
