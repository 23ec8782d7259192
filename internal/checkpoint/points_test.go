package checkpoint

// godiffPointsBatch gives the generated checks (godiff -tests) points where
// Batch runs: x holds len(y) examples of len(w) features each, row by
// row, which random slices of one length do not.
func godiffPointsBatch(at func(w []float64, b float64, x, y []float64)) {
	batchPoints(at)
}

// godiffPointsBatchRecorded: the points of Batch.
func godiffPointsBatchRecorded(at func(w []float64, b float64, x, y []float64)) {
	batchPoints(at)
}

func batchPoints(at func(w []float64, b float64, x, y []float64)) {
	at([]float64{0.5, -1.2}, 0.3, []float64{1, 2, -0.5, 0.7, 1.5, -2}, []float64{0.4, -1, 2})
	at([]float64{1.1, 0.2, -0.7}, -0.4, []float64{0.3, -1, 2, 0.8, 0.1, -0.6}, []float64{1.2, -0.3})
}
