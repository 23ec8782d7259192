package loops

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// FVJP is the seed times the gradient, for a function of one result.
func TestVJPIsSeedTimesGradient(t *testing.T) {
	x := []float64{0.5, -2, 3, 1.25}
	_, g := LogSumExpGrad(x)
	const seed = -1.5
	y, v := LogSumExpVJP(x, seed)
	if y != LogSumExp(x) {
		t.Errorf("VJP's value %v, F's %v", y, LogSumExp(x))
	}
	for i := range g {
		if !fdcheck.Close(v[i], seed*g[i], 1e-14) {
			t.Errorf("VJP[%d] = %v, seed×gradient = %v", i, v[i], seed*g[i])
		}
	}
}

// An output parameter carries derivatives both ways: FJVP writes the
// tangent of what F writes into out, FVJP takes a seed for it, and
// <JVP(v), w> == <v, VJP(w)> over the scalar result and the output
// together.
func TestOutputParameters(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	W := rows(fdcheck.Uniform(rng, 9, -1, 1), matShape)
	x, b := fdcheck.Uniform(rng, 3, -1, 1), fdcheck.Uniform(rng, 3, -1, 1)
	dW := rows(fdcheck.Uniform(rng, 9, -1, 1), matShape)
	dx, db := fdcheck.Uniform(rng, 3, -1, 1), fdcheck.Uniform(rng, 3, -1, 1)
	out, dout := make([]float64, 3), make([]float64, 3)
	_, dy := MatVecJVP(W, x, b, out, dW, dx, db, dout)
	const s = 0.75
	sout := fdcheck.Uniform(rng, 3, -1, 1)
	out2 := make([]float64, 3)
	_, gW, gx, gb := MatVecVJP(W, x, b, out2, s, sout)
	if !slices.Equal(out, out2) {
		t.Errorf("JVP wrote %v into out, VJP %v", out, out2)
	}
	lhs := dy*s + fdcheck.Dot(dout, sout)
	rhs := fdcheck.Dot(flat(dW), flat(gW)) + fdcheck.Dot(dx, gx) + fdcheck.Dot(db, gb)
	if !fdcheck.Close(lhs, rhs, 1e-12) {
		t.Errorf("<JVP(v), w> = %v, <v, VJP(w)> = %v", lhs, rhs)
	}
	// Against finite differences: out[i] = Σ_j W[i][j] x[j] + b[i].
	for i := range out {
		want := b[i] + fdcheck.Dot(W[i], x)
		if !fdcheck.Close(out[i], want, 1e-14) {
			t.Errorf("out[%d] = %v, want %v", i, out[i], want)
		}
	}
}

// A function whose only result is an output parameter: Scale writes a·x.
func TestOutputOnly(t *testing.T) {
	x := []float64{1, -2, 0.5}
	sout := []float64{0.25, 3, -1}
	out := make([]float64, 3)
	da, dx := ScaleVJP(1.5, x, out, sout)
	if want := fdcheck.Dot(x, sout); !fdcheck.Close(da, want, 1e-15) {
		t.Errorf("da = %v, want Σ x·sout = %v", da, want)
	}
	for i := range x {
		if !fdcheck.Close(dx[i], 1.5*sout[i], 1e-15) || out[i] != 1.5*x[i] {
			t.Errorf("dx[%d] = %v, out[%d] = %v", i, dx[i], i, out[i])
		}
	}
	if sout[1] != 3 {
		t.Errorf("ScaleVJP changed the caller's seed: %v", sout)
	}
	vx := []float64{0.5, 0.5, -1}
	dout := make([]float64, 3)
	ScaleJVP(1.5, x, out, 2, vx, dout)
	for i := range x {
		if want := 2*x[i] + 1.5*vx[i]; !fdcheck.Close(dout[i], want, 1e-15) {
			t.Errorf("dout[%d] = %v, want %v", i, dout[i], want)
		}
	}
}

// float32 code stays float32 and is exact for a linear function.
func TestFloat32(t *testing.T) {
	x := []float32{1, 2, 3}
	y, g := SingleGrad(x)
	if y != Single(x) || !slices.Equal(g, []float32{1, 2, 3}) {
		t.Errorf("SingleGrad = %v, %v; want %v, [1 2 3]", y, g, Single(x))
	}
	_, dy := SingleJVP(x, []float32{1, 0, 1})
	if dy != 4 {
		t.Errorf("SingleJVP along (1, 0, 1) = %v, want 4", dy)
	}
}

