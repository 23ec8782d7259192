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

// AddScaledTo and CumSumScaled, which return the dst they write (the
// second through a call, return cumSumTo(dst, …)): FVJP and FJVP take dst
// as an output parameter. Checked by checkReturnsDst.
func TestReturnsDst(t *testing.T) {
	const n = 4
	addScaledTo := dstFunc{
		n: n, np: 2*n + 1, // y, alpha, s
		run: func(dst, p []float64) []float64 { return AddScaledTo(dst, p[:n], p[n], p[n+1:]) },
		jvp: func(dst, p, ddst, dp []float64) {
			AddScaledToJVP(dst, p[:n], p[n], p[n+1:], ddst, dp[:n], dp[n], dp[n+1:])
		},
		vjp: func(dst, p, w []float64) ([]float64, []float64) {
			ddst, dy, dalpha, ds := AddScaledToVJP(dst, p[:n], p[n], p[n+1:], w)
			return ddst, append(append(dy, dalpha), ds...)
		},
	}
	cumSumScaled := dstFunc{
		n: n, np: n + 1, // s, alpha
		run: func(dst, p []float64) []float64 { return CumSumScaled(dst, p[:n], p[n]) },
		jvp: func(dst, p, ddst, dp []float64) { CumSumScaledJVP(dst, p[:n], p[n], ddst, dp[:n], dp[n]) },
		vjp: func(dst, p, w []float64) ([]float64, []float64) {
			ddst, ds, dalpha := CumSumScaledVJP(dst, p[:n], p[n], w)
			return ddst, append(ds, dalpha)
		},
	}
	rng := rand.New(rand.NewPCG(3, 9))
	checkReturnsDst(t, "AddScaledTo", addScaledTo, rng)
	checkReturnsDst(t, "CumSumScaled", cumSumScaled, rng)
}

// dstFunc is a function that writes n numbers into dst and returns dst,
// its other inputs flattened into p (np numbers), with its JVP (tangents
// ddst, dp) and VJP (seeds w on dst).
type dstFunc struct {
	n, np int
	run   func(dst, p []float64) []float64
	jvp   func(dst, p, ddst, dp []float64)
	vjp   func(dst, p, w []float64) (ddst, dp []float64)
}

// checkReturnsDst checks f at 10 random points: that it returns the dst
// it is passed, that its JVP writes what it does into dst, its tangents
// element by element against central differences of what f leaves in dst,
// mode against mode, <JVP(v), w> = <v, VJP(w)>, and that the derivative
// with respect to dst's old contents, which f overwrites, is 0.
func checkReturnsDst(t *testing.T, name string, f dstFunc, rng *rand.Rand) {
	t.Helper()
	for range 10 {
		p := fdcheck.Uniform(rng, f.np, -2, 2)
		dst := make([]float64, f.n)
		want := f.run(dst, p)
		if &want[0] != &dst[0] {
			t.Fatalf("%s did not return the dst it was passed", name)
		}

		// Forward mode along (ddst, dp); ddst's entries are overwritten, so
		// they have no effect.
		ddst, dp := fdcheck.Uniform(rng, f.n, -1, 1), fdcheck.Uniform(rng, f.np, -1, 1)
		v := slices.Concat(ddst, dp)
		got := make([]float64, f.n)
		f.jvp(got, p, ddst, dp)
		if !slices.Equal(got, want) {
			t.Fatalf("%sJVP wrote %v into dst, %s %v", name, got, name, want)
		}
		const h = 1e-6
		at := func(c float64) []float64 {
			q := slices.Clone(p)
			for i := range q {
				q[i] += c * dp[i]
			}
			return f.run(make([]float64, f.n), q)
		}
		plus, minus := at(h), at(-h)
		for i := range f.n {
			if fd := (plus[i] - minus[i]) / (2 * h); math.Abs(fd-ddst[i]) > 1e-8*(1+math.Abs(fd)) {
				t.Errorf("%s: d dst[%d]: JVP %v, central differences %v", name, i, ddst[i], fd)
			}
		}

		// Reverse mode with seeds w on dst.
		w := fdcheck.Uniform(rng, f.n, -1, 1)
		gdst, gp := f.vjp(make([]float64, f.n), p, w)
		lhs, rhs := 0.0, 0.0
		for i := range f.n {
			lhs += ddst[i] * w[i]
		}
		for i, g := range slices.Concat(gdst, gp) {
			rhs += v[i] * g
		}
		if math.Abs(lhs-rhs) > 1e-12*(1+math.Abs(lhs)) {
			t.Errorf("%s: <JVP(v), w> = %v, <v, VJP(w)> = %v", name, lhs, rhs)
		}
		for i, g := range gdst {
			if g != 0 {
				t.Errorf("%s: ddst[%d] = %v: dst's old contents are overwritten, so its derivative is 0", name, i, g)
			}
		}
	}
}
