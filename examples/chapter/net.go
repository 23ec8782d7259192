// Command chapter runs the worked examples of the backpropagation chapter
// (../shared/seed/06-backpropagation.txt in the godiff repository) on
// gradients that godiff generated: the 2-2-1 ReLU network, its dead-ReLU
// case, and the 2-1-1 sigmoid exercise.
//
// Regenerate the derivatives with go generate; run with go run.
package main

//go:generate go run github.com/godiff/godiff/cmd/godiff -tests net.go

import "math"

// Loss is the squared error (ŷ - y)² of the chapter's 2-2-1 network on one
// example: inputs x1, x2, two ReLU hidden units, one linear output. wij is
// the weight from input i to hidden unit j.
//
//godiff:grad w11 w12 w21 w22 w3 w4 b1 b2 b3
//godiff:jvp w11 w12 w21 w22 w3 w4 b1 b2 b3
//godiff:vjp w11 w12 w21 w22 w3 w4 b1 b2 b3
func Loss(w11, w12, w21, w22, w3, w4, b1, b2, b3, x1, x2, y float64) float64 {
	z1 := w11*x1 + w21*x2 + b1
	z2 := w12*x1 + w22*x2 + b2
	h1 := math.Max(0, z1) // ReLU
	h2 := math.Max(0, z2)
	yhat := w3*h1 + w4*h2 + b3
	e := yhat - y
	return e * e
}

// SigmoidLoss is the squared error of the chapter's 2-1-1 exercise: one
// sigmoid hidden unit h = σ(w1 x1 + w2 x2 + b1), a linear output
// ŷ = w3 h + b2.
//
//godiff:grad w1 w2 b1 w3 b2
//godiff:jvp w1 w2 b1 w3 b2
func SigmoidLoss(w1, w2, b1, w3, b2, x1, x2, y float64) float64 {
	z1 := w1*x1 + w2*x2 + b1
	h := 1 / (1 + math.Exp(-z1))
	yhat := w3*h + b2
	e := yhat - y
	return e * e
}
