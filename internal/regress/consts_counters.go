package regress

// Loops whose condition or post statement are not those of a counted loop
// (for i := a; i < n; i++): a bound that reads the counter, a counter
// that grows otherwise, and a post statement assigning several variables.
// godiff once stopped on the first and the last with internal errors.

//go:generate go run github.com/godiff/godiff/cmd/godiff consts_counters.go

// CounterInBound's bound reads the counter: the loop runs over the first
// half of x.
//
//godiff:grad
//godiff:jvp
func CounterInBound(x []float64) float64 {
	s := 0.0
	for i := 0; i < len(x)-i; i++ {
		s += x[i] * x[i]
	}
	for i := 0; i < len(x)-2*i; i++ {
		if x[i] > 1 {
			continue
		}
		s += x[i] * s
	}
	return s
}

// CounterSquared tests the square of the counter.
//
//godiff:grad
//godiff:jvp
func CounterSquared(x []float64) float64 {
	s := 0.0
	for i := 0; i*i < len(x); i++ {
		s += x[i] * x[i] * s
		s += x[i]
	}
	return s
}

// CounterDoubling doubles its counter.
//
//godiff:grad
//godiff:jvp
func CounterDoubling(x []float64) float64 {
	s := 0.0
	for i := 1; i < len(x); i *= 2 {
		s += x[i]*s + x[i]
	}
	return s
}

// TwoCounters walks x from both ends.
//
//godiff:grad
//godiff:jvp
func TwoCounters(x []float64) float64 {
	s := 0.0
	for i, j := 0, len(x)-1; i < j; i, j = i+1, j-1 {
		s += x[i] * x[j]
	}
	return s
}

// ParallelPost carries a float in the post statement, with a continue.
//
//godiff:grad
//godiff:jvp
func ParallelPost(x []float64, y float64) float64 {
	s := 0.0
	for i, r := 0, y; i < len(x); i, r = i+1, r*y {
		if x[i] < -1 {
			continue
		}
		s += x[i] * r
	}
	return s
}

// LazyCond's conditions read x[i] only when i is in range: Go's for clause
// cannot hold the if that computes them, so they open the body.
//
//godiff:grad
//godiff:jvp
func LazyCond(x []float64, y float64) float64 {
	s := 0.0
	for i := 0; i < len(x) && x[i] > -1; i++ {
		s += x[i] * y
	}
	i := 0
	for i < len(x) && x[i] > -1.2 {
		s += x[i] * s
		i++
		if s > 2 {
			continue
		}
		s += y
	}
	return s
}

func condScale(a, b float64) float64 { return a * b }

// CallCond calls a function godiff differentiates in a loop's condition,
// which both transforms turn into a call with effects.
//
//godiff:grad
//godiff:jvp
func CallCond(x []float64, y float64) float64 {
	s := 0.0
	for i := 0; condScale(s, y) < 3 && i < len(x); i++ {
		s += x[i] * y
	}
	return s
}
