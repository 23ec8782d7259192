package main

//go:generate go run github.com/godiff/godiff/cmd/godiff rosen.go

// ExtRosen is the extended Rosenbrock function of n variables,
// Σ (1 - x_i)² + 100 (x_{i+1} - x_i²)², whose minimum is 0 at x = (1, ..., 1).
// godiff writes its gradient (ExtRosenGrad) and its dense Hessian
// (ExtRosenHessian, ExtRosenHessianTo) into rosen_godiff.go.
//
//godiff:grad
//godiff:hessian
func ExtRosen(x []float64) float64 {
	s := 0.0
	for i := 0; i+1 < len(x); i++ {
		a := 1 - x[i]
		b := x[i+1] - x[i]*x[i]
		s += a*a + 100*b*b
	}
	return s
}
