// Functions whose FGrad and FVJP return several slices of one element
// type: the results share one backing array, each capped where it ends,
// and FJacobian, which runs FJacobianTo's computation on buffers of its
// own.

package regress

import "math"

// Blend is Σ a[i]·b[i]² + c·Σ sin(b[i]) over the first len(a) elements
// of b, plus c² for every element of b past them.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Blend(a, b []float64, c float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i]*b[i]*b[i] + c*math.Sin(b[i])
	}
	for i := len(a); i < len(b); i++ {
		s += c * c * b[i]
	}
	return s
}

// Warp writes into out a smooth map of x, y and k, and returns
// Σ out[i]²: its Jacobian has a row for the result and one per element
// of out, a column per element of x and y and one for k.
//
//godiff:vjp x y k
//godiff:jvp x y k
//godiff:jacobian x y k
func Warp(x, y []float64, k float64, out []float64) float64 {
	r := 0.0
	for i := range out {
		v := x[i%len(x)]*math.Cos(k*y[i%len(y)]) + y[i%len(y)]*y[i%len(y)]
		out[i] = v
		r += v * v
	}
	return r
}
