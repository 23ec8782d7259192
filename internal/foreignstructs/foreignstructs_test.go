package foreignstructs

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

func problems() []fdcheck.Problem {
	return []fdcheck.Problem{
		{
			Name:  "NormalNLL",
			Point: func(rng *rand.Rand) []float64 { return []float64{rng.Float64() - 0.5, 0.5 + rng.Float64()} },
			F:     func(p []float64) float64 { return NormalNLL(p[0], p[1], samples) },
			Grad: func(p []float64) (float64, []float64) {
				y, dmu, dsigma := NormalNLLGrad(p[0], p[1], samples)
				return y, []float64{dmu, dsigma}
			},
			JVP: func(p, v []float64) (float64, float64) { return NormalNLLJVP(p[0], p[1], samples, v[0], v[1]) },
		},
		{
			// Away from the kinks of |y − (a·t + b)|: the residuals of the
			// points below stay clear of zero for a, b in these ranges.
			Name: "RobustNLL",
			Point: func(rng *rand.Rand) []float64 {
				return []float64{0.1 * rng.Float64(), 0.1 * rng.Float64(), 0.5 + rng.Float64()}
			},
			F: func(p []float64) float64 { return RobustNLL(p[0], p[1], p[2], times, samples[:4]) },
			Grad: func(p []float64) (float64, []float64) {
				y, da, db, ds := RobustNLLGrad(p[0], p[1], p[2], times, samples[:4])
				return y, []float64{da, db, ds}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return RobustNLLJVP(p[0], p[1], p[2], times, samples[:4], v[0], v[1], v[2])
			},
		},
		{
			Name: "Mixture",
			Point: func(rng *rand.Rand) []float64 {
				return []float64{rng.Float64() - 1, rng.Float64(), 0.5 + rng.Float64()}
			},
			F: func(p []float64) float64 { return Mixture(p[0], p[1], p[2], 0.3) },
			Grad: func(p []float64) (float64, []float64) {
				y, d1, d2, ds := MixtureGrad(p[0], p[1], p[2], 0.3)
				return y, []float64{d1, d2, ds}
			},
			JVP: func(p, v []float64) (float64, float64) { return MixtureJVP(p[0], p[1], p[2], 0.3, v[0], v[1], v[2]) },
		},
	}
}

// The derivatives of likelihoods built on gonum's distributions, another
// package's struct types and methods: values bit for bit, the gradient
// against central differences, JVP against VJP.
func TestForeignStructs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, pr := range problems() {
		t.Run(pr.Name, func(t *testing.T) { fdcheck.Check(t, pr, rng, 8, 1e-6) })
	}
}

// The gradient of NormalNLL with respect to mu and sigma is minus the sum
// of gonum's own Score, the derivative of LogProb with respect to its
// parameters, written by hand.
func TestNormalNLLAgainstGonumScore(t *testing.T) {
	mu, sigma := 0.2, 1.4
	_, dmu, dsigma := NormalNLLGrad(mu, sigma, samples)
	var want [2]float64
	d := distuvNormal(mu, sigma)
	for _, x := range samples {
		s := d.Score(nil, x)
		want[0] -= s[0]
		want[1] -= s[1]
	}
	if !fdcheck.Close(dmu, want[0], 1e-12) || !fdcheck.Close(dsigma, want[1], 1e-12) {
		t.Errorf("gradient (%v, %v), minus gonum's Score summed (%v, %v)", dmu, dsigma, want[0], want[1])
	}
}
