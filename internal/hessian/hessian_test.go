package hessian

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// An hcase is one annotated function seen as a function of the flattened
// inputs of its Hessian, the other parameters fixed, at size n for the
// functions of slices.
type hcase struct {
	name  string
	sizes []int // the sizes n to test; {0} for a function of fixed size
	point func(rng *rand.Rand, n int) []float64
	// grad runs FGrad; hess FHessian; to FHessianTo into h; hvp FHVP
	// along v, its H·v.
	grad func(x []float64) (float64, []float64)
	hess func(x []float64) (float64, []float64, [][]float64)
	to   func(h [][]float64, x []float64) (float64, []float64)
	hvp  func(x, v []float64) []float64
}

// The chapter's data point: inputs (1, 2), target 1.
const x1, x2, target = 1.0, 2.0, 1.0

// chapterWeights are the chapter's weights w11 w12 w21 w22 w3 w4 b1 b2 b3.
var chapterWeights = []float64{0.5, 0.3, 0.4, 0.2, 1.0, -0.5, 0, 0, 0.1}

// mixedA is Mixed's constant a for size n.
func mixedA(n int) []float64 {
	a := make([]float64, n)
	for i := range a {
		a[i] = 1 + 0.5*math.Sin(float64(i+1))
	}
	return a
}

// helperData is LogLossHelpers's data for n weights: 6 rows, labels ±1.
func helperData(n int) (a, y []float64) {
	const rows = 6
	a = make([]float64, rows*n)
	for i := range a {
		a[i] = math.Cos(float64(3*i + 2))
	}
	y = make([]float64, rows)
	for i := range y {
		y[i] = float64(1 - 2*(i%2))
	}
	return a, y
}

