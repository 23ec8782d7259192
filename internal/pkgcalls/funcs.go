// Package pkgcalls calls functions of another package, internal/otherpkg/vecs,
// as user code calls gonum's floats and stat: godiff differentiates them
// from their source into funcs_godiff.go, and leaves inactive calls as
// they are.
package pkgcalls

import (
	"math"
	"sort"

	"godiff/internal/otherpkg/vecs"
)

// Fit is a squared projection plus the sum of the weights.
//
//godiff:grad w
//godiff:vjp w
//godiff:jvp w
func Fit(w, x []float64) float64 {
	d := vecs.Dot(w, x)
	return d*d + vecs.Sum(w)
}

// LSE is a log-sum-exp of a scaled copy, through the other package's
// LogSumExp, Max and MaxIdx (an index, no derivative).
//
//godiff:grad
//godiff:jvp
func LSE(w []float64, a float64) float64 {
	buf := make([]float64, len(w))
	for i, v := range w {
		buf[i] = a * v
	}
	return vecs.LogSumExp(buf)
}

// Moments is the weighted mean plus the weighted variance of x.
//
//godiff:grad x
//godiff:jvp x
func Moments(x, weights []float64) float64 {
	return vecs.Mean(x, weights) + vecs.Variance(x, weights)
}

// Normalized is the norm of w, through an unexported helper of vecs that
// the output copies.
//
//godiff:grad
//godiff:jvp
func Normalized(w []float64) float64 {
	return vecs.Norm(w) / float64(len(w))
}

// Inactive calls other packages' functions on data that carries no
// derivative: the calls stay as they are.
//
//godiff:grad w
//godiff:jvp w
func Inactive(w, data []float64) float64 {
	if !sort.Float64sAreSorted(data) {
		panic("data must be sorted")
	}
	n := vecs.Sum(data)
	vecs.Scale(2, data)
	i := vecs.MaxIdx(w)
	return w[i]*n + math.Floor(vecs.Dot(data, data))
}

// Unweighted is the mean times the variance of x, with nil weights.
//
//godiff:grad
//godiff:jvp
func Unweighted(x []float64) float64 {
	return vecs.Mean(x, nil) * vecs.Variance(x, nil)
}
