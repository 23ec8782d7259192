package hvp

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// An hcase is one annotated function seen as a function of the flattened
// parameters it is differentiated with respect to (the others fixed by
// fixed), at size n for the functions of slices.
type hcase struct {
	name  string
	sizes []int // the sizes n to test; {0} for a function of fixed size
	point func(rng *rand.Rand, n int) []float64
	// grad runs FGrad, hvp FHVP along v: F's result, its gradient and H·v.
	grad func(x []float64) (float64, []float64)
	hvp  func(x, v []float64) (float64, []float64, []float64)
}

// quadA is the matrix of Quad for size n: fixed, not symmetric.
func quadA(n int) []float64 {
	a := make([]float64, n*n)
	for i := range a {
		a[i] = math.Sin(float64(3*i + 1))
	}
	return a
}

// logData is LogLoss's data for n weights: 7 rows of features and
// labels, fixed.
func logData(n int) (a, y []float64) {
	const rows = 7
	a = make([]float64, rows*n)
	for i := range a {
		a[i] = math.Sin(float64(2*i + 1))
	}
	y = make([]float64, rows)
	for i := range y {
		y[i] = float64(i % 2)
	}
	return a, y
}

var cases = []hcase{
	{name: "Rosen", sizes: []int{0},
		point: func(rng *rand.Rand, _ int) []float64 { return fdcheck.Uniform(rng, 2, -2, 2) },
		grad: func(x []float64) (float64, []float64) {
			f, dx, dy := RosenGrad(x[0], x[1])
			return f, []float64{dx, dy}
		},
		hvp: func(x, v []float64) (float64, []float64, []float64) {
			f, dx, dy, hx, hy := RosenHVP(x[0], x[1], v[0], v[1])
			return f, []float64{dx, dy}, []float64{hx, hy}
		}},
	{name: "Trig", sizes: []int{0},
		point: func(rng *rand.Rand, _ int) []float64 { return fdcheck.Uniform(rng, 3, -1.5, 1.5) },
		grad: func(x []float64) (float64, []float64) {
			f, dx, dy, dz := TrigGrad(x[0], x[1], x[2])
			return f, []float64{dx, dy, dz}
		},
		hvp: func(x, v []float64) (float64, []float64, []float64) {
			f, dx, dy, dz, hx, hy, hz := TrigHVP(x[0], x[1], x[2], v[0], v[1], v[2])
			return f, []float64{dx, dy, dz}, []float64{hx, hy, hz}
		}},
	{name: "TrigX", sizes: []int{0},
		point: func(rng *rand.Rand, _ int) []float64 { return fdcheck.Uniform(rng, 2, -1.5, 1.5) },
		grad: func(x []float64) (float64, []float64) {
			f, dx, dz := TrigXGrad(x[0], 0.7, x[1])
			return f, []float64{dx, dz}
		},
		hvp: func(x, v []float64) (float64, []float64, []float64) {
			f, dx, dz, hx, hz := TrigXHVP(x[0], 0.7, x[1], v[0], v[1])
			return f, []float64{dx, dz}, []float64{hx, hz}
		}},
	{name: "SumCubes", sizes: []int{0, 1, 5},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n, -2, 2) },
		grad:  func(x []float64) (float64, []float64) { return SumCubesGrad(x) },
		hvp:   func(x, v []float64) (float64, []float64, []float64) { return SumCubesHVP(x, v) }},
	{name: "ExtRosen", sizes: []int{1, 2, 6},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n, -2, 2) },
		grad:  func(x []float64) (float64, []float64) { return ExtRosenGrad(x) },
		hvp:   func(x, v []float64) (float64, []float64, []float64) { return ExtRosenHVP(x, v) }},
	{name: "Quad", sizes: []int{1, 4},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n, -2, 2) },
		grad:  func(x []float64) (float64, []float64) { return QuadGrad(quadA(len(x)), x) },
		hvp: func(x, v []float64) (float64, []float64, []float64) {
			return QuadHVP(quadA(len(x)), x, v)
		}},
	{name: "LogSumExp", sizes: []int{1, 3, 7},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n, -2, 2) },
		grad:  func(x []float64) (float64, []float64) { return LogSumExpGrad(x) },
		hvp:   func(x, v []float64) (float64, []float64, []float64) { return LogSumExpHVP(x, v) }},
	{name: "Branch", sizes: []int{0},
		// x away from the branch's boundary 0, on either side.
		point: func(rng *rand.Rand, _ int) []float64 {
			x := fdcheck.Uniform(rng, 2, 0.2, 2)
			if rng.IntN(2) == 0 {
				x[0] = -x[0]
			}
			return x
		},
		grad: func(x []float64) (float64, []float64) {
			f, dx, dy := BranchGrad(x[0], x[1])
			return f, []float64{dx, dy}
		},
		hvp: func(x, v []float64) (float64, []float64, []float64) {
			f, dx, dy, hx, hy := BranchHVP(x[0], x[1], v[0], v[1])
			return f, []float64{dx, dy}, []float64{hx, hy}
		}},
	{name: "Softplus", sizes: []int{1, 4, 9},
		point: func(rng *rand.Rand, n int) []float64 {
			x := fdcheck.Uniform(rng, n, 0.2, 2)
			for i := range x {
				if rng.IntN(2) == 0 {
					x[i] = -x[i]
				}
			}
			return x
		},
		grad: func(x []float64) (float64, []float64) { return SoftplusGrad(x) },
		hvp:  func(x, v []float64) (float64, []float64, []float64) { return SoftplusHVP(x, v) }},
	{name: "Iterate", sizes: []int{0},
		point: func(rng *rand.Rand, _ int) []float64 { return fdcheck.Uniform(rng, 2, 0.1, 0.9) },
		grad: func(x []float64) (float64, []float64) {
			f, dx, dy := IterateGrad(x[0], x[1])
			return f, []float64{dx, dy}
		},
		hvp: func(x, v []float64) (float64, []float64, []float64) {
			f, dx, dy, hx, hy := IterateHVP(x[0], x[1], v[0], v[1])
			return f, []float64{dx, dy}, []float64{hx, hy}
		}},
	{name: "Early", sizes: []int{0},
		// Away from the branches' boundaries x = 0 and y = 1.
		point: func(rng *rand.Rand, _ int) []float64 {
			p := fdcheck.Uniform(rng, 2, 0.2, 0.8)
			if rng.IntN(2) == 0 {
				p[0] = -p[0]
			}
			if rng.IntN(2) == 0 {
				p[1] += 1
			}
			return p
		},
		grad: func(x []float64) (float64, []float64) {
			f, dx, dy := EarlyGrad(x[0], x[1])
			return f, []float64{dx, dy}
		},
		hvp: func(x, v []float64) (float64, []float64, []float64) {
			f, dx, dy, hx, hy := EarlyHVP(x[0], x[1], v[0], v[1])
			return f, []float64{dx, dy}, []float64{hx, hy}
		}},
	{name: "LogLoss", sizes: []int{1, 3, 5},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n, -2, 2) },
		grad: func(x []float64) (float64, []float64) {
			a, y := logData(len(x))
			return LogLossGrad(x, a, y)
		},
		hvp: func(x, v []float64) (float64, []float64, []float64) {
			a, y := logData(len(x))
			return LogLossHVP(x, a, y, v)
		}},
	{name: "CrossEntropy", sizes: []int{1, 3, 6},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n, -2, 2) },
		grad:  func(x []float64) (float64, []float64) { return CrossEntropyGrad(x) },
		hvp:   func(x, v []float64) (float64, []float64, []float64) { return CrossEntropyHVP(x, v) }},
	{name: "Polar", sizes: []int{0},
		point: func(rng *rand.Rand, _ int) []float64 { return fdcheck.Uniform(rng, 2, 0.3, 2) },
		grad: func(x []float64) (float64, []float64) {
			f, dx, dy := PolarGrad(x[0], x[1])
			return f, []float64{dx, dy}
		},
		hvp: func(x, v []float64) (float64, []float64, []float64) {
			f, dx, dy, hx, hy := PolarHVP(x[0], x[1], v[0], v[1])
			return f, []float64{dx, dy}, []float64{hx, hy}
		}},
	{name: "Search", sizes: []int{1, 3, 6},
		// x and c as one vector, c last; products x[i]*x[j] away from c.
		point: func(rng *rand.Rand, n int) []float64 {
			p := fdcheck.Uniform(rng, n+1, -1.5, 1.5)
			p[n] = 0.5 + 0.1*float64(rng.IntN(3))
			return p
		},
		grad: func(p []float64) (float64, []float64) {
			n := len(p) - 1
			f, dx, dc := SearchGrad(p[:n], p[n])
			return f, append(dx, dc)
		},
		hvp: func(p, v []float64) (float64, []float64, []float64) {
			n := len(p) - 1
			f, dx, dc, hx, hc := SearchHVP(p[:n], p[n], v[:n], v[n])
			return f, append(dx, dc), append(hx, hc)
		}},
	vecAndScalar("Layers", LayersGrad, LayersHVP, false),
	vecAndScalar("Pick", PickGrad, PickHVP, true),
	{name: "RowsLSE", sizes: []int{1, 2, 4},
		// n rows of 3.
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, 3*n, -2, 2) },
		grad: func(x []float64) (float64, []float64) {
			f, dm := RowsLSEGrad(rows(x))
			return f, slices.Concat(dm...)
		},
		hvp: func(x, v []float64) (float64, []float64, []float64) {
			f, dm, hm := RowsLSEHVP(rows(x), rows(v))
			return f, slices.Concat(dm...), slices.Concat(hm...)
		}},
	{name: "NetLoss", sizes: []int{1, 2, 4},
		// [W | C | x], W and x of n.
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, 2*n+1, -1.5, 1.5) },
		grad: func(p []float64) (float64, []float64) {
			net, x := netAt(p)
			f, dn, dx := net.LossGrad(x)
			return f, slices.Concat(dn.W, []float64{dn.C}, dx)
		},
		hvp: func(p, v []float64) (float64, []float64, []float64) {
			net, x := netAt(p)
			vn, vx := netAt(v)
			f, dn, dx, hn, hx := net.LossHVP(x, vn, vx)
			return f, slices.Concat(dn.W, []float64{dn.C}, dx), slices.Concat(hn.W, []float64{hn.C}, hx)
		}},
	{name: "Spring", sizes: []int{0},
		point: func(rng *rand.Rand, _ int) []float64 { return fdcheck.Uniform(rng, 2, -1.5, 1.5) },
		grad: func(x []float64) (float64, []float64) {
			f, dp := SpringGrad(Pair{x[0], x[1]}, Pair{0.3, -0.2})
			return f, []float64{dp.A, dp.B}
		},
		hvp: func(x, v []float64) (float64, []float64, []float64) {
			f, dp, hp := SpringHVP(Pair{x[0], x[1]}, Pair{0.3, -0.2}, Pair{v[0], v[1]})
			return f, []float64{dp.A, dp.B}, []float64{hp.A, hp.B}
		}},
	{name: "Render", sizes: []int{1, 3, 6},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n, -2, 2) },
		grad: func(x []float64) (float64, []float64) {
			return RenderGrad(x, make([]float64, len(x)))
		},
		hvp: func(x, v []float64) (float64, []float64, []float64) {
			return RenderHVP(x, make([]float64, len(x)), v, make([]float64, len(x)))
		}},
	{name: "Square", sizes: []int{1, 3, 6},
		// Square overwrites x: each call on a copy.
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n, -2, 2) },
		grad:  func(x []float64) (float64, []float64) { return SquareGrad(slices.Clone(x)) },
		hvp: func(x, v []float64) (float64, []float64, []float64) {
			return SquareHVP(slices.Clone(x), v)
		}},
	{name: "Nested", sizes: []int{1, 3, 6},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n, -1, 1) },
		grad:  func(x []float64) (float64, []float64) { return NestedGrad(x) },
		hvp:   func(x, v []float64) (float64, []float64, []float64) { return NestedHVP(x, v) }},
}

