// Helpers whose index steps through a triangle, inlined into their
// callers' loops in reverse mode (see reverse.InlineSmall): the backward
// sweep steps the index back from its value as the inlined body ends,
// kept once when it is the same at every point (TriNorms) and once per
// point when it is not (TriSkip), and computes centred's elements again
// from xs and mu (see reverse's forwardedStore) rather than record them.

package regress

// triLower writes L·x into out, L lower-triangular with diagonal diag and
// strictly lower part ltri column by column: GMM's qTimesX.
func triLower(d int, diag, ltri, x, out []float64) {
	for i := 0; i < d; i++ {
		out[i] = diag[i] * x[i]
	}
	k := 0
	for i := 0; i < d; i++ {
		for j := i + 1; j < d; j++ {
			out[j] += ltri[k] * x[i]
			k++
		}
	}
}

// TriNorms is Σ_p ‖L·(xs[p] − mu)‖², d values per point.
//
//godiff:grad diag ltri mu
//godiff:jvp diag ltri mu
func TriNorms(d int, diag, ltri, mu, xs []float64) float64 {
	centred := make([]float64, d)
	out := make([]float64, d)
	s := 0.0
	for p := 0; p < len(xs)/d; p++ {
		for i := 0; i < d; i++ {
			centred[i] = xs[p*d+i] - mu[i]
		}
		triLower(d, diag, ltri, centred, out)
		for i := 0; i < d; i++ {
			s += out[i] * out[i]
		}
	}
	return s
}

// triSkip is triLower whose index skips the entries of the rows where x
// is negative: how far it gets depends on the point.
func triSkip(d int, ltri, x, out []float64) {
	k := 0
	for i := 0; i < d; i++ {
		out[i] = x[i]
		for j := i + 1; j < d; j++ {
			if x[i] > 0 {
				out[j] += ltri[k] * x[i]
				k++
			}
		}
	}
}

// TriSkip is Σ_p ‖L_p·(xs[p] − mu)‖², with triSkip's L_p.
//
//godiff:grad ltri mu
//godiff:jvp ltri mu
func TriSkip(d int, ltri, mu, xs []float64) float64 {
	centred := make([]float64, d)
	out := make([]float64, d)
	s := 0.0
	for p := 0; p < len(xs)/d; p++ {
		for i := 0; i < d; i++ {
			centred[i] = xs[p*d+i] - mu[i]
		}
		triSkip(d, ltri, centred, out)
		for i := 0; i < d; i++ {
			s += out[i] * out[i]
		}
	}
	return s
}
