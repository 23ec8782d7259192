package checkpoint

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// firstSteps are the trip counts the three-clause and while loops are
// compared at: below, at and above the states held.
var firstSteps = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 100, 1001}

// The three-clause loops checkpointed binomially whose forward sweep saves
// the first descent's states (ForcedDown, NestedFor, each run of the inner
// loop its own) equal the recorded loops bit for bit (runs/ checks the
// while loops).
func TestFirstDescentSameAsRecorded(t *testing.T) {
	cases := []struct {
		name      string
		got, want grad3
	}{
		{"ForcedDown", ForcedDownGrad, ForcedRecordedGrad},
	}
	for _, c := range cases {
		for _, n := range firstSteps {
			y, a, b, d := c.got(0.9, -0.4, 1.3, n)
			y0, a0, b0, d0 := c.want(0.9, -0.4, 1.3, n)
			if y != y0 || a != a0 || b != b0 || d != d0 {
				t.Errorf("%s, n=%d: (%v, %v, %v, %v) checkpointed, (%v, %v, %v, %v) recorded", c.name, n, y, a, b, d, y0, a0, b0, d0)
			}
		}
	}
	rng := rand.New(rand.NewPCG(8, 9))
	for _, n := range firstSteps[:19] { // 1001² iterations would take long
		x := fdcheck.Uniform(rng, n, 0.2, 0.9)
		y, g := NestedForGrad(x)
		y0, g0 := NestedForRecordedGrad(x)
		if y != y0 || !slices.Equal(g, g0) {
			t.Errorf("NestedFor, len(x)=%d: %v, %v checkpointed; %v, %v recorded", n, y, g, y0, g0)
		}
	}
}

// The three-clause and while RNNs against finite differences and forward
// mode, and bit for bit against the recorded RNN.
func TestFirstDescentRNN(t *testing.T) {
	xs := rnnInputs(23)
	cases := []struct {
		name string
		f    func(w, u, b, v, h0, xs []float64) float64
		g    rnnGrad
		jvp  func(w, u, b, v, h0, xs, dw, du, db, dv, dh0 []float64) (float64, float64)
	}{
		{"RNNFor", RNNFor, RNNForGrad, RNNForJVP},
		{"RNNWhile", RNNWhile, RNNWhileGrad, RNNWhileJVP},
	}
	for _, c := range cases {
		pr := fdcheck.Problem{
			Name:  c.name,
			Point: rnnPoint,
			F:     func(p []float64) float64 { w, u, b, v, h0 := rnnArgs(p); return c.f(w, u, b, v, h0, xs) },
			Grad: func(p []float64) (float64, []float64) {
				w, u, b, v, h0 := rnnArgs(p)
				return flat(c.g(w, u, b, v, h0, xs))
			},
			JVP: func(p, d []float64) (float64, float64) {
				w, u, b, v, h0 := rnnArgs(p)
				dw, du, db, dv, dh0 := rnnArgs(d)
				return c.jvp(w, u, b, v, h0, xs, dw, du, db, dv, dh0)
			},
		}
		t.Run(c.name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(7, uint64(len(pr.Name)))), 5, 1e-6)
		})
	}
	w, u, b, v, h0 := rnnArgs(rnnPoint(rand.New(rand.NewPCG(1, 2))))
	for _, c := range cases {
		for _, T := range firstSteps {
			xs := rnnInputs(T)
			y, g := flat(c.g(w, u, b, v, h0, xs))
			y0, g0 := flat(RNNRecordedGrad(w, u, b, v, h0, xs))
			if y != y0 || !slices.Equal(g, g0) {
				t.Errorf("%s, T=%d: %v, %v checkpointed; %v, %v recorded", c.name, T, y, g, y0, g0)
			}
		}
	}
}
