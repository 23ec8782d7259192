package hvp

//go:generate go run github.com/godiff/godiff/cmd/godiff nilarg.go

// weightedVar returns the weighted variance of x about m; nil weights
// weigh every element 1, as gonum's stat.Variance does.
func weightedVar(x, w []float64, m float64) float64 {
	s, sw := 0.0, 0.0
	for i := range x {
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		d := x[i] - m
		s += wi * d * d
		sw += wi
	}
	return s / sw
}

// Spread calls weightedVar with nil weights, then with x's tail as
// weights. FHVP inlines the calls, and the first's parameter w became the
// constant nil, written as nil == nil and nil[i], which Go rejects
// (FuzzMutate adding //godiff:hvp to internal/regress's MeanVarLoop): a
// nil slice passed is now held in a variable.
//
//godiff:grad
//godiff:hvp
func Spread(x []float64, m float64) float64 {
	return weightedVar(x, nil, m) + weightedVar(x[:2], x[1:3], m*m)
}
