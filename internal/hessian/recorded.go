package hessian

//go:generate go run github.com/godiff/godiff/cmd/godiff recorded.go

import "math"

// Buffers makes a buffer in each iteration of a loop, which the gradient
// records on its tape (a slice on the tape): the Hessian's vector sweeps
// keep the buffer's tangents, 8 per element, on a tape beside it.
//
//godiff:hvp
//godiff:hessian
func Buffers(x []float64, w float64) float64 {
	s := 0.0
	for k := 1; k <= 3; k++ {
		h := make([]float64, len(x))
		for i := range h {
			h[i] = math.Tanh(w * x[i] * float64(k))
		}
		s += h[0] * dot(h, x)
	}
	return s
}

// Branchy makes a buffer in a branch, and records values there.
//
//godiff:hvp
//godiff:hessian
func Branchy(x []float64, w float64) float64 {
	s := 0.0
	if w > 0 {
		h := make([]float64, len(x))
		for i := range h {
			h[i] = math.Sin(w * x[i])
		}
		s += dot(h, h) * x[0]
	} else {
		s = math.Exp(w*x[0]) * x[len(x)-1]
	}
	return s
}
