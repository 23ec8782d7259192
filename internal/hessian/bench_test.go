package hessian

import (
	"fmt"
	"testing"
)

// BenchmarkHessian times FHessianTo against F, FGrad and FHVP, for n
// inputs: on the extended Rosenbrock function (its Hessian HessianChunk
// columns per sweep of ExtRosenHessianVec) and on a logistic regression
// of n weights on 200 points (HessianChunk columns per sweep too, the
// tangents of the exp its gradient records kept on a tape beside it).
// The README's table is hessian/f per n.
func BenchmarkHessian(b *testing.B) {
	type problem struct {
		name    string
		f       func(x []float64) float64
		grad    func(x []float64)
		hvp     func(x, v []float64)
		hessian func(h [][]float64, x []float64)
	}
	const m = 200
	for _, n := range []int{10, 30, 100, 300} {
		a, y := logData(n, m)
		problems := []problem{
			{"ExtRosen", ExtRosen, func(x []float64) { ExtRosenGrad(x) }, func(x, v []float64) { ExtRosenHVP(x, v) }, func(h [][]float64, x []float64) { ExtRosenHessianTo(h, x) }},
			{"LogLoss", func(x []float64) float64 { return LogLoss(x, a, y, 0.1) }, func(x []float64) { LogLossGrad(x, a, y, 0.1) },
				func(x, v []float64) { LogLossHVP(x, a, y, 0.1, v) }, func(h [][]float64, x []float64) { LogLossHessianTo(h, x, a, y, 0.1) }},
		}
		x := make([]float64, n)
		v := make([]float64, n)
		for i := range x {
			x[i] = 0.5 + 0.001*float64(i)
			v[i] = 1
		}
		h := make([][]float64, n)
		for i := range h {
			h[i] = make([]float64, n)
		}
		for _, p := range problems {
			b.Run(fmt.Sprintf("%s/n=%d/f", p.name, n), func(b *testing.B) {
				for b.Loop() {
					p.f(x)
				}
			})
			b.Run(fmt.Sprintf("%s/n=%d/grad", p.name, n), func(b *testing.B) {
				for b.Loop() {
					p.grad(x)
				}
			})
			b.Run(fmt.Sprintf("%s/n=%d/hvp", p.name, n), func(b *testing.B) {
				for b.Loop() {
					p.hvp(x, v)
				}
			})
			b.Run(fmt.Sprintf("%s/n=%d/hessian", p.name, n), func(b *testing.B) {
				for b.Loop() {
					p.hessian(h, x)
				}
			})
		}
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
