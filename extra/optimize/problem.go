package main

import (
	"math/rand/v2"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// An objective is a function to minimise, with godiff's gradient and
// Hessian of it, a starting point and its known minimiser.
type objective struct {
	name   string
	f      func(x []float64) float64
	grad   func(x []float64) (float64, []float64)
	hessTo func(h [][]float64, x []float64)
	x0     []float64
}

// rosenbrock is the extended Rosenbrock function of n variables from 0;
// its minimiser is (1, ..., 1).
func rosenbrock(n int) objective {
	return objective{
		name:   "extended Rosenbrock",
		f:      ExtRosen,
		grad:   ExtRosenGrad,
		hessTo: func(h [][]float64, x []float64) { ExtRosenHessianTo(h, x) },
		x0:     make([]float64, n),
	}
}

// lambda is the logistic regression's regularisation.
const lambda = 1.0

// logistic is a logistic regression of d weights on m points drawn from
// a fixed seed: features standard normal, labels from a true weight
// vector with noise; from w = 0.
func logistic(m, d int) objective {
	rng := rand.New(rand.NewPCG(1, 2))
	truth := make([]float64, d)
	for j := range truth {
		truth[j] = rng.NormFloat64()
	}
	a := make([]float64, m*d)
	y := make([]float64, m)
	for k := range m {
		z := rng.NormFloat64()
		for j := range d {
			a[k*d+j] = rng.NormFloat64()
			z += a[k*d+j] * truth[j]
		}
		y[k] = 1
		if z < 0 {
			y[k] = -1
		}
	}
	return objective{
		name: "logistic regression",
		f:    func(w []float64) float64 { return LogLoss(w, a, y, lambda) },
		grad: func(w []float64) (float64, []float64) {
			f, g := LogLossGrad(w, a, y, lambda)
			return f, g
		},
		hessTo: func(h [][]float64, w []float64) { LogLossHessianTo(h, w, a, y, lambda) },
		x0:     make([]float64, d),
	}
}

// godiffProblem is o for gonum's optimisers, its gradient and Hessian
// from godiff's generated functions. The Hessian is written into a
// matrix kept between calls, then copied into gonum's.
func godiffProblem(o objective) optimize.Problem {
	n := len(o.x0)
	h := make([][]float64, n)
	for i := range h {
		h[i] = make([]float64, n)
	}
	return optimize.Problem{
		Func: o.f,
		Grad: func(grad, x []float64) {
			_, g := o.grad(x)
			copy(grad, g)
		},
		Hess: func(hess *mat.SymDense, x []float64) {
			o.hessTo(h, x)
			for i := range n {
				for j := i; j < n; j++ {
					hess.SetSym(i, j, h[i][j])
				}
			}
		},
	}
}

// fdProblem is o with the gradient and Hessian by gonum's finite
// differences: central differences for the gradient, fd's default
// formula for the Hessian.
func fdProblem(o objective) optimize.Problem {
	return optimize.Problem{
		Func: o.f,
		Grad: func(grad, x []float64) {
			fd.Gradient(grad, o.f, x, &fd.Settings{Formula: fd.Central})
		},
		Hess: func(hess *mat.SymDense, x []float64) {
			fd.Hessian(hess, o.f, x, nil)
		},
	}
}

// A run is one optimiser on one problem, and what it did.
type run struct {
	name   string
	result *optimize.Result
	err    error
}

// runs minimises o with BFGS and Newton, derivatives from godiff and
// from finite differences, each reps times: the result is the fastest
// run's (all take the same steps; the machine's load varies the time).
func runs(o objective, reps int) []run {
	cases := []struct {
		name    string
		problem optimize.Problem
		method  optimize.Method
	}{
		{"BFGS, godiff gradient", godiffProblem(o), &optimize.BFGS{}},
		{"Newton, godiff Hessian", godiffProblem(o), &optimize.Newton{}},
		{"BFGS, finite-difference gradient", fdProblem(o), &optimize.BFGS{}},
		{"Newton, finite-difference Hessian", fdProblem(o), &optimize.Newton{}},
	}
	var out []run
	for _, c := range cases {
		r := run{name: c.name}
		for range max(reps, 1) {
			res, err := optimize.Minimize(c.problem, append([]float64(nil), o.x0...), &optimize.Settings{GradientThreshold: 1e-6}, c.method)
			if r.result == nil || res != nil && res.Runtime < r.result.Runtime {
				r.result, r.err = res, err
			}
		}
		out = append(out, r)
	}
	return out
}
