package main

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// On a fresh tape (NLLGrad's first call, or one after the garbage
// collector emptied its pool) the gradient allocates a bounded number of
// times whatever the number of points: each call of logSumExp adds a
// record to the tape its call site shares, rather than a tape of its own;
// the stacks are sized before the loops (the loop site's after the first
// call, at the rate of that call). (Twice the bound under the race
// detector: see fdcheck.Race.)
func TestFreshTapeAllocationsIndependentOfPoints(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, k := range []int{3, 10} {
		theta := randomTheta(rng, k)
		small, large := sample(rng, 100), sample(rng, 1000)
		fresh := func(xs []float64) func() {
			return func() {
				var tape NLLTape
				NLLForward(&tape, theta, xs)
				NLLBackward(&tape, 1, make([]float64, len(theta)))
			}
		}
		nSmall := testing.AllocsPerRun(10, fresh(small))
		nLarge := testing.AllocsPerRun(10, fresh(large))
		most := 16.0
		if fdcheck.Race {
			most *= 2
		}
		if nSmall != nLarge || nLarge > most {
			t.Errorf("k=%d: a fresh tape allocates %v times for 100 points, %v for 1000; want the same, at most %v", k, nSmall, nLarge, most)
		}
	}
}

// In steady state NLLGrad allocates only its result, the gradient: its
// tape comes from its pool, filled by the call before. (Under the race
// detector a sync.Pool drops some of the tapes it is given: at most a
// fresh tape's allocations then.)
func TestGradAllocatesOnlyItsResult(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, k := range []int{3, 10} {
		theta, xs := randomTheta(rng, k), sample(rng, 500)
		run := func() { NLLGrad(theta, xs) }
		run()
		most := 1.0
		if fdcheck.Race {
			most = 1 + 32
		}
		if n := testing.AllocsPerRun(20, run); n > most {
			t.Errorf("k=%d: NLLGrad allocates %v times per call in steady state, want at most %v", k, n, most)
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
