package mathfuncs

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// fn2 is one annotated function of two parameters with its generated
// derivatives, and the box its test points are drawn from.
type fn2 struct {
	name string
	f    func(x, y float64) float64
	grad func(x, y float64) (float64, float64, float64)
	vjp  func(x, y, s float64) (float64, float64, float64)
	jvp  func(x, y, dx, dy float64) (float64, float64)
	x, y [2]float64
}

var (
	wide     = [2]float64{-3, 3}
	positive = [2]float64{0.2, 3}
	unit     = [2]float64{-0.9, 0.9}
)

var fns = []fn2{
	{"Abs", Abs, AbsGrad, AbsVJP, AbsJVP, wide, wide},
	{"Acos", Acos, AcosGrad, AcosVJP, AcosJVP, unit, wide},
	{"Asin", Asin, AsinGrad, AsinVJP, AsinJVP, unit, wide},
	{"Atan", Atan, AtanGrad, AtanVJP, AtanJVP, wide, wide},
	{"Cbrt", Cbrt, CbrtGrad, CbrtVJP, CbrtJVP, positive, wide},
	{"Cos", Cos, CosGrad, CosVJP, CosJVP, wide, wide},
	{"Cosh", Cosh, CoshGrad, CoshVJP, CoshJVP, wide, wide},
	{"Erf", Erf, ErfGrad, ErfVJP, ErfJVP, wide, wide},
	{"Exp", Exp, ExpGrad, ExpVJP, ExpJVP, wide, wide},
	{"Expm1", Expm1, Expm1Grad, Expm1VJP, Expm1JVP, wide, wide},
	{"Log", Log, LogGrad, LogVJP, LogJVP, positive, wide},
	{"Log10", Log10, Log10Grad, Log10VJP, Log10JVP, positive, wide},
	{"Log1p", Log1p, Log1pGrad, Log1pVJP, Log1pJVP, [2]float64{-0.8, 3}, wide},
	{"Log2", Log2, Log2Grad, Log2VJP, Log2JVP, positive, wide},
	{"Sin", Sin, SinGrad, SinVJP, SinJVP, wide, wide},
	{"Sinh", Sinh, SinhGrad, SinhVJP, SinhJVP, wide, wide},
	{"Sqrt", Sqrt, SqrtGrad, SqrtVJP, SqrtJVP, positive, wide},
	{"Tan", Tan, TanGrad, TanVJP, TanJVP, [2]float64{-1.2, 1.2}, wide},
	{"Tanh", Tanh, TanhGrad, TanhVJP, TanhJVP, wide, wide},
	{"Atan2", Atan2, Atan2Grad, Atan2VJP, Atan2JVP, wide, wide},
	{"Hypot", Hypot, HypotGrad, HypotVJP, HypotJVP, wide, wide},
	{"Max", Max, MaxGrad, MaxVJP, MaxJVP, wide, wide},
	{"Min", Min, MinGrad, MinVJP, MinJVP, wide, wide},
	{"Pow", Pow, PowGrad, PowVJP, PowJVP, positive, [2]float64{-2.5, 2.5}},
	{"Erfc", Erfc, ErfcGrad, ErfcVJP, ErfcJVP, wide, wide},
	{"Erfinv", Erfinv, ErfinvGrad, ErfinvVJP, ErfinvJVP, unit, wide},
	{"Erfcinv", Erfcinv, ErfcinvGrad, ErfcinvVJP, ErfcinvJVP, [2]float64{0.1, 1.9}, wide},
	{"Exp2", Exp2, Exp2Grad, Exp2VJP, Exp2JVP, wide, wide},
	{"Asinh", Asinh, AsinhGrad, AsinhVJP, AsinhJVP, wide, wide},
	{"Acosh", Acosh, AcoshGrad, AcoshVJP, AcoshJVP, [2]float64{1.2, 3}, wide},
	{"Atanh", Atanh, AtanhGrad, AtanhVJP, AtanhJVP, unit, wide},
	{"Gamma", Gamma, GammaGrad, GammaVJP, GammaJVP, [2]float64{0.2, 4}, wide},
	{"J0", J0, J0Grad, J0VJP, J0JVP, wide, wide},
	{"J1", J1, J1Grad, J1VJP, J1JVP, wide, wide},
	{"Jn", Jn, JnGrad, JnVJP, JnJVP, wide, wide},
	{"Jn0", Jn0, Jn0Grad, Jn0VJP, Jn0JVP, wide, wide},
	{"Y0", Y0, Y0Grad, Y0VJP, Y0JVP, positive, wide},
	{"Y1", Y1, Y1Grad, Y1VJP, Y1JVP, positive, wide},
	{"Yn", Yn, YnGrad, YnVJP, YnJVP, positive, wide},
	{"Floor", Floor, FloorGrad, FloorVJP, FloorJVP, wide, wide},
	{"Ceil", Ceil, CeilGrad, CeilVJP, CeilJVP, wide, wide},
	{"Trunc", Trunc, TruncGrad, TruncVJP, TruncJVP, wide, wide},
	{"Round", Round, RoundGrad, RoundVJP, RoundJVP, wide, wide},
	{"RoundToEven", RoundToEven, RoundToEvenGrad, RoundToEvenVJP, RoundToEvenJVP, wide, wide},
	{"FMA", FMA, FMAGrad, FMAVJP, FMAJVP, wide, wide},
	{"Mod", Mod, ModGrad, ModVJP, ModJVP, wide, [2]float64{0.4, 2}},
	{"Remainder", Remainder, RemainderGrad, RemainderVJP, RemainderJVP, wide, [2]float64{-2, -0.4}},
	{"Dim", Dim, DimGrad, DimVJP, DimJVP, wide, wide},
	{"Copysign", Copysign, CopysignGrad, CopysignVJP, CopysignJVP, wide, wide},
}

