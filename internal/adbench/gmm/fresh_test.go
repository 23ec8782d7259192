package gmm

import (
	"testing"

	"github.com/godiff/godiff/internal/adbench"
	"github.com/godiff/godiff/internal/fdcheck"
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
	race := 1.0
	if fdcheck.Race {
		race = 2
	}
	for _, bi := range benchInstances {
		full := load(t, bi.data)
		var counts []uint64
		for _, n := range []int{100, full.N} {
			in := *full
			in.N, in.X = n, full.X[:n*full.D]
			var fields int
			run := func() int {
				var tape ObjectiveTape
				ObjectiveForward(&tape, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
				da, dm, dq := make([]float64, len(in.Alphas)), make([]float64, len(in.Means)), make([]float64, len(in.ICF))
				ObjectiveBackward(&tape, 1, da, dm, dq)
				fields = adbench.SliceFields(&tape)
				return tape.Bytes()
			}
			allocs, bytes, tapeBytes := adbench.FreshCost(run)
			results := 8 * in.Params()
			t.Logf("%s, %d points: %d allocations, %d bytes; Bytes %d, results %d", bi.name, n, allocs, bytes, tapeBytes, results)
			if most := race * float64(2*fields+3); float64(allocs) > most {
				t.Errorf("%s, %d points: a fresh tape allocates %d times, want at most %v (the tape has %d slices, each allocated once, a callee's twice, and 3 results)", bi.name, n, allocs, most, fields)
			}
			if most := race * (1.1*float64(tapeBytes+results) + 16<<10); n == full.N && float64(bytes) > most {
				t.Errorf("%s, %d points: a fresh tape allocates %d bytes, want at most %.0f (its Bytes %d and the results' %d, +10%% and 16 kB)", bi.name, n, bytes, most, tapeBytes, results)
			}
			counts = append(counts, allocs)
		}
		if counts[0] != counts[1] {
			t.Errorf("%s: a fresh tape allocates %d times for 100 points, %d for %d: allocations grow with the points", bi.name, counts[0], counts[1], full.N)
		}
	}
}
