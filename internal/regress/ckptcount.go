// Checkpointed loops through which no derivative flows (srcgen seed 1
// program 25): the body only counts, or tests, and the call of its
// function stays a plain call in the forward sweep. FForward dropped the
// counter's argument (the first, taken for a tape) and did not build.

package regress

// CountedWhile marks a loop that only counts up to 3 and tests x.
//
//godiff:grad
func CountedWhile(x float64) float64 {
	j := 0
	//godiff:checkpoint
	for j < 3 {
		j++
		if x > 10 {
			panic("x > 10")
		}
	}
	return x*x + float64(j)
}

// CountedRange marks a range loop summing a constant and counting.
//
//godiff:grad
func CountedRange(x float64, n int) float64 {
	j := 0
	r := 0.0
	//godiff:checkpoint
	for range n {
		j++
		r += 1
	}
	return x*r + float64(j)
}
