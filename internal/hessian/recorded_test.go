package hessian

import (
	"math/rand/v2"

	"github.com/godiff/godiff/internal/fdcheck"
)

// The cases of recorded.go join the table the Hessian tests run over:
// buffers the gradient records, in a loop and in a branch. The inputs
// are x then w; the gradient is FHVP's.
func init() {
	cases = append(cases, recordedCases...)
}

// xw is a function of x and w as a function of the Hessian's inputs.
type xw struct {
	hess func(x []float64, w float64) (float64, []float64, float64, [][]float64)
	to   func(h [][]float64, x []float64, w float64) (float64, []float64, float64)
	hvp  func(x []float64, w float64, vx []float64, vw float64) (float64, []float64, float64, []float64, float64)
}

func (f xw) hcase(name string, lo, hi float64) hcase {
	split := func(p []float64) ([]float64, float64) { n := len(p) - 1; return p[:n], p[n] }
	return hcase{name: name, sizes: []int{2, 5, 12},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n+1, lo, hi) },
		grad: func(p []float64) (float64, []float64) {
			x, w := split(p)
			y, gx, gw, _, _ := f.hvp(x, w, make([]float64, len(x)), 0)
			return y, append(gx, gw)
		},
		hess: func(p []float64) (float64, []float64, [][]float64) {
			x, w := split(p)
			y, gx, gw, h := f.hess(x, w)
			return y, append(gx, gw), h
		},
		to: func(h [][]float64, p []float64) (float64, []float64) {
			x, w := split(p)
			y, gx, gw := f.to(h, x, w)
			return y, append(gx, gw)
		},
		hvp: func(p, v []float64) []float64 {
			x, w := split(p)
			vx, vw := split(v)
			_, _, _, hx, hw := f.hvp(x, w, vx, vw)
			return append(hx, hw)
		}}
}

var recordedCases = []hcase{
	xw{BuffersHessian, BuffersHessianTo, BuffersHVP}.hcase("Buffers", -1, 1),
	xw{BranchyHessian, BranchyHessianTo, BranchyHVP}.hcase("Branchy w>0", 0.2, 1),
	xw{BranchyHessian, BranchyHessianTo, BranchyHVP}.hcase("Branchy w<0", -1, -0.2),
}
