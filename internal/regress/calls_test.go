package regress

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// callsOfX wraps the derivatives of a function of one float as a Problem.
func callsOfX(name string, lo, hi float64, f func(float64) float64, grad, jvp func(float64, float64) (float64, float64)) fdcheck.Problem {
	return fdcheck.Problem{
		Name: name,
		Point: func(rng *rand.Rand) []float64 {
			p := fdcheck.Uniform(rng, 1, lo, hi)
			if rng.IntN(2) == 0 {
				p[0] = -p[0] // both signs: Lgamma's reflection, Modf's truncation
			}
			return p
		},
		F: func(p []float64) float64 { return f(p[0]) },
		Grad: func(p []float64) (float64, []float64) {
			y, dx := grad(p[0], 1)
			return y, []float64{dx}
		},
		JVP: func(p, v []float64) (float64, float64) { return jvp(p[0], v[0]) },
	}
}

// gradOnly adapts a gradient of one float to callsOfX's signature.
func gradOnly(g func(float64) (float64, float64)) func(float64, float64) (float64, float64) {
	return func(x, _ float64) (float64, float64) { return g(x) }
}

// The functions of slices write them: F runs on a copy, since the finite
// differences call it many times on one point.
func callsProblems() []fdcheck.Problem {
	return []fdcheck.Problem{
		callsOfX("SincosProduct", 0, 3, SincosProduct, gradOnly(SincosProductGrad), SincosProductJVP),
		// Between 2 and 4 Frexp's exponent is constant, and Lgamma has no
		// pole on either side.
		callsOfX("LgammaFrexp", 2.05, 3.95, LgammaFrexp, gradOnly(LgammaFrexpGrad), LgammaFrexpJVP),
		callsOfX("ModfMix", 0, 3, ModfMix, gradOnly(ModfMixGrad), ModfMixJVP),
		callsOfX("SeveralResults", 0, 3, SeveralResults, gradOnly(SeveralResultsGrad), SeveralResultsJVP),
		{
			Name:  "SeveralResultsMixed",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2, -1.5, 1.5) },
			F:     func(p []float64) float64 { return SeveralResultsMixed(p[0], p[1]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, dy := SeveralResultsMixedGrad(p[0], p[1])
				return y, []float64{dx, dy}
			},
			JVP: func(p, v []float64) (float64, float64) { return SeveralResultsMixedJVP(p[0], p[1], v[0], v[1]) },
		},
		{
			Name:  "SeveralResultsLoop",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 1, -1, 1) },
			F:     func(p []float64) float64 { return SeveralResultsLoop(p[0], 4) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx := SeveralResultsLoopGrad(p[0], 4)
				return y, []float64{dx}
			},
			JVP: func(p, v []float64) (float64, float64) { return SeveralResultsLoopJVP(p[0], 4, v[0]) },
		},
		{
			Name:  "CallsInOrder",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 7, -2, 2) },
			F:     func(p []float64) float64 { p = slices.Clone(p); return CallsInOrder(p[0], p[1:4], p[4:7]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, da, db := CallsInOrderGrad(p[0], p[1:4], p[4:7])
				return y, slices.Concat([]float64{dx}, da, db)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return CallsInOrderJVP(p[0], p[1:4], p[4:7], v[0], v[1:4], v[4:7])
			},
		},
		{
			Name:  "BumpFirst",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2, -2, 2) },
			F:     func(p []float64) float64 { p = slices.Clone(p); return BumpFirst(p[0], p[1:]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, dxs := BumpFirstGrad(p[0], p[1:])
				return y, append([]float64{dx}, dxs...)
			},
			JVP: func(p, v []float64) (float64, float64) { return BumpFirstJVP(p[0], p[1:], v[0], v[1:]) },
		},
	}
}

// TestCallsDerivatives checks the calls of functions of several results
// and the calls that write slices: values bit for bit, gradients against
// finite differences, forward mode against reverse.
func TestCallsDerivatives(t *testing.T) {
	for _, pr := range callsProblems() {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(9, 1)), 16, 1e-6)
		})
	}
}
