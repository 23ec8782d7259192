package pkgcalls

// godiffPointsInactive gives the generated checks (funcs_godiff_test.go)
// points where Inactive runs: its guard wants sorted data, which random
// points are not.
func godiffPointsInactive(at func(w, data []float64)) {
	at([]float64{0.3, -1.2, 0.8}, []float64{-0.5, 0.25, 1.5})
	at([]float64{1.1, 0.4, -0.7, 2.2}, []float64{0.1, 0.2, 0.7, 0.9})
}
