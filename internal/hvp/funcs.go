// Package hvp holds annotated functions whose Hessian-vector products
// (//godiff:hvp) the tests check against finite differences of their
// gradients, against symmetry, and against the Jacobian of the gradient.
package hvp

//go:generate go run github.com/godiff/godiff/cmd/godiff funcs.go

import "math"

// Rosen is Rosenbrock's function of two scalars: straight-line code.
//
//godiff:grad
//godiff:hvp
func Rosen(x, y float64) float64 {
	a := 1 - x
	b := y - x*x
	return a*a + 100*b*b
}

// Trig mixes math functions, whose second derivatives come from the
// rules of their first.
//
//godiff:grad
//godiff:hvp
func Trig(x, y, z float64) float64 {
	return math.Sin(x*y) + math.Exp(z)*x*x + math.Log(1+y*y)*math.Cos(z) + math.Sqrt(1+x*x+z*z)
}

// TrigX is Trig differentiated with respect to x and z only: y is a
// constant of the Hessian.
//
//godiff:grad x z
//godiff:hvp x z
func TrigX(x, y, z float64) float64 {
	return math.Sin(x*y) + math.Exp(z)*x*x + math.Log(1+y*y)*math.Cos(z) + math.Sqrt(1+x*x+z*z)
}

// SumCubes is a loop over a slice.
//
//godiff:grad
//godiff:hvp
func SumCubes(x []float64) float64 {
	s := 0.0
	for i := range x {
		s += x[i] * x[i] * x[i]
	}
	return s
}

// ExtRosen is the extended Rosenbrock function: a counted loop reading
// two elements per iteration.
//
//godiff:grad
//godiff:hvp
func ExtRosen(x []float64) float64 {
	s := 0.0
	for i := 0; i+1 < len(x); i++ {
		a := 1 - x[i]
		b := x[i+1] - x[i]*x[i]
		s += a*a + 100*b*b
	}
	return s
}

// Quad is the quadratic form xᵀAx of a row-major n×n matrix a, with
// respect to x only: its Hessian is A + Aᵀ.
//
//godiff:grad x
//godiff:hvp x
func Quad(a, x []float64) float64 {
	n := len(x)
	s := 0.0
	for i := range n {
		for j := range n {
			s += x[i] * a[i*n+j] * x[j]
		}
	}
	return s
}

// LogSumExp records exp(x[i]) in a loop for its gradient: the HVP's
// tangent tape is a parallel stack.
//
//godiff:grad
//godiff:hvp
func LogSumExp(x []float64) float64 {
	s := 0.0
	for _, xi := range x {
		s += math.Exp(xi)
	}
	return math.Log(s)
}

// Branch takes one of two branches, each recording a value.
//
//godiff:grad
//godiff:hvp
func Branch(x, y float64) float64 {
	r := 0.0
	if x > 0 {
		r = math.Sin(x) * y
	} else {
		r = x * y * y
	}
	return r
}

// Softplus sums a branch per element, inside a loop: values recorded in
// a branch of a loop.
//
//godiff:grad
//godiff:hvp
func Softplus(x []float64) float64 {
	s := 0.0
	for i := range x {
		if x[i] > 0 {
			s += x[i] + math.Log1p(math.Exp(-x[i]))
		} else {
			s += math.Log1p(math.Exp(x[i])) * x[i]
		}
	}
	return s
}

// LogExp is Σ log(1 + exp(c·x[i])), softplus written as users write it,
// whose second derivative, c²·e/(1+e)² with e = exp(c·x[i]), the chain
// rule reaches through the quotient e/(1+e): at c·x[i] past 355, (1+e)²
// overflows, and the quotient's partial −y/b underflowed (see
// rules.TimesTangent).
//
//godiff:grad x
//godiff:hvp x
func LogExp(x []float64, c float64) float64 {
	s := 0.0
	for i := range x {
		s += math.Log(1 + math.Exp(c*x[i]))
	}
	return s
}

// Iterate is a loop that may leave early: the gradient records its trip
// count and each iteration's values.
//
//godiff:grad
//godiff:hvp
func Iterate(x, y float64) float64 {
	s := x
	for k := 0; k < 20; k++ {
		s = s*y + math.Sin(s)
		if s > 10 {
			break
		}
	}
	return s * x
}

// Nested records in an inner loop.
//
//godiff:grad
//godiff:hvp
func Nested(x []float64) float64 {
	s := 0.0
	for i := range x {
		p := 1.0
		for j := range x {
			p *= math.Tanh(x[i] * x[j])
		}
		s += p
	}
	return s
}

// Early returns from branches that record values.
//
//godiff:grad
//godiff:hvp
func Early(x, y float64) float64 {
	if x > 0 {
		if y > 1 {
			return x * y * y
		}
		return math.Sin(x) * y
	}
	return math.Exp(y) * x * x
}

