package hessian

import (
	"fmt"
	"testing"
)

// BenchmarkHessian times FHessianTo against F, FGrad and FHVP on the
// extended Rosenbrock function: n columns of FHVP each.
func BenchmarkHessian(b *testing.B) {
	for _, n := range []int{10, 100} {
		x := make([]float64, n)
		v := make([]float64, n)
		for i := range x {
			x[i] = 0.5 + 0.001*float64(i)
			v[i] = 1
		}
		_, _, h := ExtRosenHessian(x)
		b.Run(fmt.Sprintf("n=%d/f", n), func(b *testing.B) {
			for b.Loop() {
				ExtRosen(x)
			}
		})
		b.Run(fmt.Sprintf("n=%d/grad", n), func(b *testing.B) {
			for b.Loop() {
				ExtRosenGrad(x)
			}
		})
		b.Run(fmt.Sprintf("n=%d/hvp", n), func(b *testing.B) {
			for b.Loop() {
				ExtRosenHVP(x, v)
			}
		})
		b.Run(fmt.Sprintf("n=%d/hessian", n), func(b *testing.B) {
			for b.Loop() {
				ExtRosenHessianTo(h, x)
			}
		})
	}
}
