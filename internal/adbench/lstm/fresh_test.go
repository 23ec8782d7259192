package lstm

import (
	"testing"

	"github.com/godiff/godiff/internal/adbench"
)

// The gradient on a fresh tape (the GradFresh form of BenchmarkRatios)
// allocates a bounded number of buffers, the same for 100 characters as
// for 1024 (no stack grows by doubling or per call of a callee), and about
// the bytes its tape holds: at most 10% and 16 kB more than Bytes and the
// two results. Under the race detector slices.Grow allocates twice (see
// fdcheck.Race). See gmm's TestFreshTapeAllocatesItsSizeOnce.
func TestFreshTapeAllocatesItsSizeOnce(t *testing.T) {
	full := load(t)
	adbench.CheckFresh(t, "LSTM", "characters", [2]int{100, full.C}, func(c int) adbench.FreshRun {
		in := *full
		in.C, in.Sequence = c, full.Sequence[:c*full.B]
		var tape ObjectiveTape
		ObjectiveForward(&tape, in.L, in.C, in.B, in.MainParams, in.ExtraParams, in.State, in.Sequence)
		dm, de := make([]float64, len(in.MainParams)), make([]float64, len(in.ExtraParams))
		ObjectiveBackward(&tape, 1, dm, de)
		return adbench.FreshRun{TapeBytes: tape.Bytes(), Fields: adbench.SliceFields(&tape), Results: 2, Floats: in.Params()}
	})
}
