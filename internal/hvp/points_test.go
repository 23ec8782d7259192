package hvp

// godiffPointsQuad gives the generated checks (godiff -tests) points where
// Quad runs: a holds an n×n matrix for the n elements of x, which random
// slices of one length do not.
func godiffPointsQuad(at func(a, x []float64)) {
	at([]float64{2, -1, 0.5, 3}, []float64{0.7, -1.3})
	at([]float64{1, 0.2, -0.4, 0.3, 1.5, 0.6, -0.8, 0.1, 2.2}, []float64{-0.5, 1.1, 0.9})
}

// godiffPointsLogLoss gives the generated checks points where LogLoss
// runs: a holds len(y) rows of len(w) features.
func godiffPointsLogLoss(at func(w, a, y []float64)) {
	at([]float64{0.3, -0.7}, []float64{1, 0.5, -0.2, 0.8, 0.4, -1.1}, []float64{1, 0, 1})
	at([]float64{-0.4, 0.9, 0.2}, []float64{0.3, -0.6, 1.2, 0.7, 0.1, -0.5}, []float64{0, 1})
}
