package composed

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// IterPair's Jacobian matches finite differences of IterPair, and its
// values are IterPair's.
func TestIterPairJacobian(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 27))
	f := func(p []float64) []float64 {
		a, b := IterPair(p[0], p[1])
		return []float64{a, b}
	}
	for range 5 {
		p := fdcheck.Uniform(rng, 2, -1, 1)
		a, b, jac := IterPairJacobian(p[0], p[1])
		if wa, wb := IterPair(p[0], p[1]); a != wa || b != wb {
			t.Errorf("at %v: IterPairJacobian's values %v, %v, IterPair's %v, %v", p, a, b, wa, wb)
		}
		want := fdcheck.Jacobian(f, p)
		for i := range want {
			if msg := fdcheck.Mismatch(jac[i], want[i], 1e-6); msg != "" {
				t.Errorf("at %v: row %d against finite differences: %s", p, i, msg)
			}
		}
	}
}
