package regress

import "testing"

// TestCheckpointedCounting checks the gradients of ckptcount.go, whose
// checkpointed loops carry no derivative: the values are F's and the
// derivatives the closed forms.
func TestCheckpointedCounting(t *testing.T) {
	for _, c := range []struct {
		name          string
		f, grad       func(x float64) (float64, float64)
		want, wantDer func(x float64) float64
	}{
		{"CountedWhile", func(x float64) (float64, float64) { return CountedWhile(x), 0 }, CountedWhileGrad,
			func(x float64) float64 { return x*x + 3 }, func(x float64) float64 { return 2 * x }},
		{"CountedRange", func(x float64) (float64, float64) { return CountedRange(x, 4), 0 },
			func(x float64) (float64, float64) { return CountedRangeGrad(x, 4) },
			func(x float64) float64 { return 4*x + 4 }, func(x float64) float64 { return 4 }},
	} {
		for _, x := range []float64{-1.3, 0, 0.7, 2.5} {
			y, _ := c.f(x)
			yg, d := c.grad(x)
			if y != c.want(x) || yg != y {
				t.Errorf("%s(%v) = %v, its Grad's value %v, want %v", c.name, x, y, yg, c.want(x))
			}
			if d != c.wantDer(x) {
				t.Errorf("%s'(%v) = %v, want %v", c.name, x, d, c.wantDer(x))
			}
		}
	}
}
