package localstructs

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
			Name: "Oscillator",
			Point: func(rng *rand.Rand) []float64 {
				return []float64{rng.Float64(), rng.Float64() - 0.5, 1 + rng.Float64(), 0.05 + 0.1*rng.Float64()}
			},
			F: func(p []float64) float64 { return Oscillator(p[0], p[1], p[2], p[3], 7) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx0, dv0, dk, dh := OscillatorGrad(p[0], p[1], p[2], p[3], 7)
				return y, []float64{dx0, dv0, dk, dh}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return OscillatorJVP(p[0], p[1], p[2], p[3], 7, v[0], v[1], v[2], v[3])
			},
		},
		{
			Name:  "Spring",
			Point: func(rng *rand.Rand) []float64 { return append(fdcheck.Uniform(rng, 6, -1, 1), 0.5) },
			F:     func(p []float64) float64 { return Spring(p[0], p[1], p[2], p[3], p[4], p[5], p[6]) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c, d, e, f, g := SpringGrad(p[0], p[1], p[2], p[3], p[4], p[5], p[6])
				return y, []float64{a, b, c, d, e, f, g}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return SpringJVP(p[0], p[1], p[2], p[3], p[4], p[5], p[6], v[0], v[1], v[2], v[3], v[4], v[5], v[6])
			},
		},
		{
			Name:  "Variance",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 6, -2, 2) },
			F:     Variance,
			Grad:  VarianceGrad,
			JVP:   VarianceJVP,
		},
		{
			// p holds w (3) and b; x holds 2 rows of 3.
			Name:  "LinearLoss",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 4, -1, 1) },
			F:     func(p []float64) float64 { return LinearLoss(p[:3], p[3], rows, samples[:2]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dw, db := LinearLossGrad(p[:3], p[3], rows, samples[:2])
				return y, append(dw, db)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return LinearLossJVP(p[:3], p[3], rows, samples[:2], v[:3], v[3])
			},
		},
		{
			Name: "Stepped",
			Point: func(rng *rand.Rand) []float64 {
				return []float64{rng.Float64(), rng.Float64() - 0.5, 1 + rng.Float64(), 0.05 + 0.1*rng.Float64()}
			},
			F: func(p []float64) float64 { return Stepped(p[0], p[1], p[2], p[3], 7) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx0, dv0, dk, dh := SteppedGrad(p[0], p[1], p[2], p[3], 7)
				return y, []float64{dx0, dv0, dk, dh}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return SteppedJVP(p[0], p[1], p[2], p[3], 7, v[0], v[1], v[2], v[3])
			},
		},
		{
			Name:  "MidSpring",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 6, -1, 1) },
			F:     func(p []float64) float64 { return MidSpring(p[0], p[1], p[2], p[3], p[4], p[5]) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c, d, e, f := MidSpringGrad(p[0], p[1], p[2], p[3], p[4], p[5])
				return y, []float64{a, b, c, d, e, f}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return MidSpringJVP(p[0], p[1], p[2], p[3], p[4], p[5], v[0], v[1], v[2], v[3], v[4], v[5])
			},
		},
		{
			Name:  "Facing",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 6, -1, 1) },
			F:     func(p []float64) float64 { return Facing(p[0], p[1], p[2], p[3], p[4], p[5]) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c, d, e, f := FacingGrad(p[0], p[1], p[2], p[3], p[4], p[5])
				return y, []float64{a, b, c, d, e, f}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return FacingJVP(p[0], p[1], p[2], p[3], p[4], p[5], v[0], v[1], v[2], v[3], v[4], v[5])
			},
		},
		{
			Name:  "Potential",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5, 0.5, 1.5) },
			F:     func(p []float64) float64 { return Potential(p[0], p[1], p[2], p[3], p[4]) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c, d, e := PotentialGrad(p[0], p[1], p[2], p[3], p[4])
				return y, []float64{a, b, c, d, e}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return PotentialJVP(p[0], p[1], p[2], p[3], p[4], v[0], v[1], v[2], v[3], v[4])
			},
		},
		{
			Name:  "Horner",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 1, -2, 2) },
			F:     func(p []float64) float64 { return Horner(p[0]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx := HornerGrad(p[0])
				return y, []float64{dx}
			},
			JVP: func(p, v []float64) (float64, float64) { return HornerJVP(p[0], v[0]) },
		},
		{
			Name:  "Height",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 3, -1, 1) },
			F:     func(p []float64) float64 { return Height(p[0], p[1], p[2]) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c := HeightGrad(p[0], p[1], p[2])
				return y, []float64{a, b, c}
			},
			JVP: func(p, v []float64) (float64, float64) { return HeightJVP(p[0], p[1], p[2], v[0], v[1], v[2]) },
		},
		{
			Name: "Pairs",
			Point: func(rng *rand.Rand) []float64 {
				return []float64{rng.Float64() - 0.3, 0.5 + rng.Float64(), rng.Float64() - 0.5}
			},
			F: func(p []float64) float64 { return Pairs(p[0], p[1], p[2]) },
			Grad: func(p []float64) (float64, []float64) {
				y, da, db, dc := PairsGrad(p[0], p[1], p[2])
				return y, []float64{da, db, dc}
			},
			JVP: func(p, v []float64) (float64, float64) { return PairsJVP(p[0], p[1], p[2], v[0], v[1], v[2]) },
		},
	}
}

