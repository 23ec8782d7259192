package main

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"slices"
)

func main() {
	fit(os.Stdout, sample(rand.New(rand.NewPCG(1, 2)), 600), 3, 300)
}

// truth is the mixture the data come from: weights, means, standard
// deviations.
var truth = struct{ weight, mean, std []float64 }{
	weight: []float64{0.5, 0.3, 0.2},
	mean:   []float64{-2, 1, 4},
	std:    []float64{0.6, 0.5, 0.8},
}

// sample draws n points from truth.
func sample(rng *rand.Rand, n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		u, j := rng.Float64(), 0
		for j < len(truth.weight)-1 && u > truth.weight[j] {
			u -= truth.weight[j]
			j++
		}
		xs[i] = truth.mean[j] + truth.std[j]*rng.NormFloat64()
	}
	return xs
}

// initial spreads k components over the data's range, equally weighted,
// each as wide as the data.
func initial(xs []float64, k int) []float64 {
	theta := make([]float64, 3*k)
	lo, hi := slices.Min(xs), slices.Max(xs)
	for j := range k {
		theta[k+j] = lo + (hi-lo)*(float64(j)+0.5)/float64(k)
		theta[2*k+j] = math.Log((hi - lo) / float64(k))
	}
	return theta
}

// fit runs steps of Adam on NLL from initial(xs, k), printing the loss
// curve and the fitted mixture, and returns the final θ. The gradient
// comes from the split form: one tape, reused at every step.
func fit(w io.Writer, xs []float64, k, steps int) []float64 {
	theta := initial(xs, k)
	grad := make([]float64, len(theta))
	m := make([]float64, len(theta)) // Adam's moment estimates
	v := make([]float64, len(theta))
	const rate, beta1, beta2 = 0.05, 0.9, 0.999
	var tape NLLTape
	fmt.Fprintf(w, "fitting %d components to %d points\n", k, len(xs))
	for step := 1; step <= steps; step++ {
		nll := NLLForward(&tape, theta, xs)
		clear(grad)
		NLLBackward(&tape, 1, grad)
		if step == 1 || step%50 == 0 {
			fmt.Fprintf(w, "step %3d  NLL %.4f\n", step, nll)
		}
		for i, g := range grad {
			m[i] = beta1*m[i] + (1-beta1)*g
			v[i] = beta2*v[i] + (1-beta2)*g*g
			mhat := m[i] / (1 - math.Pow(beta1, float64(step)))
			vhat := v[i] / (1 - math.Pow(beta2, float64(step)))
			theta[i] -= rate * mhat / (math.Sqrt(vhat) + 1e-8)
		}
	}
	weights, means, stds := mixture(theta)
	for j := range k {
		fmt.Fprintf(w, "component %d: weight %.3f  mean %+.3f  std %.3f\n", j, weights[j], means[j], stds[j])
	}
	return theta
}

// mixture reads θ as weights, means and standard deviations.
func mixture(theta []float64) (weights, means, stds []float64) {
	k := len(theta) / 3
	norm := logSumExp(theta[:k])
	for j := range k {
		weights = append(weights, math.Exp(theta[j]-norm))
		means = append(means, theta[k+j])
		stds = append(stds, math.Exp(theta[2*k+j]))
	}
	return weights, means, stds
}