// Edge cases: loops that run zero times, a loop that breaks in its first
// iteration, empty slices, an early return inside a nested loop.
func TestEdgeCases(t *testing.T) {
	t.Run("zero-trip loops and empty slices", func(t *testing.T) {
		if y, g := SumSquaresGrad(nil); y != 0 || len(g) != 0 {
			t.Errorf("SumSquaresGrad(nil) = %v, %v", y, g)
		}
		if y, g := LogSumExpGrad([]float64{}); !math.IsInf(y, -1) || len(g) != 0 {
			t.Errorf("LogSumExpGrad(empty) = %v, %v", y, g)
		}
		if y, dx, dc := HornerGrad(2, nil); y != 0 || dx != 0 || len(dc) != 0 {
			t.Errorf("HornerGrad(2, nil) = %v, %v, %v", y, dx, dc)
		}
		if y, g := WindowGrad([]float64{1, 2}); y != 0 || !slices.Equal(g, []float64{0, 0}) {
			t.Errorf("WindowGrad of two elements = %v, %v", y, g)
		}
		// No sweep at all: the gradient of Σ (i+1) x_i² is 2 (i+1) x_i.
		x := []float64{1, -1, 2}
		if _, g := SmoothGrad(x, 0); !slices.Equal(g, []float64{2, -4, 12}) {
			t.Errorf("SmoothGrad(x, 0) = %v, want [2 -4 12]", g)
		}
	})
	t.Run("break in the first iteration", func(t *testing.T) {
		// From y0 = 2, a = 4 is converged after one step: y = 2.
		y, da := NewtonGrad(4, 2)
		if y != 2 || !fdcheck.Close(da, 0.25, 1e-12) {
			t.Errorf("NewtonGrad(4, 2) = %v, %v; want 2, 1/(2·2)", y, da)
		}
		// A NaN first element breaks the outer loop at once.
		m := [][]float64{{math.NaN(), 1}, {2, 3}}
		if y, dm := SkipsGrad(m); y != 0 || dm[1][1] != 0 || dm[0][1] != 0 {
			t.Errorf("SkipsGrad with a leading NaN = %v, %v", y, dm)
		}
	})
	t.Run("early return inside the nested loop", func(t *testing.T) {
		// The first element alone exceeds the limit: p = m[0][0].
		m := [][]float64{{3, 5}, {7}}
		y, dm := FirstAboveGrad(m, 2)
		if y != 3 || !slices.Equal(flat(dm), []float64{1, 0, 0}) {
			t.Errorf("FirstAboveGrad = %v, %v; want 3, [[1 0] [0]]", y, dm)
		}
		// The second row's second element: p = 1·2·0.5·4·1, return inside
		// the second iteration of the outer loop.
		m = [][]float64{{1, 0.5}, {4, 1}, {9}}
		y, dm = FirstAboveGrad(m, 4.5)
		if y != 2 {
			t.Fatalf("FirstAbove = %v, want 2", y)
		}
		fd := fdcheck.Gradient(func(p []float64) float64 { return FirstAbove(rows(p, []int{2, 2, 1}), 4.5) }, flat(m))
		if msg := fdcheck.Mismatch(flat(dm), fd, 1e-6); msg != "" {
			t.Errorf("FirstAboveGrad vs finite differences: %s", msg)
		}
	})
	t.Run("triangular loop of one element", func(t *testing.T) {
		y, dx, dw := TriangleGrad([]float64{3}, []float64{2})
		if y != 18 || dx[0] != 12 || dw[0] != 9 {
			t.Errorf("TriangleGrad([3], [2]) = %v, %v, %v; want 18, [12], [9]", y, dx, dw)
		}
	})
}

// A tape can be reused: the second forward run overwrites the first, and
// the backward function reads the second.
func TestTapeReuse(t *testing.T) {
	var tape LogSumExpTape
	LogSumExpForward(&tape, []float64{5, 1, -3, 8, 2, 0})
	x := []float64{0.5, 1.5}
	y := LogSumExpForward(&tape, x)
	dx := make([]float64, 2)
	LogSumExpBackward(&tape, 1, dx)
	wy, wg := LogSumExpGrad(x)
	if y != wy || !slices.Equal(dx, wg) {
		t.Errorf("reused tape: %v, %v; fresh: %v, %v", y, dx, wy, wg)
	}
}

// The backward function adds into its buffers, so one buffer sums a
// mini-batch's gradients.
func TestMiniBatchSum(t *testing.T) {
	w := []float64{0.5, -1, 2}
	batch := [][]float64{{1, 2, 3}, {0, -1, 4}, {2, 2, -2}}
	var tape DotTape
	sum := make([]float64, len(w))
	want := make([]float64, len(w))
	for _, x := range batch {
		DotForward(&tape, w, x)
		DotBackward(&tape, 1, sum)
		_, g := DotGrad(w, x)
		for i := range want {
			want[i] += g[i]
		}
	}
	if !slices.Equal(sum, want) {
		t.Errorf("summed in one buffer: %v; sum of gradients: %v", sum, want)
	}
}