// vecAndScalar is the case of a function of a slice x and a float w,
// seen as a function of x with w appended; signed gives w either sign,
// away from 0.
func vecAndScalar(name string,
	grad func(x []float64, w float64) (float64, []float64, float64),
	hvp func(x []float64, w float64, vx []float64, vw float64) (float64, []float64, float64, []float64, float64), signed bool) hcase {
	return hcase{name: name, sizes: []int{1, 3, 6},
		point: func(rng *rand.Rand, n int) []float64 {
			p := fdcheck.Uniform(rng, n+1, -1.5, 1.5)
			p[n] = 0.2 + rng.Float64()
			if signed && rng.IntN(2) == 0 {
				p[n] = -p[n]
			}
			return p
		},
		grad: func(p []float64) (float64, []float64) {
			n := len(p) - 1
			f, dx, dw := grad(p[:n], p[n])
			return f, append(dx, dw)
		},
		hvp: func(p, v []float64) (float64, []float64, []float64) {
			n := len(p) - 1
			f, dx, dw, hx, hw := hvp(p[:n], p[n], v[:n], v[n])
			return f, append(dx, dw), append(hx, hw)
		}}
}

// netAt cuts p = [W | C | x] into a Net and x.
func netAt(p []float64) (*Net, []float64) {
	n := (len(p) - 1) / 2
	return &Net{W: p[:n], C: p[n]}, p[n+1:]
}

