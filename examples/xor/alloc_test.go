package main

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// In steady state LossGrad allocates only its result, a fresh *Net: the
// struct, W1 and its h rows, B1 and W2. Its tape comes from its pool,
// filled by the call before. (Under the race detector a sync.Pool drops
// some of the tapes it is given: a fresh tape's few allocations then.)
func TestGradAllocatesOnlyItsResult(t *testing.T) {
	for _, h := range []int{4, 16} {
		n := newNet(rand.New(rand.NewPCG(3, 3)), h)
		ex := xorData[2]
		run := func() { n.LossGrad(ex.x, ex.y) }
		run()
		most := float64(4 + h)
		if fdcheck.Race {
			most += 8
		}
		if got := testing.AllocsPerRun(50, run); got > most {
			t.Errorf("h=%d: LossGrad allocates %v times per call in steady state, want at most %v", h, got, most)
		}
	}
}
