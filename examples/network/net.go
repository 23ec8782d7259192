// Package network shows godiff's output as a user of it sees it: the
// chapter's 2-2-1 ReLU network (the command in ../chapter runs its worked
// examples) and a softplus unit with a custom derivative rule, with the
// derivatives godiff generated for them in net_godiff.go.
//
// Its examples call the generated functions: LossGrad (the gradient, by
// reverse mode), LossForward and LossBackward with a kept LossTape (the
// split form, summing the gradient of a mini-batch), LossJVP (a
// directional derivative, by forward mode) and NeuronGrad (through the rule
// softplusRule). net.go is all a user writes; go generate writes the rest:
//
//	//go:generate go tool godiff $GOFILE
//
// (this package, inside godiff's own module, runs the command with go run).
package network

//go:generate go run github.com/godiff/godiff/cmd/godiff net.go

import "math"

// Loss is the squared error (ŷ - y)² of the chapter's 2-2-1 network on one
// example: inputs x1, x2, two ReLU hidden units, one linear output. wij is
// the weight from input i to hidden unit j.
//
//godiff:grad w11 w12 w21 w22 w3 w4 b1 b2 b3
//godiff:jvp w11 w12 w21 w22 w3 w4 b1 b2 b3
func Loss(w11, w12, w21, w22, w3, w4, b1, b2, b3, x1, x2, y float64) float64 {
	z1 := w11*x1 + w21*x2 + b1
	z2 := w12*x1 + w22*x2 + b2
	h1 := math.Max(0, z1) // ReLU
	h2 := math.Max(0, z2)
	yhat := w3*h1 + w4*h2 + b3
	e := yhat - y
	return e * e
}

// Softplus is log(1 + eˣ), returning x itself where eˣ would overflow.
func Softplus(x float64) float64 {
	if x > 30 {
		return x
	}
	return math.Log1p(math.Exp(x))
}

// softplusRule is Softplus's derivative rule: its value and its derivative,
// the logistic function 1/(1 + e⁻ˣ). godiff calls it wherever a
// differentiated function calls Softplus, instead of differentiating
// Softplus's body.
//
//godiff:rule Softplus
func softplusRule(x float64) (y, dx float64) {
	return Softplus(x), 1 / (1 + math.Exp(-x))
}

// Neuron is a softplus unit of one input: Softplus(w·x + b).
//
//godiff:grad w b
func Neuron(w, b, x float64) float64 {
	return Softplus(w*x + b)
}
