package srcgen

import "testing"

// TestNewerKeepText checks that the newer constructs (Config's
// SliceStateLoops, DerivedSlices, HessianStructs) come from a stream of
// their own: a program given none of them is the same text, variants
// included, as with the three switched off, so the programs of a seed
// that old runs checked are checked again. Each construct is given to
// some programs.
func TestNewerKeepText(t *testing.T) {
	off := Default()
	off.SliceStateLoops, off.DerivedSlices, off.HessianStructs = false, false, false
	var slice, derived, wide int
	for seed := uint64(1); seed <= 2; seed++ {
		for i := range 200 {
			on, old := Program(seed, i, Default()), Program(seed, i, off)
			if old.SliceStateLoop || old.DerivedSlices || old.HessianWide {
				t.Fatalf("seed %d program %d: a newer construct with its switch off", seed, i)
			}
			if on.SliceStateLoop || on.DerivedSlices || on.HessianWide {
				slice, derived, wide = slice+b2i(on.SliceStateLoop), derived+b2i(on.DerivedSlices), wide+b2i(on.HessianWide)
				continue
			}
			if a, b := on.Source("main"), old.Source("main"); a != b {
				t.Errorf("seed %d program %d: text changed by the newer constructs it does not have:\n%s\n--- without them:\n%s", seed, i, a, b)
			}
		}
	}
	if slice == 0 || derived == 0 || wide == 0 {
		t.Errorf("programs with slice state %d, G of slices %d, Hessians over structs %d: want each > 0", slice, derived, wide)
	}
	t.Logf("of 400 programs: slice state %d, G of slices %d, Hessians over structs %d", slice, derived, wide)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
