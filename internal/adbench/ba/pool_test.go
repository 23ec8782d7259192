package ba

import (
	"testing"
)

// ReprojErrorVJP allocates only its two slice results: its tape is a
// local variable (see TestFreshTapeAllocatesNothing), and the buffer of
// its output's seed (derr, which the backward sweep uses up), a make of
// len(err) = 2 numbers, is on the stack (Go allocates a make of a variable
// size of at most 32 bytes there).
func TestVJPAllocatesOnlyItsResults(t *testing.T) {
	in := load(t, "ba1_n49_m7776_p31843.txt")
	cam, x := in.Cams[:nCamParams], in.X[:3]
	err := make([]float64, 2)
	seed := []float64{1, 0}
	run := func() { ReprojErrorVJP(cam, x, in.W[0], in.Feats[:2], err, seed) }
	run()
	most := 2.0
	if n := testing.AllocsPerRun(100, run); n > most {
		t.Errorf("ReprojErrorVJP allocates %v times per call in steady state, want at most %v", n, most)
	}
}

// ReprojError's tape holds single values and stacks of a bound known when
// generating (loops over 3 coordinates and 2 axes, project and
// rodriguesRotatePoint inlined), held in arrays: a fresh tape is a local
// variable, filled and read with no allocation, and ReprojErrorVJP takes
// no tape from a pool.
func TestFreshTapeAllocatesNothing(t *testing.T) {
	in := load(t, "ba1_n49_m7776_p31843.txt")
	cam, x, feat := in.Cams[:nCamParams], in.X[:3], in.Feats[:2]
	var err, derr [2]float64
	var dcam [nCamParams]float64
	var dx [3]float64
	run := func() {
		var tape ReprojErrorTape
		ReprojErrorForward(&tape, cam, x, in.W[0], feat, err[:])
		derr = [2]float64{1, 0}
		var dw float64
		ReprojErrorBackward(&tape, dcam[:], dx[:], &dw, derr[:])
	}
	if n := testing.AllocsPerRun(100, run); n != 0 {
		t.Errorf("a fresh ReprojErrorTape's forward and backward sweeps allocate %v times, want 0", n)
	}
}
