package hvp

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// SpreadHVP (a nil slice passed to an inlined call, nilarg.go) builds, its
// value and gradient are SpreadGrad's, and H·v is the central difference
// of SpreadGrad along v.
func TestHVPNilArgument(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 13))
	for range 5 {
		p := fdcheck.Uniform(rng, 4, 0.5, 2) // x[0:3], m
		v := fdcheck.Uniform(rng, 4, -1, 1)
		y0, gx0, gm0 := SpreadGrad(p[:3], p[3])
		y, gx, gm, hx, hm := SpreadHVP(p[:3], p[3], v[:3], v[3])
		if y != y0 {
			t.Fatalf("SpreadHVP's value %v, SpreadGrad's %v", y, y0)
		}
		if msg := fdcheck.Mismatch(append(gx, gm), append(gx0, gm0), 1e-12); msg != "" {
			t.Errorf("SpreadHVP's gradient against SpreadGrad's: %s", msg)
		}
		jac := fdcheck.Jacobian(func(s []float64) []float64 {
			q := make([]float64, 4)
			for i := range q {
				q[i] = p[i] + s[0]*v[i]
			}
			_, g, gm := SpreadGrad(q[:3], q[3])
			return append(g, gm)
		}, []float64{0})
		want := make([]float64, 4)
		for i := range want {
			want[i] = jac[i][0]
		}
		if msg := fdcheck.Mismatch(append(hx, hm), want, 1e-6); msg != "" {
			t.Errorf("H·v at %v along %v against differences of the gradient: %s", p, v, msg)
		}
	}
}
