package regress

// An inactive call of a function returning an array that godiff cannot
// build (its body ranges with a value variable over an array it writes,
// which godiff refuses): the output calls it as the source does and reads
// the array it returns (was: t1, t2, t3 := shrink(...), which does not
// compile; srcgen seed 11 program 725). An active call of it is refused.

// shrink subtracts b times each entry from it, ranging over a copy.
func shrink(a [3]float64, b float64) [3]float64 {
	for i, v := range a {
		a[i] -= v * b
	}
	return a
}

// ShrinkBranch decides a branch and scales x by entries of arrays shrink
// returns, through which no derivative flows.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func ShrinkBranch(x float64) float64 {
	if x > shrink([3]float64{1, 2, 3}, 2)[1] {
		return x * x
	}
	c := shrink([3]float64{1, 2, 3}, 0.5)
	return 2 * x * c[2]
}
