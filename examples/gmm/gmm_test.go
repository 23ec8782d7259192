package main

import (
	"io"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// randomTheta is a mixture of k components near the data.
func randomTheta(rng *rand.Rand, k int) []float64 {
	theta := make([]float64, 3*k)
	for j := range k {
		theta[j] = rng.Float64() - 0.5
		theta[k+j] = 6*rng.Float64() - 3
		theta[2*k+j] = rng.Float64() - 0.5
	}
	return theta
}

// TestGradient checks NLLGrad against central finite differences, NLLJVP
// against it (<JVP(v), 1> = <v, grad>), and both values against NLL bit
// for bit, for 1 to 4 components.
func TestGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	xs := sample(rng, 40)
	for k := 1; k <= 4; k++ {
		for range 4 {
			theta := randomTheta(rng, k)
			want := NLL(theta, xs)
			y, grad := NLLGrad(theta, xs)
			if y != want {
				t.Errorf("k=%d: NLLGrad value %v, NLL %v", k, y, want)
			}
			fd := fdcheck.Gradient(func(p []float64) float64 { return NLL(p, xs) }, theta)
			if m := fdcheck.Mismatch(grad, fd, 1e-6); m != "" {
				t.Errorf("k=%d, θ=%v: gradient against finite differences: %s", k, theta, m)
			}
			dir := make([]float64, len(theta))
			for i := range dir {
				dir[i] = rng.Float64() - 0.5
			}
			yj, dy := NLLJVP(theta, xs, dir)
			if yj != want || !fdcheck.Close(dy, fdcheck.Dot(dir, grad), 1e-10) {
				t.Errorf("k=%d: NLLJVP = %v, %v; want %v, <v, grad> = %v", k, yj, dy, want, fdcheck.Dot(dir, grad))
			}
		}
	}
}

// TestSplitFormSumsABatch checks that the backward function adds: two
// halves of the data give the gradient of the whole, weighted.
func TestSplitFormSumsABatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	xs := sample(rng, 30)
	theta := randomTheta(rng, 3)
	_, whole := NLLGrad(theta, xs)
	sum := make([]float64, len(theta))
	var tape NLLTape
	for _, half := range [][]float64{xs[:10], xs[10:]} {
		NLLForward(&tape, theta, half)
		NLLBackward(&tape, float64(len(half))/float64(len(xs)), sum)
	}
	if m := fdcheck.Mismatch(sum, whole, 1e-12); m != "" {
		t.Errorf("summed halves against the whole batch: %s", m)
	}
}

// TestFitRecoversTheMixture trains on data from truth and checks that the
// fit finds its means, and a lower loss than at the start.
func TestFitRecoversTheMixture(t *testing.T) {
	xs := sample(rand.New(rand.NewPCG(1, 2)), 600)
	theta := fit(io.Discard, xs, 3, 300)
	if before, after := NLL(initial(xs, 3), xs), NLL(theta, xs); after >= before-0.5 {
		t.Errorf("NLL went from %v to %v; want a clear decrease", before, after)
	}
	_, means, _ := mixture(theta)
	for j, want := range truth.mean {
		if math.Abs(means[j]-want) > 0.2 {
			t.Errorf("mean %d = %v, want %v ± 0.2", j, means[j], want)
		}
	}
}

// TestConcurrent calls NLLGrad from 8 goroutines at once (run with -race)
// and checks each result against a serial one.
func TestConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	xs := sample(rng, 50)
	theta := randomTheta(rng, 3)
	_, want := NLLGrad(theta, xs)
	var wg sync.WaitGroup
	bad := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			for range 20 {
				if _, g := NLLGrad(theta, xs); fdcheck.Mismatch(g, want, 0) != "" {
					bad <- fdcheck.Mismatch(g, want, 0)
					return
				}
			}
		})
	}
	wg.Wait()
	close(bad)
	for m := range bad {
		t.Error("a concurrent gradient differs:", m)
	}
}
