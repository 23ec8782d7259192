package loop

// Sum is a weighted sum of squares in a loop.
//
//godiff:grad w
func Sum(x []float64, w float64) float64 {
	s := 0.0
	for i := range x {
		t := w * x[i]
		s += t * t
	}
	return s
}
