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