var cases = []hcase{
	{name: "Loss", sizes: []int{0},
		// Near the chapter's weights, both ReLUs well inside their live side.
		point: func(rng *rand.Rand, _ int) []float64 {
			p := fdcheck.Uniform(rng, 9, -0.05, 0.05)
			for i := range p {
				p[i] += chapterWeights[i]
			}
			return p
		},
		grad: func(p []float64) (float64, []float64) {
			f, a, b, c, d, e, g, h, i, j := LossGrad(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], x1, x2, target)
			return f, []float64{a, b, c, d, e, g, h, i, j}
		},
		hess: func(p []float64) (float64, []float64, [][]float64) {
			f, a, b, c, d, e, g, h, i, j, m := LossHessian(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], x1, x2, target)
			return f, []float64{a, b, c, d, e, g, h, i, j}, m
		},
		to: func(m [][]float64, p []float64) (float64, []float64) {
			f, a, b, c, d, e, g, h, i, j := LossHessianTo(m, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], x1, x2, target)
			return f, []float64{a, b, c, d, e, g, h, i, j}
		},
		hvp: func(p, v []float64) []float64 {
			out := make([]float64, 9)
			_, _, _, _, _, _, _, _, _, _, out[0], out[1], out[2], out[3], out[4], out[5], out[6], out[7], out[8] = LossHVP(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], x1, x2, target, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8])
			return out
		}},
	{name: "Rosen", sizes: []int{0},
		point: func(rng *rand.Rand, _ int) []float64 { return fdcheck.Uniform(rng, 2, -2, 2) },
		grad: func(x []float64) (float64, []float64) {
			f, dx, dy := RosenGrad(x[0], x[1])
			return f, []float64{dx, dy}
		},
		hess: func(x []float64) (float64, []float64, [][]float64) {
			f, dx, dy, h := RosenHessian(x[0], x[1])
			return f, []float64{dx, dy}, h
		},
		to: func(h [][]float64, x []float64) (float64, []float64) {
			f, dx, dy := RosenHessianTo(h, x[0], x[1])
			return f, []float64{dx, dy}
		},
		hvp: func(x, v []float64) []float64 {
			_, _, _, hx, hy := RosenHVP(x[0], x[1], v[0], v[1])
			return []float64{hx, hy}
		}},
	{name: "ExtRosen", sizes: []int{1, 2, 7, 8, 9, 17},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n, -2, 2) },
		grad:  ExtRosenGrad,
		hess:  ExtRosenHessian,
		to:    ExtRosenHessianTo,
		hvp: func(x, v []float64) []float64 {
			_, _, hv := ExtRosenHVP(x, v)
			return hv
		}},
	{name: "Piece", sizes: []int{0},
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
		grad: func(p []float64) (float64, []float64) {
			f, dx, dy := PieceGrad(p[0], p[1])
			return f, []float64{dx, dy}
		},
		hess: func(p []float64) (float64, []float64, [][]float64) {
			f, dx, dy, h := PieceHessian(p[0], p[1])
			return f, []float64{dx, dy}, h
		},
		to: func(h [][]float64, p []float64) (float64, []float64) {
			f, dx, dy := PieceHessianTo(h, p[0], p[1])
			return f, []float64{dx, dy}
		},
		hvp: func(p, v []float64) []float64 {
			_, _, _, hx, hy := PieceHVP(p[0], p[1], v[0], v[1])
			return []float64{hx, hy}
		}},
	{name: "Orbit", sizes: []int{0},
		point: func(rng *rand.Rand, _ int) []float64 { return fdcheck.Uniform(rng, 2, -1, 1) },
		grad: func(p []float64) (float64, []float64) {
			f, dx, dy := OrbitGrad(p[0], p[1])
			return f, []float64{dx, dy}
		},
		hess: func(p []float64) (float64, []float64, [][]float64) {
			f, dx, dy, h := OrbitHessian(p[0], p[1])
			return f, []float64{dx, dy}, h
		},
		to: func(h [][]float64, p []float64) (float64, []float64) {
			f, dx, dy := OrbitHessianTo(h, p[0], p[1])
			return f, []float64{dx, dy}
		},
		hvp: func(p, v []float64) []float64 {
			_, _, _, hx, hy := OrbitHVP(p[0], p[1], v[0], v[1])
			return []float64{hx, hy}
		}},
	// The inputs are x's elements, then y.
	{name: "Mixed", sizes: []int{1, 2, 6},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n+1, -1, 1) },
		grad: func(p []float64) (float64, []float64) {
			n := len(p) - 1
			f, dx, dy := MixedGrad(mixedA(n), p[:n], p[n])
			return f, append(dx, dy)
		},
		hess: func(p []float64) (float64, []float64, [][]float64) {
			n := len(p) - 1
			f, dx, dy, h := MixedHessian(mixedA(n), p[:n], p[n])
			return f, append(dx, dy), h
		},
		to: func(h [][]float64, p []float64) (float64, []float64) {
			n := len(p) - 1
			f, dx, dy := MixedHessianTo(h, mixedA(n), p[:n], p[n])
			return f, append(dx, dy)
		},
		hvp: func(p, v []float64) []float64 {
			n := len(p) - 1
			_, _, _, hx, hy := MixedHVP(mixedA(n), p[:n], p[n], v[:n], v[n])
			return append(hx, hy)
		}},
	{name: "LogLossHelpers", sizes: []int{1, 3, 5},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n, -1, 1) },
		grad: func(w []float64) (float64, []float64) {
			a, y := helperData(len(w))
			return LogLossHelpersGrad(w, a, y)
		},
		hess: func(w []float64) (float64, []float64, [][]float64) {
			a, y := helperData(len(w))
			return LogLossHelpersHessian(w, a, y)
		},
		to: func(h [][]float64, w []float64) (float64, []float64) {
			a, y := helperData(len(w))
			return LogLossHelpersHessianTo(h, w, a, y)
		},
		hvp: func(w, v []float64) []float64 {
			a, y := helperData(len(w))
			_, _, hv := LogLossHelpersHVP(w, a, y, v)
			return hv
		}},
	{name: "Spiral", sizes: []int{0},
		// Both sides of the early return: s passes 20 for the larger x.
		point: func(rng *rand.Rand, _ int) []float64 {
			p := fdcheck.Uniform(rng, 2, 0.3, 0.9)
			if rng.IntN(2) == 0 {
				p[0] += 3
			}
			return p
		},
		grad: func(p []float64) (float64, []float64) {
			f, dx, dy := SpiralGrad(p[0], p[1])
			return f, []float64{dx, dy}
		},
		hess: func(p []float64) (float64, []float64, [][]float64) {
			f, dx, dy, h := SpiralHessian(p[0], p[1])
			return f, []float64{dx, dy}, h
		},
		to: func(h [][]float64, p []float64) (float64, []float64) {
			f, dx, dy := SpiralHessianTo(h, p[0], p[1])
			return f, []float64{dx, dy}
		},
		hvp: func(p, v []float64) []float64 {
			_, _, _, hx, hy := SpiralHVP(p[0], p[1], v[0], v[1])
			return []float64{hx, hy}
		}},
	// The inputs are x's elements, then y: sweeps of 8 columns, y's in
	// the last.
	{name: "Quartic", sizes: []int{0, 1, 7, 8, 15},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n+1, -1, 1) },
		grad: func(p []float64) (float64, []float64) {
			n := len(p) - 1
			f, dx, dy := QuarticGrad(p[:n], p[n])
			return f, append(dx, dy)
		},
		hess: func(p []float64) (float64, []float64, [][]float64) {
			n := len(p) - 1
			f, dx, dy, h := QuarticHessian(p[:n], p[n])
			return f, append(dx, dy), h
		},
		to: func(h [][]float64, p []float64) (float64, []float64) {
			n := len(p) - 1
			f, dx, dy := QuarticHessianTo(h, p[:n], p[n])
			return f, append(dx, dy)
		},
		hvp: func(p, v []float64) []float64 {
			n := len(p) - 1
			_, _, _, hx, hy := QuarticHVP(p[:n], p[n], v[:n], v[n])
			return append(hx, hy)
		}},
	{name: "LogLoss", sizes: []int{1, 3, 9},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n, -1, 1) },
		grad: func(w []float64) (float64, []float64) {
			a, y := logData(len(w), 7)
			return LogLossGrad(w, a, y, 0.1)
		},
		hess: func(w []float64) (float64, []float64, [][]float64) {
			a, y := logData(len(w), 7)
			return LogLossHessian(w, a, y, 0.1)
		},
		to: func(h [][]float64, w []float64) (float64, []float64) {
			a, y := logData(len(w), 7)
			return LogLossHessianTo(h, w, a, y, 0.1)
		},
		hvp: func(w, v []float64) []float64 {
			a, y := logData(len(w), 7)
			_, _, hv := LogLossHVP(w, a, y, 0.1, v)
			return hv
		}},
}

