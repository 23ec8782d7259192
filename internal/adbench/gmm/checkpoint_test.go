package gmm

import (
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/godiff/godiff/internal/adbench"
)

// ObjectiveCheckpointed is Objective with its loop over the points marked
// //godiff:checkpoint. Its gradient must be Objective's to 1e-12
// relative (the loop is fused: the forward sweep sums each point's
// derivatives per unit of the sum's, which the backward sweep then
// scales, ā·Σg where the recorded loop sums ā·g, so not bit for bit), and
// its tape must not grow with the number of points.

// withPoints returns in with its points cycled to n of them.
func withPoints(in *Instance, n int) *Instance {
	out := *in
	out.N = n
	out.X = make([]float64, n*in.D)
	for i := range out.X {
		out.X[i] = in.X[i%len(in.X)]
	}
	return &out
}

func TestCheckpointedGradient(t *testing.T) {
	for _, data := range []string{"test.txt", "1k_d2_K5.txt", "1k_d10_K5.txt"} {
		in := load(t, data)
		f, da, dm, dq := ObjectiveGrad(in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
		fc, dac, dmc, dqc := ObjectiveCheckpointedGrad(in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
		if f != fc {
			t.Errorf("%s: objective %v, checkpointed %v", data, f, fc)
		}
		want := append(append(da, dm...), dq...)
		got := append(append(dac, dmc...), dqc...)
		for i := range want {
			if math.Abs(got[i]-want[i]) > 1e-12*math.Max(1, math.Abs(want[i])) {
				t.Errorf("%s: gradient[%d] = %v checkpointed, %v recorded", data, i, got[i], want[i])
			}
		}
	}
}

// TestCheckpointedTapeBytes checks that the checkpointed tape's Bytes,
// after a forward and a backward run, is the same at 10, 100 and 1000
// points, while the recorded tape's grows with them.
func TestCheckpointedTapeBytes(t *testing.T) {
	in := load(t, "1k_d2_K5.txt")
	var first int
	var prev int
	for k, n := range []int{10, 100, 1000} {
		p := withPoints(in, n)
		var tape ObjectiveCheckpointedTape
		g := make([]float64, p.Params())
		ObjectiveCheckpointedForward(&tape, p.D, p.K, p.N, p.Alphas, p.Means, p.ICF, p.X, p.Wishart)
		ObjectiveCheckpointedBackward(&tape, 1, g[:p.K], g[p.K:p.K+len(p.Means)], g[p.K+len(p.Means):])
		var rec ObjectiveTape
		ObjectiveForward(&rec, p.D, p.K, p.N, p.Alphas, p.Means, p.ICF, p.X, p.Wishart)
		t.Logf("n=%d: checkpointed tape %d bytes, recorded tape %d bytes", n, tape.Bytes(), rec.Bytes())
		if k == 0 {
			first = tape.Bytes()
		} else if tape.Bytes() != first {
			t.Errorf("n=%d: checkpointed tape holds %d bytes, %d at n=10: it grows with the points", n, tape.Bytes(), first)
		}
		if k > 0 && rec.Bytes() <= prev {
			t.Errorf("n=%d: recorded tape %d bytes, not more than %d at fewer points", n, rec.Bytes(), prev)
		}
		prev = rec.Bytes()
	}
}

// BenchmarkCheckpoint times ADBench's GMM d=2 K=5 at 10⁴, 10⁵ and 10⁶
// points (the 1k file's points cycled): the objective, the split form
// recording every point (Split) and with the loop over the points
// checkpointed (Checkpointed), each on a tape and buffer kept across
// calls. tape-MB is the tape's Bytes after a run; live-MB the heap in use
// after it (runtime.MemStats.HeapAlloc after a GC, the instance's 16·n
// bytes of points included). The 10⁶ runs take seconds: run
//
//	go test -run X -bench Checkpoint -benchmem -benchtime 3x ./internal/adbench/gmm
func BenchmarkCheckpoint(b *testing.B) {
	base := load(b, "1k_d2_K5.txt")
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		in := withPoints(base, n)
		grad := make([]float64, in.Params())
		da, dm, dq := grad[:in.K], grad[in.K:in.K+len(in.Means)], grad[in.K+len(in.Means):]
		b.Run(fmt.Sprintf("n=%d/Objective", n), func(b *testing.B) {
			for b.Loop() {
				sink += in.Objective()
			}
			reportLive(b, 0)
		})
		b.Run(fmt.Sprintf("n=%d/Split", n), func(b *testing.B) {
			var tape ObjectiveTape
			for b.Loop() {
				clear(grad)
				sink += ObjectiveForward(&tape, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
				ObjectiveBackward(&tape, 1, da, dm, dq)
			}
			reportLive(b, tape.Bytes())
			runtime.KeepAlive(&tape)
		})
		b.Run(fmt.Sprintf("n=%d/Checkpointed", n), func(b *testing.B) {
			var tape ObjectiveCheckpointedTape
			for b.Loop() {
				clear(grad)
				sink += ObjectiveCheckpointedForward(&tape, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
				ObjectiveCheckpointedBackward(&tape, 1, da, dm, dq)
			}
			reportLive(b, tape.Bytes())
			runtime.KeepAlive(&tape)
		})
	}
}

// reportLive reports the tape's bytes and the heap in use, after a GC.
func reportLive(b *testing.B, tapeBytes int) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(tapeBytes)/1e6, "tape-MB")
	b.ReportMetric(float64(ms.HeapAlloc)/1e6, "live-MB")
}

// BenchmarkReplicated2_5M is ADBench's GMM d=2 K=5 at 2.5 million points
// (its replicate-point file: one point copied), the gradient by
// ObjectiveCheckpointedGrad, through the user's API, checked against
// ADBench's reference (ρ < 1e-8) after each run. The recorded split form
// would need 800 bytes of tape a point, 2 GB here; this one holds 1840
// bytes. It takes seconds a run:
//
//	go test -run X -bench Replicated2_5M -benchtime 2x ./internal/adbench/gmm
func BenchmarkReplicated2_5M(b *testing.B) {
	in, err := Read(filepath.Join("..", "testdata", "gmm", "2.5M_d2_K5.txt"), true)
	if err != nil {
		b.Fatal(err)
	}
	wantF, wantJ := reference(b, "gmm_2.5M_d2_K5")
	b.Run("Objective", func(b *testing.B) {
		for b.Loop() {
			sink += in.Objective()
		}
		reportLive(b, 0)
	})
	b.Run("CheckpointedGrad", func(b *testing.B) {
		var f float64
		var grad []float64
		for b.Loop() {
			var da, dm, dq []float64
			f, da, dm, dq = ObjectiveCheckpointedGrad(in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
			grad = append(append(da, dm...), dq...)
		}
		if r := adbench.Rho(f, wantF); !(r < adbench.Tolerance) {
			b.Errorf("objective %.17g, reference %.17g (ρ = %.3g)", f, wantF, r)
		}
		if msg := adbench.Mismatch(grad, wantJ); msg != "" {
			b.Errorf("gradient: %s", msg)
		}
		var tape ObjectiveCheckpointedTape
		g := make([]float64, in.Params())
		ObjectiveCheckpointedForward(&tape, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
		ObjectiveCheckpointedBackward(&tape, 1, g[:in.K], g[in.K:in.K+len(in.Means)], g[in.K+len(in.Means):])
		reportLive(b, tape.Bytes())
	})
}
