package checkpoint

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// rnnGrad is the gradient of an RNN of rnn.go with its value.
type rnnGrad func(w, u, b, v, h0, xs []float64) (float64, []float64, []float64, []float64, []float64, []float64)

// rnnPoint packs an RNN's parameters w, u, b, v, h0 in one vector.
func rnnPoint(rng *rand.Rand) []float64 {
	return fdcheck.Uniform(rng, rnnN*rnnN+rnnN*rnnD+3*rnnN, -0.8, 0.8)
}

// rnnArgs unpacks rnnPoint's vector.
func rnnArgs(p []float64) (w, u, b, v, h0 []float64) {
	k := rnnN * rnnN
	w, p = p[:k], p[k:]
	u, p = p[:rnnN*rnnD], p[rnnN*rnnD:]
	return w, u, p[:rnnN], p[rnnN : 2*rnnN], p[2*rnnN : 3*rnnN]
}

// The loops carrying state in slices (RNN, RNNEvery, RNNSwap, Springs)
// against finite differences and forward mode.
func TestSliceStateDerivatives(t *testing.T) {
	xs := rnnInputs(23)
	rnn := func(name string, f func(w, u, b, v, h0, xs []float64) float64, g rnnGrad) fdcheck.Problem {
		return fdcheck.Problem{
			Name:  name,
			Point: rnnPoint,
			F:     func(p []float64) float64 { w, u, b, v, h0 := rnnArgs(p); return f(w, u, b, v, h0, xs) },
			Grad: func(p []float64) (float64, []float64) {
				w, u, b, v, h0 := rnnArgs(p)
				y, dw, du, db, dv, dh0 := g(w, u, b, v, h0, xs)
				return y, slices.Concat(dw, du, db, dv, dh0)
			},
			JVP: func(p, d []float64) (float64, float64) {
				w, u, b, v, h0 := rnnArgs(p)
				dw, du, db, dv, dh0 := rnnArgs(d)
				return RNNJVP(w, u, b, v, h0, xs, dw, du, db, dv, dh0)
			},
		}
	}
	const m = 4 // masses of the chain of springs
	problems := []fdcheck.Problem{
		rnn("RNN", RNN, RNNGrad),
		rnn("RNNEvery", RNNEvery, RNNEveryGrad),
		rnn("RNNSwap", RNNSwap, RNNSwapGrad),
		{
			Name:  "Springs",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2*m+1, 0.5, 1.5) },
			F:     func(p []float64) float64 { return Springs(p[:m], p[m:2*m], p[2*m], 41) },
			Grad: func(p []float64) (float64, []float64) {
				y, dq, dp, dk := SpringsGrad(p[:m], p[m:2*m], p[2*m], 41)
				return y, append(slices.Concat(dq, dp), dk)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return SpringsJVP(p[:m], p[m:2*m], p[2*m], 41, v[:m], v[m:2*m], v[2*m])
			},
		},
	}
	for _, pr := range problems {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(7, uint64(len(pr.Name)))), 5, 1e-6)
		})
	}
}

// The gradients of the loops carrying state in slices equal the recorded
// loops' bit for bit (every iteration runs from the elements the forward
// sweep had there, by the same operations), at trip counts below, at and
// above the number of states held and the interval.
func TestSliceStateSameAsRecorded(t *testing.T) {
	p := rnnPoint(rand.New(rand.NewPCG(1, 2)))
	w, u, b, v, h0 := rnnArgs(p)
	cases := []struct {
		name      string
		got, want rnnGrad
	}{
		{"RNN", RNNGrad, RNNRecordedGrad},
		{"RNNEvery", RNNEveryGrad, RNNRecordedGrad},
		{"RNNSwap", RNNSwapGrad, RNNSwapRecordedGrad},
	}
	steps := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 100, 1001}
	for _, c := range cases {
		for _, T := range steps {
			xs := rnnInputs(T)
			y, g := flat(c.got(w, u, b, v, h0, xs))
			y0, g0 := flat(c.want(w, u, b, v, h0, xs))
			if y != y0 || !slices.Equal(g, g0) {
				t.Errorf("%s, T=%d: %v, %v checkpointed; %v, %v recorded", c.name, T, y, g, y0, g0)
			}
		}
	}
	// Springs's k, read 2n times an iteration, gets its derivative summed
	// over the iteration, then over the iterations, where the recorded
	// loop adds each term to one sum: the same terms, rounded in another
	// order. The state's derivatives are the same bit for bit.
	q0, p0 := []float64{0.3, -0.1, 0.5, 0.2}, []float64{0.1, 0.4, -0.3, 0}
	for _, n := range steps {
		y, dq, dp, dk := SpringsGrad(q0, p0, 1.7, n)
		y0, dq0, dp0, dk0 := SpringsRecordedGrad(q0, p0, 1.7, n)
		if y != y0 || !slices.Equal(dq, dq0) || !slices.Equal(dp, dp0) || !fdcheck.Close(dk, dk0, 1e-12) {
			t.Errorf("Springs, n=%d: %v %v %v %v checkpointed; %v %v %v %v recorded", n, y, dq, dp, dk, y0, dq0, dp0, dk0)
		}
	}
}

