package regress

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// GrowLast: values bit for bit, the gradient against the formula
// r = a0 + (a1 + a0·x)(1 + x), FVJP with seed 1 against FGrad, FJVP
// against the gradient.
func TestRangeIndexesWritingThroughSlice(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 551))
	for range 10 {
		p := fdcheck.Uniform(rng, 3, -1.5, 1.5)
		a, x := [2]float64{p[0], p[1]}, p[2]
		y, da, dx := GrowLastGrad(a, x)
		if f := GrowLast(a, x); y != f {
			t.Fatalf("GrowLastGrad%v's value %v, F's %v", p, y, f)
		}
		want := []float64{1 + x*(1+x), 1 + x, a[0]*(1+x) + a[1] + a[0]*x}
		got := []float64{da[0], da[1], dx}
		if m := fdcheck.Mismatch(got, want, 1e-12); m != "" {
			t.Errorf("GrowLastGrad at %v: %s", p, m)
		}
		if _, va, vx := GrowLastVJP(a, x, 1); va != da || vx != dx {
			t.Errorf("GrowLastVJP at %v: %v %v, FGrad %v %v", p, va, vx, da, dx)
		}
		v := fdcheck.Uniform(rng, 3, -1, 1)
		if _, d := GrowLastJVP(a, x, [2]float64{v[0], v[1]}, v[2]); !fdcheck.Close(d, fdcheck.Dot(v, want), 1e-12) {
			t.Errorf("GrowLastJVP at %v along %v = %v, <v, grad> = %v", p, v, d, fdcheck.Dot(v, want))
		}
	}
}
