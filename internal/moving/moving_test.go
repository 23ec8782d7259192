package moving

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// rnnShape cuts p into RNN's weights: w (2×3), u (2×2), v (2), then a
// sequence of 4 steps of 3 inputs.
func rnnShape(p []float64) (w, u [][]float64, v, seq []float64) {
	return [][]float64{p[0:3], p[3:6]}, [][]float64{p[6:8], p[8:10]}, p[10:12], p[12:24]
}

func flat(m [][]float64) []float64 {
	var p []float64
	for _, r := range m {
		p = append(p, r...)
	}
	return p
}

func problems() []fdcheck.Problem {
	var out []fdcheck.Problem
	for _, steps := range []int{3, 4} {
		// An odd and an even number of swaps: the state ends in either
		// buffer.
		out = append(out, fdcheck.Problem{
			// p holds x0 (5), k and h.
			Name:  "Euler" + string(rune('0'+steps)),
			Point: func(rng *rand.Rand) []float64 { return append(fdcheck.Uniform(rng, 5, -1, 1), 0.7, 0.1) },
			F:     func(p []float64) float64 { return Euler(p[:5], p[5], p[6], steps) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx0, dk, dh := EulerGrad(p[:5], p[5], p[6], steps)
				return y, append(dx0, dk, dh)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return EulerJVP(p[:5], p[5], p[6], steps, v[:5], v[5], v[6])
			},
		}, fdcheck.Problem{
			// p holds x0 (4), a and h.
			Name:  "Heun" + string(rune('0'+steps)),
			Point: func(rng *rand.Rand) []float64 { return append(fdcheck.Uniform(rng, 4, 0.2, 1.5), 0.8, 0.2) },
			F:     func(p []float64) float64 { return Heun(p[:4], p[4], p[5], steps) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx0, da, dh := HeunGrad(p[:4], p[4], p[5], steps)
				return y, append(dx0, da, dh)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return HeunJVP(p[:4], p[4], p[5], steps, v[:4], v[4], v[5])
			},
		})
	}
	return append(out,
		fdcheck.Problem{
			// p holds W (3) then seq, 4 steps of 3 inputs: the state's
			// length is the receiver's field N.
			Name:  "Cell.Run",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 15, -1, 1) },
			F:     func(p []float64) float64 { return (&Cell{N: 3, W: p[:3]}).Run(p[3:]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dc, dseq := (&Cell{N: 3, W: p[:3]}).RunGrad(p[3:])
				return y, append(dc.W, dseq...)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return (&Cell{N: 3, W: p[:3]}).RunJVP(p[3:], &Cell{W: v[:3]}, v[3:])
			},
		},
		fdcheck.Problem{
			// p holds seq (9) then the kernel (3).
			Name:  "Conv",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 12, -1, 1) },
			F:     func(p []float64) float64 { return Conv(p[:9], p[9:]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dseq, dk := ConvGrad(p[:9], p[9:])
				return y, append(dseq, dk...)
			},
			JVP: func(p, v []float64) (float64, float64) { return ConvJVP(p[:9], p[9:], v[:9], v[9:]) },
		},
		fdcheck.Problem{
			// p holds seq (7) then the kernel (3). Overwrite writes into
			// seq: each run gets a copy, so that the finite differences
			// evaluate it at the points they choose.
			Name:  "Overwrite",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 10, -1, 1) },
			F:     func(p []float64) float64 { return Overwrite(slices.Clone(p[:7]), p[7:]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dseq, dk := OverwriteGrad(slices.Clone(p[:7]), p[7:])
				return y, append(dseq, dk...)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return OverwriteJVP(slices.Clone(p[:7]), p[7:], slices.Clone(v[:7]), v[7:])
			},
		},
		fdcheck.Problem{
			// p holds x (6) then w. Which elements append a third
			// feature depends on their signs: a point's neighbourhood
			// keeps them.
			Name:  "Features",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 7, -2, 2) },
			F:     func(p []float64) float64 { return Features(p[:6], p[6]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, dw := FeaturesGrad(p[:6], p[6])
				return y, append(dx, dw)
			},
			JVP: func(p, v []float64) (float64, float64) { return FeaturesJVP(p[:6], p[6], v[:6], v[6]) },
		},
		fdcheck.Problem{
			Name:  "Tail",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 6, -2, 2) },
			F:     Tail,
			Grad:  TailGrad,
			JVP:   TailJVP,
		},
		fdcheck.Problem{
			Name:  "RNN",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 24, -1, 1) },
			F: func(p []float64) float64 {
				w, u, v, seq := rnnShape(p)
				return RNN(w, u, v, seq, 3)
			},
			Grad: func(p []float64) (float64, []float64) {
				w, u, v, seq := rnnShape(p)
				y, dw, du, dv, dseq := RNNGrad(w, u, v, seq, 3)
				return y, append(append(append(flat(dw), flat(du)...), dv...), dseq...)
			},
			JVP: func(p, v []float64) (float64, float64) {
				w, u, rv, seq := rnnShape(p)
				dw, du, dv, dseq := rnnShape(v)
				return RNNJVP(w, u, rv, seq, 3, dw, du, dv, dseq)
			},
		},
	)
}

