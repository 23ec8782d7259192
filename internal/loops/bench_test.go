package loops

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/godiff/godiff/internal/fdcheck"
)

// Benchmarks of the generated gradients of two loops over 10⁴ elements, a
// stable log-sum-exp and 10 sweeps of the smoothing stencil, against the
// functions themselves and against gradients written by hand. Run:
//
//	go test -run X -bench . -benchmem ./internal/loops
//
// BenchmarkRatios reports each gradient's time over its function's,
// measured in the same run. "split" is the forward and backward functions
// on a tape and buffers kept across calls (no allocation); "grad" is FGrad,
// which makes a tape and a gradient slice per call.

const (
	benchN     = 10_000
	benchIters = 10
)

var (
	benchX    = fdcheck.Uniform(rand.New(rand.NewPCG(3, 1)), benchN, -5, 5)
	benchDX   = make([]float64, benchN)
	benchBuf  = make([]float64, benchN)
	benchDBuf = make([]float64, benchN)
	lseTape   LogSumExpTape
	swTape    SmoothWorkTape
	benchSink float64
)

// handLSEGrad is log-sum-exp's gradient as a person would write it: the
// softmax, with the exponentials kept from the forward pass.
func handLSEGrad(x, dx, exps []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		if v > m {
			m = v
		}
	}
	s := 0.0
	for i, v := range x {
		exps[i] = math.Exp(v - m)
		s += exps[i]
	}
	for i := range x {
		dx[i] += exps[i] / s
	}
	return m + math.Log(s)
}

// handSmoothGrad is SmoothWork's gradient by hand: the sweeps forward, then
// the transposed sweeps backward over the adjoint buffer.
func handSmoothGrad(x, buf, dbuf, dx []float64, iters int) float64 {
	copy(buf, x)
	for it := 0; it < iters; it++ {
		for i := 1; i < len(buf)-1; i++ {
			buf[i] = 0.25*buf[i-1] + 0.5*buf[i] + 0.25*buf[i+1]
		}
	}
	s := 0.0
	for i, v := range buf {
		s += float64(i+1) * v * v
		dbuf[i] = 2 * float64(i+1) * v
	}
	for it := 0; it < iters; it++ {
		for i := len(buf) - 2; i >= 1; i-- {
			d := dbuf[i]
			dbuf[i] = 0.5 * d
			dbuf[i-1] += 0.25 * d
			dbuf[i+1] += 0.25 * d
		}
	}
	for i := range dx {
		dx[i] += dbuf[i]
	}
	return s
}

var benchExps = make([]float64, benchN)

var benchRuns = map[string]func(){
	"LogSumExp":      func() { benchSink += LogSumExp(benchX) },
	"LogSumExpGrad":  func() { y, _ := LogSumExpGrad(benchX); benchSink += y },
	"LogSumExpSplit": func() { benchSink += LogSumExpForward(&lseTape, benchX); LogSumExpBackward(&lseTape, 1, benchDX) },
	"LogSumExpHand":  func() { benchSink += handLSEGrad(benchX, benchDX, benchExps) },
	"Smooth":         func() { benchSink += SmoothWork(benchX, benchBuf, benchIters) },
	"SmoothGrad":     func() { y, _ := SmoothWorkGrad(benchX, benchBuf, benchIters); benchSink += y },
	"SmoothSplit": func() {
		benchSink += SmoothWorkForward(&swTape, benchX, benchBuf, benchIters)
		SmoothWorkBackward(&swTape, 1, benchDX, benchDBuf)
	},
	"SmoothHand": func() { benchSink += handSmoothGrad(benchX, benchBuf, benchDBuf, benchDX, benchIters) },
}

func bench(b *testing.B, name string) {
	run := benchRuns[name]
	run()
	b.ResetTimer()
	for range b.N {
		run()
	}
}

func BenchmarkLogSumExp(b *testing.B)      { bench(b, "LogSumExp") }
func BenchmarkLogSumExpGrad(b *testing.B)  { bench(b, "LogSumExpGrad") }
func BenchmarkLogSumExpSplit(b *testing.B) { bench(b, "LogSumExpSplit") }
func BenchmarkLogSumExpHand(b *testing.B)  { bench(b, "LogSumExpHand") }
func BenchmarkSmooth(b *testing.B)         { bench(b, "Smooth") }
func BenchmarkSmoothGrad(b *testing.B)     { bench(b, "SmoothGrad") }
func BenchmarkSmoothSplit(b *testing.B)    { bench(b, "SmoothSplit") }
func BenchmarkSmoothHand(b *testing.B)     { bench(b, "SmoothHand") }

// BenchmarkRatios times each function and its gradients in turn and
// reports gradient time over function time, from one run.
func BenchmarkRatios(b *testing.B) {
	timeOf := func(name string) float64 {
		run := benchRuns[name]
		run()
		start := time.Now()
		for range b.N {
			run()
		}
		return float64(time.Since(start))
	}
	for _, f := range []string{"LogSumExp", "Smooth"} {
		base := timeOf(f)
		for _, kind := range []string{"Grad", "Split", "Hand"} {
			b.ReportMetric(timeOf(f+kind)/base, f+kind+"/func")
		}
	}
}
