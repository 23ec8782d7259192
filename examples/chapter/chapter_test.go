package main

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// near is how close a generated gradient must be to a number the chapter
// states: the chapter's numbers are exact decimals; the float64 arithmetic
// is off from them by a few ulps.
const near = 1e-12

func TestReluNetMatchesChapter(t *testing.T) {
	loss, g := reluGrad(reluWeights, 1, 2, 1)
	if !fdcheck.Close(loss, 0.0025, near) {
		t.Errorf("L = %v, chapter says 0.0025", loss)
	}
	// The chapter's memos: ∂L/∂w3 = 0.130 down to ∂L/∂w22 = -0.10, and
	// ∂L/∂z1 = 0.10, ∂L/∂z2 = -0.05 for the biases.
	want := map[string]float64{
		"w3": 0.130, "w4": 0.070, "b3": 0.10,
		"w11": 0.10, "w21": 0.20, "w12": -0.05, "w22": -0.10,
		"b1": 0.10, "b2": -0.05,
	}
	for i, name := range reluNames {
		if !fdcheck.Close(g[i], want[name], near) {
			t.Errorf("dL/d%s = %v, chapter says %v", name, g[i], want[name])
		}
	}
	// The chapter's three updates w := w - α ∂L/∂w.
	updates := map[int]float64{4: 0.987, 0: 0.490, 3: 0.210} // w3, w11, w22
	for i, after := range updates {
		if got := reluWeights[i] - learningRate*g[i]; !fdcheck.Close(got, after, near) {
			t.Errorf("%s after one step = %v, chapter says %v", reluNames[i], got, after)
		}
	}
}

func TestDeadReluPassesZeroMemo(t *testing.T) {
	p := reluWeights
	p[6] = -2 // b1: z1 = 0.5·1 + 0.4·2 - 2 = -0.7
	_, g := reluGrad(p, 1, 2, 1)
	for _, i := range []int{0, 2, 4, 6} { // w11, w21, w3, b1: everything behind h1
		if g[i] != 0 {
			t.Errorf("dead ReLU: dL/d%s = %v, want exactly 0", reluNames[i], g[i])
		}
	}
	for _, i := range []int{1, 3, 5, 7, 8} { // the live path still learns
		if g[i] == 0 {
			t.Errorf("live path: dL/d%s = 0", reluNames[i])
		}
	}
	// At the kink z1 = 0 exactly, math.Max(0, z1) follows its first
	// argument: the unit counts as dead.
	p[6] = -1.3
	_, g = reluGrad(p, 1, 2, 1)
	if g[0] != 0 || g[6] != 0 {
		t.Errorf("ReLU at z = 0: dL/dw11 = %v, dL/db1 = %v, want 0", g[0], g[6])
	}
}

func TestSigmoidExercise(t *testing.T) {
	// The exercise worked independently, link by link.
	w1, w2, b1, w3, b2, x1, x2, y := 0.5, -0.3, 0.1, 0.8, 0.0, 1.0, 1.0, 0.0
	z1 := w1*x1 + w2*x2 + b1
	h := 1 / (1 + math.Exp(-z1))
	yhat := w3*h + b2
	wantL := (yhat - y) * (yhat - y)
	dyhat := 2 * (yhat - y)
	dh := dyhat * w3
	dz1 := dh * h * (1 - h) // σ'(z) = σ(z)(1 - σ(z))
	want := []float64{dz1 * x1, dz1 * x2, dz1, dyhat * h, dyhat}

	loss, dw1, dw2, db1, dw3, db2 := SigmoidLossGrad(w1, w2, b1, w3, b2, x1, x2, y)
	if !fdcheck.Close(loss, wantL, near) {
		t.Errorf("L = %v, want %v", loss, wantL)
	}
	if m := fdcheck.Mismatch([]float64{dw1, dw2, db1, dw3, db2}, want, near); m != "" {
		t.Errorf("gradient: %s", m)
	}
	// Sanity of the exercise itself: z1 = 0.3, h = σ(0.3) ≈ 0.574443, L ≈ 0.211190.
	if math.Abs(z1-0.3) > 1e-15 || math.Abs(h-0.574443) > 1e-6 || math.Abs(wantL-0.211190) > 1e-6 {
		t.Errorf("exercise worked wrong: z1 = %v, L = %v", z1, wantL)
	}
}

func TestGeneratedResultsEqualFunction(t *testing.T) {
	p := reluWeights
	want := Loss(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], 1, 2, 1)
	got, _ := reluGrad(p, 1, 2, 1)
	jvp, _ := LossJVP(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)
	if got != want || jvp != want {
		t.Errorf("LossGrad and LossJVP return %v and %v, Loss returns %v", got, jvp, want)
	}
	s, _, _, _, _, _ := SigmoidLossGrad(0.5, -0.3, 0.1, 0.8, 0, 1, 1, 0)
	if s != SigmoidLoss(0.5, -0.3, 0.1, 0.8, 0, 1, 1, 0) {
		t.Errorf("SigmoidLossGrad's loss differs from SigmoidLoss")
	}
}

// lossOf adapts Loss to the finite-difference checker: p holds the nine
// weights then x1, x2, y.
func lossOf(p []float64) float64 {
	return Loss(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11])
}

// Points away from the ReLU kinks, where finite differences are valid.
var reluPoints = [][]float64{
	{0.5, 0.3, 0.4, 0.2, 1.0, -0.5, 0, 0, 0.1, 1, 2, 1},
	{-0.3, 0.8, 0.9, -0.1, 0.7, 1.2, 0.2, -0.4, 0.3, 0.5, -1.5, 0.2},
	{0.1, -0.6, -0.2, 0.4, -1.1, 0.9, -0.5, 0.6, -0.2, 2, 0.3, -1},
}

