package regress

// A range loop over an array whose body writes the array through a[:]
// passed to a function: Go ranges over a copy, so a value variable would
// not see the writes (was: the value variable read the array itself, and
// FGrad's value and gradient were wrong without a word; srcgen seed 11
// program 551). With a value variable godiff now refuses such a loop
// (parse/errors_test.go); over the indexes, as here, it is differentiated.

// addLast adds a to the last entry of dst.
func addLast(dst []float64, a float64) {
	dst[len(dst)-1] += a
}

// GrowLast ranges over the indexes of a while addLast writes a through
// a[:]: each a[i] read sees the writes before it, as in Go.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func GrowLast(a [2]float64, x float64) float64 {
	r := 0.0
	for i := range a {
		addLast(a[:], a[i]*x)
		r += a[i]
	}
	return r
}
