package hessian

// godiffPointsLogLoss gives the generated checks (godiff -tests) points
// where LogLoss runs: a holds len(y) rows of len(w) features, which
// random slices of one length do not.
func godiffPointsLogLoss(at func(w, a, y []float64, lambda float64)) {
	for _, d := range []int{1, 3} {
		a, y := logData(d, 4)
		w := make([]float64, d)
		for j := range w {
			w[j] = 0.3 - 0.2*float64(j)
		}
		at(w, a, y, 0.1)
	}
}
