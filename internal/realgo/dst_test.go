package realgo

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// SmoothL1 and Trend, whose helpers write into work slices and return
// them, called as statements (inlined in SmoothL1's backward sweep, a
// split form in Trend's): against central differences and their JVPs.
func TestReturnedDstAgainstFiniteDifferences(t *testing.T) {
	pr := fdcheck.Problem{
		Name:  "SmoothL1",
		Point: func(rng *rand.Rand) []float64 { return append(fdcheck.Uniform(rng, 8, -2, 2), 0.1+rng.Float64()) },
		F:     func(p []float64) float64 { return SmoothL1(p[0:4], p[4:8], p[8]) },
		Grad: func(p []float64) (float64, []float64) {
			y, dp, dt, de := SmoothL1Grad(p[0:4], p[4:8], p[8])
			return y, append(append(dp, dt...), de)
		},
		JVP: func(p, v []float64) (float64, float64) {
			return SmoothL1JVP(p[0:4], p[4:8], p[8], v[0:4], v[4:8], v[8])
		},
	}
	fdcheck.Check(t, pr, rand.New(rand.NewPCG(21, 5)), 10, 1e-6)
	trend := fdcheck.Problem{
		Name:  "Trend",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5, -1.5, 1.5) },
		F:     func(p []float64) float64 { return Trend(p) },
		Grad:  func(p []float64) (float64, []float64) { return TrendGrad(p) },
		JVP:   func(p, v []float64) (float64, float64) { return TrendJVP(p, v) },
	}
	fdcheck.Check(t, trend, rand.New(rand.NewPCG(22, 5)), 10, 1e-6)
}

// SmoothL1Chained uses the helpers' results as values: its gradient and
// JVP are SmoothL1's, bit for bit, at every point.
func TestReturnedDstAsValue(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 5))
	for range 20 {
		p := fdcheck.Uniform(rng, 9, -2, 2)
		eps := 0.1 + rng.Float64()
		y, dp, dt, de := SmoothL1Grad(p[0:4], p[4:8], eps)
		y2, dp2, dt2, de2 := SmoothL1ChainedGrad(p[0:4], p[4:8], eps)
		if y != y2 || !slices.Equal(dp, dp2) || !slices.Equal(dt, dt2) || de != de2 {
			t.Fatalf("SmoothL1Chained's gradient (%v %v %v %v) is not SmoothL1's (%v %v %v %v)", y2, dp2, dt2, de2, y, dp, dt, de)
		}
		v := fdcheck.Uniform(rng, 9, -1, 1)
		j1, d1 := SmoothL1JVP(p[0:4], p[4:8], eps, v[0:4], v[4:8], v[8])
		j2, d2 := SmoothL1ChainedJVP(p[0:4], p[4:8], eps, v[0:4], v[4:8], v[8])
		if j1 != j2 || d1 != d2 {
			t.Fatalf("SmoothL1Chained's JVP (%v, %v) is not SmoothL1's (%v, %v)", j2, d2, j1, d1)
		}
	}
}

// AddScaledTo, which returns the dst it writes: FVJP and FJVP take dst as
// an output parameter. Checked element by element against central
// differences of what the function leaves in dst, and mode against mode,
// <JVP(v), w> = <v, VJP(w)>; the values bit for bit.
func TestAddScaledToReturnsDst(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	const n = 4
	for range 10 {
		y, s := fdcheck.Uniform(rng, n, -2, 2), fdcheck.Uniform(rng, n, -2, 2)
		alpha := rng.Float64()*2 - 1
		want := AddScaledTo(make([]float64, n), y, alpha, s)
		if got := AddScaledTo(make([]float64, n), y, alpha, s); &got[0] == &want[0] {
			t.Fatal("AddScaledTo returned the same memory twice")
		}

		// Forward mode along v = (ddst, dy, dalpha, ds); ddst's entries are
		// overwritten, so v's dst part has no effect.
		v := fdcheck.Uniform(rng, 3*n+1, -1, 1)
		dst, tan := make([]float64, n), slices.Clone(v[:n])
		AddScaledToJVP(dst, y, alpha, s, tan, v[n:2*n], v[2*n], v[2*n+1:])
		if !slices.Equal(dst, want) {
			t.Fatalf("AddScaledToJVP wrote %v into dst, AddScaledTo %v", dst, want)
		}
		// Central differences of dst along v's y, alpha and s parts.
		const h = 1e-6
		at := func(c float64) []float64 {
			yy, ss := slices.Clone(y), slices.Clone(s)
			for i := range n {
				yy[i] += c * v[n+i]
				ss[i] += c * v[2*n+1+i]
			}
			return AddScaledTo(make([]float64, n), yy, alpha+c*v[2*n], ss)
		}
		plus, minus := at(h), at(-h)
		for i := range n {
			if fd := (plus[i] - minus[i]) / (2 * h); math.Abs(fd-tan[i]) > 1e-8*(1+math.Abs(fd)) {
				t.Errorf("d dst[%d]: JVP %v, central differences %v", i, tan[i], fd)
			}
		}

		// Reverse mode with seeds w on dst.
		w := fdcheck.Uniform(rng, n, -1, 1)
		ddst, dy, dalpha, ds := AddScaledToVJP(make([]float64, n), y, alpha, s, w)
		lhs, rhs := 0.0, 0.0
		for i := range n {
			lhs += tan[i] * w[i]
			rhs += v[i]*ddst[i] + v[n+i]*dy[i] + v[2*n+1+i]*ds[i]
		}
		rhs += v[2*n] * dalpha
		if math.Abs(lhs-rhs) > 1e-12*(1+math.Abs(lhs)) {
			t.Errorf("<JVP(v), w> = %v, <v, VJP(w)> = %v", lhs, rhs)
		}
		for i := range n {
			if ddst[i] != 0 {
				t.Errorf("ddst[%d] = %v: dst's old contents are overwritten, so its derivative is 0", i, ddst[i])
			}
		}
	}
}
