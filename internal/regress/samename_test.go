package regress

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// Sq.F and Lm.F, each through its own generated methods: values bit for
// bit, finite differences, FVJP with seed 1 against FGrad.
func TestSameMethodName(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 1))
	for range 20 {
		p := fdcheck.Uniform(rng, 4, -2, 2) // L, M, x0, x1
		b, x := Lm{p[0], p[1]}, p[2:]
		y, dx := b.FGrad(x)
		if want := b.F(x); y != want {
			t.Fatalf("Lm.FGrad's value %v, F's %v", y, want)
		}
		fd := fdcheck.Gradient(func(q []float64) float64 { return Lm{q[0], q[1]}.F(q[2:]) }, p)
		if m := fdcheck.Mismatch(dx, fd[2:], 1e-7); m != "" {
			t.Errorf("Lm.FGrad at %v: %s", p, m)
		}
		_, db, dxv := b.FVJP(x, 1)
		if m := fdcheck.Mismatch(append([]float64{db.L, db.M}, dxv...), fd, 1e-7); m != "" {
			t.Errorf("Lm.FVJP at %v: %s", p, m)
		}
		ys, dxs := Sq{}.FGrad(x)
		if ys != x[0]*x[0] || dxs[0] != 2*x[0] || dxs[1] != 0 {
			t.Errorf("Sq.FGrad(%v) = %v, %v; want %v, [%v 0]", x, ys, dxs, x[0]*x[0], 2*x[0])
		}
		if _, dxv := (Sq{}).FVJP(x, 1); dxv[0] != dxs[0] || dxv[1] != dxs[1] {
			t.Errorf("Sq.FVJP with seed 1 %v, FGrad %v", dxv, dxs)
		}
	}
}
