// Package hessian holds annotated functions whose dense Hessians
// (//godiff:hessian) the tests check against finite differences of their
// gradients, against their Hessian-vector products column by column, for
// symmetry, and, for the chapter's network and Rosenbrock's function,
// against Hessians worked out by hand.
package hessian

//go:generate go run github.com/godiff/godiff/cmd/godiff funcs.go

import "math"

// Loss is the chapter's 2-2-1 ReLU network's squared error (as in
// examples/chapter), differentiated in its nine parameters.
//
//godiff:grad w11 w12 w21 w22 w3 w4 b1 b2 b3
//godiff:hessian w11 w12 w21 w22 w3 w4 b1 b2 b3
func Loss(w11, w12, w21, w22, w3, w4, b1, b2, b3, x1, x2, y float64) float64 {
	z1 := w11*x1 + w21*x2 + b1
	z2 := w12*x1 + w22*x2 + b2
	h1 := math.Max(0, z1) // ReLU
	h2 := math.Max(0, z2)
	yhat := w3*h1 + w4*h2 + b3
	e := yhat - y
	return e * e
}

// Rosen is Rosenbrock's function of two scalars.
//
//godiff:grad
//godiff:hessian
func Rosen(x, y float64) float64 {
	a := 1 - x
	b := y - x*x
	return a*a + 100*b*b
}

// ExtRosen is the extended Rosenbrock function, with its own
// //godiff:hvp, which FHessian shares.
//
//godiff:grad
//godiff:hvp
//godiff:hessian
func ExtRosen(x []float64) float64 {
	s := 0.0
	for i := 0; i+1 < len(x); i++ {
		a := 1 - x[i]
		b := x[i+1] - x[i]*x[i]
		s += a*a + 100*b*b
	}
	return s
}

// Mixed is a loop over slices with a float beside them: a weighted
// log-sum-exp of x scaled by y, plus a coupling of neighbours; a is a
// constant.
//
//godiff:grad x y
//godiff:hessian x y
func Mixed(a, x []float64, y float64) float64 {
	s := 0.0
	c := 0.0
	for i := range x {
		s += a[i] * math.Exp(y*x[i])
		if i > 0 {
			c += math.Sin(x[i] * x[i-1])
		}
	}
	return math.Log(s) + c*y
}

// Single is float32: the Hessian is float64 all the same.
//
//godiff:grad
//godiff:hessian
func Single(x, y float32) float32 {
	return x*x*y + y*y*y
}

// Piece returns early from branches that record values on the
// gradient's tape: its Hessian's vector sweep records their tangents
// beside them.
//
//godiff:grad
//godiff:hessian
func Piece(x, y float64) float64 {
	if x > 0 {
		if y > 1 {
			return x * y * y
		}
		return math.Sin(x) * y
	}
	return math.Exp(y) * x * x
}

// Orbit is a loop of floats recording each step.
//
//godiff:grad
//godiff:hessian
func Orbit(x, y float64) float64 {
	s := x
	for k := 0; k < 5; k++ {
		s = math.Sin(s*y) + x
	}
	return s * s
}

// softplus and dot are helpers the Hessians below call: FHVP inlines
// them.
func softplus(z float64) float64 {
	if z > 0 {
		return z + math.Log1p(math.Exp(-z))
	}
	return math.Log1p(math.Exp(z))
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// LogLossHelpers is a logistic regression's loss, -log σ(±aᵢ·w) written as
// softplus, on the rows of a (len(w) columns) with labels y (±1), plus
// a ridge term: helpers called in a loop.
//
//godiff:grad w
//godiff:hessian w
func LogLossHelpers(w, a, y []float64) float64 {
	n := len(w)
	s := 0.0
	for i := range y {
		s += softplus(-y[i] * dot(a[i*n:(i+1)*n], w))
	}
	return s + 0.1*dot(w, w)
}

// Spiral calls a helper in a loop that may leave early, by a return.
//
//godiff:grad
//godiff:hessian
func Spiral(x, y float64) float64 {
	s := 0.0
	for k := 1; k <= 6; k++ {
		s += softplus(x*float64(k)-y) * y
		if s > 20 {
			return s * x
		}
	}
	return s * x * x
}

// Quartic couples a slice and a float without recording anything on the
// gradient's tape: its Hessian takes the vector JVP of the gradient, 8
// columns per sweep, the float's column among them.
//
//godiff:grad
//godiff:hessian
func Quartic(x []float64, y float64) float64 {
	s := 0.0
	for i := range x {
		s += y*x[i]*x[i]*x[i] + x[i]*y*y
		if i > 0 {
			s += x[i] * x[i-1] * y
		}
	}
	return s
}

// LogLoss is the L2-regularised negative log-likelihood of a logistic
// regression with weights w on the m×d row-major data a and labels y in
// {-1, +1} (as in extra/optimize). Its gradient records exp on its
// tape, and its Hessian's sweeps record 8 tangents of each.
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
