package gonumreal

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/godiff/godiff/internal/fdcheck"
)

var samples = []float64{0.3, -1.2, 0.8, 2.1, -0.4}

// vec makes an r3.Vec of three numbers.
func vec(x []float64) r3.Vec { return r3.Vec{X: x[0], Y: x[1], Z: x[2]} }

// uniform returns a point of n numbers in [lo, hi).
func uniform(lo, hi float64, n int) func(rng *rand.Rand) []float64 {
	return func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, n, lo, hi) }
}

func problems() []fdcheck.Problem {
	return []fdcheck.Problem{
		{
			Name:  "NormalNLL",
			Point: uniform(0.5, 1.5, 2),
			F:     func(p []float64) float64 { return NormalNLL(p[0], p[1], samples) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b := NormalNLLGrad(p[0], p[1], samples)
				return y, []float64{a, b}
			},
			JVP: func(p, v []float64) (float64, float64) { return NormalNLLJVP(p[0], p[1], samples, v[0], v[1]) },
		},
		{
			Name:  "GammaLogProb",
			Point: uniform(0.5, 3, 3),
			F:     func(p []float64) float64 { return GammaLogProb(p[0], p[1], p[2]) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c := GammaLogProbGrad(p[0], p[1], p[2])
				return y, []float64{a, b, c}
			},
			JVP: func(p, v []float64) (float64, float64) { return GammaLogProbJVP(p[0], p[1], p[2], v[0], v[1], v[2]) },
		},
		{
			// Both branches of NormalQuantile's tables: p near 0.5 and in
			// a tail.
			Name: "NormalQuantile",
			Point: func(rng *rand.Rand) []float64 {
				return []float64{rng.Float64(), 0.5 + rng.Float64(), 0.02 + 0.96*rng.Float64()}
			},
			F: func(p []float64) float64 { return NormalQuantile(p[0], p[1], p[2]) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c := NormalQuantileGrad(p[0], p[1], p[2])
				return y, []float64{a, b, c}
			},
			JVP: func(p, v []float64) (float64, float64) { return NormalQuantileJVP(p[0], p[1], p[2], v[0], v[1], v[2]) },
		},
		{
			Name:  "Lbeta",
			Point: uniform(0.5, 4, 2),
			F:     func(p []float64) float64 { return Lbeta(p[0], p[1]) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b := LbetaGrad(p[0], p[1])
				return y, []float64{a, b}
			},
			JVP: func(p, v []float64) (float64, float64) { return LbetaJVP(p[0], p[1], v[0], v[1]) },
		},
		{
			// Small and large a, x below and above a: Igam's and IgamC's
			// series and the asymptotic expansion.
			Name: "GammaIncReg",
			Point: func(rng *rand.Rand) []float64 {
				a := []float64{0.7, 2.5, 30}[rng.IntN(3)] * (0.8 + 0.4*rng.Float64())
				return []float64{a, a * (0.5 + rng.Float64())}
			},
			F: func(p []float64) float64 { return GammaIncReg(p[0], p[1]) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b := GammaIncRegGrad(p[0], p[1])
				return y, []float64{a, b}
			},
			JVP: func(p, v []float64) (float64, float64) { return GammaIncRegJVP(p[0], p[1], v[0], v[1]) },
		},
		{
			Name:  "ZetaDigamma",
			Point: uniform(1.5, 6, 1),
			F:     func(p []float64) float64 { return ZetaDigamma(p[0]) },
			Grad: func(p []float64) (float64, []float64) {
				y, d := ZetaDigammaGrad(p[0])
				return y, []float64{d}
			},
			JVP: func(p, v []float64) (float64, float64) { return ZetaDigammaJVP(p[0], v[0]) },
		},
		{
			Name:  "Spring",
			Point: uniform(-1, 1, 6),
			F:     func(p []float64) float64 { return Spring(vec(p[:3]), vec(p[3:]), 0.5) },
			Grad: func(p []float64) (float64, []float64) {
				y, dp, dq := SpringGrad(vec(p[:3]), vec(p[3:]), 0.5)
				return y, []float64{dp.X, dp.Y, dp.Z, dq.X, dq.Y, dq.Z}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return SpringJVP(vec(p[:3]), vec(p[3:]), 0.5, vec(v[:3]), vec(v[3:]))
			},
		},
		{
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
			Name:  "QuatLog",
			Point: func(rng *rand.Rand) []float64 { return []float64{rng.Float64() - 0.5, 0.2 + rng.Float64()} },
			F:     func(p []float64) float64 { return QuatLog(p[0], p[1]) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b := QuatLogGrad(p[0], p[1])
				return y, []float64{a, b}
			},
			JVP: func(p, v []float64) (float64, float64) { return QuatLogJVP(p[0], p[1], v[0], v[1]) },
		},
	}
}

// gonum as published, differentiated from its source: values bit for
// bit, the gradient against central differences, JVP against VJP.
func TestGonumAsPublished(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, pr := range problems() {
		t.Run(pr.Name, func(t *testing.T) { fdcheck.Check(t, pr, rng, 8, 1e-6) })
	}
}
