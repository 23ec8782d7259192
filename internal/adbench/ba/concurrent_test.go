package ba

import (
	"sync"
	"testing"
)

// The one-call forms (ReprojErrorVJP on a pooled tape, ReprojErrorJacobian
// on local buffers of its own) called from many goroutines at once give, bit for
// bit, the blocks they give one call at a time: no tape or buffer is
// shared between concurrent calls. Run under -race, this also checks that
// nothing is written by two goroutines.
func TestConcurrentBlocksEqualSequential(t *testing.T) {
	in := load(t, "ba1_n49_m7776_p31843.txt")
	const obs, goroutines = 200, 8
	for _, m := range []struct {
		name string
		make func() BlockMethod
	}{
		{"VJP", func() BlockMethod { return VJP{} }},
		{"JacFresh", func() BlockMethod { return JacFresh{} }},
		{"Jac", func() BlockMethod { return &Jac{} }}, // one work per goroutine
	} {
		t.Run(m.name, func(t *testing.T) {
			want := blocks(in, m.make(), 0, obs)
			var wg sync.WaitGroup
			got := make([][]Block, goroutines)
			for g := range goroutines {
				wg.Go(func() {
					// Each goroutine starts at a different observation,
					// so that concurrent calls see different arguments.
					start := g * obs / goroutines
					got[g] = rotate(blocks(in, m.make(), start, obs), obs-start)
				})
			}
			wg.Wait()
			for g := range goroutines {
				for i := range obs {
					if got[g][i] != want[i] {
						t.Fatalf("goroutine %d, observation %d: block %v, want %v (one call at a time)", g, i, got[g][i], want[i])
					}
				}
			}
		})
	}
}

// blocks computes with method the blocks of observations start, start+1,
// …, wrapping around after n, in that order.
func blocks(in *Instance, method BlockMethod, start, n int) []Block {
	out := make([]Block, n)
	var err [2]float64
	for k := range n {
		i := (start + k) % n
		camIdx, ptIdx := in.Obs[2*i], in.Obs[2*i+1]
		cam := in.Cams[camIdx*nCamParams : (camIdx+1)*nCamParams]
		x := in.X[ptIdx*3 : ptIdx*3+3]
		method.Block(cam, x, in.W[i], in.Feats[2*i:2*i+2], err[:], &out[k])
	}
	return out
}

// rotate returns s rotated left by k: s[k:] then s[:k].
func rotate(s []Block, k int) []Block {
	k %= len(s)
	return append(append([]Block(nil), s[k:]...), s[:k]...)
}