// rows cuts x into rows of 3.
func rows(x []float64) [][]float64 {
	var m [][]float64
	for i := 0; i < len(x); i += 3 {
		m = append(m, x[i:i+3])
	}
	return m
}

// points yields, for each case and size, a few random points and
// directions.
func points(t *testing.T, visit func(t *testing.T, c hcase, x, v, w []float64)) {
	for _, c := range cases {
		for _, n := range c.sizes {
			rng := rand.New(rand.NewPCG(uint64(n)+1, 13))
			for trial := range 4 {
				x := c.point(rng, n)
				v := fdcheck.Uniform(rng, len(x), -1, 1)
				w := fdcheck.Uniform(rng, len(x), -1, 1)
				t.Run(c.name, func(t *testing.T) {
					t.Logf("n=%d trial %d x=%v v=%v", n, trial, x, v)
					visit(t, c, x, v, w)
				})
			}
		}
	}
}

// FHVP's F and gradient are FGrad's, and H·v is the central difference of
// FGrad along v.
func TestHVPAgainstFiniteDifferencesOfTheGradient(t *testing.T) {
	points(t, func(t *testing.T, c hcase, x, v, _ []float64) {
		f0, g0 := c.grad(x)
		f, g, hv := c.hvp(x, v)
		if f != f0 {
			t.Errorf("FHVP's result %v, FGrad's %v", f, f0)
		}
		if msg := fdcheck.Mismatch(g, g0, 1e-12); msg != "" {
			t.Errorf("FHVP's gradient against FGrad's: %s", msg)
		}
		if len(hv) != len(x) {
			t.Fatalf("H·v has %d elements, want %d", len(hv), len(x))
		}
		// The gradient along the line x + s·v, differentiated at s = 0.
		along := func(s []float64) []float64 {
			xs := make([]float64, len(x))
			for i := range x {
				xs[i] = x[i] + s[0]*v[i]
			}
			_, g := c.grad(xs)
			return g
		}
		jac := fdcheck.Jacobian(along, []float64{0})
		want := make([]float64, len(x))
		for i := range want {
			want[i] = jac[i][0]
		}
		if msg := fdcheck.Mismatch(hv, want, 1e-6); msg != "" {
			t.Errorf("H·v against finite differences of the gradient along v: %s", msg)
		}
	})
}

