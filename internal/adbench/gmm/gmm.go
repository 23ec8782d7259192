package gmm

import "math"

//go:generate go run github.com/godiff/godiff/cmd/godiff gmm.go

// pi is ADBench's truncated π (defs.h). It only enters constant terms.
const pi = 3.14159265359

// Wishart holds the parameters of the Wishart prior on the precision
// matrices: every ADBench data file has Gamma 1 and M 0.
type Wishart struct {
	Gamma float64
	M     int
}

// Objective is ADBench's gmm_objective: the log-likelihood of the n points
// x (d values each) under a mixture of k Gaussians, minus the log of a
// Wishart prior (ADBench's sign). alphas are the k unnormalised log weights,
// means the k means (d values each), icf the k inverse covariance factors
// (d(d+1)/2 values each: the logs of Q's diagonal, then Q's strictly lower
// triangle column by column). The precision of component k is QₖᵀQₖ.
//
//godiff:grad alphas means icf
func Objective(d, k, n int, alphas, means, icf, x []float64, wishart Wishart) float64 {
	constant := -float64(n*d) * 0.5 * math.Log(2*pi)
	icfSz := d * (d + 1) / 2

	qdiags := make([]float64, d*k)
	sumQs := make([]float64, k)
	xcentered := make([]float64, d)
	qxcentered := make([]float64, d)
	mainTerm := make([]float64, k)

	preprocessQs(d, k, icf, sumQs, qdiags)

	slse := 0.0
	for ix := 0; ix < n; ix++ {
		for ik := 0; ik < k; ik++ {
			subtract(d, x[ix*d:], means[ik*d:], xcentered)
			qTimesX(d, qdiags[ik*d:], icf[ik*icfSz+d:], xcentered, qxcentered)
			mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5*sqnorm(d, qxcentered)
		}
		slse += logsumexp(k, mainTerm)
	}

	lseAlphas := logsumexp(k, alphas)
	err := constant + slse - float64(n)*lseAlphas
	return err + logWishartPrior(d, k, wishart, sumQs, qdiags, icf)
}

// ObjectiveCheckpointed is Objective with its loop over the points marked
// //godiff:checkpoint: its gradient runs each point's backward code right
// after the point, on a tape of one point, rather than record every point,
// so that its tape does not grow with the number of points (see checkpoint_test.go and the README's "Checkpointing a loop"). The body is
// Objective's, statement for statement.
//
//godiff:grad alphas means icf
func ObjectiveCheckpointed(d, k, n int, alphas, means, icf, x []float64, wishart Wishart) float64 {
	constant := -float64(n*d) * 0.5 * math.Log(2*pi)
	icfSz := d * (d + 1) / 2

	qdiags := make([]float64, d*k)
	sumQs := make([]float64, k)
	xcentered := make([]float64, d)
	qxcentered := make([]float64, d)
	mainTerm := make([]float64, k)

	preprocessQs(d, k, icf, sumQs, qdiags)

	slse := 0.0
	//godiff:checkpoint
	for ix := 0; ix < n; ix++ {
		for ik := 0; ik < k; ik++ {
			subtract(d, x[ix*d:], means[ik*d:], xcentered)
			qTimesX(d, qdiags[ik*d:], icf[ik*icfSz+d:], xcentered, qxcentered)
			mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5*sqnorm(d, qxcentered)
		}
		slse += logsumexp(k, mainTerm)
	}

	lseAlphas := logsumexp(k, alphas)
	err := constant + slse - float64(n)*lseAlphas
	return err + logWishartPrior(d, k, wishart, sumQs, qdiags, icf)
}

// preprocessQs writes each component's Σ q (the log-determinant of Q) into
// sumQs and exp(q), Q's diagonal, into qdiags.
func preprocessQs(d, k int, icf, sumQs, qdiags []float64) {
	icfSz := d * (d + 1) / 2
	for ik := 0; ik < k; ik++ {
		sumQs[ik] = 0
		for id := 0; id < d; id++ {
			q := icf[ik*icfSz+id]
			sumQs[ik] += q
			qdiags[ik*d+id] = math.Exp(q)
		}
	}
}

// qTimesX writes Q·x into out, for the lower-triangular Q with diagonal
// qdiag and strictly lower part ltri (column by column).
func qTimesX(d int, qdiag, ltri, x, out []float64) {
	for id := 0; id < d; id++ {
		out[id] = qdiag[id] * x[id]
	}
	lparamsIdx := 0
	for i := 0; i < d; i++ {
		for j := i + 1; j < d; j++ {
			out[j] += ltri[lparamsIdx] * x[i]
			lparamsIdx++
		}
	}
}

// subtract writes x − y into out (d values).
func subtract(d int, x, y, out []float64) {
	for id := 0; id < d; id++ {
		out[id] = x[id] - y[id]
	}
}

// sqnorm is Σ x[i]² over the first n values.
func sqnorm(n int, x []float64) float64 {
	res := x[0] * x[0]
	for i := 1; i < n; i++ {
		res += x[i] * x[i]
	}
	return res
}

// arrMax is the largest of the first n values.
func arrMax(n int, x []float64) float64 {
	m := x[0]
	for i := 1; i < n; i++ {
		m = math.Max(m, x[i])
	}
	return m
}

// logsumexp is log Σ exp(x[i]) over the first n values, shifted by their
// maximum so that no exponential overflows.
func logsumexp(n int, x []float64) float64 {
	mx := arrMax(n, x)
	semx := 0.0
	for i := 0; i < n; i++ {
		semx += math.Exp(x[i] - mx)
	}
	return math.Log(semx) + mx
}

// logWishartPrior is Σₖ [½γ²‖Qₖ‖²_F − m Σ qₖ] − k·C, the negative log of
// the Wishart prior (ADBench's sign).
func logWishartPrior(p, k int, wishart Wishart, sumQs, qdiags, icf []float64) float64 {
	n := p + wishart.M + 1
	icfSz := p * (p + 1) / 2
	c := float64(n*p)*(math.Log(wishart.Gamma)-0.5*math.Log(2)) - logGammaDistrib(0.5*float64(n), p)

	out := 0.0
	for ik := 0; ik < k; ik++ {
		frobenius := sqnorm(p, qdiags[ik*p:]) + sqnorm(icfSz-p, icf[ik*icfSz+p:])
		out += 0.5*wishart.Gamma*wishart.Gamma*frobenius - float64(wishart.M)*sumQs[ik]
	}
	return out - float64(k)*c
}

// logGammaDistrib is the multivariate log-gamma function log Γₚ(a).
func logGammaDistrib(a float64, p int) float64 {
	out := 0.25 * float64(p*(p-1)) * math.Log(pi)
	for j := 1; j <= p; j++ {
		lg, _ := math.Lgamma(a + 0.5*float64(1-j))
		out += lg
	}
	return out
}
