package regress

import "math"

//go:generate go run github.com/godiff/godiff/cmd/godiff predicates.go

// Calls of the package's functions that return a bool or an int of
// differentiated values (issue 10, messages): a test has no derivative,
// like a comparison or math.IsInf, and such a call stays a call. godiff
// once refused them ("bucket must return one float").

// finite reports whether v is neither infinite nor NaN.
func finite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }

// bucket returns the index of the unit interval holding v, clamped to
// [0, n).
func bucket(v float64, n int) int {
	k := int(math.Floor(v))
	return min(max(k, 0), n-1)
}

// Band keeps a sign test of a struct's field.
type Band struct{ Lo, Hi float64 }

func (b Band) inside(v float64) bool { return v >= b.Lo && v < b.Hi }

// Mask has a slice field: its methods are called through their split
// form where a derivative flows through them.
type Mask struct{ Scale []float64 }

// large reports whether v is above the i-th scale.
func (m Mask) large(v float64, i int) bool { return v > m.Scale[i] }

// Piecewise sums x's finite elements, weighted by their bucket's weight,
// squares those inside the band, and doubles those the mask finds large.
//
//godiff:grad x
//godiff:vjp x
//godiff:jvp x
func Piecewise(x, w []float64, b Band, m Mask) float64 {
	s := 0.0
	for i := range x {
		if !finite(x[i]) {
			continue
		}
		v := x[i] * w[bucket(x[i], len(w))]
		if b.inside(x[i]) {
			v *= x[i]
		}
		if m.large(x[i], i) {
			v *= 2
		}
		s += v
	}
	return s
}
