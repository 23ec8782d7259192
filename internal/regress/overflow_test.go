package regress

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// Discarded and Swapped where the discarded copy overflows (FGrad was NaN)
// and where it does not (finite differences); reverse mode against forward
// mode at both.
func TestOverwrittenOverflow(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 7283))
	for _, c := range []struct {
		x, y     float64
		n        int
		overflow bool
	}{
		{2, 0.3, 12, true},
		{-1.7, 1.1, 20, true},
		{1.5, -0.4, 11, true},
		{0.7, 0.9, 3, false},
		{-0.4, 1.2, 5, false},
	} {
		y, dx := DiscardedGrad(c.x, c.n)
		if want := Discarded(c.x, c.n); y != want {
			t.Errorf("DiscardedGrad(%v, %d)'s value %v, Discarded's %v", c.x, c.n, y, want)
		}
		if _, tx := DiscardedJVP(c.x, c.n, 1); dx != 3 || tx != 3 {
			t.Errorf("Discarded(%v, %d): FGrad %v, FJVP %v, want 3", c.x, c.n, dx, tx)
		}
		xs := fdcheck.Uniform(rng, c.n, -1.5, 1.5)
		xs[0] = math.Abs(xs[0]) + 1 // a sum that keeps growing
		ys, gx, gy, gxs := SwappedGrad(c.x, c.y, xs)
		if want := Swapped(c.x, c.y, xs); ys != want {
			t.Errorf("SwappedGrad's value %v, Swapped's %v", ys, want)
		}
		g := append([]float64{gx, gy}, gxs...)
		want := make([]float64, len(g))
		want[0], want[1], want[3] = c.y, c.x, 1
		if m := fdcheck.Mismatch(g, want, 0); m != "" {
			t.Errorf("SwappedGrad(%v, %v, %v): %s", c.x, c.y, xs, m)
		}
		if !c.overflow {
			p := append([]float64{c.x, c.y}, xs...)
			fd := fdcheck.Gradient(func(q []float64) float64 { return Swapped(q[0], q[1], q[2:]) }, p)
			if m := fdcheck.Mismatch(g, fd, 1e-7); m != "" {
				t.Errorf("SwappedGrad at %v against finite differences: %s", p, m)
			}
		}
		v := fdcheck.Uniform(rng, len(g), -1, 1)
		_, tv := SwappedJVP(c.x, c.y, xs, v[0], v[1], v[2:])
		if dot := fdcheck.Dot(v, g); !fdcheck.Close(tv, dot, 1e-12) {
			t.Errorf("Swapped at %v, %v, %v: <JVP(v), 1> = %v, <v, grad> = %v", c.x, c.y, xs, tv, dot)
		}
	}
}

// Kept: an infinite partial on the way to the result stays infinite in
// both modes (math.Sqrt at 0), and is finite elsewhere.
func TestKeptInfinitePartial(t *testing.T) {
	for _, c := range []struct{ x, want float64 }{
		{0, math.Inf(1)},
		{1, 4},
		{4, 2},
	} {
		_, dx := KeptGrad(c.x)
		_, tx := KeptJVP(c.x, 1)
		if dx != c.want || tx != c.want {
			t.Errorf("Kept at %v: FGrad %v, FJVP %v, want %v", c.x, dx, tx, c.want)
		}
	}
}
