package regress

import "testing"

// ShrinkBranch on both sides of its branch (shrink(…, 2)[1] is -2):
// values bit for bit, the derivative in every mode.
func TestInactiveCallOfUnbuiltArrayFunction(t *testing.T) {
	for _, c := range []struct{ x, d float64 }{{-3, 3}, {-2.5, 3}, {1, 2}, {0.5, 1}} {
		y, dx := ShrinkBranchGrad(c.x)
		if f := ShrinkBranch(c.x); y != f {
			t.Errorf("ShrinkBranchGrad(%v)'s value %v, F's %v", c.x, y, f)
		}
		_, vx := ShrinkBranchVJP(c.x, 1)
		_, tx := ShrinkBranchJVP(c.x, 1)
		if dx != c.d || vx != c.d || tx != c.d {
			t.Errorf("ShrinkBranch at %v: FGrad %v, FVJP %v, FJVP %v; want %v", c.x, dx, vx, tx, c.d)
		}
	}
}
