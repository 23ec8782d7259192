package memory

import (
	"time"

	"github.com/godiff/godiff/internal/adbench/gmm"
)

// GMMConfig says what MeasureGMM measures.
type GMMConfig struct {
	Data    string        // an ADBench GMM file (internal/adbench/testdata/gmm/1k_d2_K5.txt), whose points are cycled
	Sizes   []int         // the numbers of points n
	MinTime time.Duration // each timing trial repeats its call this long
}

// Run is what one way of computing measured at one size.
type Run struct {
	Seconds float64 // CPU time of one call on a kept tape
	// HeapBefore is the heap's object bytes after a GC before that call:
	// the points and the rest of the process.
	HeapBefore uint64
	PeakHeap   uint64 // peak heap bytes during one call on a fresh tape (see the package comment)
	TapeBytes  int    // the tape's Bytes after a forward and a backward run; 0 for the objective
}

// GMMPoint is the measurement at n points.
type GMMPoint struct {
	N            int
	Objective    Run // Objective alone
	Recorded     Run // ObjectiveForward + ObjectiveBackward
	Checkpointed Run // ObjectiveCheckpointedForward + ObjectiveCheckpointedBackward
}

// MeasureGMM measures the objective and both gradients at each size.
func MeasureGMM(c GMMConfig) ([]GMMPoint, error) {
	base, err := gmm.Read(c.Data, false)
	if err != nil {
		return nil, err
	}
	var points []GMMPoint
	for _, n := range c.Sizes {
		points = append(points, measureGMMAt(withPoints(base, n), c.MinTime))
	}
	return points, nil
}

// withPoints returns in with its points cycled to n of them, as
// internal/adbench/gmm's benchmarks do.
func withPoints(in *gmm.Instance, n int) *gmm.Instance {
	out := *in
	out.N = n
	out.X = make([]float64, n*in.D)
	for i := range out.X {
		out.X[i] = in.X[i%len(in.X)]
	}
	return &out
}

// measureGMMAt measures the three ways at one instance, each gradient on
// a tape of its own that is dropped before the next is measured.
func measureGMMAt(in *gmm.Instance, minTime time.Duration) GMMPoint {
	p := GMMPoint{N: in.N}
	objective := func() { sink += in.Objective() }
	p.Objective.HeapBefore, p.Objective.PeakHeap = peakHeap(objective)
	p.Objective.Seconds = perCall(minTime, objective)
	p.Recorded = measureRecorded(in, minTime)
	p.Checkpointed = measureCheckpointed(in, minTime)
	return p
}

// gradBuffers returns the gradient's buffer, cleared by each run, and its
// parts in Objective's order: alphas, means, icf.
func gradBuffers(in *gmm.Instance) (grad, da, dm, dq []float64) {
	grad = make([]float64, in.Params())
	ka, km := in.K, in.K+len(in.Means)
	return grad, grad[:ka], grad[ka:km], grad[km:]
}

// measureRecorded measures Objective's split form, which records every
// point.
func measureRecorded(in *gmm.Instance, minTime time.Duration) Run {
	grad, da, dm, dq := gradBuffers(in)
	tape := new(gmm.ObjectiveTape)
	return measureSplit(minTime, tape.Bytes, func() {
		clear(grad)
		sink += gmm.ObjectiveForward(tape, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
		gmm.ObjectiveBackward(tape, 1, da, dm, dq)
	})
}

// measureCheckpointed measures ObjectiveCheckpointed's split form, which
// runs each point's iteration again in the backward sweep.
func measureCheckpointed(in *gmm.Instance, minTime time.Duration) Run {
	grad, da, dm, dq := gradBuffers(in)
	tape := new(gmm.ObjectiveCheckpointedTape)
	return measureSplit(minTime, tape.Bytes, func() {
		clear(grad)
		sink += gmm.ObjectiveCheckpointedForward(tape, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
		gmm.ObjectiveCheckpointedBackward(tape, 1, da, dm, dq)
	})
}

// measureSplit measures run, a forward and a backward run on a tape whose
// Bytes is bytes: its peak heap on the first run, the tape still empty,
// the tape's bytes then, and its time on the tape kept.
func measureSplit(minTime time.Duration, bytes func() int, run func()) Run {
	var r Run
	r.HeapBefore, r.PeakHeap = peakHeap(run)
	r.TapeBytes = bytes()
	r.Seconds = perCall(minTime, run)
	return r
}
