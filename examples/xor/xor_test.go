package main

import (
	"io"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// flatten lists n's weights: W1 row by row, B1, W2, B2.
func flatten(n *Net) []float64 {
	var p []float64
	for _, row := range n.W1 {
		p = append(p, row...)
	}
	p = append(p, n.B1...)
	p = append(p, n.W2...)
	return append(p, n.B2)
}

// unflatten is flatten's inverse, for a network of h hidden units.
func unflatten(p []float64, h int) *Net {
	n := &Net{W1: make([][]float64, h)}
	for j := range h {
		n.W1[j], p = p[:2:2], p[2:]
	}
	n.B1, p = p[:h:h], p[h:]
	n.W2, p = p[:h:h], p[h:]
	n.B2 = p[0]
	return n
}

// TestGradient checks LossGrad on every weight against central finite
// differences, LossJVP against it (<JVP(v), 1> = <v, grad>), and the
// values against Loss bit for bit, on each example.
func TestGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 4 {
		n := newNet(rng, 3)
		for j := range n.B1 {
			n.B1[j] = rng.Float64() - 0.5
		}
		n.B2 = rng.Float64() - 0.5
		for _, ex := range xorData {
			want := n.Loss(ex.x, ex.y)
			y, g := n.LossGrad(ex.x, ex.y)
			if y != want {
				t.Errorf("LossGrad value %v, Loss %v", y, want)
			}
			fd := fdcheck.Gradient(func(p []float64) float64 { return unflatten(p, 3).Loss(ex.x, ex.y) }, flatten(n))
			if m := fdcheck.Mismatch(flatten(g), fd, 1e-6); m != "" {
				t.Errorf("x=%v: gradient against finite differences: %s", ex.x, m)
			}
			v := make([]float64, len(fd))
			for i := range v {
				v[i] = rng.Float64() - 0.5
			}
			yj, dy := n.LossJVP(ex.x, ex.y, unflatten(v, 3))
			if yj != want || !fdcheck.Close(dy, fdcheck.Dot(v, flatten(g)), 1e-10) {
				t.Errorf("LossJVP = %v, %v; want %v, <v, grad> = %v", yj, dy, want, fdcheck.Dot(v, flatten(g)))
			}
		}
	}
}

// TestTrainingLearnsXOR trains the network main trains and checks that
// the loss falls and the predictions match the truth table.
func TestTrainingLearnsXOR(t *testing.T) {
	n := newNet(rand.New(rand.NewPCG(2, 2)), 4)
	curve := train(io.Discard, n, 2000, 0.5, rand.New(rand.NewPCG(3, 4)))
	if first, last := curve[0], curve[len(curve)-1]; last > 0.01 || last > first/50 {
		t.Errorf("loss from %v to %v; want below 0.01", first, last)
	}
	for _, ex := range xorData {
		if p := n.Predict(ex.x); (p > 0.5) != (ex.y == 1) {
			t.Errorf("Predict(%v) = %v, label %v", ex.x, p, ex.y)
		}
	}
}

// TestStepAllocatesNothing checks that a training step with a kept tape
// and gradient buffer allocates nothing.
func TestStepAllocatesNothing(t *testing.T) {
	n := newNet(rand.New(rand.NewPCG(2, 2)), 4)
	var tape NetLossTape
	grad := zeroLike(n)
	ex := xorData[1]
	allocs := testing.AllocsPerRun(100, func() {
		n.LossForward(&tape, ex.x, ex.y)
		clearNet(grad)
		NetLossBackward(&tape, 1, grad)
		step(n, grad, 0.1)
	})
	if allocs != 0 {
		t.Errorf("a step allocates %v times, want 0", allocs)
	}
}

// TestConcurrent calls LossGrad from 8 goroutines at once (run with -race)
// and checks each gradient against a serial one.
func TestConcurrent(t *testing.T) {
	n := newNet(rand.New(rand.NewPCG(7, 8)), 4)
	want := make([][]float64, len(xorData))
	for i, ex := range xorData {
		_, g := n.LossGrad(ex.x, ex.y)
		want[i] = flatten(g)
	}
	var wg sync.WaitGroup
	bad := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			for range 50 {
				for i, ex := range xorData {
					if _, g := n.LossGrad(ex.x, ex.y); fdcheck.Mismatch(flatten(g), want[i], 0) != "" {
						bad <- fdcheck.Mismatch(flatten(g), want[i], 0)
						return
					}
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
