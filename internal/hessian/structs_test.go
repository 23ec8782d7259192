package hessian

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// The cases of structs.go join the table the Hessian tests run over
// (finite differences of the gradient, FHVP column by column, symmetry,
// H·v, FHessianTo): a method on a struct whose Hessian is over its
// fields, flattened in their order, a struct of floats, and a function
// updating one slice in place and writing another.
func init() {
	cases = append(cases, structCases...)
}

// mlpIn is the inputs per point of the MLP cases, and mlpX, mlpY their
// three points and targets.
const mlpIn = 2

var (
	mlpX = []float64{0.5, -1, 1.5, 0.25, -0.75, 0.8}
	mlpY = []float64{0.3, -0.2, 0.9}
)

// mlpSize is the number of float fields of an MLP of n hidden units.
func mlpSize(n int) int { return n*mlpIn + n + 2 + n + 1 }

// unpack is the MLP of n hidden units whose float fields, in the order
// of their declaration, are p.
func unpack(p []float64, n int) *MLP {
	m := &MLP{N: mlpIn}
	m.W1, p = p[:n*mlpIn], p[n*mlpIn:]
	m.B1, p = p[:n], p[n:]
	m.Act.Scale, m.Act.Shift, p = p[0], p[1], p[2:]
	m.W2, p = p[:n], p[n:]
	m.B2 = p[0]
	return m
}

// pack is unpack's inverse: m's float fields in order.
func pack(m *MLP) []float64 {
	p := slices.Concat(m.W1, m.B1, []float64{m.Act.Scale, m.Act.Shift}, m.W2, []float64{m.B2})
	return p
}

// hidden is the number of hidden units of an MLP of k float fields.
func hidden(k int) int { return (k - 3) / (mlpIn + 2) }

// relaxOut is the buffer Relax writes into; the cases check it is left
// as one run of Relax leaves it (TestWrittenSlices).
func relaxOut(n int) []float64 { return make([]float64, n) }

var structCases = []hcase{
	{name: "MLP.Fit", sizes: []int{1, 3},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, mlpSize(n), -1, 1) },
		grad: func(p []float64) (float64, []float64) {
			m := unpack(p, hidden(len(p)))
			f, g, _ := m.FitHVP(mlpX, mlpY, &MLP{W1: make([]float64, len(m.W1)), B1: make([]float64, len(m.B1)), W2: make([]float64, len(m.W2))})
			return f, pack(g)
		},
		hess: func(p []float64) (float64, []float64, [][]float64) {
			f, g, h := unpack(p, hidden(len(p))).FitHessian(mlpX, mlpY)
			return f, pack(g), h
		},
		to: func(h [][]float64, p []float64) (float64, []float64) {
			f, g := unpack(p, hidden(len(p))).FitHessianTo(h, mlpX, mlpY)
			return f, pack(g)
		},
		hvp: func(p, v []float64) []float64 {
			n := hidden(len(p))
			_, _, hv := unpack(p, n).FitHVP(mlpX, mlpY, unpack(v, n))
			return pack(hv)
		}},
	{name: "Scaled", sizes: []int{0},
		point: func(rng *rand.Rand, _ int) []float64 { return fdcheck.Uniform(rng, 2, -1.5, 1.5) },
		grad: func(p []float64) (float64, []float64) {
			f, g, _ := ScaledHVP(Act{p[0], p[1]}, 0.7, Act{})
			return f, []float64{g.Scale, g.Shift}
		},
		hess: func(p []float64) (float64, []float64, [][]float64) {
			f, g, h := ScaledHessian(Act{p[0], p[1]}, 0.7)
			return f, []float64{g.Scale, g.Shift}, h
		},
		to: func(h [][]float64, p []float64) (float64, []float64) {
			f, g := ScaledHessianTo(h, Act{p[0], p[1]}, 0.7)
			return f, []float64{g.Scale, g.Shift}
		},
		hvp: func(p, v []float64) []float64 {
			_, _, hv := ScaledHVP(Act{p[0], p[1]}, 0.7, Act{v[0], v[1]})
			return []float64{hv.Scale, hv.Shift}
		}},
	// Damp's one input is c; it writes a buffer of 5.
	{name: "Damp", sizes: []int{0},
		point: func(rng *rand.Rand, _ int) []float64 { return fdcheck.Uniform(rng, 1, -1.5, 1.5) },
		grad: func(p []float64) (float64, []float64) {
			f, g, _ := DampHVP(p[0], make([]float64, 5), 0, make([]float64, 5))
			return f, []float64{g}
		},
		hess: func(p []float64) (float64, []float64, [][]float64) {
			f, g, h := DampHessian(p[0], make([]float64, 5))
			return f, []float64{g}, h
		},
		to: func(h [][]float64, p []float64) (float64, []float64) {
			f, g := DampHessianTo(h, p[0], make([]float64, 5))
			return f, []float64{g}
		},
		hvp: func(p, v []float64) []float64 {
			_, _, hv := DampHVP(p[0], make([]float64, 5), v[0], make([]float64, 5))
			return []float64{hv}
		}},
	// Relax's inputs are x then c; each call runs on a copy of x, which
	// Relax updates.
	{name: "Relax", sizes: []int{1, 4, 11},
		point: func(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n+1, -0.8, 0.8) },
		grad: func(p []float64) (float64, []float64) {
			n := len(p) - 1
			f, gx, gc, _, _ := RelaxHVP(slices.Clone(p[:n]), relaxOut(n), p[n], make([]float64, n), 0, make([]float64, n))
			return f, append(gx, gc)
		},
		hess: func(p []float64) (float64, []float64, [][]float64) {
			n := len(p) - 1
			f, gx, gc, h := RelaxHessian(slices.Clone(p[:n]), relaxOut(n), p[n])
			return f, append(gx, gc), h
		},
		to: func(h [][]float64, p []float64) (float64, []float64) {
			n := len(p) - 1
			f, gx, gc := RelaxHessianTo(h, slices.Clone(p[:n]), relaxOut(n), p[n])
			return f, append(gx, gc)
		},
		hvp: func(p, v []float64) []float64 {
			n := len(p) - 1
			_, _, _, hx, hc := RelaxHVP(slices.Clone(p[:n]), relaxOut(n), p[n], slices.Clone(v[:n]), v[n], make([]float64, n))
			return append(hx, hc)
		}},
}

