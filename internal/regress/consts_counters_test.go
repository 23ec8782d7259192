package regress

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// vector is a function of one []float64 under test.
type vector struct {
	name string
	f    func([]float64) float64
	grad func([]float64) (float64, []float64)
	jvp  func(x, dx []float64) (float64, float64)
}

var counterVectors = []vector{
	{"CounterInBound", CounterInBound, CounterInBoundGrad, CounterInBoundJVP},
	{"CounterSquared", CounterSquared, CounterSquaredGrad, CounterSquaredJVP},
	{"CounterDoubling", CounterDoubling, CounterDoublingGrad, CounterDoublingJVP},
	{"TwoCounters", TwoCounters, TwoCountersGrad, TwoCountersJVP},
}

func (s vector) problem(n int) fdcheck.Problem {
	return fdcheck.Problem{
		Name:  s.name,
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, n, -1.5, 1.5) },
		F:     s.f,
		Grad:  s.grad,
		JVP:   s.jvp,
	}
}

func TestCounters(t *testing.T) {
	for _, n := range []int{0, 1, 7, 10} {
		// p is y, then x.
		problems := []fdcheck.Problem{{
			Name:  "ParallelPost",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, n+1, -1.5, 1.5) },
			F:     func(p []float64) float64 { return ParallelPost(p[1:], p[0]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, dy := ParallelPostGrad(p[1:], p[0])
				return y, append([]float64{dy}, dx...)
			},
			JVP: func(p, v []float64) (float64, float64) { return ParallelPostJVP(p[1:], p[0], v[1:], v[0]) },
		}}
		for _, c := range []struct {
			name string
			f    func([]float64, float64) float64
			grad func([]float64, float64) (float64, []float64, float64)
			jvp  func([]float64, float64, []float64, float64) (float64, float64)
		}{
			{"LazyCond", LazyCond, LazyCondGrad, LazyCondJVP},
			{"CallCond", CallCond, CallCondGrad, CallCondJVP},
		} {
			problems = append(problems, fdcheck.Problem{
				Name:  c.name,
				Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, n+1, -1.5, 1.5) },
				F:     func(p []float64) float64 { return c.f(p[1:], p[0]) },
				Grad: func(p []float64) (float64, []float64) {
					y, dx, dy := c.grad(p[1:], p[0])
					return y, append([]float64{dy}, dx...)
				},
				JVP: func(p, v []float64) (float64, float64) { return c.jvp(p[1:], p[0], v[1:], v[0]) },
			})
		}
		for _, s := range counterVectors {
			problems = append(problems, s.problem(n))
		}
		for _, pr := range problems {
			t.Run(pr.Name, func(t *testing.T) {
				fdcheck.Check(t, pr, rand.New(rand.NewPCG(3, uint64(n))), 30, 1e-6)
			})
		}
	}
}
