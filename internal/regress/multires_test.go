package regress

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// multiresProblems wraps the callers of meanVar, a function of slices
// with two float results. The points are positive so that the weights'
// sum stays away from zero.
func multiresProblems() []fdcheck.Problem {
	const n = 4
	return []fdcheck.Problem{
		{
			Name:  "MeanVarScore",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2*n+1, 0.5, 2) },
			F:     func(p []float64) float64 { return MeanVarScore(p[:n], p[n:2*n], p[2*n]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, dw, da := MeanVarScoreGrad(p[:n], p[n:2*n], p[2*n])
				return y, slices.Concat(dx, dw, []float64{da})
			},
			JVP: func(p, v []float64) (float64, float64) {
				return MeanVarScoreJVP(p[:n], p[n:2*n], p[2*n], v[:n], v[n:2*n], v[2*n])
			},
		},
		{
			Name:  "MeanVarNil",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, n, -2, 2) },
			F:     MeanVarNil,
			Grad:  MeanVarNilGrad,
			JVP:   MeanVarNilJVP,
		},
		{
			Name:  "MeanOnly",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2*n, 0.5, 2) },
			F:     func(p []float64) float64 { return MeanOnly(p[:n], p[n:]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, dw := MeanOnlyGrad(p[:n], p[n:])
				return y, slices.Concat(dx, dw)
			},
			JVP: func(p, v []float64) (float64, float64) { return MeanOnlyJVP(p[:n], p[n:], v[:n], v[n:]) },
		},
		{
			Name:  "MeanVarLoop",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, n+1, -2, 2) },
			F:     func(p []float64) float64 { return MeanVarLoop(p[:n], p[n]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, da := MeanVarLoopGrad(p[:n], p[n])
				return y, append(dx, da)
			},
			JVP: func(p, v []float64) (float64, float64) { return MeanVarLoopJVP(p[:n], p[n], v[:n], v[n]) },
		},
		{
			// Away from zero, so that the count stays put under the
			// finite differences.
			Name:  "MixedResults",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, n+1, 0.5, 2) },
			F:     func(p []float64) float64 { return MixedResults(p[:n], p[n]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, da := MixedResultsGrad(p[:n], p[n])
				return y, append(dx, da)
			},
			JVP: func(p, v []float64) (float64, float64) { return MixedResultsJVP(p[:n], p[n], v[:n], v[n]) },
		},
		{
			Name:  "WeightedDots",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2*n, -2, 2) },
			F:     func(p []float64) float64 { return WeightedDots(p[:n], Weights{p[n:]}) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, dw := WeightedDotsGrad(p[:n], Weights{p[n:]})
				return y, slices.Concat(dx, dw.W)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return WeightedDotsJVP(p[:n], Weights{p[n:]}, v[:n], Weights{v[n:]})
			},
		},
		{
			Name:  "ScaledCopy",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, n+1, -2, 2) },
			F:     func(p []float64) float64 { return ScaledCopy(p[:n], p[n]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, da := ScaledCopyGrad(p[:n], p[n])
				return y, append(dx, da)
			},
			JVP: func(p, v []float64) (float64, float64) { return ScaledCopyJVP(p[:n], p[n], v[:n], v[n]) },
		},
	}
}

// TestMultiresDerivatives checks calls of a function of slices with two
// float results, in a loop, with one result unused, with an int result,
// as a method, and writing into its slice: values bit for
// bit, gradients against finite differences, forward mode against
// reverse.
func TestMultiresDerivatives(t *testing.T) {
	for _, pr := range multiresProblems() {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(10, 6)), 16, 1e-6)
		})
	}
}
