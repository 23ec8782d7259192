// Package loops holds annotated functions that use every construct of
// godiff's control-flow subset (if, switch, for in every form, range,
// break, continue, return inside loops, slices, arrays, sub-slices, copy,
// output parameters), so that the tests can check the generated
// derivatives against finite differences and forward mode against reverse
// mode, from the generated code itself.
package loops

//go:generate go run github.com/godiff/godiff/cmd/godiff funcs.go

import "math"

// SumSquares is the sum of x[i]², over a range loop.
//
//godiff:grad
//godiff:jvp
func SumSquares(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v * v
	}
	return s
}

// Dot is the dot product of w and x, differentiated in w only.
//
//godiff:grad w
//godiff:jvp w
func Dot(w, x []float64) float64 {
	s := 0.0
	for i := 0; i < len(w); i++ {
		s += w[i] * x[i]
	}
	return s
}

// LogSumExp is log Σ exp(x[i]), computed stably: the maximum first, then
// the sum of exp(x[i] - max). An empty x gives -Inf.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func LogSumExp(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		if v > m {
			m = v
		}
	}
	if len(x) == 0 {
		return m
	}
	s := 0.0
	for _, v := range x {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}

// Smooth applies iters sweeps of the smoothing stencil (1/4, 1/2, 1/4) to a
// copy of x, in place, and returns the weighted sum of squares of the
// result.
//
//godiff:grad x
//godiff:jvp x
func Smooth(x []float64, iters int) float64 {
	buf := make([]float64, len(x))
	copy(buf, x)
	for it := 0; it < iters; it++ {
		for i := 1; i < len(buf)-1; i++ {
			buf[i] = 0.25*buf[i-1] + 0.5*buf[i] + 0.25*buf[i+1]
		}
	}
	s := 0.0
	for i, v := range buf {
		s += float64(i+1) * v * v
	}
	return s
}

// Product is the product of the elements of x: a loop-carried value the
// backward sweep must read back iteration by iteration.
//
//godiff:grad
//godiff:jvp
func Product(x []float64) float64 {
	p := 1.0
	for i := range x {
		p = p * x[i]
	}
	return p
}

// Horner evaluates the polynomial with coefficients c (c[0] the constant)
// at x, counting down.
//
//godiff:grad x c
//godiff:jvp x c
func Horner(x float64, c []float64) float64 {
	r := 0.0
	for i := len(c) - 1; i >= 0; i-- {
		r = r*x + c[i]
	}
	return r
}

// Piecewise has a different formula on each of four intervals.
//
//godiff:grad
//godiff:jvp
func Piecewise(x, y float64) float64 {
	var r float64
	if x < -1 {
		r = -x * y
	} else if x < 0 {
		r = x * x * y
	} else if x < 1 {
		r = math.Sin(x) + y
	} else {
		r = math.Log(x) * y * y
	}
	return r
}

// Modes picks a formula by an integer mode (a tagged switch) and then by
// the sign of x (a switch without a tag).
//
//godiff:grad x
//godiff:jvp x
func Modes(x float64, mode int) float64 {
	var r float64
	switch mode {
	case 0:
		r = x * x
	case 1, 2:
		r = math.Exp(x)
	default:
		r = 3 * x
	}
	switch {
	case x > 2:
		r *= x
	case x < -2:
		r -= x
	}
	return r
}

// Newton runs Newton's iteration for √a from y0 until it converges (a bare
// for with two breaks): a trip count known only at run time.
//
//godiff:grad a
//godiff:jvp a
func Newton(a, y0 float64) float64 {
	y := y0
	k := 0
	for {
		y = 0.5 * (y + a/y)
		if math.Abs(y*y-a) < 1e-14*a {
			break
		}
		k++
		if k >= 100 {
			break
		}
	}
	return y
}

// Halve halves x while it is larger than limit (a condition-only loop),
// and returns x times the number of halvings.
//
//godiff:grad x
//godiff:jvp x
func Halve(x, limit float64) float64 {
	n := 0
	for x > limit {
		x = x / 2
		n++
	}
	return x * float64(n+1)
}

// FirstAbove returns the running product of x[0..i] for the first i at
// which the running sum of a row of m exceeds limit, searching the rows in
// order: a return from inside nested loops. If no sum exceeds limit it
// returns the product of everything plus the last sum.
//
//godiff:grad m
//godiff:jvp m
func FirstAbove(m [][]float64, limit float64) float64 {
	p := 1.0
	s := 0.0
	for _, row := range m {
		s = 0
		for j := range row {
			s += row[j]
			p *= row[j]
			if s > limit {
				return p
			}
		}
	}
	return p + s
}

// Triangle sums x[i]·x[j]·w[j] over j <= i: a triangular nested loop.
//
//godiff:grad x w
//godiff:jvp x w
func Triangle(x, w []float64) float64 {
	s := 0.0
	for i := range x {
		for j := 0; j <= i; j++ {
			s += x[i] * x[j] * w[j]
		}
	}
	return s
}

