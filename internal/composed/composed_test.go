package composed

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// A ccase is one annotated function of float64 scalars that calls a
// generated derivative, seen as a function of a slice of them, with its
// gradient and its JVP (nil if it has no //godiff:jvp).
type ccase struct {
	name string
	f    func(p []float64) float64
	grad func(p []float64) (float64, []float64)
	jvp  func(p, v []float64) (float64, float64)
	n    int
}

var cases = []ccase{
	{name: "Penalty", n: 2,
		f: func(p []float64) float64 { return Penalty(p[0], p[1]) },
		grad: func(p []float64) (float64, []float64) {
			f, dx, dy := PenaltyGrad(p[0], p[1])
			return f, []float64{dx, dy}
		},
		jvp: func(p, v []float64) (float64, float64) { return PenaltyJVP(p[0], p[1], v[0], v[1]) }},
	{name: "Step", n: 3,
		f: func(p []float64) float64 { return Step(p[0], p[1], p[2]) },
		grad: func(p []float64) (float64, []float64) {
			f, dx, dy, dlr := StepGrad(p[0], p[1], p[2])
			return f, []float64{dx, dy, dlr}
		},
		jvp: func(p, v []float64) (float64, float64) { return StepJVP(p[0], p[1], p[2], v[0], v[1], v[2]) }},
	{name: "Slope", n: 2,
		f: func(p []float64) float64 { return Slope(p[0], p[1]) },
		grad: func(p []float64) (float64, []float64) {
			f, dx, dy := SlopeGrad(p[0], p[1])
			return f, []float64{dx, dy}
		},
		jvp: func(p, v []float64) (float64, float64) { return SlopeJVP(p[0], p[1], v[0], v[1]) }},
	{name: "IterNorm", n: 2,
		f: func(p []float64) float64 { return IterNorm(p[0], p[1]) },
		grad: func(p []float64) (float64, []float64) {
			f, dx, dy := IterNormGrad(p[0], p[1])
			return f, []float64{dx, dy}
		},
		jvp: func(p, v []float64) (float64, float64) { return IterNormJVP(p[0], p[1], v[0], v[1]) }},
	{name: "PartialUse", n: 2,
		f: func(p []float64) float64 { return PartialUse(p[0], p[1]) },
		grad: func(p []float64) (float64, []float64) {
			f, dx, dy := PartialUseGrad(p[0], p[1])
			return f, []float64{dx, dy}
		},
		jvp: func(p, v []float64) (float64, float64) { return PartialUseJVP(p[0], p[1], v[0], v[1]) }},
	{name: "Pull", n: 2,
		f: func(p []float64) float64 { return Pull(p[0], p[1]) },
		grad: func(p []float64) (float64, []float64) {
			f, dx, dy := PullGrad(p[0], p[1])
			return f, []float64{dx, dy}
		},
		jvp: func(p, v []float64) (float64, float64) { return PullJVP(p[0], p[1], v[0], v[1]) }},
	{name: "Turn", n: 2,
		f: func(p []float64) float64 { return Turn(p[0], p[1]) },
		grad: func(p []float64) (float64, []float64) {
			f, dx, dy := TurnGrad(p[0], p[1])
			return f, []float64{dx, dy}
		},
		jvp: func(p, v []float64) (float64, float64) { return TurnJVP(p[0], p[1], v[0], v[1]) }},
	{name: "Spin", n: 2,
		f: func(p []float64) float64 { return Spin(p[0], p[1]) },
		grad: func(p []float64) (float64, []float64) {
			f, dx, dy := SpinGrad(p[0], p[1])
			return f, []float64{dx, dy}
		},
		jvp: func(p, v []float64) (float64, float64) { return SpinJVP(p[0], p[1], v[0], v[1]) }},
}

// Each composed function's gradient is the finite-difference gradient of
// the function, its JVP the gradient times the direction, and both
// return the function's value.
func TestComposedDerivatives(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 2))
	for _, c := range cases {
		for trial := range 5 {
			p := fdcheck.Uniform(rng, c.n, -1, 1)
			v := fdcheck.Uniform(rng, c.n, -1, 1)
			t.Run(c.name, func(t *testing.T) {
				t.Logf("trial %d p=%v v=%v", trial, p, v)
				f, g := c.grad(p)
				if want := c.f(p); f != want {
					t.Errorf("FGrad's result %v, F's %v", f, want)
				}
				jac := fdcheck.Jacobian(func(p []float64) []float64 { return []float64{c.f(p)} }, p)
				if msg := fdcheck.Mismatch(g, jac[0], 1e-6); msg != "" {
					t.Errorf("gradient against finite differences: %s", msg)
				}
				fj, d := c.jvp(p, v)
				if fj != f {
					t.Errorf("FJVP's result %v, F's %v", fj, f)
				}
				if want := fdcheck.Dot(g, v); !fdcheck.Close(d, want, 1e-12) {
					t.Errorf("JVP along v = %v, gradient · v = %v", d, want)
				}
			})
		}
	}
}

// The gradient-norm penalty's gradient by hand: with G's gradient g and
// Hessian H, ∇(G + |g|²) = g + 2 H g.
func TestPenaltyByHand(t *testing.T) {
	x, y := 0.7, -0.4
	_, gx, gy := GGrad(x, y)
	// G = sin(xy) + x²y + exp(0.3y).
	c, s := math.Cos(x*y), math.Sin(x*y)
	hxx := -s*y*y + 2*y
	hxy := c - s*x*y + 2*x
	hyy := -s*x*x + 0.09*math.Exp(0.3*y)
	_, dx, dy := PenaltyGrad(x, y)
	if want := gx + 2*(hxx*gx+hxy*gy); !fdcheck.Close(dx, want, 1e-13) {
		t.Errorf("∂/∂x = %v, want %v", dx, want)
	}
	if want := gy + 2*(hxy*gx+hyy*gy); !fdcheck.Close(dy, want, 1e-13) {
		t.Errorf("∂/∂y = %v, want %v", dy, want)
	}
}
