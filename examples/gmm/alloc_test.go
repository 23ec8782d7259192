package main

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// NLLGrad runs on a fresh tape, yet allocates a bounded number of times
// whatever the number of points: each call of logSumExp adds a record to
// the tape its call site shares, rather than a tape of its own; the stacks
// are sized before the loops (the loop site's after the first call, at the
// rate of that call). (Twice the bound under the race detector: see
// fdcheck.Race.)
func TestGradAllocationsIndependentOfPoints(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, k := range []int{3, 10} {
		theta := randomTheta(rng, k)
		small, large := sample(rng, 100), sample(rng, 1000)
		nSmall := testing.AllocsPerRun(10, func() { NLLGrad(theta, small) })
		nLarge := testing.AllocsPerRun(10, func() { NLLGrad(theta, large) })
		most := 16.0
		if fdcheck.Race {
			most *= 2
		}
		if nSmall != nLarge || nLarge > most {
			t.Errorf("k=%d: NLLGrad allocates %v times for 100 points, %v for 1000; want the same, at most %v", k, nSmall, nLarge, most)
		}
	}
}

// The split form with a kept tape allocates nothing in steady state: the
// log-sum-exp tapes keep their records and stacks, NLL's work buffer comp
// is made in memory the tape keeps, and so is the backward sweep's buffer
// of its derivatives, dcomp (for 10 components too large for the stack).
func TestSplitFormAllocatesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, k := range []int{3, 10} {
		theta, xs := randomTheta(rng, k), sample(rng, 500)
		var tape NLLTape
		grad := make([]float64, len(theta))
		run := func() {
			NLLForward(&tape, theta, xs)
			clear(grad)
			NLLBackward(&tape, 1, grad)
		}
		run()
		if n := testing.AllocsPerRun(20, run); n != 0 {
			t.Errorf("k=%d: %v allocations per gradient with a kept tape, want 0", k, n)
		}
	}
}