// dot, sigmoid, sqnorm and logSumExp are the helpers of real numeric
// code: FHVP inlines them, a call of a call too.
func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

func sqnorm(x []float64) float64 { return dot(x, x) }

func logSumExp(x []float64) float64 {
	m := x[0]
	for _, xi := range x {
		m = max(m, xi)
	}
	s := 0.0
	for _, xi := range x {
		s += math.Exp(xi - m)
	}
	return m + math.Log(s)
}

// LogLoss is the regularised loss of a logistic regression on the rows
// of a (row-major, len(w) columns) with labels y: helpers of slices
// called in a loop.
//
//godiff:grad w
//godiff:hvp w
func LogLoss(w, a, y []float64) float64 {
	n := len(w)
	s := 0.0
	for i := range y {
		p := sigmoid(dot(a[i*n:(i+1)*n], w))
		s -= y[i]*math.Log(p) + (1-y[i])*math.Log(1-p)
	}
	return s + 0.5*sqnorm(w)
}

// CrossEntropy is the softmax cross-entropy of the scores x for class 0:
// a helper with two loops and a max.
//
//godiff:grad
//godiff:hvp
func CrossEntropy(x []float64) float64 {
	return logSumExp(x) - x[0]
}

// polar has two results, and a callee of its own.
func polar(x, y float64) (r, th float64) {
	return math.Sqrt(sq(x) + sq(y)), math.Atan2(y, x)
}

func sq(x float64) float64 { return x * x }

// Polar calls a helper of two results.
//
//godiff:grad
//godiff:hvp
func Polar(x, y float64) float64 {
	r, th := polar(x, y)
	return r * r * math.Cos(th) * sq(y)
}

// firstAbove returns from inside a loop.
func firstAbove(x []float64, c float64) float64 {
	for i := range x {
		if x[i] > c {
			return x[i] * x[i] * c
		}
	}
	return c * c
}

// Search returns from inside a loop, and calls a helper that does.
//
//godiff:grad
//godiff:hvp
func Search(x []float64, c float64) float64 {
	for i := range x {
		for j := range i {
			if x[i]*x[j] > c {
				return math.Sin(x[i]) * x[j] * firstAbove(x, c)
			}
		}
	}
	return firstAbove(x, c) * c
}

// Layers makes a buffer in each iteration of a loop, which the gradient
// records (a slice on the tape, its tangent memory on the tangent tape)
// and reads back through a helper.
//
//godiff:grad
//godiff:hvp
func Layers(x []float64, w float64) float64 {
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

// Pick makes a buffer in a branch.
//
//godiff:grad
//godiff:hvp
func Pick(x []float64, w float64) float64 {
	s := 0.0
	if w > 0 {
		h := make([]float64, len(x))
		for i := range h {
			h[i] = math.Sin(w * x[i])
		}
		s = dot(h, h) * h[0]
	} else {
		s = w * w * sqnorm(x)
	}
	return s
}

// RowsLSE passes the rows of a slice of slices to a helper.
//
//godiff:grad
//godiff:hvp
func RowsLSE(m [][]float64) float64 {
	s := 0.0
	for i := range m {
		s += logSumExp(m[i]) * m[i][0]
	}
	return s
}

// Net is a one-layer network: its weights W (one per input) and scale C.
type Net struct {
	W []float64
	C float64
}

// hidden is a method the loss calls: inlined, the receiver's fields
// the caller's.
func (n *Net) hidden(x float64) float64 { return math.Tanh(n.C * x) }

// Loss is a method: FHVP takes the direction of the receiver as a *Net
// and returns the gradient and H·v of its fields as *Net.
//
//godiff:grad
//godiff:hvp
func (n *Net) Loss(x []float64) float64 {
	s := 0.0
	for i := range x {
		s += n.W[i] * x[i] * n.hidden(x[i])
	}
	return s * n.C
}

// Pair is a struct of two floats.
type Pair struct{ A, B float64 }

// Spring takes a struct parameter, differentiated, and one that is not.
//
//godiff:grad p
//godiff:hvp p
func Spring(p, rest Pair) float64 {
	da, db := p.A-rest.A, p.B-rest.B
	return sq(da)*math.Exp(db) + sq(db)*p.A
}

// Render writes into out, a parameter not differentiated: FHVP takes a
// buffer dout for the derivative of out along v.
//
//godiff:grad x
//godiff:hvp x
func Render(x, out []float64) float64 {
	for i := range x {
		out[i] = math.Sin(x[i]) * x[0]
	}
	return sqnorm(out)
}

// Square updates x in place: FHVP works on a copy of the direction.
//
//godiff:grad
//godiff:hvp
func Square(x []float64) float64 {
	for i := range x {
		x[i] = x[i] * x[i]
	}
	return x[0] * dot(x, x)
}
