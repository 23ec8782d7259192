package regress

import (
	"math"
	"testing"
)

// NaNGuard: values bit for bit, ±2x in every mode, and the guard firing
// in F and FGrad alike.
func TestRepeatedTest(t *testing.T) {
	for _, x := range []float64{1.5, -0.5, 0.25, -2} {
		want := 2 * x
		if math.Signbit(x) {
			want = -2 * x
		}
		y, dx := NaNGuardGrad(x)
		if f := NaNGuard(x); y != f {
			t.Errorf("NaNGuardGrad(%v)'s value %v, F's %v", x, y, f)
		}
		_, vx := NaNGuardVJP(x, 1)
		_, tx := NaNGuardJVP(x, 1)
		if dx != want || vx != want || tx != want {
			t.Errorf("NaNGuard at %v: FGrad %v, FVJP %v, FJVP %v; want %v", x, dx, vx, tx, want)
		}
	}
	for name, f := range map[string]func(){
		"F":     func() { NaNGuard(math.NaN()) },
		"FGrad": func() { NaNGuardGrad(math.Inf(1)) },
		"FJVP":  func() { NaNGuardJVP(math.NaN(), 1) },
	} {
		if !panics(f) {
			t.Errorf("%s does not panic on a value that is not finite", name)
		}
	}
}

// panics reports whether f panics.
func panics(f func()) (p bool) {
	defer func() { p = recover() != nil }()
	f()
	return false
}
