package regress

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// weights3 unpacks p: the array field, the float, then v.
func weights3(p []float64) (*Weights3, []float64) {
	return &Weights3{a: [3]float64(p[:3]), k: p[3]}, p[4:]
}

// TestArrayFieldReads checks Score, whose callees read an array field of
// its receiver: values bit for bit, the gradient against finite
// differences, forward mode against reverse, and the VJP against the
// gradient.
func TestArrayFieldReads(t *testing.T) {
	grad := func(p []float64) (float64, []float64) {
		s, v := weights3(p)
		y, ds, dv := s.ScoreGrad(v)
		return y, slices.Concat(ds.a[:], []float64{ds.k}, dv)
	}
	pr := fdcheck.Problem{
		Name:  "Score",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 7, -2, 2) },
		F:     func(p []float64) float64 { s, v := weights3(p); return s.Score(v) },
		Grad:  grad,
		JVP: func(p, q []float64) (float64, float64) {
			s, v := weights3(p)
			ds, dv := weights3(q)
			return s.ScoreJVP(v, ds, dv)
		},
	}
	rng := rand.New(rand.NewPCG(10, 66))
	fdcheck.Check(t, pr, rng, 16, 1e-6)
	for range 8 {
		p := pr.Point(rng)
		want, g := grad(p)
		seed := 0.5 + rng.Float64()
		s, v := weights3(p)
		y, ds, dv := s.ScoreVJP(v, seed)
		got := slices.Concat(ds.a[:], []float64{ds.k}, dv)
		for i := range g {
			g[i] *= seed
		}
		if m := fdcheck.Mismatch(got, g, 1e-12); y != want || m != "" {
			t.Errorf("at %v: VJP = %v, %v; want %v and seed times gradient: %s", p, y, got, want, m)
		}
	}
}
