package main

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/functions"
)

// Every method reaches the minimum: the extended Rosenbrock function's
// at (1, ..., 1), and the logistic regression's, where the gradient
// vanishes (checked with godiff's gradient).
func TestConvergence(t *testing.T) {
	for _, o := range []objective{rosenbrock(30), logistic(200, 8)} {
		for _, r := range runs(o, 1) {
			t.Run(o.name+"/"+r.name, func(t *testing.T) {
				if r.err != nil {
					t.Fatalf("Minimize: %v", r.err)
				}
				if g := gradNorm(o, r.result.X); g > 1e-6 {
					t.Errorf("|∇f(x)|∞ = %v at the end", g)
				}
				if o.name == "extended Rosenbrock" {
					for i, xi := range r.result.X {
						if math.Abs(xi-1) > 1e-6 {
							t.Fatalf("x[%d] = %v, want 1", i, xi)
						}
					}
				}
			})
		}
	}
	// Newton with godiff's exact Hessian takes fewer iterations than BFGS
	// on the logistic regression, as it should on a smooth convex problem.
	rs := runs(logistic(200, 8), 1)
	if bfgs, newton := rs[0].result.MajorIterations, rs[1].result.MajorIterations; newton >= bfgs {
		t.Errorf("Newton took %d iterations, BFGS %d", newton, bfgs)
	}
}

// godiff's gradient and Hessian agree with gonum's finite differences
// (and, for the extended Rosenbrock function, the gradient with gonum's
// hand-written one) at random points.
func TestDerivativesAgreeWithGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, o := range []objective{rosenbrock(12), logistic(50, 6)} {
		n := len(o.x0)
		for range 3 {
			x := make([]float64, n)
			for i := range x {
				x[i] = 2*rng.Float64() - 1
			}
			_, g := o.grad(x)
			want := fd.Gradient(nil, o.f, x, &fd.Settings{Formula: fd.Central})
			for i := range g {
				if !near(g[i], want[i], 1e-6) {
					t.Errorf("%s: ∂f/∂x%d = %v, finite differences %v", o.name, i, g[i], want[i])
				}
			}
			h := make([][]float64, n)
			for i := range h {
				h[i] = make([]float64, n)
			}
			o.hessTo(h, x)
			fdh := mat.NewSymDense(n, nil)
			fd.Hessian(fdh, o.f, x, &fd.Settings{Formula: fd.Central})
			for i := range n {
				for j := range n {
					if !near(h[i][j], fdh.At(i, j), 1e-4) {
						t.Errorf("%s: H[%d][%d] = %v, finite differences %v", o.name, i, j, h[i][j], fdh.At(i, j))
					}
				}
			}
			if o.name != "extended Rosenbrock" {
				continue
			}
			var exact functions.ExtendedRosenbrock
			eg := make([]float64, n)
			exact.Grad(eg, x)
			for i := range n {
				if !near(g[i], eg[i], 1e-13) {
					t.Errorf("∂f/∂x%d = %v, gonum's hand-written gradient %v", i, g[i], eg[i])
				}
			}
		}
	}
}

// near reports whether got is within tol of want, relative to the larger
// of 1 and |want|.
func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}