// points returns n test points of fn's box, the same on every run.
func points(fn fn2, n int) [][2]float64 {
	rng := rand.New(rand.NewPCG(1, uint64(len(fn.name))))
	draw := func(r [2]float64) float64 { return r[0] + (r[1]-r[0])*rng.Float64() }
	ps := make([][2]float64, n)
	for i := range ps {
		ps[i] = [2]float64{draw(fn.x), draw(fn.y)}
	}
	return ps
}

func TestGradientsAgainstFiniteDifferences(t *testing.T) {
	for _, fn := range fns {
		t.Run(fn.name, func(t *testing.T) {
			for _, p := range points(fn, 8) {
				_, gx, gy := fn.grad(p[0], p[1])
				fd := fdcheck.Gradient(func(q []float64) float64 { return fn.f(q[0], q[1]) }, p[:])
				if m := fdcheck.Mismatch([]float64{gx, gy}, fd, 1e-6); m != "" {
					t.Errorf("at %v: %s", p, m)
				}
			}
		})
	}
}

func TestForwardAgreesWithReverse(t *testing.T) {
	for _, fn := range fns {
		t.Run(fn.name, func(t *testing.T) {
			for i, p := range points(fn, 8) {
				v := []float64{math.Sin(float64(i) + 1), math.Cos(3 * float64(i))}
				w := 0.5 + float64(i)
				_, tangent := fn.jvp(p[0], p[1], v[0], v[1])
				_, ax, ay := fn.vjp(p[0], p[1], w)
				if lhs, rhs := tangent*w, fdcheck.Dot(v, []float64{ax, ay}); !fdcheck.Close(lhs, rhs, 1e-12) {
					t.Errorf("at %v: <JVP(v), w> = %v, <v, VJP(w)> = %v", p, lhs, rhs)
				}
				_, gx, gy := fn.grad(p[0], p[1])
				if m := fdcheck.Mismatch([]float64{ax, ay}, []float64{w * gx, w * gy}, 1e-12); m != "" {
					t.Errorf("at %v: VJP(w) is not w times the gradient: %s", p, m)
				}
			}
		})
	}
}

func TestDerivativesReturnTheFunctionsValue(t *testing.T) {
	for _, fn := range fns {
		for _, p := range points(fn, 4) {
			want := fn.f(p[0], p[1])
			g, _, _ := fn.grad(p[0], p[1])
			v, _, _ := fn.vjp(p[0], p[1], 1)
			j, _ := fn.jvp(p[0], p[1], 1, 1)
			if g != want || v != want || j != want {
				t.Errorf("%s%v: Grad %v, VJP %v, JVP %v; the function returns %v", fn.name, p, g, v, j, want)
			}
		}
	}
}

