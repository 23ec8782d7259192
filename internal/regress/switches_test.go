package regress

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

var switchProblems = []fdcheck.Problem{
	{
		Name:  "SwitchBreak",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 9, -4, 4) },
		F:     func(p []float64) float64 { return SwitchBreak(p[1:], p[0]) },
		Grad: func(p []float64) (float64, []float64) {
			y, dx, da := SwitchBreakGrad(p[1:], p[0])
			return y, append([]float64{da}, dx...)
		},
		JVP: func(p, v []float64) (float64, float64) { return SwitchBreakJVP(p[1:], p[0], v[1:], v[0]) },
	},
}

// A break out of a switch from inside an if of a case, at random points
// that take every case: finite differences, values bit for bit, mode
// against mode; and the tagged switch at points on both sides of its
// inner break, for each tag.
func TestSwitchBreak(t *testing.T) {
	for _, pr := range switchProblems {
		fdcheck.Check(t, pr, rand.New(rand.NewPCG(4, 4)), 40, 1e-5)
	}
	for k := range 3 {
		pr := fdcheck.Problem{
			Name:  "SwitchBreakTag",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2, -2, 2) },
			F:     func(p []float64) float64 { return SwitchBreakTag(p[0], p[1], k) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, dy := SwitchBreakTagGrad(p[0], p[1], k)
				return y, []float64{dx, dy}
			},
			JVP: func(p, v []float64) (float64, float64) { return SwitchBreakTagJVP(p[0], p[1], k, v[0], v[1]) },
		}
		fdcheck.Check(t, pr, rand.New(rand.NewPCG(5, uint64(k))), 40, 1e-5)
	}
	// The break taken and not taken: r = x*y > 1 leaves before r += x*x.
	if y, _, _ := SwitchBreakTagGrad(2, 1, 0); y != 2*2 {
		t.Errorf("SwitchBreakTag(2, 1, 0) = %v, want 4 (the break taken)", y)
	}
	if y, _, _ := SwitchBreakTagGrad(0.5, 1, 1); y != ((0.5+0.25)-1)*0.5 {
		t.Errorf("SwitchBreakTag(0.5, 1, 1) = %v, want %v", y, ((0.5+0.25)-1)*0.5)
	}
}