// flat joins an RNN gradient's parts.
func flat(y float64, dw, du, db, dv, dh0 []float64) (float64, []float64) {
	return y, slices.Concat(dw, du, db, dv, dh0)
}

// One forward run serves any number of backward runs: the backward sweep
// runs the iterations again on scratch memory filled from the saved
// states, never on the function's own h, so a second run gives the same
// derivatives.
func TestSliceStateBackwardTwice(t *testing.T) {
	w, u, b, v, h0 := rnnArgs(rnnPoint(rand.New(rand.NewPCG(3, 4))))
	xs := rnnInputs(57)
	var tape RNNTape
	RNNForward(&tape, w, u, b, v, h0, xs)
	run := func() []float64 {
		dw, du, db := make([]float64, len(w)), make([]float64, len(u)), make([]float64, len(b))
		dv, dh0 := make([]float64, len(v)), make([]float64, len(h0))
		RNNBackward(&tape, 1, dw, du, db, dv, dh0)
		return slices.Concat(dw, du, db, dv, dh0)
	}
	first, second := run(), run()
	if !slices.Equal(first, second) {
		t.Errorf("second backward run %v, first %v", second, first)
	}
}

// The tape of the RNN checkpointed binomially holds the same bytes
// whatever the number of steps, and O(states held · n): the entry state
// and at most 3 states of the first descent, 8·n bytes each, after a
// forward run; with the 4 states held after a backward run.
func TestSliceStateBytes(t *testing.T) {
	const n = 50
	rng := rand.New(rand.NewPCG(5, 6))
	w := fdcheck.Uniform(rng, n*n, -0.1, 0.1)
	u := fdcheck.Uniform(rng, n*rnnD, -0.1, 0.1)
	b, v, h0 := fdcheck.Uniform(rng, n, -0.1, 0.1), fdcheck.Uniform(rng, n, -0.1, 0.1), fdcheck.Uniform(rng, n, -0.1, 0.1)
	bytes := func(T int) (int, int) {
		var tape RNNTape
		xs := rnnInputs(T)
		RNNForward(&tape, w, u, b, v, h0, xs)
		fwd := tape.Bytes()
		d := make([]float64, len(w)+len(u)+4*n)
		RNNBackward(&tape, 1, d[:len(w)], d[len(w):len(w)+len(u)], make([]float64, n), make([]float64, n), make([]float64, n))
		return fwd, tape.Bytes()
	}
	fwd, bwd := bytes(1000)
	for _, T := range []int{3000, 10000} {
		if f, b := bytes(T); f != fwd || b != bwd {
			t.Errorf("T=%d: %d bytes after a forward run, %d after a backward run; %d and %d at T=1000", T, f, b, fwd, bwd)
		}
	}
	// The report's formula: at most 80·n + 264 bytes after a forward run
	// (the entry state, 3 states of the first descent, h and next).
	if fwd > 80*n+264 {
		t.Errorf("%d bytes after a forward run; the report says at most %d", fwd, 80*n+264)
	}
	var rec RNNRecordedTape
	RNNRecordedForward(&rec, w, u, b, v, h0, rnnInputs(1000))
	if rec.Bytes() < 10*fwd {
		t.Errorf("recorded tape %d bytes, checkpointed %d: want the recorded ten times larger at 1000 steps", rec.Bytes(), fwd)
	}
}
