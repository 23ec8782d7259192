package checkpoint

//go:generate go run github.com/godiff/godiff/cmd/godiff nostate.go

import "math"

// Loops reversed binomially that carry nothing in variables: each
// iteration only sums into memory (a histogram's bins), so the states
// -snapshots and -memory save are the iterations' numbers alone. Adding
// //godiff:checkpoint -snapshots=1 to Histogram (FuzzMutate) made an
// internal error: the forward sweep's saved states were described by
// their first variable, and there was none.

// HistogramRevolve is Histogram reversed binomially, holding one state.
//
//godiff:grad w
//godiff:jvp w
func HistogramRevolve(w, xs []float64) float64 {
	k := len(w)
	bins := make([]float64, k)
	//godiff:checkpoint -snapshots=1
	for i, x := range xs {
		b := i % k
		bins[b] += math.Exp(w[b] * x)
	}
	s := 0.0
	for _, v := range bins {
		s += v * v
	}
	return s
}

// HistogramDown is a histogram of sines filled by a three-clause loop
// counting down, reversed binomially with as many states as 8 bytes hold:
// one (the iteration's number).
//
//godiff:grad w
//godiff:jvp w
func HistogramDown(w, xs []float64) float64 {
	k := len(w)
	bins := make([]float64, k)
	//godiff:checkpoint -memory=8
	for i := len(xs) - 1; i >= 0; i-- {
		bins[i%k] += math.Sin(w[i%k] * xs[i])
	}
	s := 0.0
	for _, v := range bins {
		s += v * v
	}
	return s
}

// HistogramDownRecorded is HistogramDown without the checkpoint.
//
//godiff:grad w
func HistogramDownRecorded(w, xs []float64) float64 {
	k := len(w)
	bins := make([]float64, k)
	for i := len(xs) - 1; i >= 0; i-- {
		bins[i%k] += math.Sin(w[i%k] * xs[i])
	}
	s := 0.0
	for _, v := range bins {
		s += v * v
	}
	return s
}

// NestedRevolve reverses binomially a loop inside another, holding two
// states: each run of the inner loop saves its own entry state. (-every
// there is refused: its runs shared one stack of snapshots, and the
// backward sweep read the first run's, a wrong gradient FuzzMutate found
// marking internal/hvp's Nested.)
//
//godiff:grad
func NestedRevolve(x []float64) float64 {
	s := 0.0
	for i := range x {
		p := 1.0
		//godiff:checkpoint -snapshots=2
		for j := range x {
			p *= math.Tanh(x[i] * x[j])
		}
		s += p
	}
	return s
}

// NestedRevolveRecorded is NestedRevolve without the checkpoint.
//
//godiff:grad
func NestedRevolveRecorded(x []float64) float64 {
	s := 0.0
	for i := range x {
		p := 1.0
		for j := range x {
			p *= math.Tanh(x[i] * x[j])
		}
		s += p
	}
	return s
}
