package regress

// Two calls of one function of arrays, one that differentiates none of its
// parameters (no argument carries a derivative that reaches the result)
// and one that differentiates all: each gets its own split form (was: an
// internal error, the first took the plain names keepFirstCallForward and
// keepFirstCallBackward, which the second then invoked with more
// arguments; srcgen seed 6 program 35).

// keepFirst returns a with b added to its first entry.
func keepFirst(a [2]float64, b float64) [2]float64 {
	a[0] += b
	return a
}

// BranchOnCall compares y with a call of x whose result only decides the
// branch (x has no derivative to carry), and returns y·x on one side, a
// call's entry that carries y's on the other.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func BranchOnCall(y, x float64) float64 {
	if y > keepFirst([2]float64{1, 2}, x)[1] {
		return y * y
	}
	return keepFirst([2]float64{y, 3 * y}, y)[1] * y
}
