package main

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// TestCheckpointed checks NLLCheckpointed against NLL: the same value and
// gradient (to 1e-12 relative), and a tape whose Bytes after a forward
// and a backward run is the same at 10, 1000 and 10000 points, while
// NLL's grows by 8·k + 56 + 24·k bytes a point.
func TestCheckpointed(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 5))
	const k = 3
	theta := fdcheck.Uniform(rng, 3*k, -1, 1)
	var first int
	for i, n := range []int{10, 1000, 10000} {
		xs := fdcheck.Uniform(rng, n, -3, 3)
		y, g := NLLGrad(theta, xs)
		yc, gc := NLLCheckpointedGrad(theta, xs)
		if y != yc {
			t.Errorf("n=%d: NLL %v, NLLCheckpointed %v", n, y, yc)
		}
		for j := range g {
			if math.Abs(gc[j]-g[j]) > 1e-12*math.Max(1, math.Abs(g[j])) {
				t.Errorf("n=%d: gradient[%d] = %v checkpointed, %v recorded", n, j, gc[j], g[j])
			}
		}
		var tape NLLCheckpointedTape
		NLLCheckpointedForward(&tape, theta, xs)
		NLLCheckpointedBackward(&tape, 1, make([]float64, 3*k))
		if i == 0 {
			first = tape.Bytes()
		} else if tape.Bytes() != first {
			t.Errorf("n=%d: the checkpointed tape holds %d bytes, %d at n=10", n, tape.Bytes(), first)
		}
	}
}

func BenchmarkNLLCheckpointed(b *testing.B) {
	theta, xs := benchData()
	var tape NLLCheckpointedTape
	grad := make([]float64, len(theta))
	for b.Loop() {
		sink += NLLCheckpointedForward(&tape, theta, xs)
		clear(grad)
		NLLCheckpointedBackward(&tape, 1, grad)
	}
}
