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
		{Name: "SeededPenalty", Point: uniform(dim + 1),
			F: func(p []float64) float64 { return SeededPenalty(p[:dim], x, y, p[dim]) },
			Grad: func(p []float64) (float64, []float64) {
				f, dw, dc := SeededPenaltyGrad(p[:dim], x, y, p[dim])
				return f, append(dw, dc)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return SeededPenaltyJVP(p[:dim], x, y, p[dim], v[:dim], v[dim])
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
		{Name: "Helped", Point: uniform(dim),
			F:    func(p []float64) float64 { return Helped(p, x, y) },
			Grad: func(p []float64) (float64, []float64) { return HelpedGrad(p, x, y) },
			JVP:  func(p, v []float64) (float64, float64) { return HelpedJVP(p, x, y, v) }},
		{Name: "Checkpointed", Point: uniform(dim + 1),
			F: func(p []float64) float64 { return Checkpointed(p[:dim], x, y, p[dim]) },
			Grad: func(p []float64) (float64, []float64) {
				f, dw, deta := CheckpointedGrad(p[:dim], x, y, p[dim])
				return f, append(dw, deta)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return CheckpointedJVP(p[:dim], x, y, p[dim], v[:dim], v[dim])
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

// matVec returns h·v.
func matVec(h [][]float64, v []float64) []float64 {
	out := make([]float64, len(h))
	for i, row := range h {
		out[i] = fdcheck.Dot(row, v)
	}
	return out
}

// The callers' derivatives against second derivatives computed apart:
// LogLoss's Hessian from LogLossHessian (its own directive), and Quad's
// worked by hand.
func TestWeightsAgainstHessian(t *testing.T) {
	x, y := data()
	rng := rand.New(rand.NewPCG(13, 6))
	const lam, eta, tol = 0.3, 0.4, 1e-12
	for trial := range 5 {
		w := fdcheck.Uniform(rng, dim, -1, 1)
		v := fdcheck.Uniform(rng, dim, -1, 1)
		_, g, h := LogLossHessian(w, x, y)
		t.Run("GradPenalty", func(t *testing.T) {
			// ∇(f + λ|g|²) = g + 2λ H g.
			_, dw := GradPenaltyGrad(w, x, y, lam)
			hg := matVec(h, g)
			want := make([]float64, dim)
			for i := range want {
				want[i] = g[i] + 2*lam*hg[i]
			}
			if m := fdcheck.Mismatch(dw, want, tol); m != "" {
				t.Errorf("trial %d: %s", trial, m)
			}
		})
		t.Run("MetaStep", func(t *testing.T) {
			// F = L(w - η g(w)): ∇_w F = (I - η H) ∇L(w2), ∂F/∂η = -g·∇L(w2).
			w2 := make([]float64, dim)
			for i := range w2 {
				w2[i] = w[i] - eta*g[i]
			}
			_, g2 := LogLossGrad(w2, x, y)
			hg2 := matVec(h, g2)
			want := make([]float64, dim)
			for i := range want {
				want[i] = g2[i] - eta*hg2[i]
			}
			_, dw, deta := MetaStepGrad(w, x, y, eta)
			if m := fdcheck.Mismatch(append(dw, deta), append(want, -fdcheck.Dot(g, g2)), tol); m != "" {
				t.Errorf("trial %d: %s", trial, m)
			}
		})
		t.Run("GradAt and GradSum", func(t *testing.T) {
			hv := matVec(h, v)
			for k := range dim {
				if _, d := GradAtJVP(w, x, y, k, v); !fdcheck.Close(d, hv[k], tol) {
					t.Errorf("trial %d: GradAtJVP(k=%d) = %v, (H·v)[k] = %v", trial, k, d, hv[k])
				}
			}
			want := 0.0
			for i, e := range hv {
				want += float64(i+1) * e
			}
			if _, d := GradSumJVP(w, x, y, v); !fdcheck.Close(d, want, tol) {
				t.Errorf("trial %d: GradSumJVP = %v, Σ (i+1)(H·v)_i = %v", trial, d, want)
			}
		})
		t.Run("QuadPenalty", func(t *testing.T) {
			a := fdcheck.Uniform(rng, dim, -1, 1)
			// g = a∘w + |w|² w, H_ww = diag(a) + |w|² I + 2 w wᵀ;
			// ∇_w = g + 2 H_ww g, ∂/∂a_i = ½ w_i² + 2 g_i w_i.
			n := fdcheck.Dot(w, w)
			gq := make([]float64, dim)
			for i := range gq {
				gq[i] = a[i]*w[i] + n*w[i]
			}
			wg := fdcheck.Dot(w, gq)
			wantW, wantA := make([]float64, dim), make([]float64, dim)
			for i := range wantW {
				wantW[i] = gq[i] + 2*((a[i]+n)*gq[i]+2*w[i]*wg)
				wantA[i] = 0.5*w[i]*w[i] + 2*gq[i]*w[i]
			}
			_, dw, da := QuadPenaltyGrad(w, a)
			if m := fdcheck.Mismatch(append(dw, da...), append(wantW, wantA...), tol); m != "" {
				t.Errorf("trial %d: %s", trial, m)
			}
		})
	}
}