// logData returns m points of d features, row-major, and their labels
// ±1, the same for the same sizes.
func logData(d, m int) (a, y []float64) {
	rng := rand.New(rand.NewPCG(uint64(d), uint64(m)))
	a = fdcheck.Uniform(rng, m*d, -1, 1)
	y = make([]float64, m)
	for k := range y {
		y[k] = 1
		if rng.IntN(2) == 0 {
			y[k] = -1
		}
	}
	return a, y
}

// points yields, for each case and size, a few random points.
func points(t *testing.T, visit func(t *testing.T, c hcase, x []float64)) {
	for _, c := range cases {
		for _, n := range c.sizes {
			rng := rand.New(rand.NewPCG(uint64(n)+1, 13))
			for trial := range 3 {
				x := c.point(rng, n)
				t.Run(c.name, func(t *testing.T) {
					t.Logf("n=%d trial %d x=%v", n, trial, x)
					visit(t, c, x)
				})
			}
		}
	}
}

// FHessian's result and gradient are FGrad's, and its matrix is the
// finite-difference Jacobian of FGrad.
func TestHessianAgainstFiniteDifferencesOfTheGradient(t *testing.T) {
	points(t, func(t *testing.T, c hcase, x []float64) {
		f0, g0 := c.grad(x)
		f, g, h := c.hess(x)
		if f != f0 {
			t.Errorf("FHessian's result %v, FGrad's %v", f, f0)
		}
		if msg := fdcheck.Mismatch(g, g0, 1e-12); msg != "" {
			t.Errorf("FHessian's gradient against FGrad's: %s", msg)
		}
		jac := fdcheck.Jacobian(func(x []float64) []float64 { _, g := c.grad(x); return g }, x)
		if len(h) != len(x) {
			t.Fatalf("the Hessian has %d rows, want %d", len(h), len(x))
		}
		for i := range h {
			if msg := fdcheck.Mismatch(h[i], jac[i], 1e-6); msg != "" {
				t.Errorf("row %d against finite differences of the gradient: %s", i, msg)
			}
		}
	})
}

