package checkpoint

import "math"

//go:generate go run github.com/godiff/godiff/cmd/godiff first.go

// The loops below are the binomially checkpointed loops of funcs.go and
// rnn.go (RNNFor, RNNWhile) written as three-clause and while loops. For a
// three-clause loop whose trip count the forward sweep computes as the
// loop begins, it saves the states of the backward sweep's first descent
// as it passes them, as for a range loop; a while loop's count is known
// only at its end, so with S ≥ 4 it keeps at most S/2 states evenly spread
// over the iterations it runs instead. Each must equal its Recorded twin
// bit for bit; runs/ counts the bodies' runs.

// ForcedDown is Forced counting down, its bound inclusive: the forward
// sweep computes the trip count steps-1-0+1 as the loop begins.
//
//godiff:grad x0 v0 w
func ForcedDown(x0, v0, w float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.02
	//godiff:checkpoint -snapshots=3
	for i := steps - 1; i >= 0; i-- {
		a := -x + 0.3*math.Sin(w*float64(steps-1-i)*dt)
		v += dt * a
		x += dt * v
	}
	return x*x - v
}

// NestedFor is NestedRevolve with a three-clause inner loop starting at
// the outer index: each run saves its first descent's states on stacks
// of its own, its trip count len(x)-i.
//
//godiff:grad
func NestedFor(x []float64) float64 {
	s := 0.0
	for i := range x {
		p := 1.0
		//godiff:checkpoint -snapshots=2
		for j := i; j < len(x); j++ {
			p *= math.Tanh(x[i] * x[j])
		}
		s += p
	}
	return s
}

// NestedForRecorded is NestedFor without the checkpoint.
//
//godiff:grad
func NestedForRecorded(x []float64) float64 {
	s := 0.0
	for i := range x {
		p := 1.0
		for j := i; j < len(x); j++ {
			p *= math.Tanh(x[i] * x[j])
		}
		s += p
	}
	return s
}
