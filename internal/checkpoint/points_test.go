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

// The generated checks (godiff -tests) of the RNNs of rnn.go need points
// where w is n×n and u n×d for the n of h0, which random slices of one
// length are not: these give two, of 4 and 7 steps.

func godiffPointsRNN(at func(w, u, b, v, h0, xs []float64)) { rnnPoints(at) }

func godiffPointsRNNEvery(at func(w, u, b, v, h0, xs []float64)) { rnnPoints(at) }

func godiffPointsRNNSwap(at func(w, u, b, v, h0, xs []float64)) { rnnPoints(at) }

func godiffPointsRNNRecorded(at func(w, u, b, v, h0, xs []float64)) { rnnPoints(at) }

func godiffPointsRNNSwapRecorded(at func(w, u, b, v, h0, xs []float64)) { rnnPoints(at) }

func godiffPointsRNNFor(at func(w, u, b, v, h0, xs []float64)) { rnnPoints(at) }

func godiffPointsRNNWhile(at func(w, u, b, v, h0, xs []float64)) { rnnPoints(at) }

func rnnPoints(at func(w, u, b, v, h0, xs []float64)) {
	w := []float64{0.5, -0.3, 0.2, 0.1, 0.6, -0.4, 0.3, 0.2, -0.5}
	u := []float64{0.4, -0.2, 0.1, 0.3, -0.6, 0.2}
	b, v, h0 := []float64{0.1, -0.1, 0.05}, []float64{0.7, -0.4, 0.9}, []float64{0.2, -0.3, 0.1}
	at(w, u, b, v, h0, rnnInputs(4))
	at(w, u, b, v, h0, rnnInputs(7))
}

// rnnN and rnnD are the hidden size and input size of the tests' RNN.
const rnnN, rnnD = 3, 2

// rnnInputs are T steps of inputs.
func rnnInputs(T int) []float64 {
	xs := make([]float64, T*rnnD)
	for i := range xs {
		xs[i] = 0.7 * float64((i*37)%11-5) / 5
	}
	return xs
}
