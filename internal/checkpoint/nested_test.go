package checkpoint

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// State in slices in a loop checkpointed binomially inside another loop
// (Episodes, Relax, RelaxWhile) against finite differences and forward mode.
func TestNestedSliceStateDerivatives(t *testing.T) {
	const m = 4
	problems := []fdcheck.Problem{
		{
			Name:  "Episodes",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2*m+1, 0.5, 1.5) },
			F:     func(p []float64) float64 { return Episodes(p[:m], p[m:2*m], p[2*m], 3, 19) },
			Grad: func(p []float64) (float64, []float64) {
				y, dq, dp, dk := EpisodesGrad(p[:m], p[m:2*m], p[2*m], 3, 19)
				return y, append(slices.Concat(dq, dp), dk)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return EpisodesJVP(p[:m], p[m:2*m], p[2*m], 3, 19, v[:m], v[m:2*m], v[2*m])
			},
		},
		{
			Name:  "Relax",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5, 0.2, 1.2) },
			F:     func(p []float64) float64 { return Relax(p, 4, 23) },
			Grad:  func(p []float64) (float64, []float64) { return RelaxGrad(p, 4, 23) },
			JVP:   func(p, v []float64) (float64, float64) { return RelaxJVP(p, 4, 23, v) },
		},
	}
	for _, pr := range problems {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(11, uint64(len(pr.Name)))), 5, 1e-6)
		})
	}
}

// Each run of the inner loop saves its own entry state and first descent
// and the backward sweep reads each run's back, so the state's
// derivatives equal the recorded loops' bit for bit for every number of
// outer iterations and steps; Episodes's k, read 2n times an iteration,
// to rounding (as Springs's).
func TestNestedSliceStateSameAsRecorded(t *testing.T) {
	q0, p0 := []float64{0.3, -0.1, 0.5, 0.2}, []float64{0.1, 0.4, -0.3, 0}
	x := []float64{0.7, -0.3, 0.9, 0.4, -0.8}
	for _, e := range []int{0, 1, 2, 3, 5} {
		for _, n := range firstSteps {
			y, dq, dp, dk := EpisodesGrad(q0, p0, 1.7, e, n)
			y0, dq0, dp0, dk0 := EpisodesRecordedGrad(q0, p0, 1.7, e, n)
			if y != y0 || !slices.Equal(dq, dq0) || !slices.Equal(dp, dp0) || !fdcheck.Close(dk, dk0, 1e-12) {
				t.Errorf("Episodes, %d episodes of %d steps: %v %v %v %v checkpointed; %v %v %v %v recorded", e, n, y, dq, dp, dk, y0, dq0, dp0, dk0)
			}
			y0, g0 := RelaxRecordedGrad(x, e, n)
			for name, f := range map[string]func([]float64, int, int) (float64, []float64){"Relax": RelaxGrad, "RelaxWhile": RelaxWhileGrad} {
				if y, g := f(x, e, n); y != y0 || !slices.Equal(g, g0) {
					t.Errorf("%s, %d rounds of %d steps: %v %v checkpointed; %v %v recorded", name, e, n, y, g, y0, g0)
				}
			}
		}
	}
}

// One forward run serves two backward runs with the same derivatives: the
// backward sweep pops each run's saved states with cursors of its own,
// leaving the tape as it was.
func TestNestedSliceStateBackwardTwice(t *testing.T) {
	q0, p0 := []float64{0.3, -0.1, 0.5, 0.2}, []float64{0.1, 0.4, -0.3, 0}
	var tape EpisodesTape
	EpisodesForward(&tape, q0, p0, 1.7, 4, 29)
	run := func() []float64 {
		dq, dp := make([]float64, 4), make([]float64, 4)
		var dk float64
		EpisodesBackward(&tape, 1, dq, dp, &dk)
		return append(slices.Concat(dq, dp), dk)
	}
	first, second := run(), run()
	if !slices.Equal(first, second) {
		t.Errorf("second backward run %v, first %v", second, first)
	}
}

// Each run of the inner loop of Episodes keeps its entry state and at
// most 2 states of its first descent, 8·n bytes each: the tape after a
// forward run holds what the report's formula says at most, 64·e·n + 16·n
// + 24·e + 112 bytes for e episodes of n masses besides the tape of one
// iteration, the same at 1000 and 10000 steps.
func TestNestedSliceStateBytes(t *testing.T) {
	q0, p0 := []float64{0.3, -0.1, 0.5, 0.2}, []float64{0.1, 0.4, -0.3, 0}
	n := len(q0)
	for _, e := range []int{1, 2, 5} {
		bytes := func(steps int) int {
			var tape EpisodesTape
			EpisodesForward(&tape, q0, p0, 1.7, e, steps)
			if b := tape.Bytes(); b > 64*e*n+16*n+24*e+112+tape.episodesLoop1Tape.Bytes() {
				t.Errorf("%d episodes of %d steps: %d bytes, beyond the report's formula", e, steps, b)
			}
			return tape.Bytes()
		}
		if a, b := bytes(1000), bytes(10000); a != b {
			t.Errorf("%d episodes: %d bytes at 1000 steps, %d at 10000", e, a, b)
		}
	}
}