// The Hessian is symmetric: <H v, w> == <v, H w>.
func TestHVPSymmetric(t *testing.T) {
	points(t, func(t *testing.T, c hcase, x, v, w []float64) {
		_, _, hv := c.hvp(x, v)
		_, _, hw := c.hvp(x, w)
		a, b := fdcheck.Dot(hv, w), fdcheck.Dot(v, hw)
		if !fdcheck.Close(a, b, 1e-12) {
			t.Errorf("<Hv, w> = %v, <v, Hw> = %v", a, b)
		}
	})
}

// H·v is the Jacobian of FGrad (by finite differences) times v, and the
// Hessian FHVP gives column by column along the unit vectors is that
// Jacobian.
func TestHVPAgainstJacobianOfTheGradient(t *testing.T) {
	points(t, func(t *testing.T, c hcase, x, v, _ []float64) {
		jac := fdcheck.Jacobian(func(x []float64) []float64 { _, g := c.grad(x); return g }, x)
		_, _, hv := c.hvp(x, v)
		want := make([]float64, len(x))
		for i := range jac {
			want[i] = fdcheck.Dot(jac[i], v)
		}
		if msg := fdcheck.Mismatch(hv, want, 1e-6); msg != "" {
			t.Errorf("H·v against the Jacobian of the gradient times v: %s", msg)
		}
		for j := range x {
			e := make([]float64, len(x))
			e[j] = 1
			_, _, col := c.hvp(x, e)
			for i := range col {
				if !fdcheck.Close(col[i], jac[i][j], 1e-6) {
					t.Errorf("H[%d][%d] = %v, the Jacobian of the gradient has %v", i, j, col[i], jac[i][j])
				}
			}
		}
	})
}

