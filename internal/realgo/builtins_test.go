package realgo

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

func builtinProblems() []fdcheck.Problem {
	return []fdcheck.Problem{
		{
			Name: "Clamp",
			Point: func(rng *rand.Rand) []float64 {
				return []float64{4*rng.Float64() - 2, -1 + rng.Float64()*0.5, 0.5 + rng.Float64()*0.5}
			},
			F: func(p []float64) float64 { return Clamp(p[0], p[1], p[2]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, dlo, dhi := ClampGrad(p[0], p[1], p[2])
				return y, []float64{dx, dlo, dhi}
			},
			JVP: func(p, v []float64) (float64, float64) { return ClampJVP(p[0], p[1], p[2], v[0], v[1], v[2]) },
		},
		{
			Name:  "Spread",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 3, -2, 2) },
			F:     func(p []float64) float64 { return Spread(p[0], p[1], p[2]) },
			Grad: func(p []float64) (float64, []float64) {
				y, da, db, dc := SpreadGrad(p[0], p[1], p[2])
				return y, []float64{da, db, dc}
			},
			JVP: func(p, v []float64) (float64, float64) { return SpreadJVP(p[0], p[1], p[2], v[0], v[1], v[2]) },
		},
		{
			Name:  "Hinge",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 9, -1.5, 1.5) },
			F:     func(p []float64) float64 { return Hinge(p[0:4], p[4:8], p[8]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, dy, dw := HingeGrad(p[0:4], p[4:8], p[8])
				return y, append(append(dx, dy...), dw)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return HingeJVP(p[0:4], p[4:8], p[8], v[0:4], v[4:8], v[8])
			},
		},
		{
			Name:  "ClearInput",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 4, -2, 2) },
			F:     func(p []float64) float64 { return ClearInput(slices.Clone(p[0:3]), p[3]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, da := ClearInputGrad(p[0:3], p[3])
				return y, append(dx, da)
			},
			JVP: func(p, v []float64) (float64, float64) { return ClearInputJVP(p[0:3], p[3], v[0:3], v[3]) },
		},
	}
}

func TestBuiltinsAgainstFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 2))
	for _, pr := range builtinProblems() {
		t.Run(pr.Name, func(t *testing.T) { fdcheck.Check(t, pr, rng, 10, 1e-5) })
	}
}

// The builtins min and max follow math.Min and Max at ties, the first of
// the tied arguments, and the NaN the builtins return.
func TestMinMaxConventions(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		what       string
		a, b, c    float64
		da, db, dc float64
	}{
		{"max and min at a three-way tie follow a", 1, 1, 1, 0, 0, 0},
		{"max ties between b and c follow b", -1, 2, 2, 4, -1, 0},
		{"a NaN in the first argument", nan, 1, 2, nan, 0, 0},
	}
	for _, c := range cases {
		_, da, db, dc := SpreadGrad(c.a, c.b, c.c)
		if !same(da, c.da) || db != c.db || dc != c.dc {
			t.Errorf("%s: SpreadGrad = %v, %v, %v; want %v, %v, %v", c.what, da, db, dc, c.da, c.db, c.dc)
		}
	}
	// Clamp at lo == x: max's tie follows x.
	if _, dx, dlo, _ := ClampGrad(0.5, 0.5, 1); dx != 1 || dlo != 0 {
		t.Errorf("ClampGrad at x == lo = %v, %v; want 1, 0", dx, dlo)
	}
	// A NaN in b: max returns it, and the derivative follows b.
	if _, dx, dlo, _ := ClampGrad(0.5, nan, 1); dx != 0 || dlo != 1 {
		t.Errorf("ClampGrad with lo NaN = %v, %v; want 0, 1", dx, dlo)
	}
	if _, d := ClampJVP(0.5, 0.5, 1, 1, 0, 0); d != 1 {
		t.Errorf("ClampJVP at x == lo along x = %v, want 1", d)
	}
}

func same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

// The values are the builtins', bit for bit: signed zeros and NaN.
func TestMinMaxValues(t *testing.T) {
	negZero := math.Copysign(0, -1)
	for _, p := range [][3]float64{{0, negZero, 1}, {negZero, 0, -1}, {math.NaN(), 1, 2}, {math.Inf(1), math.NaN(), 0}} {
		want := Clamp(p[0], p[1], p[2])
		got, _, _, _ := ClampGrad(p[0], p[1], p[2])
		gotJ, _ := ClampJVP(p[0], p[1], p[2], 1, 1, 1)
		if math.Float64bits(got) != math.Float64bits(want) || math.Float64bits(gotJ) != math.Float64bits(want) {
			t.Errorf("Clamp%v = %v; ClampGrad %v, ClampJVP %v", p, want, got, gotJ)
		}
	}
}

// The builtins on float32 values: the same values and derivatives as in
// float64, NaN included.
func TestMinMaxFloat32(t *testing.T) {
	nan := float32(math.NaN())
	for _, p := range [][3]float32{{0.3, -1, 1}, {-2, -1, 1}, {1.5, -1, 1}, {0.5, 0.5, 1}, {nan, 0, 1}, {0.5, nan, 1}} {
		y, dx, dlo, dhi := Clamp32Grad(p[0], p[1], p[2])
		want := Clamp32(p[0], p[1], p[2])
		if math.Float32bits(y) != math.Float32bits(want) {
			t.Errorf("Clamp32Grad%v value %v, Clamp32 %v", p, y, want)
		}
		_, wx, wlo, whi := ClampGrad(float64(p[0]), float64(p[1]), float64(p[2]))
		if !same(float64(dx), wx) || !same(float64(dlo), wlo) || !same(float64(dhi), whi) {
			t.Errorf("Clamp32Grad%v = %v, %v, %v; ClampGrad %v, %v, %v", p, dx, dlo, dhi, wx, wlo, whi)
		}
		_, d := Clamp32JVP(p[0], p[1], p[2], 1, 2, 4)
		if want := dx + 2*dlo + 4*dhi; !same(float64(d), float64(want)) {
			t.Errorf("Clamp32JVP%v = %v, want %v", p, d, want)
		}
	}
}