func TestReluNetFiniteDifferences(t *testing.T) {
	for _, p := range reluPoints {
		fd := fdcheck.Gradient(lossOf, p)[:9]
		var w [9]float64
		copy(w[:], p)
		_, g := reluGrad(w, p[9], p[10], p[11])
		if m := fdcheck.Mismatch(g[:], fd, 1e-6); m != "" {
			t.Errorf("at %v: %s", p, m)
		}
	}
}

func TestReluNetModesAgree(t *testing.T) {
	for _, p := range reluPoints {
		v := []float64{0.3, -1.2, 0.5, 0.7, -0.4, 1.1, 0.9, -0.8, 0.2}
		const seed = 0.37
		_, tangent := LossJVP(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11],
			v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8])
		var vjp [9]float64
		_, vjp[0], vjp[1], vjp[2], vjp[3], vjp[4], vjp[5], vjp[6], vjp[7], vjp[8] =
			LossVJP(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], seed)
		if lhs, rhs := tangent*seed, fdcheck.Dot(v, vjp[:]); !fdcheck.Close(lhs, rhs, 1e-12) {
			t.Errorf("at %v: <JVP(v), w> = %v, <v, VJP(w)> = %v", p, lhs, rhs)
		}
	}
}

func TestSigmoidFiniteDifferencesAndModes(t *testing.T) {
	f := func(p []float64) float64 { return SigmoidLoss(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]) }
	points := [][]float64{{0.5, -0.3, 0.1, 0.8, 0, 1, 1, 0}, {1.5, 0.7, -2, -0.4, 0.3, -1, 2, 0.5}}
	for _, p := range points {
		_, dw1, dw2, db1, dw3, db2 := SigmoidLossGrad(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7])
		g := []float64{dw1, dw2, db1, dw3, db2}
		if m := fdcheck.Mismatch(g, fdcheck.Gradient(f, p)[:5], 1e-6); m != "" {
			t.Errorf("at %v: %s", p, m)
		}
		v := []float64{0.2, -0.7, 1.3, 0.4, -0.9}
		_, tangent := SigmoidLossJVP(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], v[0], v[1], v[2], v[3], v[4])
		if !fdcheck.Close(tangent, fdcheck.Dot(v, g), 1e-12) {
			t.Errorf("at %v: JVP %v, gradient·v %v", p, tangent, fdcheck.Dot(v, g))
		}
	}
}

func TestScalarGradientsAllocateNothing(t *testing.T) {
	p := reluWeights
	var sink float64
	allocs := testing.AllocsPerRun(100, func() {
		l, g := reluGrad(p, 1, 2, 1)
		_, j := LossJVP(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], 1, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0)
		s, _, _, _, _, _ := SigmoidLossGrad(0.5, -0.3, 0.1, 0.8, 0, 1, 1, 0)
		sink += l + g[0] + j + s
	})
	if allocs != 0 {
		t.Errorf("gradients allocate %v times per call, want 0", allocs)
	}
	_ = sink
}

func TestReportPrintsChapterNumbers(t *testing.T) {
	var sb strings.Builder
	report(&sb)
	out := sb.String()
	for _, line := range []string{
		"L = 0.0025",
		"dL/dw3  =  0.130   w3  := 0.987",
		"dL/dw11 =  0.100   w11 := 0.490",
		"dL/dw22 = -0.100   w22 := 0.210",
		"dL/dw12 = -0.050",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("report lacks %q; it printed:\n%s", line, out)
		}
	}
}

// The generated functions keep no state between calls: many goroutines may
// call them at once and each gets what a lone call gets.
func TestConcurrentCalls(t *testing.T) {
	want := make([][9]float64, len(reluPoints))
	for i, p := range reluPoints {
		var w [9]float64
		copy(w[:], p)
		_, want[i] = reluGrad(w, p[9], p[10], p[11])
	}
	errs := make(chan string, 64)
	done := make(chan struct{})
	for g := 0; g < 8; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for n := 0; n < 1000; n++ {
				i := (g + n) % len(reluPoints)
				p := reluPoints[i]
				var w [9]float64
				copy(w[:], p)
				if _, got := reluGrad(w, p[9], p[10], p[11]); got != want[i] {
					errs <- fmt.Sprintf("goroutine %d call %d: %v, want %v", g, n, got, want[i])
					return
				}
			}
		}()
	}
	for g := 0; g < 8; g++ {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// The mini-batch gradient summed by LossBackward into one set of buffers,
// with one tape reused, is the sum of the examples' gradients; and it
// allocates nothing.
func TestMiniBatchGradient(t *testing.T) {
	got := batchGrad(reluWeights, miniBatch)
	var want [9]float64
	for _, ex := range miniBatch {
		_, g := reluGrad(reluWeights, ex[0], ex[1], ex[2])
		for i := range want {
			want[i] += g[i]
		}
	}
	for i := range want {
		if !fdcheck.Close(got[i], want[i], 1e-15) {
			t.Errorf("summed dL/d%s = %v, sum of gradients %v", reluNames[i], got[i], want[i])
		}
	}
	if n := testing.AllocsPerRun(100, func() { batchGrad(reluWeights, miniBatch) }); n != 0 {
		t.Errorf("batchGrad allocates %v times, want 0", n)
	}
}
