package main

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// TestTapeBytes checks NLLTape.Bytes after a forward run against the
// tape report of gmm_godiff.go: 8·len(xs)·max(k, 0) + 8·k + 48 bytes, plus the
// two logSumExp sites summed over their calls: 48·calls + 8·len(x) for the
// one call on the k logits and for the len(xs) calls on the k components
// (its running maximum records the index of the largest element, not the
// maximum and the element of each iteration: reverse/argmax.go). After
// NLLBackward the backward sweep's buffer dcomp adds 8·k, and keeps it
// until the next NLLBackward: the tape is used again at other sizes.
func TestTapeBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 2))
	var tape NLLTape
	dcomp := 0 // the bytes of dcomp the last backward run left
	for _, size := range [][2]int{{100, 3}, {1, 1}, {1000, 5}, {10, 2}} {
		n, k := size[0], size[1]
		theta := fdcheck.Uniform(rng, 3*k, -1, 1)
		xs := fdcheck.Uniform(rng, n, -2, 2)
		NLLForward(&tape, theta, xs)
		site1 := 48 + 8*k
		site2 := n * (48 + 8*k)
		want := 8*n*k + 8*k + 48 + site1 + site2
		if got := tape.Bytes(); got != want+dcomp {
			t.Errorf("n=%d k=%d: Bytes() = %d after NLLForward, the report's formula gives %d, plus %d of dcomp", n, k, got, want, dcomp)
		}
		NLLBackward(&tape, 1, make([]float64, 3*k))
		if got := tape.Bytes(); got != want+8*k {
			t.Errorf("n=%d k=%d: Bytes() = %d after NLLBackward, want %d with the buffer dcomp", n, k, got, want+8*k)
		}
		dcomp = 8 * k
	}
}
