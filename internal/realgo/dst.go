package realgo

import "math"

// This file holds gonum's way of writing into a slice: a function that
// writes its output into dst and returns dst, as floats.AddScaledTo,
// SubTo and ScaleTo do, annotated itself or called as a statement.

// AddScaledTo is gonum's floats.AddScaledTo, written out: dst = y + alpha*s.
// It returns dst.
//
//godiff:vjp
//godiff:jvp
func AddScaledTo(dst, y []float64, alpha float64, s []float64) []float64 {
	if len(s) != len(y) {
		panic("floats: slice lengths do not match")
	}
	if len(dst) != len(y) {
		panic("floats: destination slice length does not match input")
	}
	if len(y) == 0 {
		return dst
	}
	for i, v := range s {
		dst[i] = y[i] + alpha*v
	}
	return dst
}

// subTo is gonum's floats.SubTo: dst = s - t, returning dst.
func subTo(dst, s, t []float64) []float64 {
	if len(s) != len(t) {
		panic("floats: slice lengths do not match")
	}
	for i, v := range t {
		dst[i] = s[i] - v
	}
	return dst
}

// softTo writes a smooth absolute value of s into dst and returns dst.
func softTo(dst, s []float64, eps float64) []float64 {
	for i, v := range s {
		dst[i] = math.Sqrt(v*v + eps)
	}
	return dst
}

// SmoothL1 is Σ sqrt((pred−target)² + eps), computed as gonum users write
// it: helpers that write into a work slice and return it, called as
// statements.
//
//godiff:grad
//godiff:jvp
func SmoothL1(pred, target []float64, eps float64) float64 {
	diff := make([]float64, len(pred))
	subTo(diff, pred, target)
	abs := make([]float64, len(diff))
	softTo(abs, diff, eps)
	s := 0.0
	for _, a := range abs {
		s += a
	}
	return s
}

// cumProdTo is a running product of s written into dst, returning dst: its
// loop carries the product, so the backward sweep calls its split form
// rather than inline it.
func cumProdTo(dst, s []float64) []float64 {
	p := 1.0
	for i, v := range s {
		p *= v
		dst[i] = p
	}
	return dst
}

// Trend sums the running products of x, through cumProdTo called as a
// statement.
//
//godiff:grad
//godiff:jvp
func Trend(x []float64) float64 {
	c := make([]float64, len(x))
	cumProdTo(c, x)
	s := 0.0
	for _, v := range c {
		s += v
	}
	return s
}

// SmoothL1Chained is SmoothL1 with the helpers' results used as values,
// as gonum's users chain them: the value of each call is the slice it
// wrote.
//
//godiff:grad
//godiff:jvp
func SmoothL1Chained(pred, target []float64, eps float64) float64 {
	diff := subTo(make([]float64, len(pred)), pred, target)
	abs := softTo(make([]float64, len(diff)), diff, eps)
	s := 0.0
	for _, a := range abs {
		s += a
	}
	return s
}

// cumSumTo is gonum's f64.CumSum: the running sums of s written into dst,
// returning dst.
func cumSumTo(dst, s []float64) []float64 {
	if len(s) == 0 {
		return dst
	}
	dst[0] = s[0]
	for i, v := range s[1:] {
		dst[i+1] = dst[i] + v
	}
	return dst
}

// scaleTo is gonum's floats.ScaleTo: dst = c*s, returning dst.
func scaleTo(dst []float64, c float64, s []float64) []float64 {
	for i, v := range s {
		dst[i] = c * v
	}
	return dst
}

// CumSumScaled writes the running sums of alpha*s into dst and returns
// dst, ending as gonum's floats.CumSum does, with return f64.CumSum(dst,
// s): it returns what a call returns, the dst it passes that call.
//
//godiff:vjp
//godiff:jvp
func CumSumScaled(dst, s []float64, alpha float64) []float64 {
	if len(dst) != len(s) {
		panic("floats: destination slice length does not match input")
	}
	if len(s) == 0 {
		return dst
	}
	return cumSumTo(dst, scaleTo(make([]float64, len(s)), alpha, s))
}
