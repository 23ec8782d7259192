package composed

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// The data of the weights cases: dim weights, rows rows.
const dim, rows = 4, 6

// split cuts p into slices of the lengths ns.
func split(p []float64, ns ...int) [][]float64 {
	var out [][]float64
	for _, n := range ns {
		out = append(out, p[:n:n])
		p = p[n:]
	}
	return out
}

// data returns fixed rows x and labels y.
func data() (x, y []float64) {
	rng := rand.New(rand.NewPCG(13, 4))
	x = fdcheck.Uniform(rng, dim*rows, -1, 1)
	for r := range rows {
		y = append(y, float64(2*(r%2)-1))
	}
	return x, y
}

// weightProblems are the callers of LogLossGrad and QuadGrad as functions
// of the values they differentiate in, flattened.
func weightProblems() []fdcheck.Problem {
	x, y := data()
	uniform := func(n int) func(*rand.Rand) []float64 {
		return func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, n, -1, 1) }
	}
	const lam, eta = 0.3, 0.4
	return []fdcheck.Problem{
		{Name: "GradPenalty", Point: uniform(dim),
			F: func(p []float64) float64 { return GradPenalty(p, x, y, lam) },
			Grad: func(p []float64) (float64, []float64) {
				return GradPenaltyGrad(p, x, y, lam)
			},
			JVP: func(p, v []float64) (float64, float64) { return GradPenaltyJVP(p, x, y, lam, v) }},
		{Name: "GradPenaltyVJP", Point: uniform(dim),
			F: func(p []float64) float64 { return GradPenalty(p, x, y, lam) },
			Grad: func(p []float64) (float64, []float64) {
				return GradPenaltyVJP(p, x, y, lam, 1)
			},
			JVP: func(p, v []float64) (float64, float64) { return GradPenaltyJVP(p, x, y, lam, v) }},
		{Name: "GradPenaltyAll", Point: uniform(dim + dim*rows + rows + 1),
			F: func(p []float64) float64 {
				s := split(p, dim, dim*rows, rows, 1)
				return GradPenaltyAll(s[0], s[1], s[2], s[3][0])
			},
			Grad: func(p []float64) (float64, []float64) {
				s := split(p, dim, dim*rows, rows, 1)
				f, dw, dx, dy, dlam := GradPenaltyAllGrad(s[0], s[1], s[2], s[3][0])
				return f, slices.Concat(dw, dx, dy, []float64{dlam})
			},
			JVP: func(p, v []float64) (float64, float64) {
				s := split(p, dim, dim*rows, rows, 1)
				d := split(v, dim, dim*rows, rows, 1)
				return GradPenaltyAllJVP(s[0], s[1], s[2], s[3][0], d[0], d[1], d[2], d[3][0])
			}},
		{Name: "MetaStep", Point: uniform(dim + 1),
			F: func(p []float64) float64 { return MetaStep(p[:dim], x, y, p[dim]) },
			Grad: func(p []float64) (float64, []float64) {
				f, dw, deta := MetaStepGrad(p[:dim], x, y, p[dim])
				return f, append(dw, deta)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return MetaStepJVP(p[:dim], x, y, p[dim], v[:dim], v[dim])
			}},
		{Name: "Unrolled", Point: uniform(dim + 1),
			F: func(p []float64) float64 { return Unrolled(p[:dim], x, y, p[dim]) },
			Grad: func(p []float64) (float64, []float64) {
				f, dw, deta := UnrolledGrad(p[:dim], x, y, p[dim])
				return f, append(dw, deta)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return UnrolledJVP(p[:dim], x, y, p[dim], v[:dim], v[dim])
			}},
		{Name: "GradAt", Point: uniform(dim),
			F:    func(p []float64) float64 { return GradAt(p, x, y, 2) },
			Grad: func(p []float64) (float64, []float64) { return GradAtGrad(p, x, y, 2) },
			JVP:  func(p, v []float64) (float64, float64) { return GradAtJVP(p, x, y, 2, v) }},
		{Name: "GradSum", Point: uniform(dim),
			F:    func(p []float64) float64 { return GradSum(p, x, y) },
			Grad: func(p []float64) (float64, []float64) { return GradSumGrad(p, x, y) },
			JVP:  func(p, v []float64) (float64, float64) { return GradSumJVP(p, x, y, v) }},
		{Name: "QuadPenalty", Point: uniform(2 * dim),
			F: func(p []float64) float64 { return QuadPenalty(p[:dim], p[dim:]) },
			Grad: func(p []float64) (float64, []float64) {
				f, dw, da := QuadPenaltyGrad(p[:dim], p[dim:])
				return f, append(dw, da...)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return QuadPenaltyJVP(p[:dim], p[dim:], v[:dim], v[dim:])
			}},
	}
}

// Each caller's gradient (or VJP with seed 1) matches central finite
// differences of the caller, its values are the caller's, and its JVP is
// the gradient times the direction.
func TestWeightsComposed(t *testing.T) {
	for _, pr := range weightProblems() {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(13, 5)), 5, 1e-6)
		})
	}
}
