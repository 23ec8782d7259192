package localstructs

// samples and rows are the data of NormalNLL and LinearLoss (here, since
// the generated checks build this file alone beside them).
var (
	samples = []float64{0.3, -1.2, 0.8, 2.1, -0.4}
	rows    = []float64{0.5, -0.1, 1.2, -0.7, 0.9, 0.3}
)

// godiffPointsLinearLoss gives the generated checks points of LinearLoss,
// whose x holds len(y) rows of len(w) numbers, a shape random slices of
// one length lack.
func godiffPointsLinearLoss(at func(w []float64, b float64, x, y []float64)) {
	at([]float64{0.5, -1.2, 0.3}, 0.7, rows, samples[:2])
	at([]float64{-0.4, 0.9}, -0.2, rows, samples[:3])
}
