package rules

import (
	"math"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
	"github.com/godiff/godiff/ir"
)

// TestDigamma checks the digamma helper against known values (ψ(1) = -γ,
// ψ(1/2) = -γ - 2 ln 2, ψ(x+1) = ψ(x) + 1/x) to 1e-14 relative, and
// against central differences of math.Lgamma, on both sides of 0.
func TestDigamma(t *testing.T) {
	const gamma = 0.57721566490153286061
	g := Digamma()
	if err := ir.Verify(g); err != nil {
		t.Fatal(err)
	}
	psi := func(x float64) float64 {
		out, err := ir.Eval(g, x)
		if err != nil {
			t.Fatal(err)
		}
		return out[0].(float64)
	}
	known := []struct{ x, want float64 }{
		{1, -gamma},
		{0.5, -gamma - 2*math.Ln2},
		{2, 1 - gamma},
		{3, 1.5 - gamma},
		{0.25, -gamma - math.Pi/2 - 3*math.Ln2},
		{-0.5, -gamma - 2*math.Ln2 + 2}, // ψ(1/2) + 1/(-1/2)·(-1)
		{1e-3, -1000 - gamma + 1.6449340668482264e-3 - 1.2020569031595942e-6}, // -1/x - γ + ζ(2)x - ζ(3)x², to O(x³)
	}
	for _, k := range known {
		tol := 1e-14
		if k.x == 1e-3 {
			tol = 1e-11 // the expansion's own O(x³) error
		}
		if got := psi(k.x); !fdcheck.Close(got, k.want, tol) {
			t.Errorf("ψ(%v) = %.17g, want %.17g", k.x, got, k.want)
		}
	}
	for _, x := range []float64{0.3, 1.7, 4.5, 6, 9.99, 12.5, 40, 1e3, 1e6, -0.3, -1.5, -2.7} {
		if got, want := psi(x+1), psi(x)+1/x; !fdcheck.Close(got, want, 1e-14) {
			t.Errorf("ψ(%v+1) = %.17g, ψ(x) + 1/x = %.17g", x, got, want)
		}
		h := 1e-5 * math.Max(1, math.Abs(x))
		lg := func(x float64) float64 { v, _ := math.Lgamma(x); return v }
		if got, want := psi(x), (lg(x+h)-lg(x-h))/(2*h); !fdcheck.Close(got, want, 1e-7) {
			t.Errorf("ψ(%v) = %.17g, differences of Lgamma %.17g", x, got, want)
		}
	}
}
