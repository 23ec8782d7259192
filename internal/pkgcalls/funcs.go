// Package pkgcalls calls functions of another package, internal/otherpkg/vecs,
// as user code calls gonum's floats and stat: godiff differentiates them
// from their source into funcs_godiff.go, and leaves inactive calls as
// they are.
package pkgcalls

import (
	"math"
	"sort"

	"github.com/godiff/godiff/internal/otherpkg/vecs"
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

// Project sums the squares of w's projections on x and on 2x, written into
// one work buffer in turn, through vecs.AsmDot, which is assembly: its
// derivatives are the rule below.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Project(w, x []float64) float64 {
	buf := make([]float64, len(x))
	p := 0.0
	for k := range 2 {
		for i := range x {
			buf[i] = x[i] * float64(k+1)
		}
		d := vecs.AsmDot(w, buf)
		p += d * d
	}
	return p
}

// dotTape is what dotForward keeps for dotBackward: copies of AsmDot's
// arguments, since a caller may overwrite them after the call.
type dotTape struct{ s1, s2 []float64 }

// dotForward is the forward function of vecs.AsmDot's rule: its value,
// keeping in t what dotBackward reads.
//
//godiff:rule vecs.AsmDot
func dotForward(t *dotTape, s1, s2 []float64) float64 {
	t.s1 = append(t.s1[:0], s1...)
	t.s2 = append(t.s2[:0], s2...)
	return vecs.AsmDot(s1, s2)
}

// dotBackward adds s·∂AsmDot/∂s1 into ds1 and s·∂AsmDot/∂s2 into ds2.
//
//godiff:rule vecs.AsmDot
func dotBackward(t *dotTape, s float64, ds1, ds2 []float64) {
	for i := range t.s1 {
		ds1[i] += s * t.s2[i]
		ds2[i] += s * t.s1[i]
	}
}

// dotJVP returns vecs.AsmDot's value and its derivative along (ds1, ds2).
//
//godiff:rule vecs.AsmDot
func dotJVP(s1, s2, ds1, ds2 []float64) (float64, float64) {
	return vecs.AsmDot(s1, s2), vecs.AsmDot(ds1, s2) + vecs.AsmDot(s1, ds2)
}

// Score is tanh(w·x) through vecs.AsmDot, differentiated in w alone: the
// rule's backward function gets a throwaway buffer for x, and its JVP a
// zero tangent.
//
//godiff:grad w
//godiff:jvp w
func Score(w, x []float64) float64 {
	return math.Tanh(vecs.AsmDot(w, x))
}

// Smooth sums vecs.Softplus of a·w[i], a function of numbers of the other
// package called in a loop: its gradient and JVP are generated from its
// source (vecsSoftplusGrad, vecsSoftplusJVP).
//
//godiff:grad
//godiff:jvp
func Smooth(w []float64, a float64) float64 {
	s := 0.0
	for _, v := range w {
		s += vecs.Softplus(a * v)
	}
	return s
}

// sumCubes is Σ x[i]³. Its rule's backward function uses its tape up, as
// a tape of pushes and pops does: the backward sweep of a caller hands it
// a copy of the call's tape, so that one forward run still serves several
// backward runs.
func sumCubes(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v * v * v
	}
	return s
}

// cubeTape holds 3x[i]², pushed in order.
type cubeTape struct{ slopes []float64 }

// cubeForward is sumCubes, pushing each slope.
//
//godiff:rule sumCubes
func cubeForward(t *cubeTape, x []float64) float64 {
	t.slopes = t.slopes[:0]
	for _, v := range x {
		t.slopes = append(t.slopes, 3*v*v)
	}
	return sumCubes(x)
}

// cubeBackward pops the slopes, last first.
//
//godiff:rule sumCubes
func cubeBackward(t *cubeTape, s float64, dx []float64) {
	for i := len(dx) - 1; i >= 0; i-- {
		n := len(t.slopes) - 1
		dx[i] += s * t.slopes[n]
		t.slopes = t.slopes[:n]
	}
}

// cubeJVP returns sumCubes's value and its derivative along dx.
//
//godiff:rule sumCubes
func cubeJVP(x, dx []float64) (float64, float64) {
	d := 0.0
	for i, v := range x {
		d += 3 * v * v * dx[i]
	}
	return sumCubes(x), d
}

// Cubes is twice the sum of the cubes, through the rule.
//
//godiff:grad
func Cubes(x []float64) float64 {
	return 2 * sumCubes(x)
}

// Tabled reads another package's package variables through its functions:
// vecs.Weighted's scale, and the table vecs.Poly passes to a helper as a
// slice.
//
//godiff:grad w
//godiff:jvp w
func Tabled(w []float64, x float64) float64 {
	return vecs.Weighted(w) * vecs.Poly(x*w[0])
}
