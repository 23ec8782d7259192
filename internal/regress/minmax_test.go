package regress

import (
	"math"
	"testing"
)

// ConstMinMax away from its kinks: values bit for bit, the derivative of
// each branch in every mode.
func TestConstMinMax(t *testing.T) {
	for _, c := range []struct{ x, d float64 }{
		{0.3, 1},             // min(0.5, x) = x; max(3, x²) = 3; min(-5.14, x), max(0.25, x, 1) constant
		{-5, 1 - 10},         // min(0.5, x) = x, max(3, x²) = x²; min(-5.14, x) = -5.14
		{2, 2*2 + 1},         // max(3, x²) = x², max(0.25, x, 1) = x
		{-1.5, 1},            // min(0.5, x) = x only
		{1.2, 0 + 0 + 0 + 1}, // max(0.25, x, 1) = x
	} {
		y, dx := ConstMinMaxGrad(c.x)
		if f := ConstMinMax(c.x); math.Float64bits(y) != math.Float64bits(f) {
			t.Errorf("ConstMinMaxGrad(%v)'s value %v, F's %v", c.x, y, f)
		}
		_, vx := ConstMinMaxVJP(c.x, 1)
		_, tx := ConstMinMaxJVP(c.x, 1)
		if dx != c.d || vx != c.d || tx != c.d {
			t.Errorf("ConstMinMax at %v: FGrad %v, FVJP %v, FJVP %v; want %v", c.x, dx, vx, tx, c.d)
		}
	}
}