// FHessian and FHessianTo of Relax, which updates x in place and writes
// out, leave x and out as one run of Relax does, and return its result:
// every sweep ran from the x passed. The struct's fields stay as they
// were passed.
func TestWrittenSlices(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for _, n := range []int{1, 8, 9, 20} {
		x0 := fdcheck.Uniform(rng, n, -0.8, 0.8)
		c := 0.4
		x, out := slices.Clone(x0), relaxOut(n)
		f := Relax(x, out, c)
		for _, run := range []struct {
			name string
			call func(x, out []float64) float64
		}{
			{"RelaxHessian", func(x, out []float64) float64 { f, _, _, _ := RelaxHessian(x, out, c); return f }},
			{"RelaxHessianTo", func(x, out []float64) float64 {
				h := make([][]float64, n+1)
				for i := range h {
					h[i] = make([]float64, n+1)
				}
				f, _, _ := RelaxHessianTo(h, x, out, c)
				return f
			}},
		} {
			hx, hout := slices.Clone(x0), relaxOut(n)
			for i := range hout {
				hout[i] = 99 // overwritten, as Relax overwrites it
			}
			if got := run.call(hx, hout); got != f {
				t.Errorf("n=%d %s returns %v, Relax %v", n, run.name, got, f)
			}
			if msg := fdcheck.Mismatch(hx, x, 0); msg != "" {
				t.Errorf("n=%d %s leaves x: %s", n, run.name, msg)
			}
			if msg := fdcheck.Mismatch(hout, out, 0); msg != "" {
				t.Errorf("n=%d %s leaves out: %s", n, run.name, msg)
			}
		}
	}
	p := fdcheck.Uniform(rng, mlpSize(3), -1, 1)
	m := unpack(slices.Clone(p), 3)
	m.FitHessian(mlpX, mlpY)
	if msg := fdcheck.Mismatch(pack(m), p, 0); msg != "" {
		t.Errorf("FitHessian changed the MLP: %s", msg)
	}
}
