package loops

import (
	"math"
	"math/rand/v2"
	"testing"

	"godiff/internal/fdcheck"
)

// problem is one annotated function seen as a function of a flat vector p
// of the values it is differentiated in, with its generated derivatives in
// the same flat form.
type problem struct {
	name  string
	point func(rng *rand.Rand) []float64 // a test point
	f     func(p []float64) float64
	grad  func(p []float64) (float64, []float64)
	jvp   func(p, v []float64) (float64, float64)
}

func uniform(rng *rand.Rand, n int, lo, hi float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = lo + (hi-lo)*rng.Float64()
	}
	return x
}

// rows cuts p into rows of the given lengths.
func rows(p []float64, lens []int) [][]float64 {
	m := make([][]float64, len(lens))
	for i, n := range lens {
		m[i], p = p[:n], p[n:]
	}
	return m
}

func flat(m [][]float64) []float64 {
	var p []float64
	for _, r := range m {
		p = append(p, r...)
	}
	return p
}

func f32(p []float64) []float32 {
	x := make([]float32, len(p))
	for i, v := range p {
		x[i] = float32(v)
	}
	return x
}

func f64(x []float32) []float64 {
	p := make([]float64, len(x))
	for i, v := range x {
		p[i] = float64(v)
	}
	return p
}

var (
	fixedX   = []float64{0.3, -1.2, 0.8, 2.1, -0.4}
	rowLens  = []int{3, 1, 4}
	matShape = []int{3, 3, 3} // MatVec: 3×3 W, then x (3), b (3)
)

var problems = []problem{
	{
		name:  "SumSquares",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 6, -2, 2) },
		f:     SumSquares,
		grad:  SumSquaresGrad,
		jvp:   SumSquaresJVP,
	},
	{
		name:  "Dot",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 5, -2, 2) },
		f:     func(p []float64) float64 { return Dot(p, fixedX) },
		grad:  func(p []float64) (float64, []float64) { return DotGrad(p, fixedX) },
		jvp:   func(p, v []float64) (float64, float64) { return DotJVP(p, fixedX, v) },
	},
	{
		name:  "LogSumExp",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 7, -30, 30) },
		f:     LogSumExp,
		grad:  LogSumExpGrad,
		jvp:   LogSumExpJVP,
	},
	{
		name:  "Smooth",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 9, -1, 1) },
		f:     func(p []float64) float64 { return Smooth(p, 4) },
		grad:  func(p []float64) (float64, []float64) { return SmoothGrad(p, 4) },
		jvp:   func(p, v []float64) (float64, float64) { return SmoothJVP(p, 4, v) },
	},
	{
		name:  "Ripple",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 6, -2, 2) },
		f:     func(p []float64) float64 { return Ripple(p, 3) },
		grad:  func(p []float64) (float64, []float64) { return RippleGrad(p, 3) },
		jvp:   func(p, v []float64) (float64, float64) { return RippleJVP(p, 3, v) },
	},
	{
		name:  "Square",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 5, -2, 2) },
		f:     func(p []float64) float64 { return Square(append([]float64(nil), p...)) },
		grad:  SquareGrad,
		jvp:   SquareJVP,
	},
	{
		name:  "Product",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 5, -2, 2) },
		f:     Product,
		grad:  ProductGrad,
		jvp:   ProductJVP,
	},
	{
		name:  "Horner",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 5, -1.5, 1.5) },
		f:     func(p []float64) float64 { return Horner(p[0], p[1:]) },
		grad: func(p []float64) (float64, []float64) {
			y, dx, dc := HornerGrad(p[0], p[1:])
			return y, append([]float64{dx}, dc...)
		},
		jvp: func(p, v []float64) (float64, float64) { return HornerJVP(p[0], p[1:], v[0], v[1:]) },
	},
	{
		name:  "Piecewise",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 2, -3, 3) },
		f:     func(p []float64) float64 { return Piecewise(p[0], p[1]) },
		grad: func(p []float64) (float64, []float64) {
			y, dx, dy := PiecewiseGrad(p[0], p[1])
			return y, []float64{dx, dy}
		},
		jvp: func(p, v []float64) (float64, float64) { return PiecewiseJVP(p[0], p[1], v[0], v[1]) },
	},
	modes(0), modes(1), modes(2), modes(7),
	{
		name:  "Newton",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 1, 0.5, 20) },
		f:     func(p []float64) float64 { return Newton(p[0], 1) },
		grad: func(p []float64) (float64, []float64) {
			y, da := NewtonGrad(p[0], 1)
			return y, []float64{da}
		},
		jvp: func(p, v []float64) (float64, float64) { return NewtonJVP(p[0], 1, v[0]) },
	},
	{
		name:  "Halve",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 1, 0.1, 50) },
		f:     func(p []float64) float64 { return Halve(p[0], 1.5) },
		grad: func(p []float64) (float64, []float64) {
			y, dx := HalveGrad(p[0], 1.5)
			return y, []float64{dx}
		},
		jvp: func(p, v []float64) (float64, float64) { return HalveJVP(p[0], 1.5, v[0]) },
	},
	{
		name:  "FirstAbove",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 8, 0.1, 1.2) },
		f:     func(p []float64) float64 { return FirstAbove(rows(p, rowLens), 2.0) },
		grad: func(p []float64) (float64, []float64) {
			y, dm := FirstAboveGrad(rows(p, rowLens), 2.0)
			return y, flat(dm)
		},
		jvp: func(p, v []float64) (float64, float64) {
			return FirstAboveJVP(rows(p, rowLens), 2.0, rows(v, rowLens))
		},
	},
	{
		name:  "Triangle",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 10, -1, 1) },
		f:     func(p []float64) float64 { return Triangle(p[:5], p[5:]) },
		grad: func(p []float64) (float64, []float64) {
			y, dx, dw := TriangleGrad(p[:5], p[5:])
			return y, append(dx, dw...)
		},
		jvp: func(p, v []float64) (float64, float64) { return TriangleJVP(p[:5], p[5:], v[:5], v[5:]) },
	},
	{
		name: "Skips",
		point: func(rng *rand.Rand) []float64 {
			p := uniform(rng, 8, -1, 2)
			p[3] = 11 // the second row is skipped whole
			return p
		},
		f: func(p []float64) float64 { return Skips(rows(p, []int{3, 2, 3})) },
		grad: func(p []float64) (float64, []float64) {
			y, dm := SkipsGrad(rows(p, []int{3, 2, 3}))
			return y, flat(dm)
		},
		jvp: func(p, v []float64) (float64, float64) {
			return SkipsJVP(rows(p, []int{3, 2, 3}), rows(v, []int{3, 2, 3}))
		},
	},
	{
		name:  "MatVec",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 15, -1, 1) },
		f: func(p []float64) float64 {
			return MatVec(rows(p[:9], matShape), p[9:12], p[12:], make([]float64, 3))
		},
		grad: func(p []float64) (float64, []float64) {
			y, dW, dx, db := MatVecGrad(rows(p[:9], matShape), p[9:12], p[12:], make([]float64, 3))
			return y, append(append(flat(dW), dx...), db...)
		},
		jvp: func(p, v []float64) (float64, float64) {
			return MatVecJVP(rows(p[:9], matShape), p[9:12], p[12:], make([]float64, 3),
				rows(v[:9], matShape), v[9:12], v[12:], make([]float64, 3))
		},
	},
	{
		name:  "Interior",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 8, -2, 2) },
		f:     Interior,
		grad:  InteriorGrad,
		jvp:   InteriorJVP,
	},
	{
		name:  "Window",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 7, -2, 2) },
		f:     Window,
		grad:  WindowGrad,
		jvp:   WindowJVP,
	},
	{
		name:  "Arr",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 3, -2, 2) },
		f:     func(p []float64) float64 { return Arr([3]float64(p), 1.5) },
		grad: func(p []float64) (float64, []float64) {
			y, da := ArrGrad([3]float64(p), 1.5)
			return y, da[:]
		},
		jvp: func(p, v []float64) (float64, float64) { return ArrJVP([3]float64(p), 1.5, [3]float64(v)) },
	},
	{
		name:  "Clamp",
		point: func(rng *rand.Rand) []float64 { return []float64{rng.Float64()*6 - 3, -1, 1.5} },
		f:     func(p []float64) float64 { return Clamp(p[0], p[1], p[2]) },
		grad: func(p []float64) (float64, []float64) {
			y, dx, dlo, dhi := ClampGrad(p[0], p[1], p[2])
			return y, []float64{dx, dlo, dhi}
		},
		jvp: func(p, v []float64) (float64, float64) { return ClampJVP(p[0], p[1], p[2], v[0], v[1], v[2]) },
	},
}

