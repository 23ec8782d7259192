package main

import (
	"math/rand/v2"
	"testing"
)

// NLLGrad runs on a fresh tape, yet allocates a bounded number of times
// whatever the number of points: each call of logSumExp adds a record to
// the tape its call site shares, rather than a tape of its own; the stacks
// are sized before the loops (the loop site's after the first call, at the
// rate of that call).
func TestGradAllocationsIndependentOfPoints(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, k := range []int{3, 10} {
		theta := randomTheta(rng, k)
		small, large := sample(rng, 100), sample(rng, 1000)
		nSmall := testing.AllocsPerRun(10, func() { NLLGrad(theta, small) })
		nLarge := testing.AllocsPerRun(10, func() { NLLGrad(theta, large) })
		if nSmall != nLarge || nLarge > 16 {
			t.Errorf("k=%d: NLLGrad allocates %v times for 100 points, %v for 1000; want the same, at most 16", k, nSmall, nLarge)
		}
	}
}
