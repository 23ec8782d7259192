package regress

//go:generate go run godiff/cmd/godiff multires.go

// Calls of functions of slices with several float results, called
// through their split form (reverse mode: one seed per result) and their
// JVP (forward mode).

// meanVar returns the weighted mean and variance of x; nil weights
// weigh every element 1, as gonum's stat.MeanVariance does.
func meanVar(x, w []float64) (float64, float64) {
	s, sw := 0.0, 0.0
	for i := range x {
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		s += wi * x[i]
		sw += wi
	}
	m := s / sw
	v := 0.0
	for i := range x {
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		d := x[i] - m
		v += wi * d * d
	}
	return m, v / sw
}

// MeanVarScore uses both results, with weights that carry a derivative.
//
//godiff:grad
//godiff:jvp
func MeanVarScore(x, w []float64, a float64) float64 {
	m, v := meanVar(x, w)
	return a*m + v*v
}

// MeanVarNil passes nil weights.
//
//godiff:grad
//godiff:jvp
func MeanVarNil(x []float64) float64 {
	m, v := meanVar(x, nil)
	return m * v
}

// MeanOnly leaves the variance unused.
//
//godiff:grad
//godiff:jvp
func MeanOnly(x, w []float64) float64 {
	m, _ := meanVar(x, w)
	return m * m
}

// MeanVarLoop calls meanVar in a loop, on ever shorter tails of x, and
// assigns its results to variables declared outside the loop.
//
//godiff:grad
//godiff:jvp
func MeanVarLoop(x []float64, a float64) float64 {
	s := 0.0
	var m, v float64
	for k := 0; k+1 < len(x); k++ {
		m, v = meanVar(x[k:], nil)
		s += a*m + v
	}
	return s * m
}
