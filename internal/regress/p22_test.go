package regress

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// shortCircuitProblems are the functions of p22.go as vecProblems: their
// outputs are the result, then what CondWrite leaves in xs.
var shortCircuitProblems = []vecProblem{
	{
		name: "CondWrite", n: nOut + 1,
		f: func(p []float64) []float64 {
			y := CondWrite(p[:nOut], p[nOut])
			return cat([]float64{y}, p[:nOut])
		},
		vjp: func(p, w []float64) ([]float64, []float64) {
			y, dxs, dx := CondWriteVJP(p[:nOut], p[nOut], w[0], w[1:])
			return cat([]float64{y}, p[:nOut]), cat(dxs, []float64{dx})
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			y, dy := CondWriteJVP(p[:nOut], p[nOut], v[:nOut], v[nOut])
			return cat([]float64{y}, p[:nOut]), cat([]float64{dy}, v[:nOut])
		},
	},
	{
		name: "NextIndex", n: nOut + 1,
		f: func(p []float64) []float64 { return []float64{NextIndex(p[:nOut], p[nOut])} },
		vjp: func(p, w []float64) ([]float64, []float64) {
			y, dxs, dx := NextIndexVJP(p[:nOut], p[nOut], w[0])
			return []float64{y}, cat(dxs, []float64{dx})
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			y, dy := NextIndexJVP(p[:nOut], p[nOut], v[:nOut], v[nOut])
			return []float64{y}, []float64{dy}
		},
	},
}

// TestShortCircuit checks FVJP and FJVP of the functions of p22.go: F's
// outputs (the slice CondWrite writes included) bit for bit, finite
// differences, mode against mode.
func TestShortCircuit(t *testing.T) {
	for k, pr := range shortCircuitProblems {
		pr.check(t, rand.New(rand.NewPCG(22, uint64(k))), 40)
	}
}

// TestShortCircuitGrad checks FGrad: its value and what it leaves in xs
// are F's bit for bit (it wrote xs where Go skips the call), and its
// gradient matches finite differences of F's result.
func TestShortCircuitGrad(t *testing.T) {
	grads := []struct {
		name string
		f    func([]float64, float64) float64
		grad func([]float64, float64) (float64, []float64, float64)
	}{
		{"CondWrite", CondWrite, CondWriteGrad},
		{"NextIndex", NextIndex, NextIndexGrad},
	}
	rng := rand.New(rand.NewPCG(22, 99))
	for _, c := range grads {
		for range 40 {
			p := fdcheck.Uniform(rng, nOut+1, -1.5, 1.5)
			pf, pg := slices.Clone(p), slices.Clone(p)
			want := c.f(pf[:nOut], pf[nOut])
			y, dxs, dx := c.grad(pg[:nOut], pg[nOut])
			if y != want || !slices.Equal(pg, pf) {
				t.Fatalf("%s at %v: FGrad's value %v and slice %v, F's %v and %v", c.name, p, y, pg[:nOut], want, pf[:nOut])
			}
			fd := fdcheck.Gradient(func(q []float64) float64 {
				q = slices.Clone(q)
				return c.f(q[:nOut], q[nOut])
			}, p)
			if m := fdcheck.Mismatch(cat(dxs, []float64{dx}), fd, 1e-6); m != "" {
				t.Errorf("%s at %v: FGrad against finite differences: %s", c.name, p, m)
			}
		}
	}
}