// The conventions at non-differentiable points, as the README states them.
func TestNonDifferentiablePoints(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		what   string
		grad   func(x, y float64) (float64, float64, float64)
		x, y   float64
		dx, dy float64
	}{
		{"Abs at 0 has derivative 0", AbsGrad, 0, 2, 0, 0},
		{"Max at a tie follows its first argument", MaxGrad, 1.5, 1.5, 1, 0},
		{"Min at a tie follows its first argument", MinGrad, -2, -2, 1, 0},
		{"Max with a NaN follows its second argument", MaxGrad, nan, 1, 0, 1},
		{"Min with a NaN follows its second argument", MinGrad, 1, nan, 0, 1},
		{"Pow(0, y) is constant in y", PowGrad, 0, 2, 0, 0},
		{"Hypot at the origin has derivative 0", HypotGrad, 0, 0, 0, 0},
		{"Dim at a tie has derivative 0", DimGrad, 1.5, 1.5, 0, 0},
		{"Dim below the tie is constant 0", DimGrad, 1, 2, 0, 0},
		{"Copysign at x == 0 has derivative 0", CopysignGrad, 0, -1, 0, 0},
		{"Copysign flips the sign of dx with the sign of y", CopysignGrad, 2, -1, -1, 0},
		{"Floor at an integer has derivative 0", FloorGrad, 2, 3, 0, 2},
		{"Round at a half has derivative 0", RoundGrad, 2.5, 1, 0, 3},
		{"Mod's derivative in y is minus the quotient", ModGrad, 7, 2, 1, -3},
		{"Remainder's derivative in y is minus the rounded quotient", RemainderGrad, 7, 2, 1, -4},
	}
	for _, c := range cases {
		_, dx, dy := c.grad(c.x, c.y)
		if dx != c.dx || dy != c.dy {
			t.Errorf("%s: got (%v, %v), want (%v, %v)", c.what, dx, dy, c.dx, c.dy)
		}
	}
	// Forward mode follows the same convention.
	if _, d := MaxJVP(1.5, 1.5, 1, 0); d != 1 {
		t.Errorf("MaxJVP at a tie along x = %v, want 1", d)
	}
	if _, d := AbsJVP(0, 2, 1, 0); d != 0 {
		t.Errorf("AbsJVP at 0 = %v, want 0", d)
	}
}

func TestFloat32(t *testing.T) {
	for _, p := range [][2]float32{{0.3, 1.5}, {-2.1, 0.25}, {1.2, -3}} {
		v, gx, gy := Sin32Grad(p[0], p[1])
		if v != Sin32(p[0], p[1]) {
			t.Errorf("Sin32Grad%v value %v, Sin32 %v", p, v, Sin32(p[0], p[1]))
		}
		_, wx, wy := SinGrad(float64(p[0]), float64(p[1]))
		if m := fdcheck.Mismatch([]float64{float64(gx), float64(gy)}, []float64{wx, wy}, 1e-6); m != "" {
			t.Errorf("Sin32Grad%v differs from the float64 gradient: %s", p, m)
		}
		_, tangent := Sin32JVP(p[0], p[1], 0.5, -1)
		_, ax, ay := Sin32VJP(p[0], p[1], 2)
		if lhs, rhs := float64(tangent)*2, 0.5*float64(ax)-float64(ay); !fdcheck.Close(lhs, rhs, 1e-5) {
			t.Errorf("Sin32 at %v: <JVP(v), w> = %v, <v, VJP(w)> = %v", p, lhs, rhs)
		}
	}
}

func TestSeveralResults(t *testing.T) {
	polar := func(q []float64) []float64 { x, y := Polar(q[0], q[1]); return []float64{x, y} }
	for _, p := range [][]float64{{1, 0.3}, {2.5, -2}, {0.4, 3}} {
		jac := fdcheck.Jacobian(polar, p)
		for r, seeds := range [][2]float64{{1, 0}, {0, 1}} {
			x, y, dr, dtheta := PolarVJP(p[0], p[1], seeds[0], seeds[1])
			if wx, wy := Polar(p[0], p[1]); x != wx || y != wy {
				t.Errorf("PolarVJP values (%v, %v), Polar (%v, %v)", x, y, wx, wy)
			}
			if m := fdcheck.Mismatch([]float64{dr, dtheta}, jac[r], 1e-6); m != "" {
				t.Errorf("row %d of the Jacobian at %v: %s", r, p, m)
			}
		}
		v, w := []float64{0.7, -1.3}, []float64{0.2, 0.9}
		_, _, tx, ty := PolarJVP(p[0], p[1], v[0], v[1])
		_, _, ar, at := PolarVJP(p[0], p[1], w[0], w[1])
		if lhs, rhs := fdcheck.Dot([]float64{tx, ty}, w), fdcheck.Dot(v, []float64{ar, at}); !fdcheck.Close(lhs, rhs, 1e-12) {
			t.Errorf("Polar at %v: <JVP(v), w> = %v, <v, VJP(w)> = %v", p, lhs, rhs)
		}
	}
}

func TestNoAllocations(t *testing.T) {
	var sink float64
	for _, fn := range fns {
		allocs := testing.AllocsPerRun(20, func() {
			a, b, c := fn.grad(0.5, 0.7)
			d, e := fn.jvp(0.5, 0.7, 1, 1)
			sink += a + b + c + d + e
		})
		if allocs != 0 {
			t.Errorf("%s: %v allocations per call, want 0", fn.name, allocs)
		}
	}
	_ = sink
}
