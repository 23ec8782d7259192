package regress

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// BranchOnCall on both sides of its branch: values bit for bit, the
// gradient against the formula and finite differences, FVJP with seed 1
// against FGrad, FJVP against the gradient.
func TestCallWithRespectToNone(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 35))
	for _, y := range []float64{3.5, 2.5, 1.5, -0.7, 0.3} {
		x := fdcheck.Uniform(rng, 1, -2, 2)[0]
		want, dyWant := 3*y*y, 6*y // keepFirst([y, 3y], y)[1]·y
		if y > 2 {
			want, dyWant = y*y, 2*y
		}
		v, dy, dx := BranchOnCallGrad(y, x)
		if f := BranchOnCall(y, x); v != f || f != want {
			t.Errorf("BranchOnCall(%v, %v) = %v, FGrad's value %v, want %v", y, x, f, v, want)
		}
		if !fdcheck.Close(dy, dyWant, 1e-14) || dx != 0 {
			t.Errorf("BranchOnCallGrad(%v, %v) = %v, %v; want %v, 0", y, x, dy, dx, dyWant)
		}
		fd := fdcheck.Gradient(func(q []float64) float64 { return BranchOnCall(q[0], q[1]) }, []float64{y, x})
		if m := fdcheck.Mismatch([]float64{dy, dx}, fd, 1e-7); m != "" {
			t.Errorf("BranchOnCallGrad(%v, %v) against finite differences: %s", y, x, m)
		}
		if _, vy, vx := BranchOnCallVJP(y, x, 1); vy != dy || vx != dx {
			t.Errorf("BranchOnCallVJP(%v, %v, 1) = %v, %v; FGrad %v, %v", y, x, vy, vx, dy, dx)
		}
		ty, tx := fdcheck.Uniform(rng, 1, -1, 1)[0], fdcheck.Uniform(rng, 1, -1, 1)[0]
		if _, d := BranchOnCallJVP(y, x, ty, tx); !fdcheck.Close(d, ty*dy+tx*dx, 1e-12) {
			t.Errorf("BranchOnCallJVP(%v, %v) along (%v, %v) = %v, <v, grad> = %v", y, x, ty, tx, d, ty*dy+tx*dx)
		}
	}
}
