// Functions whose outputs are slices they write (some of them in place):
// FVJP takes a seed for every slice F writes.

package regress

// Scale multiplies x by a in place.
//
//godiff:vjp
//godiff:jvp
func Scale(x []float64, a float64) {
	for i := range x {
		x[i] *= a
	}
}

// Scale32 is Scale in float32.
//
//godiff:vjp
//godiff:jvp
func Scale32(x []float32, a float32) {
	for i := range x {
		x[i] *= a * x[i]
	}
}

// Step writes an Euler-like step of s into dst.
//
//godiff:vjp
//godiff:jvp
func Step(dst, s []float64, h float64) {
	for i := range s {
		dst[i] = s[i] + h*s[i]*s[i]
	}
}

// Accum adds to dst: dst is read and written.
//
//godiff:vjp
//godiff:jvp
func Accum(dst, s []float64, h float64) {
	for i := range s {
		dst[i] += h * s[i] * dst[i]
	}
}

// AccumS is Accum differentiated with respect to s and h only.
//
//godiff:vjp s h
//godiff:jvp s h
func AccumS(dst, s []float64, h float64) {
	for i := range s {
		dst[i] += h * s[i] * dst[i]
	}
}

// Mixed has two float results and an output slice.
//
//godiff:vjp
//godiff:jvp
func Mixed(out, x []float64) (float64, float64) {
	a, b := 0.0, 1.0
	for i := range x {
		out[i] = x[i] * x[i]
		a += x[i]
		b *= x[i]
	}
	return a, b
}

// Lorenz is the Lorenz system.
type Lorenz struct{ Sigma, Rho, Beta float64 }

func (l Lorenz) deriv(dst, s []float64) {
	dst[0] = l.Sigma * (s[1] - s[0])
	dst[1] = s[0]*(l.Rho-s[2]) - s[1]
	dst[2] = s[0]*s[1] - l.Beta*s[2]
}

// RK4Step writes into dst a fourth-order Runge-Kutta step of s.
//
//godiff:vjp
//godiff:jvp
func (l Lorenz) RK4Step(dst, s []float64, h float64) {
	k1 := make([]float64, 3)
	k2 := make([]float64, 3)
	k3 := make([]float64, 3)
	k4 := make([]float64, 3)
	tmp := make([]float64, 3)
	l.deriv(k1, s)
	for i := range tmp {
		tmp[i] = s[i] + h/2*k1[i]
	}
	l.deriv(k2, tmp)
	for i := range tmp {
		tmp[i] = s[i] + h/2*k2[i]
	}
	l.deriv(k3, tmp)
	for i := range tmp {
		tmp[i] = s[i] + h*k3[i]
	}
	l.deriv(k4, tmp)
	for i := range dst {
		dst[i] = s[i] + h/6*(k1[i]+2*k2[i]+2*k3[i]+k4[i])
	}
}

// Buf holds a slice a method updates in place.
type Buf struct {
	X []float64
	G float64
}

// Norm returns a result and scales X in place.
//
//godiff:vjp
//godiff:jvp
func (b Buf) Norm(a float64) float64 {
	r := 0.0
	for i := range b.X {
		r += b.X[i] * b.X[i]
		b.X[i] *= a
	}
	return r
}

// Square2 squares the rows of x in place, times a.
//
//godiff:vjp
//godiff:jvp
func Square2(x [][]float64, a float64) {
	for i := range x {
		for j := range x[i] {
			x[i][j] *= a * x[i][j]
		}
	}
}

// PBuf is Buf behind a pointer receiver.
type PBuf struct {
	X []float64
	G float64
}

// Norm returns a result and scales X in place.
//
//godiff:vjp
//godiff:jvp
func (b *PBuf) Norm(a float64) float64 {
	r := 0.0
	for i := range b.X {
		r += b.X[i] * b.X[i]
		b.X[i] *= a * b.G
	}
	return r
}

// Decay scales the field X of its receiver in place: its only output.
//
//godiff:vjp
//godiff:jvp
func (b *PBuf) Decay(a float64) {
	for i := range b.X {
		b.X[i] *= a * b.G
	}
}

// Decay2 scales the field X of a struct parameter in place: its only
// output.
//
//godiff:vjp
//godiff:jvp
func Decay2(b Buf, a float64) {
	for i := range b.X {
		b.X[i] *= a * b.G
	}
}

// Feed writes out and reads it back, then writes one element twice.
//
//godiff:vjp
//godiff:jvp
func Feed(out, x []float64) float64 {
	r := 0.0
	for i := range x {
		out[i] = x[i] * x[i]
		r += out[i] * x[i]
	}
	out[0] *= x[1]
	return r
}

// ScaleA is Scale differentiated with respect to a only: x is an output
// whose initial contents are not differentiated.
//
//godiff:vjp a
//godiff:jvp a
func ScaleA(x []float64, a float64) {
	for i := range x {
		x[i] *= a * a
	}
}

func scaleInPlace(x []float64, a float64) {
	for i := range x {
		x[i] *= a * x[i]
	}
}

// Twice updates x in place through a helper, twice.
//
//godiff:vjp
//godiff:jvp
func Twice(x []float64, a float64) {
	scaleInPlace(x, a)
	scaleInPlace(x, a+1)
}
