// Package runs counts the runs of the bodies of loops checkpointed
// binomially: Forced of internal/checkpoint as a three-clause loop and as
// while loops, its body calling tick. It is a package of its own because
// godiff explain's interpreter cannot run tick (it counts in a package
// variable), and explain's tests run every function of internal/*.
package runs

import "math"

//go:generate go run github.com/godiff/godiff/cmd/godiff runs.go

// bodyRuns counts the runs of the bodies of ForcedTick and
// ForcedWhileTick, plain or recorded (see tick).
var bodyRuns int

// tick counts a run of a loop body and returns i, which the body uses so
// that the call stays.
func tick(i int) int {
	bodyRuns++
	return i
}

// ForcedTick is internal/checkpoint's Forced counting its body's runs: the forward sweep's
// own, the backward sweep's plain runs and its recorded ones.
//
//godiff:grad x0 v0 w
func ForcedTick(x0, v0, w float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.02
	//godiff:checkpoint -snapshots=3
	for i := 0; i < steps; i++ {
		a := -x + 0.3*math.Sin(w*float64(tick(i))*dt)
		v += dt * a
		x += dt * v
	}
	return x*x - v
}

// ForcedWhileTick is ForcedTick as a while loop: the same iterations,
// the backward sweep running the first descent.
//
//godiff:grad x0 v0 w
func ForcedWhileTick(x0, v0, w float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.02
	i := 0
	//godiff:checkpoint -snapshots=3
	for i < steps {
		a := -x + 0.3*math.Sin(w*float64(tick(i))*dt)
		v += dt * a
		x += dt * v
		i++
	}
	return x*x - v
}

// ForcedWhileTick10 is ForcedWhileTick holding at most 10 states: the
// forward sweep keeps at most 5 of them, evenly spread over the
// iterations it runs, for the backward sweep.
//
//godiff:grad x0 v0 w
func ForcedWhileTick10(x0, v0, w float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.02
	i := 0
	//godiff:checkpoint -snapshots=10
	for i < steps {
		a := -x + 0.3*math.Sin(w*float64(tick(i))*dt)
		v += dt * a
		x += dt * v
		i++
	}
	return x*x - v
}

// ForcedRecorded is Forced without the checkpoint.
//
//godiff:grad x0 v0 w
func ForcedRecorded(x0, v0, w float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.02
	for i := 0; i < steps; i++ {
		a := -x + 0.3*math.Sin(w*float64(i)*dt)
		v += dt * a
		x += dt * v
	}
	return x*x - v
}
