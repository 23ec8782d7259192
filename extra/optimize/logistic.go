package main

//go:generate go run github.com/godiff/godiff/cmd/godiff logistic.go

import "math"

// LogLoss is the L2-regularised negative log-likelihood of a logistic
// regression with weights w on the m×d row-major data a and labels y in
// {-1, +1}: Σ log(1 + exp(-y_k a_k·w)) + λ/2 |w|². It is convex, so
// Newton's method converges from anywhere in a few iterations.
//
//godiff:grad w
//godiff:hessian w
func LogLoss(w, a, y []float64, lambda float64) float64 {
	d := len(w)
	s := 0.0
	for k := range y {
		z := 0.0
		for j := range d {
			z += a[k*d+j] * w[j]
		}
		s += math.Log1p(math.Exp(-y[k] * z))
	}
	r := 0.0
	for j := range d {
		r += w[j] * w[j]
	}
	return s + 0.5*lambda*r
}
