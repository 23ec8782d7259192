package regress

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// The running maxima and minima against finite differences and forward
// mode, at random points (no ties).
func TestArgmaxDerivatives(t *testing.T) {
	vec := func(n int) func(rng *rand.Rand) []float64 {
		return func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, n, -2, 2) }
	}
	problems := []fdcheck.Problem{
		{
			Name: "RunMax", Point: vec(7),
			F:    func(p []float64) float64 { return RunMax(p) },
			Grad: func(p []float64) (float64, []float64) { return RunMaxGrad(p) },
			JVP:  func(p, v []float64) (float64, float64) { return RunMaxJVP(p, v) },
		},
		{
			Name: "RunMin", Point: vec(6),
			F: func(p []float64) float64 { return RunMin(p[0], p[1:]) },
			Grad: func(p []float64) (float64, []float64) {
				y, da, dx := RunMinGrad(p[0], p[1:])
				return y, append([]float64{da}, dx...)
			},
			JVP: func(p, v []float64) (float64, float64) { return RunMinJVP(p[0], p[1:], v[0], v[1:]) },
		},
		{
			Name: "BuiltinMax", Point: vec(8),
			F:    func(p []float64) float64 { return BuiltinMax(p) },
			Grad: func(p []float64) (float64, []float64) { return BuiltinMaxGrad(p) },
			JVP:  func(p, v []float64) (float64, float64) { return BuiltinMaxJVP(p, v) },
		},
		{
			Name: "RowMax", Point: vec(12),
			F:    func(p []float64) float64 { return RowMax(4, p) },
			Grad: func(p []float64) (float64, []float64) { return RowMaxGrad(4, p) },
			JVP:  func(p, v []float64) (float64, float64) { return RowMaxJVP(4, p, v) },
		},
		{
			Name: "MaxOfMaxes", Point: vec(5),
			F:    func(p []float64) float64 { return MaxOfMaxes(3, p) },
			Grad: func(p []float64) (float64, []float64) { return MaxOfMaxesGrad(3, p) },
			JVP:  func(p, v []float64) (float64, float64) { return MaxOfMaxesJVP(3, p, v) },
		},
		{
			Name: "IfMax", Point: vec(6),
			F:    func(p []float64) float64 { return IfMax(p) },
			Grad: func(p []float64) (float64, []float64) { return IfMaxGrad(p) },
			JVP:  func(p, v []float64) (float64, float64) { return IfMaxJVP(p, v) },
		},
		{
			Name: "LogSumExp", Point: vec(5),
			F:    func(p []float64) float64 { return LogSumExp(p) },
			Grad: func(p []float64) (float64, []float64) { return LogSumExpGrad(p) },
			JVP:  func(p, v []float64) (float64, float64) { return LogSumExpJVP(p, v) },
		},
	}
	rng := rand.New(rand.NewPCG(17, 4))
	for _, pr := range problems {
		t.Run(pr.Name, func(t *testing.T) { fdcheck.Check(t, pr, rng, 20, 1e-6) })
	}
}

// argmaxPoints are inputs where the routing of a running maximum is
// delicate: ties (the first or the last of equal values), NaN first,
// last and between, ±0 in both orders, ±Inf, one element, and random
// draws from a small set of values, so that ties and zeros of both signs
// are frequent.
func argmaxPoints() [][]float64 {
	nan, inf := math.NaN(), math.Inf(1)
	negz := math.Copysign(0, -1)
	pts := [][]float64{
		{1}, {nan}, {negz}, {2, 2}, {2, 2, 2, 2}, {1, 3, 3, 2}, {3, 1, 3},
		{nan, 1, 2}, {1, nan, 2}, {1, 2, nan}, {nan, nan}, {0, negz}, {negz, 0},
		{negz, 0, negz, 0}, {0, negz, 0, negz}, {-inf, inf, -inf}, {inf, inf, 1},
		{-1, -1, negz, 0, -1}, {5, 4, 3, 2, 1, 0}, {0, 1, 2, 3, 4, 5},
	}
	rng := rand.New(rand.NewPCG(5, 9))
	vals := []float64{-1, 0, negz, 1, 1, 2, nan, inf, -inf}
	for range 400 {
		p := make([]float64, 1+rng.IntN(7))
		for i := range p {
			p[i] = vals[rng.IntN(len(vals))]
		}
		pts = append(pts, p)
	}
	return pts
}

// sameBits reports whether a and b hold the same bits.
func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// Recording the index of the winning element changes no derivative: each
// recognised function's gradient equals, bit for bit, its twin's, which
// the recogniser refuses and which keeps the loop's link-by-link backward
// code, at ties, NaN, ±0, ±Inf and one element.
func TestArgmaxSameAsLinked(t *testing.T) {
	cases := []struct {
		name string
		min  int // the fewest elements the function takes
		grad func(p []float64) []float64
		twin func(p []float64) []float64
	}{
		{"RunMax", 1,
			func(p []float64) []float64 { _, d := RunMaxGrad(p); return d },
			func(p []float64) []float64 { _, d := RunMaxLinkedGrad(p); return d }},
		{"RunMin", 1,
			func(p []float64) []float64 { _, da, dx := RunMinGrad(p[0], p[1:]); return append(dx, da) },
			func(p []float64) []float64 { _, da, dx := RunMinLinkedGrad(p[0], p[1:]); return append(dx, da) }},
		{"BuiltinMax", 2,
			func(p []float64) []float64 { _, d := BuiltinMaxGrad(p); return d },
			func(p []float64) []float64 { _, d := BuiltinMaxLinkedGrad(p); return d }},
		{"RowMax", 1,
			func(p []float64) []float64 { _, d := RowMaxGrad(2, p); return d },
			func(p []float64) []float64 { _, d := RowMaxLinkedGrad(2, p); return d }},
		{"MaxOfMaxes", 1,
			func(p []float64) []float64 { _, d := MaxOfMaxesGrad(3, p); return d },
			func(p []float64) []float64 { _, d := MaxOfMaxesLinkedGrad(3, p); return d }},
		{"IfMax", 1,
			func(p []float64) []float64 { _, d := IfMaxGrad(p); return d },
			func(p []float64) []float64 { _, d := IfMaxLinkedGrad(p); return d }},
		{"LogSumExp", 1,
			func(p []float64) []float64 { _, d := LogSumExpGrad(p); return d },
			func(p []float64) []float64 { _, d := LogSumExpLinkedGrad(p); return d }},
	}
	for _, c := range cases {
		n := 0
		for _, p := range argmaxPoints() {
			if len(p) < c.min {
				continue
			}
			n++
			if got, want := c.grad(p), c.twin(p); !sameBits(got, want) {
				t.Errorf("%s at %v: gradient %v, the link-by-link backward code's %v", c.name, p, got, want)
			}
		}
		if n < 300 {
			t.Errorf("%s: only %d points", c.name, n)
		}
	}
}
