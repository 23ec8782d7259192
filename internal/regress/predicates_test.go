package regress

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// TestPredicateCalls checks Piecewise, which calls functions and methods
// of the package returning a bool or an int of differentiated values:
// values bit for bit, the gradient against finite differences, forward
// mode against reverse, and the VJP against the gradient. The points stay
// away from the integers and the band's ends, where the pieces meet.
func TestPredicateCalls(t *testing.T) {
	const n = 6
	w := []float64{0.5, -1.5, 2, 0.25}
	band := Band{Lo: 0.5, Hi: 2.5}
	mask := Mask{Scale: []float64{1, 0, 2, -1, 3, 1.5}}
	point := func(rng *rand.Rand) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(rng.IntN(6)-1) + 0.1 + 0.3*rng.Float64()
		}
		x[rng.IntN(n)] = math.Inf(1) // skipped: not finite
		return x
	}
	rng := rand.New(rand.NewPCG(10, 65))
	for range 16 {
		x := point(rng)
		want, g := PiecewiseGrad(x, w, band, mask)
		if y := Piecewise(x, w, band, mask); y != want {
			t.Fatalf("at %v: PiecewiseGrad's value %v, Piecewise's %v", x, want, y)
		}
		// Finite differences of the finite elements only.
		k := slices.IndexFunc(x, func(v float64) bool { return math.IsInf(v, 0) })
		if g[k] != 0 {
			t.Errorf("at %v: the derivative in the skipped infinite element is %v, want 0", x, g[k])
		}
		fd := fdcheck.Gradient(func(p []float64) float64 {
			q := slices.Clone(x)
			copy(q[:k], p[:k])
			copy(q[k+1:], p[k:])
			return Piecewise(q, w, band, mask)
		}, slices.Delete(slices.Clone(x), k, k+1))
		if m := fdcheck.Mismatch(slices.Delete(slices.Clone(g), k, k+1), fd, 1e-6); m != "" {
			t.Errorf("at %v: gradient against finite differences: %s", x, m)
		}
		v := fdcheck.Uniform(rng, n, -1, 1)
		v[k] = 0
		if y, dy := PiecewiseJVP(slices.Clone(x), w, band, mask, v); y != want || !fdcheck.Close(dy, fdcheck.Dot(v, g), 1e-10) {
			t.Errorf("at %v: JVP = %v, %v; want %v, <v, grad> = %v", x, y, dy, want, fdcheck.Dot(v, g))
		}
		s := 0.5 + rng.Float64()
		_, dx := PiecewiseVJP(x, w, band, mask, s)
		for i := range g {
			if !fdcheck.Close(dx[i], s*g[i], 1e-12) {
				t.Errorf("at %v: VJP(%v)[%d] = %v, seed times gradient %v", x, s, i, dx[i], s*g[i])
			}
		}
	}
}
