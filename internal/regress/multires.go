package regress

//go:generate go run github.com/godiff/godiff/cmd/godiff multires.go

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

// sumCount has a float and an int result: the int's seed is zero.
func sumCount(x []float64, a float64) (float64, int) {
	k, s := 0, 0.0
	for i := range x {
		if x[i] > 0 {
			k++
		}
		s += a * x[i] * x[i]
	}
	return s, k
}

// MixedResults uses a float and an int result.
//
//godiff:grad
//godiff:jvp
func MixedResults(x []float64, a float64) float64 {
	s, k := sumCount(x, a)
	return s * float64(k+1)
}

// Weights is a struct of the package whose method has two results.
type Weights struct{ W []float64 }

// dots returns <w, x> and <x, x>.
func (w Weights) dots(x []float64) (float64, float64) {
	s, t := 0.0, 0.0
	for i := range x {
		s += w.W[i] * x[i]
		t += x[i] * x[i]
	}
	return s, t
}

// WeightedDots calls a method of two results on a struct parameter.
//
//godiff:grad
//godiff:jvp
func WeightedDots(x []float64, w Weights) float64 {
	p, q := w.dots(x)
	return p * q
}

// scaleSum scales x in place and returns its new sum and a².
func scaleSum(x []float64, a float64) (float64, float64) {
	s := 0.0
	for i := range x {
		x[i] *= a
		s += x[i]
	}
	return s, a * a
}

// ScaledCopy passes a copy that the callee of two results writes into,
// then reads it.
//
//godiff:grad
//godiff:jvp
func ScaledCopy(x []float64, a float64) float64 {
	y := make([]float64, len(x))
	copy(y, x)
	u, v := scaleSum(y, a)
	return u*v + y[0]*y[1]
}
