package fdcheck

import (
	"math"
	"testing"
)

// The checker itself must be right: on functions with known derivatives it
// agrees, and it notices a wrong derivative.
func TestJacobianOfKnownFunctions(t *testing.T) {
	f := func(x []float64) []float64 {
		return []float64{math.Sin(x[0]) * x[1], x[0] * x[0] * 1e3}
	}
	x := []float64{0.7, -2.5}
	jac := Jacobian(f, x)
	want := [][]float64{
		{math.Cos(0.7) * -2.5, math.Sin(0.7)},
		{2 * 0.7 * 1e3, 0},
	}
	for r := range want {
		if m := Mismatch(jac[r], want[r], 1e-8); m != "" {
			t.Errorf("row %d: %s", r, m)
		}
	}
	wrong := []float64{math.Cos(0.7) * -2.5 * 1.0001, math.Sin(0.7)}
	if Mismatch(jac[0], wrong, 1e-6) == "" {
		t.Errorf("a derivative off by 1e-4 relative passed the check")
	}
}

func TestGradientAndDot(t *testing.T) {
	g := Gradient(func(x []float64) float64 { return x[0]*x[1] + math.Exp(x[2]) }, []float64{1, 2, 0})
	if m := Mismatch(g, []float64{2, 1, 1}, 1e-9); m != "" {
		t.Error(m)
	}
	if d := Dot([]float64{1, 2, 3}, []float64{4, 5, 6}); d != 32 {
		t.Errorf("Dot = %v, want 32", d)
	}
}
