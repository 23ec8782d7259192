// Operands of && and || (and of a switch case list) that Go computes only
// when the left operand does not decide: a call of a helper that writes its
// slice must not write it, and an index must not be read, when Go skips
// them (srcgen seed 3 program 22: FGrad wrote the slice where F did not).

package regress

// addScaledFirst adds a·v[0] to the last entry of v and returns v[0]·a: a helper
// that writes its slice.
func addScaledFirst(v []float64, a float64) float64 {
	v[len(v)-1] += a * v[0]
	return v[0] * a
}

// CondWrite calls addScaledFirst only where Go's short-circuit reaches it.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func CondWrite(xs []float64, x float64) float64 {
	r := x
	for i := range xs {
		if x > 0.3*float64(i) && addScaledFirst(xs, x) > 0 {
			r += xs[i] * x
		}
		a := 0.5 * xs[i]
		if x < 0 || addScaledFirst(xs, a) < 1 {
			r *= 1 + 0.1*xs[len(xs)-1]
		}
		switch {
		case x > 1, addScaledFirst(xs, 0.25) > 0:
			r += 0.5 * xs[len(xs)-1]
		}
	}
	return r
}

// NextIndex reads xs[i+1] only when i+1 is in range: the conversion
// after the index must not hide the index from the short-circuit.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func NextIndex(xs []float64, x float64) float64 {
	r := x
	for i := range xs {
		if i+1 < len(xs) && xs[i+1]*float64(i) > -10 {
			r += xs[i+1] * x
		}
	}
	return r
}
