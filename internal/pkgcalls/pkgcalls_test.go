package pkgcalls

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
	"github.com/godiff/godiff/internal/otherpkg/vecs"
)

var fitX = []float64{0.5, -1.25, 2, 0.75}

var momentWeights = []float64{0.5, 1.5, 1, 2, 0.25}

// sortedData returns a fresh copy of Inactive's data: Inactive scales it
// in place.
func sortedData() []float64 { return []float64{-1, 0.5, 0.5, 2, 3.25} }

func problems() []fdcheck.Problem {
	return []fdcheck.Problem{
		{
			Name:  "Fit",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 4, -2, 2) },
			F:     func(p []float64) float64 { return Fit(p, fitX) },
			Grad:  func(p []float64) (float64, []float64) { return FitGrad(p, fitX) },
			JVP:   func(p, v []float64) (float64, float64) { return FitJVP(p, fitX, v) },
		},
		{
			Name:  "LSE",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 6, -2, 2) },
			F:     func(p []float64) float64 { return LSE(p[1:], p[0]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dw, da := LSEGrad(p[1:], p[0])
				return y, append([]float64{da}, dw...)
			},
			JVP: func(p, v []float64) (float64, float64) { return LSEJVP(p[1:], p[0], v[1:], v[0]) },
		},
		{
			Name:  "Moments",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5, -2, 2) },
			F:     func(p []float64) float64 { return Moments(p, momentWeights) },
			Grad:  func(p []float64) (float64, []float64) { return MomentsGrad(p, momentWeights) },
			JVP:   func(p, v []float64) (float64, float64) { return MomentsJVP(p, momentWeights, v) },
		},
		{
			Name:  "Tabled",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 4, -1, 1) },
			F:     func(p []float64) float64 { return Tabled(p, 0.7) },
			Grad: func(p []float64) (float64, []float64) {
				return TabledGrad(p, 0.7)
			},
			JVP: func(p, v []float64) (float64, float64) { return TabledJVP(p, 0.7, v) },
		},
		{
			Name:  "Unweighted",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5, -2, 2) },
			F:     Unweighted,
			Grad:  UnweightedGrad,
			JVP:   UnweightedJVP,
		},
		{
			Name:  "Project",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 8, -2, 2) },
			F:     func(p []float64) float64 { return Project(p[:4], p[4:]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dw, dx := ProjectGrad(p[:4], p[4:])
				return y, append(dw, dx...)
			},
			JVP: func(p, v []float64) (float64, float64) { return ProjectJVP(p[:4], p[4:], v[:4], v[4:]) },
		},
		{
			Name:  "Score",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 4, -1, 1) },
			F:     func(p []float64) float64 { return Score(p, fitX) },
			Grad:  func(p []float64) (float64, []float64) { return ScoreGrad(p, fitX) },
			JVP:   func(p, v []float64) (float64, float64) { return ScoreJVP(p, fitX, v) },
		},
		{
			Name:  "Smooth",
			Point: func(rng *rand.Rand) []float64 { return append(fdcheck.Uniform(rng, 5, -3, 3), 40) },
			F:     func(p []float64) float64 { return Smooth(p[1:], p[0]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dw, da := SmoothGrad(p[1:], p[0])
				return y, append([]float64{da}, dw...)
			},
			JVP: func(p, v []float64) (float64, float64) { return SmoothJVP(p[1:], p[0], v[1:], v[0]) },
		},
		{
			Name:  "Normalized",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5, -2, 2) },
			F:     Normalized,
			Grad:  NormalizedGrad,
			JVP:   NormalizedJVP,
		},
		{
			Name:  "Inactive",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5, -2, 2) },
			F:     func(p []float64) float64 { return Inactive(p, sortedData()) },
			Grad:  func(p []float64) (float64, []float64) { return InactiveGrad(p, sortedData()) },
			JVP:   func(p, v []float64) (float64, float64) { return InactiveJVP(p, sortedData(), v) },
		},
	}
}

// TestAgainstFiniteDifferences checks every derivative of a function
// calling into another package against central finite differences, its
// values against the function's bit for bit, and mode against mode.
func TestAgainstFiniteDifferences(t *testing.T) {
	for _, pr := range problems() {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(1, 2)), 20, 1e-6)
		})
	}
}