// With a tape and buffers kept across calls, a gradient allocates nothing
// in steady state, loops and stacks included.
func TestNoAllocationsWithReusedTape(t *testing.T) {
	x := fdcheck.Uniform(rand.New(rand.NewPCG(1, 2)), 1000, -3, 3)
	dx := make([]float64, len(x))
	buf, dbuf := make([]float64, len(x)), make([]float64, len(x))
	var lse LogSumExpTape
	var sw SmoothWorkTape
	var prod ProductTape
	cases := map[string]func(){
		"LogSumExp": func() {
			LogSumExpForward(&lse, x)
			LogSumExpBackward(&lse, 1, dx)
		},
		"SmoothWork": func() {
			SmoothWorkForward(&sw, x, buf, 5)
			SmoothWorkBackward(&sw, 1, dx, dbuf)
		},
		"Product": func() {
			ProductForward(&prod, x)
			ProductBackward(&prod, 1, dx)
		},
	}
	for name, run := range cases {
		run() // grow the tape's stacks once
		if n := testing.AllocsPerRun(20, run); n != 0 {
			t.Errorf("%s: %v allocations per gradient with a reused tape, want 0", name, n)
		}
	}
}

// Generated gradients are safe to call from many goroutines at once: each
// call has a tape of its own (run with -race to check the memory too).
func TestConcurrentCalls(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	inputs := make([][]float64, 16)
	want := make([][]float64, len(inputs))
	for i := range inputs {
		inputs[i] = fdcheck.Uniform(rng, 50, -2, 2)
		_, want[i] = LogSumExpGrad(inputs[i])
	}
	var wg sync.WaitGroup
	errs := make(chan string, len(inputs)*8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, x := range inputs {
				if _, g := LogSumExpGrad(x); !slices.Equal(g, want[i]) {
					errs <- "concurrent LogSumExpGrad differs from the serial one"
				}
				if _, g := SmoothGrad(x, 3); len(g) != len(x) {
					errs <- "concurrent SmoothGrad has the wrong length"
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// The backward function only reads the tape: one forward run serves
// several backward runs, here with two seeds, one of them from another
// goroutine.
func TestOneForwardManyBackward(t *testing.T) {
	x := []float64{0.5, -2, 3, 1.25}
	var tape LogSumExpTape
	LogSumExpForward(&tape, x)
	_, g := LogSumExpGrad(x)
	d1, d2 := make([]float64, len(x)), make([]float64, len(x))
	done := make(chan bool)
	go func() { LogSumExpBackward(&tape, 2, d2); done <- true }()
	LogSumExpBackward(&tape, 1, d1)
	<-done
	for i := range g {
		if d1[i] != g[i] || !fdcheck.Close(d2[i], 2*g[i], 1e-15) {
			t.Errorf("entry %d: backward runs gave %v and %v on one tape, want %v and %v", i, d1[i], d2[i], g[i], 2*g[i])
		}
	}
}

// A function of two results through loops: <JVP(v), w> == <v, VJP(w)>,
// and the VJP with seeds (1, 0) and (0, 1) gives the rows of the Jacobian,
// which finite differences check.
func TestTwoResults(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	for trial := 0; trial < 8; trial++ {
		x := fdcheck.Uniform(rng, 6, -2, 2)
		v := fdcheck.Uniform(rng, 6, -1, 1)
		w := fdcheck.Uniform(rng, 2, -1, 1)
		m, s2, dm, ds2 := MeanVarJVP(x, v)
		if wm, ws2 := MeanVar(x); m != wm || s2 != ws2 {
			t.Fatalf("JVP's values %v, %v; F's %v, %v", m, s2, wm, ws2)
		}
		_, _, g := MeanVarVJP(x, w[0], w[1])
		if lhs, rhs := dm*w[0]+ds2*w[1], fdcheck.Dot(v, g); !fdcheck.Close(lhs, rhs, 1e-12) {
			t.Errorf("<JVP(v), w> = %v, <v, VJP(w)> = %v", lhs, rhs)
		}
		jac := fdcheck.Jacobian(func(p []float64) []float64 { m, s2 := MeanVar(p); return []float64{m, s2} }, x)
		for r := range 2 {
			seed := [2]float64{}
			seed[r] = 1
			_, _, row := MeanVarVJP(x, seed[0], seed[1])
			if msg := fdcheck.Mismatch(row, jac[r], 1e-6); msg != "" {
				t.Errorf("row %d of the Jacobian: %s", r, msg)
			}
		}
	}
}
