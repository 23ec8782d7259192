package realgo

// godiffPointsRosen gives the generated checks (guards_godiff_test.go) the
// points of Rosen, whose guard wants two numbers, which random points of 3
// to 5 do not have.
func godiffPointsRosen(at func(x []float64)) {
	at([]float64{-1.2, 1})
	at([]float64{0.5, 0.3})
}
