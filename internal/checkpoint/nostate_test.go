package checkpoint

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// Binomially reversed loops that carry nothing in variables (nostate.go):
// against finite differences and forward mode, and equal to the recorded
// gradients (to 1e-12: the body's adjoints are added per iteration) at
// trip counts 0 to 12, below, at and above the states held.
func TestRevolveWithoutState(t *testing.T) {
	for _, pr := range []struct {
		name      string
		f         func(w, xs []float64) float64
		grad, rec func(w, xs []float64) (float64, []float64)
		jvp       func(w, xs, v []float64) (float64, float64)
	}{
		{"HistogramRevolve", HistogramRevolve, HistogramRevolveGrad, HistogramRecordedGrad, HistogramRevolveJVP},
		{"HistogramDown", HistogramDown, HistogramDownGrad, HistogramDownRecordedGrad, HistogramDownJVP},
	} {
		t.Run(pr.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(9, uint64(len(pr.name))))
			for n := range 13 {
				xs := fdcheck.Uniform(rng, n, -1, 1)
				fdcheck.Check(t, fdcheck.Problem{
					Name:  pr.name,
					Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 3, -1, 1) },
					F:     func(w []float64) float64 { return pr.f(w, xs) },
					Grad:  func(w []float64) (float64, []float64) { return pr.grad(w, xs) },
					JVP:   func(w, v []float64) (float64, float64) { return pr.jvp(w, xs, v) },
				}, rng, 2, 1e-6)
				w := fdcheck.Uniform(rng, 1+n%3, -1, 1)
				y, g := pr.grad(w, xs)
				y0, g0 := pr.rec(w, xs)
				if y != y0 {
					t.Fatalf("n=%d: value %v, recorded %v", n, y, y0)
				}
				for i := range g0 {
					if math.Abs(g[i]-g0[i]) > 1e-12*math.Max(1, math.Abs(g0[i])) {
						t.Fatalf("n=%d: gradient entry %d is %v, recorded %v", n, i, g[i], g0[i])
					}
				}
			}
		})
	}
}

// NestedRevolve's gradient is the recorded one's (to 1e-12) for 0 to 9
// elements, and matches finite differences.
func TestRevolveNested(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 3))
	for n := range 10 {
		x := fdcheck.Uniform(rng, n, -2, 2)
		y, g := NestedRevolveGrad(x)
		y0, g0 := NestedRevolveRecordedGrad(x)
		if y != y0 {
			t.Fatalf("n=%d: value %v, recorded %v", n, y, y0)
		}
		if m := fdcheck.Mismatch(g, g0, 1e-12); m != "" {
			t.Fatalf("n=%d: gradient against the recorded one: %s", n, m)
		}
		if m := fdcheck.Mismatch(g, fdcheck.Gradient(NestedRevolve, x), 1e-6); m != "" {
			t.Fatalf("n=%d at %v: gradient against central differences: %s", n, x, m)
		}
	}
}
