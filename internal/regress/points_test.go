package regress

// godiffNoFDDivConstZero tells the generated checks (consts_godiff_test.go)
// that DivConstZero is infinite everywhere: finite differences have nothing
// to say; the other checks are made at its random points.
const godiffNoFDDivConstZero = "x/0 is infinite at every point"

// godiffPointsDebugLoop and godiffPointsDebugForReturn give the generated
// checks points where the functions' loops end: for x ≤ 0 (and for
// DebugLoop, x whose powers stay below 100) they run forever.
func godiffPointsDebugLoop(at func(x float64)) {
	at(1.7)
	at(3.2)
}

func godiffPointsDebugForReturn(at func(x float64)) {
	at(0.3)
	at(12.5)
}