// Column j is FHVP along the j-th unit vector (up to the rounding the
// symmetrising averages away), the matrix is exactly symmetric, and H·v
// for a random v is the matrix times v.
func TestHessianAgainstHVP(t *testing.T) {
	points(t, func(t *testing.T, c hcase, x []float64) {
		_, _, h := c.hess(x)
		n := len(x)
		for j := range n {
			e := make([]float64, n)
			e[j] = 1
			col := c.hvp(x, e)
			for i := range n {
				if !fdcheck.Close(h[i][j], col[i], 1e-13) {
					t.Errorf("H[%d][%d] = %v, FHVP along e%d gives %v", i, j, h[i][j], j, col[i])
				}
				if h[i][j] != h[j][i] {
					t.Errorf("H[%d][%d] = %v, H[%d][%d] = %v: not symmetric", i, j, h[i][j], j, i, h[j][i])
				}
			}
		}
		v := fdcheck.Uniform(rand.New(rand.NewPCG(7, uint64(n))), n, -1, 1)
		hv := c.hvp(x, v)
		for i := range n {
			if want := fdcheck.Dot(h[i], v); !fdcheck.Close(hv[i], want, 1e-12) {
				t.Errorf("(H·v)[%d] = %v from FHVP, %v from the matrix", i, hv[i], want)
			}
		}
	})
}

// FHessianTo fills a caller's matrix (dirty from an earlier point) with
// what FHessian returns.
func TestHessianTo(t *testing.T) {
	points(t, func(t *testing.T, c hcase, x []float64) {
		f0, g0, h0 := c.hess(x)
		h := make([][]float64, len(x))
		for i := range h {
			h[i] = make([]float64, len(x))
			for j := range h[i] {
				h[i][j] = math.NaN()
			}
		}
		f, g := c.to(h, x)
		if f != f0 || fdcheck.Mismatch(g, g0, 0) != "" {
			t.Errorf("FHessianTo returns %v %v, FHessian %v %v", f, g, f0, g0)
		}
		for i := range h {
			if msg := fdcheck.Mismatch(h[i], h0[i], 0); msg != "" {
				t.Errorf("row %d: %s", i, msg)
			}
		}
	})
}

// FHessianTo panics, saying what is wrong, on a matrix of the wrong shape.
func TestHessianToShape(t *testing.T) {
	tests := []struct {
		name string
		h    [][]float64
		want string
	}{
		{"too few rows", [][]float64{make([]float64, 3), make([]float64, 3)}, "ExtRosenHessianTo: h has 2 rows, want 3: one per input"},
		{"a short row", [][]float64{make([]float64, 3), make([]float64, 2), make([]float64, 3)}, "ExtRosenHessianTo: row 1 of h has 2 columns, want 3: one per input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), tt.want) {
					t.Errorf("panic %v, want %q", r, tt.want)
				}
			}()
			ExtRosenHessianTo(tt.h, []float64{1, 2, 3})
		})
	}
}

