package foreignstructs

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/corpus/r3"
	"github.com/godiff/godiff/internal/fdcheck"
)

// vec makes an r3.Vec of three numbers.
func vec(x []float64) r3.Vec { return r3.Vec{X: x[0], Y: x[1], Z: x[2]} }

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
		{
			Name:  "SpringEnergy",
			Point: func(rng *rand.Rand) []float64 { return append(fdcheck.Uniform(rng, 6, -1, 1), 2, 0.5) },
			F:     func(p []float64) float64 { return SpringEnergy(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c, d, e, f, g, h := SpringEnergyGrad(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7])
				return y, []float64{a, b, c, d, e, f, g, h}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return SpringEnergyJVP(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
			},
		},
		{
			Name:  "TriangleArea",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 7, -1, 1) },
			F:     func(p []float64) float64 { return TriangleArea(p[0], p[1], p[2], p[3], p[4], p[5], p[6]) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c, d, e, f, g := TriangleAreaGrad(p[0], p[1], p[2], p[3], p[4], p[5], p[6])
				return y, []float64{a, b, c, d, e, f, g}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return TriangleAreaJVP(p[0], p[1], p[2], p[3], p[4], p[5], p[6], v[0], v[1], v[2], v[3], v[4], v[5], v[6])
			},
		},
		{
			// Away from alpha = 0, where r3.NewRotation returns the
			// identity by a test of its own.
			Name:  "RotatedCos",
			Point: func(rng *rand.Rand) []float64 { return append(fdcheck.Uniform(rng, 3, -1, 1), 0.2+rng.Float64()) },
			F:     func(p []float64) float64 { return RotatedCos(p[0], p[1], p[2], p[3]) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c, d := RotatedCosGrad(p[0], p[1], p[2], p[3])
				return y, []float64{a, b, c, d}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return RotatedCosJVP(p[0], p[1], p[2], p[3], v[0], v[1], v[2], v[3])
			},
		},
		{
			// p holds p's and q's coordinates and k; rest is fixed.
			Name:  "PairEnergy",
			Point: func(rng *rand.Rand) []float64 { return append(fdcheck.Uniform(rng, 6, -1, 1), 2) },
			F:     func(p []float64) float64 { return PairEnergy(vec(p[0:3]), vec(p[3:6]), p[6], 0.5) },
			Grad: func(p []float64) (float64, []float64) {
				y, dp, dq, dk := PairEnergyGrad(vec(p[0:3]), vec(p[3:6]), p[6], 0.5)
				return y, []float64{dp.X, dp.Y, dp.Z, dq.X, dq.Y, dq.Z, dk}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return PairEnergyJVP(vec(p[0:3]), vec(p[3:6]), p[6], 0.5, vec(v[0:3]), vec(v[3:6]), v[6])
			},
		},
		{
			Name:  "QuatLog",
			Point: func(rng *rand.Rand) []float64 { return []float64{rng.Float64() - 0.5, 0.2 + rng.Float64()} },
			F:     func(p []float64) float64 { return QuatLog(p[0], p[1]) },
			Grad: func(p []float64) (float64, []float64) {
				y, da, db := QuatLogGrad(p[0], p[1])
				return y, []float64{da, db}
			},
			JVP: func(p, v []float64) (float64, float64) { return QuatLogJVP(p[0], p[1], v[0], v[1]) },
		},
		{
			Name:  "TurnedBy",
			Point: func(rng *rand.Rand) []float64 { return append(fdcheck.Uniform(rng, 2, -1, 1), 0.2+rng.Float64()) },
			F:     func(p []float64) float64 { return TurnedBy(p[0], p[1], p[2]) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c := TurnedByGrad(p[0], p[1], p[2])
				return y, []float64{a, b, c}
			},
			JVP: func(p, v []float64) (float64, float64) { return TurnedByJVP(p[0], p[1], p[2], v[0], v[1], v[2]) },
		},
		{
			Name:  "Turned",
			Point: func(rng *rand.Rand) []float64 { return append(fdcheck.Uniform(rng, 2, -1, 1), 0.2+rng.Float64()) },
			F:     func(p []float64) float64 { return Turned(p[0], p[1], p[2]) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c := TurnedGrad(p[0], p[1], p[2])
				return y, []float64{a, b, c}
			},
			JVP: func(p, v []float64) (float64, float64) { return TurnedJVP(p[0], p[1], p[2], v[0], v[1], v[2]) },
		},
		{
			// p holds x, y, z, vx and gm; vy, vz and h are fixed.
			Name: "Orbit",
			Point: func(rng *rand.Rand) []float64 {
				return []float64{1 + 0.1*rng.Float64(), 0.1 * rng.Float64(), 0, 0.1 * rng.Float64(), 1 + 0.2*rng.Float64()}
			},
			F: func(p []float64) float64 { return Orbit(p[0], p[1], p[2], p[3], 1, 0.1, p[4], 0.05, 12) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, dy, dz, dvx, dgm := OrbitGrad(p[0], p[1], p[2], p[3], 1, 0.1, p[4], 0.05, 12)
				return y, []float64{dx, dy, dz, dvx, dgm}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return OrbitJVP(p[0], p[1], p[2], p[3], 1, 0.1, p[4], 0.05, 12, v[0], v[1], v[2], v[3], v[4])
			},
		},
	}
}

// The derivatives of likelihoods built on gonum's distributions and of
// geometry built on gonum's r3 vectors, another package's struct types,
// methods and functions returning structs: values bit for bit, the
// gradient against central differences, JVP against VJP.
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
