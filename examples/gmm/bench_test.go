package main

import (
	"math"
	"math/rand/v2"
	"testing"
)

// gradByHand is NLL's gradient written by hand, as a user without godiff
// would: with the responsibilities r of each point,
// ∂/∂logit_j = softmax(logits)_j − Σ r_j/N, ∂/∂mean_j = −Σ r_j z_j/σ_j/N,
// ∂/∂logStd_j = −Σ r_j (z_j² − 1)/N.
func gradByHand(theta, xs []float64, grad, comp []float64) float64 {
	k := len(theta) / 3
	logits, means, logStd := theta[:k], theta[k:2*k], theta[2*k:]
	norm := logSumExp(logits)
	n := float64(len(xs))
	nll := 0.0
	for _, x := range xs {
		for j := range k {
			z := (x - means[j]) / math.Exp(logStd[j])
			comp[j] = logits[j] - norm - 0.5*z*z - logStd[j] - halfLog2Pi
		}
		lse := logSumExp(comp)
		nll -= lse
		for j := range k {
			r := math.Exp(comp[j]-lse) / n
			sigma := math.Exp(logStd[j])
			z := (x - means[j]) / sigma
			grad[j] -= r
			grad[k+j] -= r * z / sigma
			grad[2*k+j] -= r * (z*z - 1)
		}
	}
	for j := range k {
		grad[j] += math.Exp(logits[j] - norm)
	}
	return nll / n
}

func TestGradByHand(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	xs := sample(rng, 50)
	theta := randomTheta(rng, 3)
	_, want := NLLGrad(theta, xs)
	got := make([]float64, len(theta))
	gradByHand(theta, xs, got, make([]float64, 3))
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-12*math.Max(1, math.Abs(want[i])) {
			t.Errorf("entry %d: by hand %v, generated %v", i, got[i], want[i])
		}
	}
}

var sink float64

func benchData() ([]float64, []float64) {
	rng := rand.New(rand.NewPCG(1, 2))
	return randomTheta(rng, 3), sample(rng, 1000)
}

func BenchmarkNLL(b *testing.B) {
	theta, xs := benchData()
	for b.Loop() {
		sink += NLL(theta, xs)
	}
}

func BenchmarkNLLGrad(b *testing.B) {
	theta, xs := benchData()
	for b.Loop() {
		y, g := NLLGrad(theta, xs)
		sink += y + g[0]
	}
}

func BenchmarkNLLSplit(b *testing.B) {
	theta, xs := benchData()
	var tape NLLTape
	grad := make([]float64, len(theta))
	for b.Loop() {
		sink += NLLForward(&tape, theta, xs)
		clear(grad)
		NLLBackward(&tape, 1, grad)
	}
}

func BenchmarkNLLJVP(b *testing.B) {
	theta, xs := benchData()
	dir := make([]float64, len(theta))
	dir[4] = 1
	for b.Loop() {
		y, dy := NLLJVP(theta, xs, dir)
		sink += y + dy
	}
}

func BenchmarkNLLByHand(b *testing.B) {
	theta, xs := benchData()
	grad := make([]float64, len(theta))
	comp := make([]float64, 3)
	for b.Loop() {
		clear(grad)
		sink += gradByHand(theta, xs, grad, comp)
	}
}
