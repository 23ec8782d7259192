package main

import (
	"fmt"
	"io"
	"os"
)

// The chapter's 2-2-1 network: initial weights, the example and the
// learning rate.
var (
	reluWeights = [9]float64{0.5, 0.3, 0.4, 0.2, 1.0, -0.5, 0, 0, 0.1} // w11 w12 w21 w22 w3 w4 b1 b2 b3
	reluNames   = [9]string{"w11", "w12", "w21", "w22", "w3", "w4", "b1", "b2", "b3"}
)

const learningRate = 0.1

func main() {
	report(os.Stdout)
}

// report prints every number of the chapter's worked examples, computed
// from the generated gradients.
func report(w io.Writer) {
	fmt.Fprintln(w, "2-2-1 ReLU network, x = (1, 2), y = 1")
	reportRelu(w, reluWeights, 1, 2, 1)

	fmt.Fprintln(w, "\nDead ReLU: the same network with b1 = -2, so z1 = -0.7 < 0")
	dead := reluWeights
	dead[6] = -2
	reportRelu(w, dead, 1, 2, 1)

	fmt.Fprintln(w, "\nA mini-batch of three examples: the summed gradient, from one tape and one set of buffers")
	g := batchGrad(reluWeights, miniBatch)
	for i, name := range reluNames {
		fmt.Fprintf(w, "  sum dL/d%-3s = %7.4f\n", name, memo(g[i]))
	}

	fmt.Fprintln(w, "\n2-1-1 sigmoid exercise, x = (1, 1), y = 0")
	p := [5]float64{0.5, -0.3, 0.1, 0.8, 0.0} // w1 w2 b1 w3 b2
	loss, dw1, dw2, db1, dw3, db2 := SigmoidLossGrad(p[0], p[1], p[2], p[3], p[4], 1, 1, 0)
	fmt.Fprintf(w, "  L = %.6f\n", loss)
	grads := [5]float64{dw1, dw2, db1, dw3, db2}
	for i, name := range [5]string{"w1", "w2", "b1", "w3", "b2"} {
		fmt.Fprintf(w, "  dL/d%-3s = %9.6f   %-3s := %.6f\n", name, memo(grads[i]), name, p[i]-learningRate*grads[i])
	}
}

// reportRelu prints the loss, every memo and every update of one gradient
// step of the 2-2-1 network.
func reportRelu(w io.Writer, p [9]float64, x1, x2, y float64) {
	loss, g := reluGrad(p, x1, x2, y)
	fmt.Fprintf(w, "  L = %.4f\n", loss)
	for i, name := range reluNames {
		fmt.Fprintf(w, "  dL/d%-3s = %6.3f   %-3s := %.3f\n", name, memo(g[i]), name, p[i]-learningRate*g[i])
	}
}

// reluGrad calls the generated LossGrad with the weights in an array.
func reluGrad(p [9]float64, x1, x2, y float64) (float64, [9]float64) {
	var g [9]float64
	var loss float64
	loss, g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8] =
		LossGrad(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], x1, x2, y)
	return loss, g
}

// memo returns a gradient for printing: a zero memo that arrived through a
// negative factor is -0, which prints as "-0.000"; adding 0 makes it 0.
func memo(g float64) float64 { return g + 0 }

// miniBatch holds three examples (x1, x2, y): the chapter's, and two more.
var miniBatch = [][3]float64{{1, 2, 1}, {0.5, -1, 0}, {2, 0.5, 1.5}}

// batchGrad sums the gradient of Loss over a mini-batch with the split
// form: one tape, reused for every example, and one set of gradient
// buffers, which LossBackward adds to.
func batchGrad(p [9]float64, batch [][3]float64) [9]float64 {
	var tape LossTape
	var g [9]float64
	for _, ex := range batch {
		LossForward(&tape, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], ex[0], ex[1], ex[2])
		LossBackward(&tape, 1, &g[0], &g[1], &g[2], &g[3], &g[4], &g[5], &g[6], &g[7], &g[8])
	}
	return g
}
