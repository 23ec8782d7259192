package ba

import (
	"testing"

	"github.com/godiff/godiff/internal/adbench"
	"github.com/godiff/godiff/internal/fdcheck"
)

// In steady state ReprojErrorVJP allocates only its two slice results: its
// tape comes from its pool, filled by the call before, and the buffer of
// its output's seed (derr, which the backward sweep uses up), a make of
// len(err) = 2 numbers, is on the stack (Go allocates a make of a variable
// size of at most 32 bytes there). (Under the race detector a sync.Pool
// drops some of the tapes it is given: a fresh tape's few allocations
// then.)
func TestVJPAllocatesOnlyItsResults(t *testing.T) {
	in := load(t, "ba1_n49_m7776_p31843.txt")
	cam, x := in.Cams[:nCamParams], in.X[:3]
	err := make([]float64, 2)
	seed := []float64{1, 0}
	run := func() { ReprojErrorVJP(cam, x, in.W[0], in.Feats[:2], err, seed) }
	run()
	most := 2.0
	if fdcheck.Race {
		most += 4
	}
	if n := testing.AllocsPerRun(100, run); n > most {
		t.Errorf("ReprojErrorVJP allocates %v times per call in steady state, want at most %v", n, most)
	}
}

// A tape goes back to the pool holding none of the caller's memory.
func TestClearRefsDropsCallersMemory(t *testing.T) {
	in := load(t, "ba1_n49_m7776_p31843.txt")
	cam, x, feat := in.Cams[:nCamParams], in.X[:3], in.Feats[:2]
	err := make([]float64, 2)
	var tape ReprojErrorTape
	ReprojErrorForward(&tape, cam, x, in.W[0], feat, err)
	args := [][]float64{cam, x, feat, err}
	if refs := adbench.RefsInto(&tape, args...); len(refs) == 0 {
		t.Errorf("a filled tape refers to none of the arguments; the check sees nothing")
	}
	tape.clearRefs()
	if refs := adbench.RefsInto(&tape, args...); len(refs) > 0 {
		t.Errorf("after clearRefs the tape still refers to the arguments at %v", refs)
	}
}
