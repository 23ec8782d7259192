package regress

// An array read in the statement of a call that writes it through a[:]:
// Go does not specify which happens first, so godiff refuses
// b[2] + addAll(b[:], x) (calls_test.go's TestEvaluationOrder; was:
// accepted, and FGrad read b[2] before the call where F, compiled by gc,
// read it after: a wrong value without a word; srcgen seed 12 program
// 1495). With the call in a statement before, as here, it is
// differentiated.

// addAll adds a to every entry of v and returns v[0].
func addAll(v []float64, a float64) float64 {
	for i := range v {
		v[i] += a
	}
	return v[0]
}

// CallThenRead writes b through b[:], then reads it: b becomes
// [2x, 3x, 3+x], the result (3+x)·x + 2x.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func CallThenRead(x float64) float64 {
	b := [3]float64{x, 2 * x, 3}
	c := addAll(b[:], x)
	return b[2]*x + c
}
