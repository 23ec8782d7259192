package ba

import (
	"testing"
)

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