// The derivatives of functions keeping values in local structs: values
// bit for bit, the gradient against central differences, and JVP against
// VJP, at random points (Pairs on both sides of its branch).
func TestLocalStructs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, pr := range problems() {
		t.Run(pr.Name, func(t *testing.T) { fdcheck.Check(t, pr, rng, 8, 1e-6) })
	}
}

// A method returning the next state computes what the loop written out
// does: Stepped's value is Oscillator's bit for bit, its gradient to
// rounding.
func TestStructResultEqualsWrittenOut(t *testing.T) {
	y1, a1, b1, c1, d1 := OscillatorGrad(0.4, -0.2, 1.3, 0.1, 6)
	y2, a2, b2, c2, d2 := SteppedGrad(0.4, -0.2, 1.3, 0.1, 6)
	if y1 != y2 || !fdcheck.Close(a1, a2, 1e-14) || !fdcheck.Close(b1, b2, 1e-14) || !fdcheck.Close(c1, c2, 1e-14) || !fdcheck.Close(d1, d2, 1e-14) {
		t.Errorf("Stepped (%v; %v %v %v %v), Oscillator (%v; %v %v %v %v)", y2, a2, b2, c2, d2, y1, a1, b1, c1, d1)
	}
}

// Go copies a struct's array field with the struct: writing the copy's
// leaves the original's as it was, in the generated code as in Pairs.
func TestStructCopyKeepsArrays(t *testing.T) {
	a, b, c := 0.5, 1.5, -0.25
	s := Scaled{Gain: Normal{Mu: a, Sigma: b}, K: [2]float64{c, a * c}}
	t2 := s
	t2.K[0] = b
	t2.Gain.Mu = c
	t2.K[1] = t2.Gain.LogProb(a)
	want := s.K[0]*s.Gain.Mu + t2.K[0]*t2.K[1] + t2.Gain.Mu*s.Gain.Sigma
	if got, _, _, _ := PairsGrad(a, b, c); got != want {
		t.Errorf("PairsGrad's value %v, want %v", got, want)
	}
}

// Second order through local structs: Oscillator's Hessian against
// central differences of its gradient, and Variance's H·v against the
// closed form, H = 2/(n-1)·(I − 11ᵀ/n).
func TestLocalStructsSecondOrder(t *testing.T) {
	x := []float64{0.3, 0.2, 1.5, 0.1}
	grad := func(p []float64) []float64 {
		_, a, b, c, d := OscillatorGrad(p[0], p[1], p[2], p[3], 5)
		return []float64{a, b, c, d}
	}
	_, _, _, _, _, h := OscillatorHessian(x[0], x[1], x[2], x[3], 5)
	fd := fdcheck.Jacobian(grad, x)
	for i := range h {
		if m := fdcheck.Mismatch(h[i], fd[i], 1e-6); m != "" {
			t.Errorf("Hessian row %d against differences of the gradient: %s", i, m)
		}
	}
	xs := []float64{0.3, 1, -2, 0.5}
	v := []float64{0.1, -0.4, 0.2, 0.7}
	_, _, hv := VarianceHVP(xs, v)
	mean := (v[0] + v[1] + v[2] + v[3]) / 4
	for i := range v {
		if want := 2.0 / 3 * (v[i] - mean); !fdcheck.Close(hv[i], want, 1e-12) {
			t.Errorf("H·v[%d] = %v, want %v", i, hv[i], want)
		}
	}
}