func modes(mode int) problem {
	return problem{
		name:  "Modes",
		point: func(rng *rand.Rand) []float64 { return uniform(rng, 1, -4, 4) },
		f:     func(p []float64) float64 { return Modes(p[0], mode) },
		grad: func(p []float64) (float64, []float64) {
			y, dx := ModesGrad(p[0], mode)
			return y, []float64{dx}
		},
		jvp: func(p, v []float64) (float64, float64) { return ModesJVP(p[0], mode, v[0]) },
	}
}

// Every function, at seeded random points: FGrad's value is F's bit for
// bit, its gradient agrees with central finite differences, FJVP's value
// is F's and its tangent along v is <v, gradient> (mode against mode).
func TestDerivatives(t *testing.T) {
	for _, pr := range problems {
		t.Run(pr.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(5, uint64(len(pr.name))))
			for trial := 0; trial < 8; trial++ {
				p := pr.point(rng)
				want := pr.f(append([]float64(nil), p...))
				y, g := pr.grad(append([]float64(nil), p...))
				if y != want && !(math.IsNaN(y) && math.IsNaN(want)) {
					t.Fatalf("at %v: FGrad's value %v, F's %v", p, y, want)
				}
				fd := fdcheck.Gradient(pr.f, p)
				if m := fdcheck.Mismatch(g, fd, 1e-5); m != "" {
					t.Errorf("at %v: gradient vs finite differences: %s", p, m)
				}
				v := uniform(rng, len(p), -1, 1)
				// Copies: a function that writes a differentiated slice
				// (Square) updates its tangent in place too.
				yj, dy := pr.jvp(append([]float64(nil), p...), append([]float64(nil), v...))
				if yj != want {
					t.Fatalf("at %v: FJVP's value %v, F's %v", p, yj, want)
				}
				if want := fdcheck.Dot(v, g); !fdcheck.Close(dy, want, 1e-10) {
					t.Errorf("at %v along %v: <JVP(v), 1> = %v, <v, gradient> = %v", p, v, dy, want)
				}
			}
		})
	}
}