// Skips sums the squares of the elements of m's rows, skipping negative
// elements (continue), stopping a row at its first zero (break) and
// stopping everything at a NaN (labeled break); rows whose first element
// exceeds 10 are skipped whole (labeled continue).
//
//godiff:grad m
//godiff:jvp m
func Skips(m [][]float64) float64 {
	s := 0.0
rows:
	for _, row := range m {
		for j, v := range row {
			if j == 0 && v > 10 {
				continue rows
			}
			if v != v { // NaN
				break rows
			}
			if v < 0 {
				continue
			}
			if v == 0 {
				break
			}
			s += v * v
		}
	}
	return s
}

// MatVec writes W·x + b into out (an output parameter) and returns the sum
// of squares of out.
//
//godiff:grad W x b
//godiff:vjp W x b
//godiff:jvp W x b
func MatVec(W [][]float64, x, b, out []float64) float64 {
	s := 0.0
	for i := range W {
		acc := b[i]
		for j, wij := range W[i] {
			acc += wij * x[j]
		}
		out[i] = acc
		s += acc * acc
	}
	return s
}

// Scale writes a·x into out: a function whose only result is an output
// parameter.
//
//godiff:vjp a x
//godiff:jvp a x
func Scale(a float64, x, out []float64) {
	for i, v := range x {
		out[i] = a * v
	}
}

// Interior sums the squares of x without its first and last elements, a
// sub-slice of a differentiated slice, weighted by a literal and a
// separately incremented index.
//
//godiff:grad
//godiff:jvp
func Interior(x []float64) float64 {
	if len(x) < 2 {
		return 0
	}
	in := x[1 : len(x)-1]
	weights := []float64{1, 2, 3}
	s := 0.0
	k := 0
	for _, v := range in {
		s += weights[k%3] * v * v
		k++
	}
	return s
}

// Window sums, over every window of three consecutive elements, the
// product of the window's ends, reading each window through a sub-slice.
//
//godiff:grad
//godiff:jvp
func Window(x []float64) float64 {
	s := 0.0
	for i := 0; i+3 <= len(x); i++ {
		win := x[i : i+3]
		s += win[0] * win[2]
	}
	return s
}

// Arr is a weighted sum over a fixed-size array, with a local array.
//
//godiff:grad a
//godiff:jvp a
func Arr(a [3]float64, k float64) float64 {
	var sq [3]float64
	for i := range a {
		sq[i] = a[i] * a[i] * k
	}
	return sq[0] + 2*sq[1] + 3*sq[2]
}

// Single is a float32 range loop.
//
//godiff:grad
//godiff:jvp
func Single(x []float32) float32 {
	var s float32
	for i := range x {
		s += x[i] * float32(i+1)
	}
	return s
}

// Clamp is x clamped to [lo, hi], by early returns from ifs.
//
//godiff:grad
//godiff:jvp
func Clamp(x, lo, hi float64) float64 {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

// SmoothWork is Smooth on a work buffer the caller passes (an output
// parameter, overwritten), so that a call allocates nothing: the form to
// benchmark.
//
//godiff:grad x
func SmoothWork(x, buf []float64, iters int) float64 {
	copy(buf, x)
	for it := 0; it < iters; it++ {
		for i := 1; i < len(buf)-1; i++ {
			buf[i] = 0.25*buf[i-1] + 0.5*buf[i] + 0.25*buf[i+1]
		}
	}
	s := 0.0
	for i, v := range buf {
		s += float64(i+1) * v * v
	}
	return s
}

// Ripple updates a copy of x in place, iters times, nonlinearly: each
// element is overwritten with a value that depends on the element itself
// and on its already updated left neighbour, so the backward sweep must
// read back the elements as they were before each write.
//
//godiff:grad x
//godiff:jvp x
func Ripple(x []float64, iters int) float64 {
	buf := make([]float64, len(x))
	copy(buf, x)
	for it := 0; it < iters; it++ {
		for i := 1; i < len(buf); i++ {
			buf[i] = math.Sin(buf[i-1]) * buf[i]
		}
	}
	s := 0.0
	for _, v := range buf {
		s += v
	}
	return s
}

// Square squares the elements of x in place and returns their sum: a
// differentiated slice the function also writes, whose gradient is with
// respect to its contents on entry.
//
//godiff:grad
//godiff:jvp
func Square(x []float64) float64 {
	for i := range x {
		x[i] = x[i] * x[i]
	}
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s
}

// MeanVar returns the mean and the variance of x, from two passes: a
// function of two results, for vector-Jacobian and Jacobian-vector
// products through loops.
//
//godiff:vjp
//godiff:jvp
func MeanVar(x []float64) (mean, variance float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for _, v := range x {
		d := v - mean
		variance += d * d
	}
	variance /= float64(len(x))
	return mean, variance
}

// Repeat runs n rounds of a nonlinear recurrence over x; a count of zero
// or less runs none, as a range over a negative int does: the forward
// sweep, which makes room on its stacks for n rounds before the loop,
// must not take a negative count for a size.
//
//godiff:grad x
//godiff:jvp x
func Repeat(x []float64, n int) float64 {
	s := 0.5
	for range n {
		for i := 0; i < len(x); i++ {
			s = math.Sin(s)*x[i] + 0.5
		}
	}
	return s
}
