// Command xor trains a small multilayer network on XOR by stochastic
// gradient descent, with the gradient godiff generates: the chapter's
// bridge from backpropagation by hand to a training loop. The weights live
// in a struct; each step runs the forward sweep (which records the
// activations on a tape), the backward sweep (which adds the gradient into
// a *Net), and the update, and the program prints the loss curve.
package main

import "math"

//go:generate go run github.com/godiff/godiff/cmd/godiff -tests net.go

// Net is a 2-H-1 network: a tanh hidden layer of H units and a sigmoid
// output.
type Net struct {
	W1 [][]float64 // H×2: hidden unit j's weights
	B1 []float64   // H
	W2 []float64   // H: the output's weights
	B2 float64
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// dot is the inner product of two slices.
func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// Predict is the network's output on x, a probability.
func (n *Net) Predict(x []float64) float64 {
	out := n.B2
	for j := range n.W1 {
		out += n.W2[j] * math.Tanh(dot(n.W1[j], x)+n.B1[j])
	}
	return sigmoid(out)
}

// Loss is the cross-entropy of the network's output on x against the
// label y (0 or 1).
//
//godiff:grad n
//godiff:jvp n
func (n *Net) Loss(x []float64, y float64) float64 {
	out := n.B2
	for j := range n.W1 {
		out += n.W2[j] * math.Tanh(dot(n.W1[j], x)+n.B1[j])
	}
	p := sigmoid(out)
	return -(y*math.Log(p) + (1-y)*math.Log(1-p))
}
