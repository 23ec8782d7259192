package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
)

// xorData is the XOR truth table: inputs and labels.
var xorData = []struct {
	x []float64
	y float64
}{
	{[]float64{0, 0}, 0},
	{[]float64{0, 1}, 1},
	{[]float64{1, 0}, 1},
	{[]float64{1, 1}, 0},
}

func main() {
	n := newNet(rand.New(rand.NewPCG(2, 2)), 4)
	train(os.Stdout, n, 2000, 0.5, rand.New(rand.NewPCG(3, 4)))
	for _, ex := range xorData {
		fmt.Printf("%v → %.3f (label %v)\n", ex.x, n.Predict(ex.x), ex.y)
	}
}

// newNet returns a 2-h-1 network with weights drawn uniformly from
// [-1, 1) and zero biases.
func newNet(rng *rand.Rand, h int) *Net {
	n := &Net{W1: make([][]float64, h), B1: make([]float64, h), W2: make([]float64, h)}
	for j := range h {
		n.W1[j] = []float64{2*rng.Float64() - 1, 2*rng.Float64() - 1}
		n.W2[j] = 2*rng.Float64() - 1
	}
	return n
}

// zeroLike returns a *Net of n's shape, all zero: a gradient buffer.
func zeroLike(n *Net) *Net {
	z := &Net{W1: make([][]float64, len(n.W1)), B1: make([]float64, len(n.B1)), W2: make([]float64, len(n.W2))}
	for j := range n.W1 {
		z.W1[j] = make([]float64, len(n.W1[j]))
	}
	return z
}

// train runs epochs of stochastic gradient descent on XOR, one example
// at a time in a shuffled order, and prints the mean loss every 200
// epochs: the chapter's loop of forward pass, backward pass and update.
// The tape and the gradient buffer are kept across steps, so a step
// allocates nothing. It returns the loss curve.
func train(w io.Writer, n *Net, epochs int, rate float64, rng *rand.Rand) []float64 {
	var tape NetLossTape
	grad := zeroLike(n)
	var curve []float64
	for epoch := 1; epoch <= epochs; epoch++ {
		total := 0.0
		for _, i := range rng.Perm(len(xorData)) {
			ex := xorData[i]
			total += n.LossForward(&tape, ex.x, ex.y) // forward: activations on the tape
			clearNet(grad)
			NetLossBackward(&tape, 1, grad) // backward: ∂loss/∂weights into grad
			step(n, grad, rate)             // update
		}
		curve = append(curve, total/float64(len(xorData)))
		if epoch == 1 || epoch%200 == 0 {
			fmt.Fprintf(w, "epoch %4d  loss %.5f\n", epoch, curve[len(curve)-1])
		}
	}
	return curve
}

// clearNet zeroes every weight of g.
func clearNet(g *Net) {
	for _, row := range g.W1 {
		clear(row)
	}
	clear(g.B1)
	clear(g.W2)
	g.B2 = 0
}

// step moves n against the gradient g.
func step(n, g *Net, rate float64) {
	for j := range n.W1 {
		for i := range n.W1[j] {
			n.W1[j][i] -= rate * g.W1[j][i]
		}
		n.B1[j] -= rate * g.B1[j]
		n.W2[j] -= rate * g.W2[j]
	}
	n.B2 -= rate * g.B2
}
