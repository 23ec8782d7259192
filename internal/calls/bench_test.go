package calls

import (
	"math"
	"testing"
)

var sink float64

// neuronByHand is Neuron's gradient written by hand, inline, as a user
// without godiff would.
func neuronByHand(w, b, x, y float64) (loss, dw, db, dx, dy float64) {
	u := 1 / (1 + math.Exp(-(w*x + b)))
	v := 1 / (1 + math.Exp(-w))
	e := u - y
	loss = e*e + 0.1*v*v
	du := 2 * e * u * (1 - u)
	dv := 0.2 * v * v * (1 - v)
	return loss, du*x + dv, du, du * w, -2 * e
}

func BenchmarkNeuron(b *testing.B) {
	for b.Loop() {
		sink += Neuron(0.3, -0.2, 1.5, 0.7)
	}
}

func BenchmarkNeuronGrad(b *testing.B) {
	for b.Loop() {
		y, dw, db, dx, dy := NeuronGrad(0.3, -0.2, 1.5, 0.7)
		sink += y + dw + db + dx + dy
	}
}

func BenchmarkNeuronJVP(b *testing.B) {
	for b.Loop() {
		y, dy := NeuronJVP(0.3, -0.2, 1.5, 0.7, 1, 0, 0, 0)
		sink += y + dy
	}
}

func BenchmarkNeuronByHand(b *testing.B) {
	for b.Loop() {
		y, dw, db, dx, dy := neuronByHand(0.3, -0.2, 1.5, 0.7)
		sink += y + dw + db + dx + dy
	}
}

// The recursion: the gradient's cost grows with the depth as the
// function's does.
func BenchmarkPower100(b *testing.B) {
	for b.Loop() {
		sink += Power(1.001, 100)
	}
}

func BenchmarkPower100Grad(b *testing.B) {
	for b.Loop() {
		y, dx := PowerGrad(1.001, 100)
		sink += y + dx
	}
}

func BenchmarkPower400(b *testing.B) {
	for b.Loop() {
		sink += Power(1.001, 400)
	}
}

func BenchmarkPower400Grad(b *testing.B) {
	for b.Loop() {
		y, dx := PowerGrad(1.001, 400)
		sink += y + dx
	}
}
