package realgo

// Clamp is x held between lo and hi by the builtins min and max.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Clamp(x, lo, hi float64) float64 { return min(max(x, lo), hi) }

// Spread is the largest of three values minus the smallest, times a: min
// and max of several arguments.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Spread(a, b, c float64) float64 { return (max(a, b, c) - min(a, b, c)) * a }

// Hinge sums max(0, 1 - y[i] x[i]) over a buffer cleared and refilled on
// each of three passes, scaled by the buffer's capacity: clear, cap and
// the builtin max on slices.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Hinge(x, y []float64, w float64) float64 {
	buf := make([]float64, len(x))
	s := 0.0
	for pass := range 3 {
		clear(buf)
		for i := range x {
			buf[i] += max(0, 1-y[i]*x[i]*w) * float64(pass+1)
		}
		for i := range buf {
			s += buf[i] * buf[i]
		}
	}
	return s / float64(cap(buf))
}

// ClearInput clears its differentiated input after reading it: the
// derivative with respect to what x held before is the one of the values
// read.
//
//godiff:grad
//godiff:jvp
func ClearInput(x []float64, a float64) float64 {
	s := 0.0
	for i := range x {
		s += x[i] * x[i] * a
	}
	clear(x)
	for i := range x {
		s += x[i] * a
	}
	return s
}

// Clamp32 is Clamp in float32: the builtins are generic.
//
//godiff:grad
//godiff:jvp
func Clamp32(x, lo, hi float32) float32 { return min(max(x, lo), hi) }
