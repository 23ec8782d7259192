package lstm

import "math"

// godiffPointsObjective gives the generated checks (lstm_godiff_test.go)
// points of Objective: its parameters' lengths follow from l, c and b
// (8lb weights, 3b extra, 2lb of state, cb of sequence), which random
// points do not know.
func godiffPointsObjective(at func(l, c, b int, mainParams, extraParams, state, sequence []float64)) {
	fill := func(n int, phase float64) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = 0.8 * math.Sin(1.7*float64(i)+phase)
		}
		return x
	}
	for _, s := range []struct{ l, c, b int }{{1, 2, 2}, {2, 3, 3}} {
		at(s.l, s.c, s.b, fill(8*s.l*s.b, 0.1), fill(3*s.b, 0.7), fill(2*s.l*s.b, -0.4), fill(s.c*s.b, 1.9))
	}
}