// TestDerivatives checks each generated gradient against central finite
// differences, the JVP against the gradient (<JVP(v), 1> = <v, grad>),
// and that both return F's value bit for bit.
func TestDerivatives(t *testing.T) {
	for _, pr := range problems() {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(5, 6)), 8, 1e-6)
		})
	}
}

// TestTapeReused runs the split forms of the functions that allocate
// nothing themselves on one kept tape each: after the first run, a forward and
// a backward run allocate nothing, and each run's gradient is the one
// FGrad gives at its point.
func TestTapeReused(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	seq, k := fdcheck.Uniform(rng, 40, -1, 1), fdcheck.Uniform(rng, 4, -1, 1)
	dseq, dk := make([]float64, len(seq)), make([]float64, len(k))
	var ct ConvTape
	var tt TailTape
	var ot OverwriteTape
	work := make([]float64, len(seq))
	run := func() {
		clear(dseq)
		clear(dk)
		y := ConvForward(&ct, seq, k)
		ConvBackward(&ct, 1, dseq, dk)
		if y != Conv(seq, k) {
			t.Fatalf("ConvForward = %v, want Conv's %v", y, Conv(seq, k))
		}
		clear(dseq)
		y = TailForward(&tt, seq)
		TailBackward(&tt, 1, dseq)
		if y != Tail(seq) {
			t.Fatalf("TailForward = %v, want Tail's %v", y, Tail(seq))
		}
		// Overwrite writes into its window, and calls helpers whose
		// tapes live in its own.
		copy(work, seq)
		clear(dseq)
		clear(dk)
		OverwriteForward(&ot, work, k)
		OverwriteBackward(&ot, 1, dseq, dk)
	}
	run()
	if n := testing.AllocsPerRun(20, run); n != 0 {
		t.Errorf("a forward and backward run on a kept tape allocated %v times, want 0", n)
	}
	for range 3 {
		seq, k = fdcheck.Uniform(rng, 40, -1, 1), fdcheck.Uniform(rng, 4, -1, 1)
		clear(dseq)
		clear(dk)
		ConvForward(&ct, seq, k)
		ConvBackward(&ct, 1, dseq, dk)
		_, wseq, wk := ConvGrad(seq, k)
		if d := fdcheck.Mismatch(append(dseq, dk...), append(wseq, wk...), 0); d != "" {
			t.Errorf("Conv on a reused tape: %s", d)
		}
		clear(dseq)
		TailForward(&tt, seq)
		TailBackward(&tt, 1, dseq)
		_, wx := TailGrad(seq)
		if d := fdcheck.Mismatch(dseq, wx, 0); d != "" {
			t.Errorf("Tail on a reused tape: %s", d)
		}
	}
}
