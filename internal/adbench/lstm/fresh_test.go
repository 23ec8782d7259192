package lstm

import (
	"testing"

	"github.com/godiff/godiff/internal/adbench"
	"github.com/godiff/godiff/internal/fdcheck"
)

// The gradient on a fresh tape (the GradFresh form of BenchmarkRatios)
// allocates a bounded number of buffers, the same for 100 characters as
// for 1024 (no stack grows by doubling or per call of a callee), and about
// the bytes its tape holds: at most 10% and 16 kB more than Bytes and the
// two results. Under the race detector slices.Grow allocates twice (see
// fdcheck.Race). See gmm's TestFreshTapeAllocatesItsSizeOnce.
func TestFreshTapeAllocatesItsSizeOnce(t *testing.T) {
	race := 1.0
	if fdcheck.Race {
		race = 2
	}
	full := load(t)
	var counts []uint64
	for _, c := range []int{100, full.C} {
		in := *full
		in.C, in.Sequence = c, full.Sequence[:c*full.B]
		var fields int
		run := func() int {
			var tape ObjectiveTape
			ObjectiveForward(&tape, in.L, in.C, in.B, in.MainParams, in.ExtraParams, in.State, in.Sequence)
			dm, de := make([]float64, len(in.MainParams)), make([]float64, len(in.ExtraParams))
			ObjectiveBackward(&tape, 1, dm, de)
			fields = adbench.SliceFields(&tape)
			return tape.Bytes()
		}
		allocs, bytes, tapeBytes := adbench.FreshCost(run)
		results := 8 * in.Params()
		t.Logf("c=%d: %d allocations, %d bytes; Bytes %d, results %d", c, allocs, bytes, tapeBytes, results)
		if most := race * float64(2*fields+2); float64(allocs) > most {
			t.Errorf("c=%d: a fresh tape allocates %d times, want at most %v (the tape has %d slices, each allocated once, a callee's twice, and 2 results)", c, allocs, most, fields)
		}
		if most := race * (1.1*float64(tapeBytes+results) + 16<<10); c == full.C && float64(bytes) > most {
			t.Errorf("c=%d: a fresh tape allocates %d bytes, want at most %.0f (its Bytes %d and the results' %d, +10%% and 16 kB)", c, bytes, most, tapeBytes, results)
		}
		counts = append(counts, allocs)
	}
	if counts[0] != counts[1] {
		t.Errorf("a fresh tape allocates %d times for 100 characters, %d for %d: allocations grow with the sequence", counts[0], counts[1], full.C)
	}
}
