package gmm

import (
	"testing"

	"github.com/godiff/godiff/internal/adbench"
)

// The gradient on a fresh tape (the GradFresh form of BenchmarkRatios, an
// ObjectiveGrad call that finds its pool empty) allocates a bounded number
// of buffers, the same for 100 points as for 1000 (no stack grows by
// doubling or per call of a callee), and about the bytes its tape holds:
// at most 10% and 16 kB more than Bytes and the three results (the
// runtime's size classes round up; a stack grown by doubling would leave
// up to half its capacity unused and its earlier arrays behind). Under the
// race detector slices.Grow allocates twice (see fdcheck.Race).
//
// What a fresh tape costs beyond this is the operating system's: most of
// the time it takes over a kept tape goes to page faults on memory the
// runtime's scavenger returned to the system after a collection (about 48
// minor faults per call at d=2, one per 4 kB page of the tape), not to
// a collection inside the call.
func TestFreshTapeAllocatesItsSizeOnce(t *testing.T) {
	for _, bi := range benchInstances {
		full := load(t, bi.data)
		adbench.CheckFresh(t, bi.name, "points", [2]int{100, full.N}, func(n int) adbench.FreshRun {
			in := *full
			in.N, in.X = n, full.X[:n*full.D]
			var tape ObjectiveTape
			ObjectiveForward(&tape, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
			da, dm, dq := make([]float64, len(in.Alphas)), make([]float64, len(in.Means)), make([]float64, len(in.ICF))
			ObjectiveBackward(&tape, 1, da, dm, dq)
			return adbench.FreshRun{TapeBytes: tape.Bytes(), Fields: adbench.SliceFields(&tape), Results: 3, Floats: in.Params()}
		})
	}
}
