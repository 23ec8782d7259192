package fdcheck

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Problem is a generated gradient and JVP under test, as functions of a
// flat vector p of the values they differentiate in.
type Problem struct {
	Name  string
	Point func(rng *rand.Rand) []float64 // a test point
	F     func(p []float64) float64
	Grad  func(p []float64) (float64, []float64)
	JVP   func(p, v []float64) (float64, float64)
}

// Check runs pr at trials random points: Grad's and JVP's values must be
// F's bit for bit, the gradient must match central finite differences
// within tol, and <JVP(v), 1> must equal <v, grad> (1e-10) along a random
// v. Each function gets its own copies of p and v: a function that writes
// a differentiated slice updates it, and its tangent, in place.
func Check(t testing.TB, pr Problem, rng *rand.Rand, trials int, tol float64) {
	t.Helper()
	for range trials {
		p := pr.Point(rng)
		want := pr.F(slices.Clone(p))
		y, g := pr.Grad(slices.Clone(p))
		if y != want && !(math.IsNaN(y) && math.IsNaN(want)) {
			t.Fatalf("at %v: Grad's value %v, F's %v", p, y, want)
		}
		if m := Mismatch(g, Gradient(pr.F, p), tol); m != "" {
			t.Errorf("at %v: gradient against finite differences: %s", p, m)
		}
		v := Uniform(rng, len(p), -1, 1)
		yj, dy := pr.JVP(slices.Clone(p), slices.Clone(v))
		if yj != want && !(math.IsNaN(yj) && math.IsNaN(want)) {
			t.Fatalf("at %v: JVP's value %v, F's %v", p, yj, want)
		}
		if want := Dot(v, g); !Close(dy, want, 1e-10) {
			t.Errorf("at %v along %v: <JVP(v), 1> = %v, <v, grad> = %v", p, v, dy, want)
		}
	}
}

// Uniform returns n numbers drawn uniformly from [lo, hi).
func Uniform(rng *rand.Rand, n int, lo, hi float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = lo + (hi-lo)*rng.Float64()
	}
	return x
}
