package hessian

// godiffPointsLogLossHelpers gives the generated checks (godiff -tests) points
// where LogLoss runs: a holds len(y) rows of len(w) features.
func godiffPointsLogLossHelpers(at func(w, a, y []float64)) {
	at([]float64{0.3, -0.7}, []float64{1, 0.5, -0.2, 0.8, 0.4, -1.1}, []float64{1, -1, 1})
	at([]float64{-0.4, 0.9, 0.2}, []float64{0.3, -0.6, 1.2, 0.7, 0.1, -0.5}, []float64{-1, 1})
}

// godiffPointsLogLoss gives the generated checks (godiff -tests) points
// where LogLoss runs: a holds len(y) rows of len(w) features, which
// random slices of one length do not.
func godiffPointsLogLoss(at func(w, a, y []float64, lambda float64)) {
	at([]float64{0.3}, []float64{0.5, -1.2, 0.8}, []float64{1, -1, 1}, 0.1)
	at([]float64{0.3, -0.4}, []float64{0.5, -1.2, 0.8, 0.1, -0.7, 1.3}, []float64{1, -1, -1}, 0.2)
}
