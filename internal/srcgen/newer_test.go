package srcgen

import "testing"

// TestNewerKeepText checks that the newer constructs (Config's
// SliceStateLoops, DerivedSlices, HessianStructs, NewerPaths) come from
// streams of their own: a program given none of them is the same text, variants
// included, as with the three switched off, so the programs of a seed
// that old runs checked are checked again; the programs cited as
// reproducers are given none. Each construct is given to some programs.
func TestNewerKeepText(t *testing.T) {
	off := Default()
	off.SliceStateLoops, off.DerivedSlices, off.HessianStructs, off.NewerPaths, off.LocalStructs = false, false, false, false, false
	var slice, derived, wide, local int
	var paths [len(pathNames)]int
	for seed := uint64(1); seed <= 2; seed++ {
		for i := range 200 {
			on, old := Program(seed, i, Default()), Program(seed, i, off)
			if old.SliceStateLoop || old.DerivedSlices || old.HessianWide || old.Path != NoPath || old.FieldLength || old.LocalStructs {
				t.Fatalf("seed %d program %d: a newer construct with its switch off", seed, i)
			}
			paths[on.Path]++
			if on.SliceStateLoop || on.DerivedSlices || on.HessianWide || on.Path != NoPath || on.FieldLength || on.LocalStructs {
				slice, derived, wide, local = slice+b2i(on.SliceStateLoop), derived+b2i(on.DerivedSlices), wide+b2i(on.HessianWide), local+b2i(on.LocalStructs)
				continue
			}
			if a, b := on.Source("main"), old.Source("main"); a != b {
				t.Errorf("seed %d program %d: text changed by the newer constructs it does not have:\n%s\n--- without them:\n%s", seed, i, a, b)
			}
		}
	}
	for _, c := range citedPrograms {
		if f := Program(c[0], int(c[1]), Default()); f.SliceStateLoop || f.DerivedSlices || f.HessianWide || f.Path != NoPath || f.LocalStructs {
			t.Errorf("program %d of seed %d, which README or a test cites, is given a newer construct", c[1], c[0])
		}
	}
	if slice == 0 || derived == 0 || wide == 0 || local == 0 {
		t.Errorf("programs with slice state %d, G of slices %d, Hessians over structs %d, local structs %d: want each > 0", slice, derived, wide, local)
	}
	for p := PathTriangle; p <= PathMax; p++ {
		if paths[p] == 0 {
			t.Errorf("no program of 400 given the path %v", p)
		}
	}
	t.Logf("of 400 programs: slice state %d, G of slices %d, Hessians over structs %d; paths: triangle %d, once %d, step %d, max %d",
		slice, derived, wide, paths[PathTriangle], paths[PathOnce], paths[PathStep], paths[PathMax])
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// citedPrograms are the programs (seed, index) README, the tests and the
// comments cite as reproducers: newSalt and localSalt keep their text.
var citedPrograms = [][2]uint64{{1, 11}, {1, 15}, {1, 27}, {1, 65}, {1, 348}, {1, 1325}, {1, 7283}, {2, 5130}, {2, 6584},
	{3, 22}, {3, 776}, {4, 10}, {4, 120}, {4, 137}, {4, 178}, {5, 20}, {5, 34}, {5, 767}, {6, 35},
	{11, 97}, {11, 130}, {11, 551}, {11, 610}, {11, 725}, {14, 40}, {14, 83}, {17, 73}, {20, 27}, {20, 87}, {20, 132}}