// Exact Hessians: Rosenbrock's, by hand, and the quadratic form's, A + Aᵀ.
func TestHVPExact(t *testing.T) {
	x, y, vx, vy := 0.3, -1.2, 0.7, -0.4
	_, _, _, hx, hy := RosenHVP(x, y, vx, vy)
	hxx, hxy, hyy := 2-400*(y-x*x)+800*x*x, -400*x, 200.0
	if want := hxx*vx + hxy*vy; !fdcheck.Close(hx, want, 1e-14) {
		t.Errorf("Rosen: (Hv)_x = %v, want %v", hx, want)
	}
	if want := hxy*vx + hyy*vy; !fdcheck.Close(hy, want, 1e-14) {
		t.Errorf("Rosen: (Hv)_y = %v, want %v", hy, want)
	}
	const n = 4
	a := quadA(n)
	xs := []float64{0.5, -1, 2, 0.25}
	v := []float64{1, -2, 0.5, 3}
	_, _, hv := QuadHVP(a, xs, v)
	for i := range n {
		want := 0.0
		for j := range n {
			want += (a[i*n+j] + a[j*n+i]) * v[j]
		}
		if !fdcheck.Close(hv[i], want, 1e-13) {
			t.Errorf("Quad: (Hv)[%d] = %v, want %v", i, hv[i], want)
		}
	}
}

// LogExp's Hessian is diagonal, c²·σ(z)(1−σ(z)) at z = c·x[i]: exact to
// rounding from z = −700 to 700, where exp(z)² overflows past 355. Its
// second derivative took the quotient's partial −y/b, which underflowed
// to 0 there, and came out as c·v[i]·c instead of about 0.
func TestHVPPastOverflow(t *testing.T) {
	const c = 2.0
	zs := []float64{-700, -400, -40, -1, 0, 3, 40, 300, 354, 356, 400, 700}
	x, v := make([]float64, len(zs)), make([]float64, len(zs))
	for i, z := range zs {
		x[i], v[i] = z/c, 1+0.1*float64(i)
	}
	_, _, hv := LogExpHVP(x, c, v)
	for i, z := range zs {
		e := math.Exp(-math.Abs(z))
		want := c * c * e / ((1 + e) * (1 + e)) * v[i]
		if !fdcheck.Close(hv[i], want, 1e-12) && math.Abs(hv[i]-want) > 1e-300 {
			t.Errorf("z = %v: (Hv)[%d] = %v, want %v", z, i, hv[i], want)
		}
	}
}
