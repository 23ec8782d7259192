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

// BenchmarkChapterHessian times the chapter network's 9×9 Hessian, one
// sweep of LossHessianVec, against its gradient and the nine FHVP calls
// the columns would otherwise take.
func BenchmarkChapterHessian(b *testing.B) {
	p := chapterWeights
	h := make([][]float64, 9)
	for i := range h {
		h[i] = make([]float64, 9)
	}
	b.Run("f", func(b *testing.B) {
		for b.Loop() {
			Loss(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], x1, x2, target)
		}
	})
	b.Run("grad", func(b *testing.B) {
		for b.Loop() {
			LossGrad(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], x1, x2, target)
		}
	})
	b.Run("hvp×9", func(b *testing.B) {
		for b.Loop() {
			for j := range 9 {
				var v [9]float64
				v[j] = 1
				LossHVP(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], x1, x2, target, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8])
			}
		}
	})
	b.Run("hessian", func(b *testing.B) {
		for b.Loop() {
			LossHessianTo(h, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], x1, x2, target)
		}
	})
}
