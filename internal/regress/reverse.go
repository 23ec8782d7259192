package regress

//go:generate go run github.com/godiff/godiff/cmd/godiff reverse.go

// Reverse mode's bugs of issue 9: an adjoint not cleared when a variable
// or an element is overwritten before it is read; a tuple assignment that
// moves a parameter's value; a backward function declaring an index it
// never uses (an in-place update whose adjoint passes through unchanged).

// Overwrite assigns r twice per iteration, the first value never read:
// its adjoint must be zero, not what reached r after the second
// assignment (FGrad(2) was 3).
//
//godiff:grad
//godiff:jvp
func Overwrite(x float64) float64 {
	r := 0.0
	for i := 0; i < 3; i++ {
		r = 2 * r
		r = x
	}
	return r
}

// OverwriteThrice reads r between overwrites, then overwrites it again.
//
//godiff:grad
//godiff:jvp
func OverwriteThrice(x float64) float64 {
	r := x
	for i := 0; i < 3; i++ {
		r = r * 2
		r = x
		r = r * r
	}
	return r
}

// OverwriteInBranch overwrites r in one branch of an if inside the loop.
//
//godiff:grad
//godiff:jvp
func OverwriteInBranch(x, y float64) float64 {
	r := y
	for i := 0; i < 3; i++ {
		r = r * r
		if x > 0 {
			r = 2 * r
			r = x
		}
	}
	return r
}

// OverwriteElems does to the elements of buf what Overwrite does to r,
// always and in a branch.
//
//godiff:grad
//godiff:jvp
func OverwriteElems(x float64, buf []float64) float64 {
	s := 0.0
	for i := 0; i < len(buf); i++ {
		buf[i] = 2 * buf[i]
		buf[i] = x
		if x > 0.5 {
			buf[0] = 3 * buf[0]
			buf[0] = x * buf[i]
		}
		s += buf[i] * buf[0]
	}
	return s
}

// MoveParam moves a parameter's value with a tuple assignment (FGrad(2, 1)
// gave dx = 2).
//
//godiff:grad
//godiff:jvp
func MoveParam(x, y float64) float64 {
	r := x
	r = r * 2
	x, r = r, x
	if y > 0 {
		r += 1
	}
	return r
}

// Swaps swaps two parameters, then two locals in a loop, then rotates
// three values.
//
//godiff:grad
//godiff:jvp
func Swaps(x, y, z float64) float64 {
	x, y = y, x*x
	a, b := x, y
	for i := 0; i < 3; i++ {
		a, b = b, a*b
		x, y, z = y, z, x*2
	}
	return a + 3*b + x + 2*y + 5*z*x
}

// SwapElems swaps elements of a slice in a loop and outside.
//
//godiff:grad
//godiff:jvp
func SwapElems(s []float64) float64 {
	for i := 0; i < len(s)-1; i++ {
		j := i + 1
		s[i], s[j] = s[j], s[i]*2
	}
	s[0], s[2] = s[2]*s[0], s[1]
	return s[0] + 2*s[1] + 3*s[2]*s[0]
}

// bumpLast adds 1 to the last element of xs, twice, in halves: h, which
// its loops carry from one iteration to the next (1 − ½ is ½ again) and
// read, keeps it a call in reverse mode (see reverse.InlineSmall), whose
// tape's records are empty.
func bumpLast(xs []float64) {
	h := 0.5
	for i := 0; i < 2; i++ {
		xs[len(xs)-1] += h
		h = 1 - h
	}
	for i := 0; i < 2; i++ {
		xs[len(xs)-1] += h
		h = 1 - h
	}
}

// BumpLast updates an element in place in a loop, itself and through a
// helper: the update's adjoint passes through unchanged, and the backward
// function declared the index and never used it.
//
//godiff:grad
//godiff:jvp
func BumpLast(xs []float64) float64 {
	bumpLast(xs)
	s := 0.0
	for i := 0; i < 3; i++ {
		xs[len(xs)-1] += 1
		s += xs[i] * xs[len(xs)-1]
	}
	return s
}

// BumpLocal updates a local slice in place, at constant and computed
// indexes.
//
//godiff:grad
//godiff:jvp
func BumpLocal(x float64) float64 {
	xs := make([]float64, 4)
	s := 0.0
	const k = 1
	for i := 0; i < 4; i++ {
		xs[len(xs)-1] += 1
		xs[(i+1)%4] += 1
		xs[k] *= 2
		xs[i] += x * float64(i+1)
		s += xs[i] * xs[i]
	}
	return s
}

// BumpParam updates a parameter slice at constant and index-arithmetic
// indexes, in branches.
//
//godiff:grad
//godiff:jvp
func BumpParam(xs []float64, x float64) float64 {
	s := 0.0
	const k = 1
	for i := 0; i < len(xs)-1; i++ {
		xs[k] *= 2
		if x > 0 {
			xs[i+1] += 1
		} else {
			xs[len(xs)-1-i] -= 2
		}
		s += xs[i] * xs[k] * x
	}
	return s
}

// BumpAt updates in place an element whose index comes from the data:
// the update's adjoint passes through, so the tape keeps no stack of the
// index, one entry per iteration, that nothing reads.
//
//godiff:grad
//godiff:jvp
func BumpAt(x float64, xs []float64) float64 {
	for i := 0; i < 3; i++ {
		k := int(xs[0]) % 2
		if k < 0 {
			k = -k
		}
		xs[k+1] += 1
		xs[2] = xs[2] * x
	}
	return xs[1] + xs[2]
}
