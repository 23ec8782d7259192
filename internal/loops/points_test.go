package loops

// godiffPointsHalve gives the generated checks (funcs_godiff_test.go) the
// points of Halve: with a limit below zero its loop never ends, as a
// random point may have it.
func godiffPointsHalve(at func(x, limit float64)) {
	at(37.5, 1)
	at(0.7, 0.25)
	at(0.1, 0.5)
}
