// Command gmm fits a one-dimensional Gaussian mixture by gradient descent
// on its negative log-likelihood, with the gradient godiff generates.
//
// The model's parameters are one flat vector θ of 3k numbers: k logits
// (the mixing weights are their softmax), k means and k log standard
// deviations. NLL reads them through sub-slices of θ, fills a local work
// buffer with each component's log-density at each point, and calls
// logSumExp on it: a loop over points around a log-sum-exp over
// components.
package main

import "math"

//go:generate go run github.com/godiff/godiff/cmd/godiff -tests gmm.go

// halfLog2Pi is log √(2π).
const halfLog2Pi = 0.9189385332046727

// logSumExp is the stable log Σ exp(x[i]).
func logSumExp(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = math.Max(m, v)
	}
	s := 0.0
	for _, v := range x {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}

// NLL is the mean negative log-likelihood of the points xs under the
// mixture θ = (logits, means, log standard deviations).
//
//godiff:grad theta
//godiff:jvp theta
func NLL(theta, xs []float64) float64 {
	k := len(theta) / 3
	logits, means, logStd := theta[:k], theta[k:2*k], theta[2*k:]
	norm := logSumExp(logits)
	comp := make([]float64, k) // log(weight · density) of each component at x
	nll := 0.0
	for _, x := range xs {
		for j := range k {
			z := (x - means[j]) / math.Exp(logStd[j])
			comp[j] = logits[j] - norm - 0.5*z*z - logStd[j] - halfLog2Pi
		}
		nll -= logSumExp(comp)
	}
	return nll / float64(len(xs))
}

// NLLCheckpointed is NLL with its loop over the points marked
// //godiff:checkpoint: the backward sweep runs each point's iteration
// again rather than record it, so that its tape holds the same bytes
// whatever the number of points (see checkpoint_test.go). The body is
// NLL's, statement for statement, and so is the gradient.
//
//godiff:grad theta
func NLLCheckpointed(theta, xs []float64) float64 {
	k := len(theta) / 3
	logits, means, logStd := theta[:k], theta[k:2*k], theta[2*k:]
	norm := logSumExp(logits)
	comp := make([]float64, k) // log(weight · density) of each component at x
	nll := 0.0
	//godiff:checkpoint
	for _, x := range xs {
		for j := range k {
			z := (x - means[j]) / math.Exp(logStd[j])
			comp[j] = logits[j] - norm - 0.5*z*z - logStd[j] - halfLog2Pi
		}
		nll -= logSumExp(comp)
	}
	return nll / float64(len(xs))
}
