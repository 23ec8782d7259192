package hessian

//go:generate go run github.com/godiff/godiff/cmd/godiff structs.go

import "math"

// Act is a nested struct of MLP: its fields are inputs of the Hessian
// too, after the fields declared before it.
type Act struct{ Scale, Shift float64 }

// MLP is a network of one hidden tanh layer, its weights slices in a
// struct: W1 is Hidden×len(x) row-major.
type MLP struct {
	W1  []float64
	B1  []float64
	Act Act
	W2  []float64
	B2  float64
	N   int // the inputs per point: read, never differentiated
}

// Fit is the squared error of m on the points x (m.N numbers each) with
// targets y. Its Hessian is over m's float fields in their order.
//
//godiff:hvp m
//godiff:hessian m
func (m *MLP) Fit(x, y []float64) float64 {
	s := 0.0
	for k := range y {
		out := m.B2
		for i := range m.B1 {
			z := m.B1[i]
			for j := range m.N {
				z += m.W1[i*m.N+j] * x[k*m.N+j]
			}
			out += m.W2[i] * math.Tanh(m.Act.Scale*z+m.Act.Shift)
		}
		e := out - y[k]
		s += e * e
	}
	return s
}

// Damp writes into out and has one input, c: its Hessian's one sweep
// passes the vector JVP the tangents of out as [][1]float64 (it passed
// []float64, which did not build: fuzzing's seed 951).
//
//godiff:hessian c
func Damp(c float64, out []float64) float64 {
	s := 0.0
	for i := range out {
		out[i] = math.Sin(c * float64(i+1))
		s += out[i] * out[i] * c
	}
	return s
}

// Relax updates x in place, each entry pulled towards its neighbour's
// square scaled by c, and writes exp of each into out; it returns a
// weighted sum. Its Hessian is of Relax as it runs once on the x passed.
//
//godiff:hvp x c
//godiff:hessian x c
func Relax(x, out []float64, c float64) float64 {
	s := 0.0
	for i := range x {
		if i > 0 {
			x[i] = x[i] + c*x[i-1]*x[i-1]
		}
		out[i] = math.Exp(0.3 * x[i])
		s += out[i] * x[i]
	}
	return s
}

// Scaled takes its parameters as a struct of floats only: one sweep of
// the gradient's vector JVP.
//
//godiff:hessian p
func Scaled(p Act, x float64) float64 {
	return math.Sin(p.Scale*x) * p.Shift * p.Shift
}
