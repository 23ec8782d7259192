package network_test

import (
	"fmt"
	"math"

	"github.com/godiff/godiff/examples/network"
)

// The chapter's worked example: the network's weights, one example
// x = (1, 2), y = 1, and the gradient of the squared error.
func ExampleLossGrad() {
	loss, dw11, dw12, dw21, dw22, dw3, dw4, db1, db2, db3 :=
		network.LossGrad(0.5, 0.3, 0.4, 0.2, 1.0, -0.5, 0, 0, 0.1, 1, 2, 1)
	fmt.Printf("L = %.4f\n", loss)
	fmt.Printf("dL/dw = %.3f %.3f %.3f %.3f %.3f %.3f\n", dw11, dw12, dw21, dw22, dw3, dw4)
	fmt.Printf("dL/db = %.3f %.3f %.3f\n", db1, db2, db3)
	// Output:
	// L = 0.0025
	// dL/dw = 0.100 -0.050 0.200 -0.100 0.130 0.070
	// dL/db = 0.100 -0.050 0.100
}

// The split form sums the gradient of a mini-batch with one tape, reused
// for every example, and one set of gradient buffers, which LossBackward
// adds to: a training loop allocates nothing per example.
func ExampleLossForward() {
	w := [9]float64{0.5, 0.3, 0.4, 0.2, 1.0, -0.5, 0, 0, 0.1}
	batch := [][3]float64{{1, 2, 1}, {0.5, -1, 0}, {2, 0.5, 1.5}} // x1, x2, y
	var tape network.LossTape
	var g [9]float64
	var sum float64
	for _, ex := range batch {
		sum += network.LossForward(&tape, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], ex[0], ex[1], ex[2])
		network.LossBackward(&tape, 1, &g[0], &g[1], &g[2], &g[3], &g[4], &g[5], &g[6], &g[7], &g[8])
	}
	fmt.Printf("sum of L = %.4f\n", sum)
	fmt.Printf("sum of dL/dw = %.4f\n", g[:6])
	fmt.Printf("sum of dL/db = %.4f\n", g[6:])
	fmt.Printf("the tape holds %d bytes\n", tape.Bytes())
	// Output:
	// sum of L = 0.3150
	// sum of dL/dw = [-2.1000 1.0500 -0.3500 0.1750 -1.1900 -0.7000]
	// sum of dL/db = [-1.0000 0.5000 -0.8000]
	// the tape holds 72 bytes
}

// LossJVP is forward mode: the derivative of Loss along one direction of
// the weights, here w3 alone, so the tangent is ∂L/∂w3 (the gradient's
// fifth entry, 0.130, in one forward sweep).
func ExampleLossJVP() {
	loss, dloss := network.LossJVP(0.5, 0.3, 0.4, 0.2, 1.0, -0.5, 0, 0, 0.1, 1, 2, 1,
		0, 0, 0, 0, 1, 0, 0, 0, 0)
	fmt.Printf("L = %.4f, dL/dw3 = %.3f\n", loss, dloss)
	// Output:
	// L = 0.0025, dL/dw3 = 0.130
}

// NeuronGrad calls softplusRule, the package's derivative rule for
// Softplus, where Neuron calls Softplus: the derivative of Softplus at
// w·x + b = 0 is the logistic function's value there, 1/2.
func ExampleNeuronGrad() {
	y, dw, db := network.NeuronGrad(0.5, -1, 2)
	fmt.Printf("y = %.6f (log 2 = %.6f)\n", y, math.Log(2))
	fmt.Printf("dy/dw = %.3f, dy/db = %.3f\n", dw, db)
	// Output:
	// y = 0.693147 (log 2 = 0.693147)
	// dy/dw = 1.000, dy/db = 0.500
}
