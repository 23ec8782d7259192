package fixedtapes

import "math"

//go:generate go run github.com/godiff/godiff/cmd/godiff funcs.go

// rotate writes into out the vector v rotated about the axis k by the
// angle ‖k‖ (Rodrigues' formula), as BA's rodriguesRotatePoint does: local
// arrays, a loop of constant trip count, an output slice.
func rotate(k, v, out []float64) {
	theta := math.Sqrt(k[0]*k[0] + k[1]*k[1] + k[2]*k[2])
	var u, c [3]float64
	u[0] = k[0] / theta
	u[1] = k[1] / theta
	u[2] = k[2] / theta
	c[0] = u[1]*v[2] - u[2]*v[1]
	c[1] = u[2]*v[0] - u[0]*v[2]
	c[2] = u[0]*v[1] - u[1]*v[0]
	dot := u[0]*v[0] + u[1]*v[1] + u[2]*v[2]
	cos, sin := math.Cos(theta), math.Sin(theta)
	for i := 0; i < 3; i++ {
		out[i] = v[i]*cos + c[i]*sin + u[i]*dot*(1-cos)
	}
}

// Spin is Σ sin(r_i)·r_i over the rotated vector r = rotate(k, v). Its
// call of rotate runs once per run: reverse mode inlines it, and its tape
// holds single values and a stack of 3 entries, an array.
//
//godiff:grad k v
//godiff:jvp k v
func Spin(k, v []float64) float64 {
	var r [3]float64
	rotate(k, v, r[:])
	s := 0.0
	for i := 0; i < 3; i++ {
		s += math.Sin(r[i]) * r[i]
	}
	return s
}

// SpinLooped is Spin with its call of rotate in a loop of one iteration:
// the call stays a call (a helper with local arrays is inlined only where
// it runs once per run), whose record makes the tape come from a pool. Its
// gradient is Spin's, bit for bit.
//
//godiff:grad k v
func SpinLooped(k, v []float64) float64 {
	var r [3]float64
	for j := 0; j < 1; j++ {
		rotate(k, v, r[:])
	}
	s := 0.0
	for i := 0; i < 3; i++ {
		s += math.Sin(r[i]) * r[i]
	}
	return s
}

// Steps is x pushed through steps in loops of constant trip counts,
// in nested loops and a branch: its stacks hold at most 2·4 and 3
// entries, arrays of those lengths.
//
//godiff:grad
//godiff:jvp
func Steps(x, a float64) float64 {
	for i := 0; i < 2; i++ {
		for j := range 4 {
			x = math.Sin(x*a + float64(j))
		}
	}
	if x > 0 {
		for i := 0; i <= 2; i++ {
			x = x * math.Cos(x+a)
		}
	}
	return x
}
