package regress

import (
	"math"
	"testing"
)

// CallThenRead: values bit for bit, the derivative 5 + 2x in every mode.
func TestArrayWrittenThroughSliceThenRead(t *testing.T) {
	for _, x := range []float64{-1.5, -0.3, 0, 0.7, 2} {
		want := 5 + 2*x
		y, dx := CallThenReadGrad(x)
		if f := CallThenRead(x); y != f || math.Abs(f-((3+x)*x+2*x)) > 1e-14 {
			t.Errorf("CallThenRead(%v) = %v, FGrad's value %v, want %v", x, f, y, (3+x)*x+2*x)
		}
		_, vx := CallThenReadVJP(x, 1)
		_, tx := CallThenReadJVP(x, 1)
		if math.Abs(dx-want) > 1e-14 || vx != dx || math.Abs(tx-want) > 1e-14 {
			t.Errorf("CallThenRead at %v: FGrad %v, FVJP %v, FJVP %v; want %v", x, dx, vx, tx, want)
		}
	}
}