// The chapter's network at the chapter's point, its Hessian by hand:
// L = e², so H = 2·∇e ∇eᵀ + 2e·∇²e. With both ReLUs live, ŷ = w3·z1 +
// w4·z2 + b3, ∇ŷ = (w3x1, w4x1, w3x2, w4x2, z1, z2, w3, w4, 1) and ∇²ŷ
// is nonzero only between w3 and z1's parameters (∂z1 = x1, x2, 1 for
// w11, w21, b1) and between w4 and z2's (w12, w22, b2).
func TestChapterHessian(t *testing.T) {
	p := chapterWeights
	w11, w12, w21, w22, w3, w4, b1, b2, b3 := p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]
	z1 := w11*x1 + w21*x2 + b1
	z2 := w12*x1 + w22*x2 + b2
	e := w3*z1 + w4*z2 + b3 - target
	grad := []float64{w3 * x1, w4 * x1, w3 * x2, w4 * x2, z1, z2, w3, w4, 1}
	want := make([][]float64, 9)
	for i := range want {
		want[i] = make([]float64, 9)
		for j := range want[i] {
			want[i][j] = 2 * grad[i] * grad[j]
		}
	}
	cross := func(i, j int, d float64) {
		want[i][j] += 2 * e * d
		want[j][i] += 2 * e * d
	}
	cross(4, 0, x1) // w3, w11
	cross(4, 2, x2) // w3, w21
	cross(4, 6, 1)  // w3, b1
	cross(5, 1, x1) // w4, w12
	cross(5, 3, x2) // w4, w22
	cross(5, 7, 1)  // w4, b2
	_, _, h := cases[0].hess(p)
	for i := range want {
		if msg := fdcheck.Mismatch(h[i], want[i], 1e-14); msg != "" {
			t.Errorf("row %d: %s", i, msg)
		}
	}
	// The chapter's loss, 0.0025, is e² with e = 0.05.
	if !fdcheck.Close(e*e, 0.0025, 1e-12) {
		t.Fatalf("e = %v: not the chapter's point", e)
	}
}

// Rosenbrock's Hessian by hand, and the float32 function's.
func TestExactHessians(t *testing.T) {
	x, y := 0.3, -1.2
	_, _, _, h := RosenHessian(x, y)
	want := [][]float64{{2 - 400*(y-x*x) + 800*x*x, -400 * x}, {-400 * x, 200}}
	for i := range want {
		if msg := fdcheck.Mismatch(h[i], want[i], 1e-14); msg != "" {
			t.Errorf("Rosen row %d: %s", i, msg)
		}
	}
	// x²y + y³: H = [[2y, 2x], [2x, 6y]].
	var xs, ys float32 = 1.5, -0.5
	_, _, _, h = SingleHessian(xs, ys)
	want = [][]float64{{2 * float64(ys), 2 * float64(xs)}, {2 * float64(xs), 6 * float64(ys)}}
	for i := range want {
		if msg := fdcheck.Mismatch(h[i], want[i], 1e-6); msg != "" {
			t.Errorf("Single row %d: %s", i, msg)
		}
	}
}

// A function of empty slices has an empty Hessian, and FHessian still
// returns its result and gradient.
func TestEmptyHessian(t *testing.T) {
	f, g, h := ExtRosenHessian(nil)
	if f != 0 || len(g) != 0 || len(h) != 0 {
		t.Errorf("ExtRosenHessian(nil) = %v, %v, %v; want 0 and empty", f, g, h)
	}
	f, dx, dy, h := MixedHessian(nil, nil, 2)
	if len(dx) != 0 || len(h) != 1 || len(h[0]) != 1 || h[0][0] != 0 || !math.IsInf(f, -1) || dy != 0 {
		t.Errorf("MixedHessian(nil, nil, 2) = %v, %v, %v, %v", f, dx, dy, h)
	}
}
