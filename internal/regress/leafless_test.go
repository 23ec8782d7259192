package regress

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// leaflessProblems wraps the functions of leafless.go, whose structs have
// no field godiff computes with.
func leaflessProblems() []fdcheck.Problem {
	return []fdcheck.Problem{
		{
			Name:  "BellSum",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 3, -1, 1) },
			F:     Bell{}.BellSum,
			Grad:  Bell{}.BellSumGrad,
			JVP:   Bell{}.BellSumJVP,
		},
		{
			Name:  "TagMix",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2, -2, 2) },
			F:     func(p []float64) float64 { return TagMix(Tag{"t"}, Counts{5, 2}, p[0], p[1]) },
			Grad: func(p []float64) (float64, []float64) {
				y, da, db := TagMixGrad(Tag{"t"}, Counts{5, 2}, p[0], p[1])
				return y, []float64{da, db}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return TagMixJVP(Tag{"t"}, Counts{5, 2}, p[0], p[1], v[0], v[1])
			},
		},
		{
			Name:  "Fit",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 4, -2, 2) },
			F:     func(p []float64) float64 { return (&Outer{W: p}).Fit() },
			Grad: func(p []float64) (float64, []float64) {
				y, do := (&Outer{W: p}).FitGrad()
				return y, do.W
			},
			JVP: func(p, v []float64) (float64, float64) { return (&Outer{W: p}).FitJVP(&Outer{W: v}) },
		},
	}
}

// TestLeaflessDerivatives checks the calls of methods and functions of
// structs without float fields: values bit for bit, gradients against
// finite differences, forward mode against reverse.
func TestLeaflessDerivatives(t *testing.T) {
	for _, pr := range leaflessProblems() {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(10, 61)), 16, 1e-6)
		})
	}
}

// TestLeaflessVJPAndSplit checks BellSum's VJP and split form against its
// gradient: seed times gradient, a kept tape's backward sweep summing into
// its buffer.
func TestLeaflessVJPAndSplit(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 62))
	var tape BellBellSumTape
	for range 8 {
		x := fdcheck.Uniform(rng, 3, -1, 1)
		s := 0.5 + rng.Float64()
		want, g := Bell{}.BellSumGrad(x)
		y, dx := Bell{}.BellSumVJP(slices.Clone(x), s)
		if y != want {
			t.Fatalf("at %v: VJP's value %v, Grad's %v", x, y, want)
		}
		for i := range g {
			if !fdcheck.Close(dx[i], s*g[i], 1e-12) {
				t.Errorf("at %v: VJP(%v)[%d] = %v, seed times gradient %v", x, s, i, dx[i], s*g[i])
			}
		}
		if y := (Bell{}).BellSumForward(&tape, x); y != want {
			t.Fatalf("at %v: BellSumForward's value %v, Grad's %v", x, y, want)
		}
		acc := []float64{1, 1, 1}
		BellBellSumBackward(&tape, s, acc)
		for i := range g {
			if !fdcheck.Close(acc[i], 1+s*g[i], 1e-12) {
				t.Errorf("at %v: BellSumBackward added %v to 1, want seed times gradient %v", x, acc[i]-1, s*g[i])
			}
		}
	}
}
