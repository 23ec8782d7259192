package calls

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// A tape kept across runs of different sizes gives, at each run, the
// gradient a fresh tape gives, bit for bit: the calls of a call site
// share the callee's tape, which each run empties at its first call
// there, and the buffers of local slices are reused. Mixture calls
// logSumExp and dot in a loop, TwoLayers calls layer, which calls dot in
// a loop, on buffers it makes; Filled's mutual recursion holds its
// callees' tapes through pointers.
func TestKeptTapeAcrossRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	var mix MixtureTape
	var two TwoLayersTape
	var filled FilledTape
	for run, n := range []int{5, 1, 12, 0, 7, 3} {
		k := 1 + n%4
		w, b := fdcheck.Uniform(rng, k, -1, 1), fdcheck.Uniform(rng, k, -1, 1)
		xs := fdcheck.Uniform(rng, n, -2, 2)
		y, dw, db := MixtureGrad(w, b, xs)
		gw, gb := make([]float64, k), make([]float64, k)
		if got := MixtureForward(&mix, w, b, xs); got != y {
			t.Errorf("run %d: MixtureForward = %v on a kept tape, want %v", run, got, y)
		}
		MixtureBackward(&mix, 1, gw, gb)
		if !slices.Equal(gw, dw) || !slices.Equal(gb, db) {
			t.Errorf("run %d: Mixture's gradient on a kept tape %v %v, on a fresh one %v %v", run, gw, gb, dw, db)
		}

		w1, w2 := matrix(rng, k+1, n%3+1), matrix(rng, k, k+1)
		b1, x := fdcheck.Uniform(rng, k+1, -1, 1), fdcheck.Uniform(rng, n%3+1, -1, 1)
		_, dw1, db1, dw2, dk := TwoLayersGrad(w1, b1, w2, 0.7, x)
		gw1, gw2, gb1 := matrix(rng, k+1, n%3+1), matrix(rng, k, k+1), make([]float64, k+1)
		clearRows(gw1)
		clearRows(gw2)
		var gk float64
		TwoLayersForward(&two, w1, b1, w2, 0.7, x)
		TwoLayersBackward(&two, 1, gw1, gb1, gw2, &gk)
		if !slices.Equal(flat(gw1), flat(dw1)) || !slices.Equal(gb1, db1) ||
			!slices.Equal(flat(gw2), flat(dw2)) || gk != dk {
			t.Errorf("run %d: TwoLayers' gradient on a kept tape differs from a fresh one's", run)
		}

		xf := float64(n)/7 - 0.5
		_, dx := FilledGrad(xf)
		var gx float64
		FilledForward(&filled, xf)
		FilledBackward(&filled, 1, &gx)
		if gx != dx {
			t.Errorf("run %d: Filled's derivative on a kept tape %v, on a fresh one %v", run, gx, dx)
		}
	}
}

// With a kept tape, the split forms of functions whose callees take
// slices in loops, make work buffers, and recurse allocate nothing in
// steady state.
func TestKeptTapeAllocatesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	w, b, xs := fdcheck.Uniform(rng, 6, -1, 1), fdcheck.Uniform(rng, 6, -1, 1), fdcheck.Uniform(rng, 200, -2, 2)
	gw, gb := make([]float64, 6), make([]float64, 6)
	w1, w2 := matrix(rng, 8, 5), matrix(rng, 6, 8)
	b1, x := fdcheck.Uniform(rng, 8, -1, 1), fdcheck.Uniform(rng, 5, -1, 1)
	gw1, gw2, gb1 := matrix(rng, 8, 5), matrix(rng, 6, 8), make([]float64, 8)
	var mix MixtureTape
	var two TwoLayersTape
	var filled FilledTape
	var gk, gx float64
	cases := map[string]func(){
		"Mixture": func() {
			MixtureForward(&mix, w, b, xs)
			MixtureBackward(&mix, 1, gw, gb)
		},
		"TwoLayers": func() {
			TwoLayersForward(&two, w1, b1, w2, 0.7, x)
			TwoLayersBackward(&two, 1, gw1, gb1, gw2, &gk)
		},
		"Filled": func() {
			FilledForward(&filled, 0.3)
			FilledBackward(&filled, 1, &gx)
		},
	}
	for name, run := range cases {
		run()
		if n := testing.AllocsPerRun(20, run); n != 0 {
			t.Errorf("%s: %v allocations per gradient with a kept tape, want 0", name, n)
		}
	}
}

func matrix(rng *rand.Rand, rows, cols int) [][]float64 {
	m := make([][]float64, rows)
	for i := range m {
		m[i] = fdcheck.Uniform(rng, cols, -1, 1)
	}
	return m
}

func clearRows(m [][]float64) {
	for _, r := range m {
		clear(r)
	}
}
