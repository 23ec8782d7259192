package composed

// The generated checks (godiff -tests) need points where the functions of
// weights.go run: x holds len(y) rows of len(w) values, which random
// slices of one length do not, and GradAt's k indexes w.

// pointData returns the points' weights, rows and labels.
func pointData() (w, x, y [][]float64) {
	w = [][]float64{{0.3, -0.2, 0.5}, {-0.4, 0.9}}
	x = [][]float64{
		{0.1, 0.4, -0.3, 0.7, -0.5, 0.2, 0.9, 0.3, -0.8, -0.6, 0.25, 0.15},
		{0.3, -0.6, 1.2, 0.7, 0.1, -0.5},
	}
	y = [][]float64{{1, -1, 1, -1}, {-1, 1, 1}}
	return w, x, y
}

func godiffPointsLogLoss(at func(w, x, y []float64)) {
	w, x, y := pointData()
	for i := range w {
		at(w[i], x[i], y[i])
	}
}

func godiffPointsGradSum(at func(w, x, y []float64)) { godiffPointsLogLoss(at) }

// withFloat calls at at each point with c.
func withFloat(at func(w, x, y []float64, c float64), c float64) {
	godiffPointsLogLoss(func(w, x, y []float64) { at(w, x, y, c) })
}

func godiffPointsGradPenalty(at func(w, x, y []float64, lam float64)) { withFloat(at, 0.3) }

func godiffPointsGradPenaltyAll(at func(w, x, y []float64, lam float64)) { withFloat(at, 0.3) }

func godiffPointsSeededPenalty(at func(w, x, y []float64, c float64)) { withFloat(at, -0.7) }

func godiffPointsMetaStep(at func(w, x, y []float64, eta float64)) { withFloat(at, 0.4) }

func godiffPointsUnrolled(at func(w, x, y []float64, eta float64)) { withFloat(at, 0.4) }

func godiffPointsGradAt(at func(w, x, y []float64, k int)) {
	godiffPointsLogLoss(func(w, x, y []float64) { at(w, x, y, 1) })
}

func godiffPointsHelped(at func(w, x, y []float64)) { godiffPointsLogLoss(at) }

func godiffPointsCheckpointed(at func(w, x, y []float64, eta float64)) { withFloat(at, 0.4) }
