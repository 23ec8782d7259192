package foreigntypes

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
	"github.com/godiff/godiff/internal/otherpkg/keys"
	kd "github.com/godiff/godiff/internal/otherpkg/unit-kinds"
)

// Values of the mixed types, which the generated functions take and pass
// on: the package compiling is the main test; these check that the
// derivatives around them are F's.
var (
	index  = map[keys.Key]kd.Val{{Row: 1}: {W: 2}}
	lookup = func(id keys.ID) *kd.Val { return &kd.Val{W: float64(len(id))} }
	meta   = struct {
		K keys.Key
		V []kd.Val
	}{K: keys.Key{Col: 3}, V: []kd.Val{{W: 1}}}
	scale = kd.Scale[map[keys.ID]kd.Val]{X: map[keys.ID]kd.Val{"a": {W: 1}}}
)

func TestForeignTypes(t *testing.T) {
	problems := []fdcheck.Problem{
		{
			Name:  "Norm",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 4, 0.5, 2) },
			F:     func(p []float64) float64 { return Norm(p, index, lookup, meta, scale) },
			Grad:  func(p []float64) (float64, []float64) { return NormGrad(p, index, lookup, meta, scale) },
			JVP:   func(p, v []float64) (float64, float64) { return NormJVP(p, index, lookup, meta, scale, v) },
		},
		{
			Name:  "Scaled",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2, -2, 2) },
			F:     func(p []float64) float64 { return Scaled(p[0], "k", p[1]) },
			Grad: func(p []float64) (float64, []float64) {
				y, da, dx := ScaledGrad(p[0], "k", p[1])
				return y, []float64{da, dx}
			},
			JVP: func(p, v []float64) (float64, float64) { return ScaledJVP(p[0], "k", p[1], v[0], v[1]) },
		},
	}
	rng := rand.New(rand.NewPCG(9, 9))
	for _, pr := range problems {
		t.Run(pr.Name, func(t *testing.T) { fdcheck.Check(t, pr, rng, 5, 1e-6) })
	}
	// FVJP along a seed is the seed times FGrad.
	x := []float64{0.5, 1, 1.5, 2}
	_, g := NormGrad(x, index, lookup, meta, scale)
	_, v := NormVJP(x, index, lookup, meta, scale, 3)
	for i := range g {
		if v[i] != 3*g[i] {
			t.Errorf("NormVJP(3)[%d] = %v, want 3·%v", i, v[i], g[i])
		}
	}
}
