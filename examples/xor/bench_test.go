package main

import (
	"math/rand/v2"
	"testing"
)

var sink float64

// The cost of one training step's parts on the 2-4-1 network: the loss
// alone, the generated gradient (fresh *Net), and the split form with a
// kept tape and buffer, as the training loop runs it.

func BenchmarkLoss(b *testing.B) {
	n := newNet(rand.New(rand.NewPCG(2, 2)), 4)
	ex := xorData[1]
	for b.Loop() {
		sink += n.Loss(ex.x, ex.y)
	}
}

func BenchmarkLossGrad(b *testing.B) {
	n := newNet(rand.New(rand.NewPCG(2, 2)), 4)
	ex := xorData[1]
	for b.Loop() {
		y, g := n.LossGrad(ex.x, ex.y)
		sink += y + g.B2
	}
}

func BenchmarkLossSplit(b *testing.B) {
	n := newNet(rand.New(rand.NewPCG(2, 2)), 4)
	var tape NetLossTape
	grad := zeroLike(n)
	ex := xorData[1]
	for b.Loop() {
		sink += n.LossForward(&tape, ex.x, ex.y)
		clearNet(grad)
		NetLossBackward(&tape, 1, grad)
	}
}
