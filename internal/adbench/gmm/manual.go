package gmm

import "math"

// ManualGrad is Objective's gradient written by hand from its mathematics,
// the counterpart of ADBench's Manual module (the reference every tool is
// compared with, and the "hand-written" line). It returns the
// objective and writes the gradient into grad, in ADBench's layout
// [alphas (k) | means (k·d) | icf (k·d(d+1)/2)], overwriting it.
//
// With β_ik = α_k + Σ q_k − ½‖y_ik‖², y_ik = Q_k z_ik, z_ik = x_i − μ_k and
// r_ik = softmax_k(β_i·), the terms are
//
//	∂F/∂α_k        = Σ_i r_ik − n·softmax(α)_k
//	∂F/∂μ_k        = Σ_i r_ik Q_kᵀ y_ik
//	∂F/∂q_k[j]     = Σ_i r_ik (1 − exp(q_k[j]) z_j y_j) + γ² exp(q_k[j])² − m
//	∂F/∂Q_k[r][c]  = −Σ_i r_ik z_c y_r + γ² Q_k[r][c]   (strictly lower part)
//
// One pass over the points: for each point, z and y of every component are
// kept in work buffers (as the Manual module keeps its inner terms), the
// softmax of β is taken, and each component's terms are added scaled by
// its responsibility. Like the objective, it allocates its work buffers
// once per call.
func ManualGrad(d, k, n int, alphas, means, icf, x []float64, wishart Wishart, grad []float64) float64 {
	icfSz := d * (d + 1) / 2
	constant := -float64(n*d) * 0.5 * math.Log(2*pi)

	qdiags := make([]float64, d*k)
	sumQs := make([]float64, k)
	preprocessQs(d, k, icf, sumQs, qdiags)

	z := make([]float64, d*k) // x_i − μ_k of every component, for the current point
	y := make([]float64, d*k) // Q_k z
	beta := make([]float64, k)

	clear(grad)
	dalphas := grad[:k]
	dmeans := grad[k : k+k*d]
	dicf := grad[k+k*d:]

	slse := 0.0
	for ix := 0; ix < n; ix++ {
		xi := x[ix*d : ix*d+d]
		for ik := 0; ik < k; ik++ {
			zk, yk := z[ik*d:ik*d+d], y[ik*d:ik*d+d]
			subtract(d, xi, means[ik*d:], zk)
			qTimesX(d, qdiags[ik*d:], icf[ik*icfSz+d:], zk, yk)
			beta[ik] = alphas[ik] + sumQs[ik] - 0.5*sqnorm(d, yk)
		}
		slse += softmaxInPlace(beta)
		for ik := 0; ik < k; ik++ {
			r := beta[ik]
			zk, yk := z[ik*d:ik*d+d], y[ik*d:ik*d+d]
			qdiag := qdiags[ik*d : ik*d+d]
			dmean := dmeans[ik*d : ik*d+d]
			dq := dicf[ik*icfSz : ik*icfSz+d]
			dl := dicf[ik*icfSz+d : (ik+1)*icfSz]
			ltri := icf[ik*icfSz+d : (ik+1)*icfSz]
			dalphas[ik] += r
			// ∂β/∂μ = Qᵀy and ∂β/∂q_j = 1 − Q_jj z_j y_j: the diagonal first,
			// then the strictly lower part column by column, as qTimesX.
			for j := 0; j < d; j++ {
				dmean[j] += r * qdiag[j] * yk[j]
				dq[j] += r * (1 - qdiag[j]*zk[j]*yk[j])
			}
			idx := 0
			for c := 0; c < d; c++ {
				for row := c + 1; row < d; row++ {
					dmean[c] += r * ltri[idx] * yk[row]
					dl[idx] -= r * zk[c] * yk[row]
					idx++
				}
			}
		}
	}

	lseAlphas := logsumexp(k, alphas)
	for ik := 0; ik < k; ik++ {
		dalphas[ik] -= float64(n) * math.Exp(alphas[ik]-lseAlphas)
	}
	addPriorGrad(d, k, wishart, qdiags, icf, dicf)
	f := constant + slse - float64(n)*lseAlphas
	return f + logWishartPrior(d, k, wishart, sumQs, qdiags, icf)
}

// addPriorGrad adds to dicf the gradient of the Wishart prior's term of
// the objective: γ²·q² − m on each log-diagonal entry q's (q the entry of
// qdiags), γ² times the entry on the strictly lower part.
func addPriorGrad(d, k int, wishart Wishart, qdiags, icf, dicf []float64) {
	icfSz := d * (d + 1) / 2
	g2 := wishart.Gamma * wishart.Gamma
	for ik := 0; ik < k; ik++ {
		for j := 0; j < d; j++ {
			q := qdiags[ik*d+j]
			dicf[ik*icfSz+j] += g2*q*q - float64(wishart.M)
		}
		for i := d; i < icfSz; i++ {
			dicf[ik*icfSz+i] += g2 * icf[ik*icfSz+i]
		}
	}
}

// softmaxInPlace replaces v by softmax(v) and returns log Σ exp(v), both
// shifted by the maximum so that no exponential overflows.
func softmaxInPlace(v []float64) float64 {
	mx := arrMax(len(v), v)
	s := 0.0
	for i := range v {
		v[i] = math.Exp(v[i] - mx)
		s += v[i]
	}
	for i := range v {
		v[i] /= s
	}
	return math.Log(s) + mx
}
