package cost

//go:generate go tool godiff loss.go

import "math"

// LogLoss is the mean logistic loss of a linear model with weights w on m
// examples: row i of x (x[i*n : (i+1)*n], n = len(w)) with label y[i] in
// {-1, +1}. Its cost is m·n multiply-adds, the kind of function whose
// gradient a user wants with respect to many parameters.
//
//godiff:grad w
//godiff:jvp w
func LogLoss(w, x, y []float64) float64 {
	n := len(w)
	var sum float64
	for i := range y {
		z := 0.0
		for j := 0; j < n; j++ {
			z += w[j] * x[i*n+j]
		}
		sum += math.Log1p(math.Exp(-y[i] * z))
	}
	return sum / float64(len(y))
}
