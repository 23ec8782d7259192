package loops

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

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

var problems = []fdcheck.Problem{
	{
		Name:  "SumSquares",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 6, -2, 2) },
		F:     SumSquares,
		Grad:  SumSquaresGrad,
		JVP:   SumSquaresJVP,
	},
	{
		Name:  "Dot",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5, -2, 2) },
		F:     func(p []float64) float64 { return Dot(p, fixedX) },
		Grad:  func(p []float64) (float64, []float64) { return DotGrad(p, fixedX) },
		JVP:   func(p, v []float64) (float64, float64) { return DotJVP(p, fixedX, v) },
	},
	{
		Name:  "LogSumExp",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 7, -30, 30) },
		F:     LogSumExp,
		Grad:  LogSumExpGrad,
		JVP:   LogSumExpJVP,
	},
	{
		Name:  "Smooth",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 9, -1, 1) },
		F:     func(p []float64) float64 { return Smooth(p, 4) },
		Grad:  func(p []float64) (float64, []float64) { return SmoothGrad(p, 4) },
		JVP:   func(p, v []float64) (float64, float64) { return SmoothJVP(p, 4, v) },
	},
	{
		Name:  "Ripple",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 6, -2, 2) },
		F:     func(p []float64) float64 { return Ripple(p, 3) },
		Grad:  func(p []float64) (float64, []float64) { return RippleGrad(p, 3) },
		JVP:   func(p, v []float64) (float64, float64) { return RippleJVP(p, 3, v) },
	},
	{
		Name:  "Repeat",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 4, -1, 1) },
		F:     func(p []float64) float64 { return Repeat(p, 3) },
		Grad:  func(p []float64) (float64, []float64) { return RepeatGrad(p, 3) },
		JVP:   func(p, v []float64) (float64, float64) { return RepeatJVP(p, 3, v) },
	},
	{
		Name:  "Square",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5, -2, 2) },
		F:     func(p []float64) float64 { return Square(append([]float64(nil), p...)) },
		Grad:  SquareGrad,
		JVP:   SquareJVP,
	},
	{
		Name:  "Product",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5, -2, 2) },
		F:     Product,
		Grad:  ProductGrad,
		JVP:   ProductJVP,
	},
	{
		Name:  "Horner",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5, -1.5, 1.5) },
		F:     func(p []float64) float64 { return Horner(p[0], p[1:]) },
		Grad: func(p []float64) (float64, []float64) {
			y, dx, dc := HornerGrad(p[0], p[1:])
			return y, append([]float64{dx}, dc...)
		},
		JVP: func(p, v []float64) (float64, float64) { return HornerJVP(p[0], p[1:], v[0], v[1:]) },
	},
	{
		Name:  "Piecewise",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2, -3, 3) },
		F:     func(p []float64) float64 { return Piecewise(p[0], p[1]) },
		Grad: func(p []float64) (float64, []float64) {
			y, dx, dy := PiecewiseGrad(p[0], p[1])
			return y, []float64{dx, dy}
		},
		JVP: func(p, v []float64) (float64, float64) { return PiecewiseJVP(p[0], p[1], v[0], v[1]) },
	},
	modes(0), modes(1), modes(2), modes(7),
	{
		Name:  "Newton",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 1, 0.5, 20) },
		F:     func(p []float64) float64 { return Newton(p[0], 1) },
		Grad: func(p []float64) (float64, []float64) {
			y, da := NewtonGrad(p[0], 1)
			return y, []float64{da}
		},
		JVP: func(p, v []float64) (float64, float64) { return NewtonJVP(p[0], 1, v[0]) },
	},
	{
		Name:  "Halve",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 1, 0.1, 50) },
		F:     func(p []float64) float64 { return Halve(p[0], 1.5) },
		Grad: func(p []float64) (float64, []float64) {
			y, dx := HalveGrad(p[0], 1.5)
			return y, []float64{dx}
		},
		JVP: func(p, v []float64) (float64, float64) { return HalveJVP(p[0], 1.5, v[0]) },
	},
	{
		Name:  "FirstAbove",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 8, 0.1, 1.2) },
		F:     func(p []float64) float64 { return FirstAbove(rows(p, rowLens), 2.0) },
		Grad: func(p []float64) (float64, []float64) {
			y, dm := FirstAboveGrad(rows(p, rowLens), 2.0)
			return y, flat(dm)
		},
		JVP: func(p, v []float64) (float64, float64) {
			return FirstAboveJVP(rows(p, rowLens), 2.0, rows(v, rowLens))
		},
	},
	{
		Name:  "Triangle",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 10, -1, 1) },
		F:     func(p []float64) float64 { return Triangle(p[:5], p[5:]) },
		Grad: func(p []float64) (float64, []float64) {
			y, dx, dw := TriangleGrad(p[:5], p[5:])
			return y, append(dx, dw...)
		},
		JVP: func(p, v []float64) (float64, float64) { return TriangleJVP(p[:5], p[5:], v[:5], v[5:]) },
	},
	{
		Name: "Skips",
		Point: func(rng *rand.Rand) []float64 {
			p := fdcheck.Uniform(rng, 8, -1, 2)
			p[3] = 11 // the second row is skipped whole
			return p
		},
		F: func(p []float64) float64 { return Skips(rows(p, []int{3, 2, 3})) },
		Grad: func(p []float64) (float64, []float64) {
			y, dm := SkipsGrad(rows(p, []int{3, 2, 3}))
			return y, flat(dm)
		},
		JVP: func(p, v []float64) (float64, float64) {
			return SkipsJVP(rows(p, []int{3, 2, 3}), rows(v, []int{3, 2, 3}))
		},
	},
	{
		Name:  "MatVec",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 15, -1, 1) },
		F: func(p []float64) float64 {
			return MatVec(rows(p[:9], matShape), p[9:12], p[12:], make([]float64, 3))
		},
		Grad: func(p []float64) (float64, []float64) {
			y, dW, dx, db := MatVecGrad(rows(p[:9], matShape), p[9:12], p[12:], make([]float64, 3))
			return y, append(append(flat(dW), dx...), db...)
		},
		JVP: func(p, v []float64) (float64, float64) {
			return MatVecJVP(rows(p[:9], matShape), p[9:12], p[12:], make([]float64, 3),
				rows(v[:9], matShape), v[9:12], v[12:], make([]float64, 3))
		},
	},
	{
		Name:  "Interior",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 8, -2, 2) },
		F:     Interior,
		Grad:  InteriorGrad,
		JVP:   InteriorJVP,
	},
	{
		Name:  "Window",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 7, -2, 2) },
		F:     Window,
		Grad:  WindowGrad,
		JVP:   WindowJVP,
	},
	{
		Name:  "Arr",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 3, -2, 2) },
		F:     func(p []float64) float64 { return Arr([3]float64(p), 1.5) },
		Grad: func(p []float64) (float64, []float64) {
			y, da := ArrGrad([3]float64(p), 1.5)
			return y, da[:]
		},
		JVP: func(p, v []float64) (float64, float64) { return ArrJVP([3]float64(p), 1.5, [3]float64(v)) },
	},
	{
		Name:  "Clamp",
		Point: func(rng *rand.Rand) []float64 { return []float64{rng.Float64()*6 - 3, -1, 1.5} },
		F:     func(p []float64) float64 { return Clamp(p[0], p[1], p[2]) },
		Grad: func(p []float64) (float64, []float64) {
			y, dx, dlo, dhi := ClampGrad(p[0], p[1], p[2])
			return y, []float64{dx, dlo, dhi}
		},
		JVP: func(p, v []float64) (float64, float64) { return ClampJVP(p[0], p[1], p[2], v[0], v[1], v[2]) },
	},
}

func modes(mode int) fdcheck.Problem {
	return fdcheck.Problem{
		Name:  "Modes",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 1, -4, 4) },
		F:     func(p []float64) float64 { return Modes(p[0], mode) },
		Grad: func(p []float64) (float64, []float64) {
			y, dx := ModesGrad(p[0], mode)
			return y, []float64{dx}
		},
		JVP: func(p, v []float64) (float64, float64) { return ModesJVP(p[0], mode, v[0]) },
	}
}

// Every function, at seeded random points: FGrad's value is F's bit for
// bit, its gradient agrees with central finite differences, FJVP's value
// is F's and its tangent along v is <v, gradient> (mode against mode).
func TestDerivatives(t *testing.T) {
	for _, pr := range problems {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(5, uint64(len(pr.Name)))), 8, 1e-5)
		})
	}
}