// TestAgainstHandWritten checks the gradients against the formulas: for
// Fit, 2(w·x)x + 1; for Moments, that of the weighted mean and variance.
func TestAgainstHandWritten(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 10 {
		w := fdcheck.Uniform(rng, len(fitX), -2, 2)
		_, g := FitGrad(w, fitX)
		d := vecs.Dot(w, fitX)
		want := make([]float64, len(w))
		for i := range want {
			want[i] = 2*d*fitX[i] + 1
		}
		if m := fdcheck.Mismatch(g, want, 1e-12); m != "" {
			t.Errorf("FitGrad at %v: %s", w, m)
		}
		x := fdcheck.Uniform(rng, len(momentWeights), -2, 2)
		_, gm := MomentsGrad(x, momentWeights)
		sw := vecs.Sum(momentWeights)
		mean := vecs.Mean(x, momentWeights)
		wantM := make([]float64, len(x))
		for i, wi := range momentWeights {
			// d mean/dx_i = w_i/Σw; d var/dx_i = 2 w_i (x_i - mean)/(Σw - 1),
			// the mean's own term summing to zero.
			wantM[i] = wi/sw + 2*wi*(x[i]-mean)/(sw-1)
		}
		if m := fdcheck.Mismatch(gm, wantM, 1e-12); m != "" {
			t.Errorf("MomentsGrad at %v: %s", x, m)
		}
	}
}

// TestVJPIsSeedTimesGradient checks FitVJP with a seed against FitGrad.
func TestVJPIsSeedTimesGradient(t *testing.T) {
	w := []float64{0.3, -0.7, 1.1, 0.2}
	y, g := FitGrad(w, fitX)
	yv, gv := FitVJP(w, fitX, -2.5)
	if yv != y {
		t.Fatalf("FitVJP's value %v, FitGrad's %v", yv, y)
	}
	for i := range g {
		g[i] *= -2.5
	}
	if m := fdcheck.Mismatch(gv, g, 1e-15); m != "" {
		t.Errorf("FitVJP(-2.5) against -2.5·FitGrad: %s", m)
	}
}

// TestInactiveCallsRun checks that Inactive's calls stay calls with their
// effects: vecs.Scale doubles data in Inactive and in its derivatives alike.
func TestInactiveCallsRun(t *testing.T) {
	w := []float64{0.1, 2, -1, 0.5, 0.3}
	for name, run := range map[string]func([]float64){
		"Inactive":     func(d []float64) { Inactive(w, d) },
		"InactiveGrad": func(d []float64) { InactiveGrad(w, d) },
		"InactiveJVP":  func(d []float64) { InactiveJVP(w, d, make([]float64, len(w))) },
	} {
		d := sortedData()
		run(d)
		want := sortedData()
		for i := range want {
			want[i] *= 2
		}
		if !slices.Equal(d, want) {
			t.Errorf("%s left data %v, want %v", name, d, want)
		}
	}
}

// TestRuleOfAssembly checks the gradient a //godiff:rule gives
// vecs.AsmDot against the formula: Project's is 2Σₖ(w·kx)(kx) in w.
func TestRuleOfAssembly(t *testing.T) {
	w := []float64{0.5, -1, 0.25, 2}
	x := []float64{1, 0.5, -0.75, 0.3}
	_, dw, _ := ProjectGrad(w, x)
	want := make([]float64, len(w))
	for k := 1.0; k <= 2; k++ {
		var d float64
		for i := range w {
			d += w[i] * k * x[i]
		}
		for i := range want {
			want[i] += 2 * d * k * x[i]
		}
	}
	if m := fdcheck.Mismatch(dw, want, 1e-12); m != "" {
		t.Errorf("ProjectGrad's dw: %s", m)
	}
	y, dwv, dxv := ProjectVJP(w, x, 3)
	if y != Project(w, x) {
		t.Errorf("ProjectVJP's value %v, Project's %v", y, Project(w, x))
	}
	_, dwg, dxg := ProjectGrad(w, x)
	for i := range dwg {
		dwg[i] *= 3
		dxg[i] *= 3
	}
	if m := fdcheck.Mismatch(append(dwv, dxv...), append(dwg, dxg...), 1e-15); m != "" {
		t.Errorf("ProjectVJP(3) against 3·ProjectGrad: %s", m)
	}
}

// TestRuleTapeUsedUpTwice runs two backward sweeps on one forward run of
// Cubes, whose rule's backward function pops its tape: each must get the
// call's tape whole.
func TestRuleTapeUsedUpTwice(t *testing.T) {
	x := []float64{0.5, -1, 2}
	var tape CubesTape
	CubesForward(&tape, x)
	for run := range 2 {
		dx := make([]float64, len(x))
		CubesBackward(&tape, 1, dx)
		for i, v := range x {
			if want := 6 * v * v; dx[i] != want {
				t.Errorf("backward run %d: dx[%d] = %v, want %v", run, i, dx[i], want)
			}
		}
	}
}
