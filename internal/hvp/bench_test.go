package hvp

import (
	"fmt"
	"testing"
)

// BenchmarkHVP times FHVP against FGrad on the extended Rosenbrock
// function (straight-line loop), LogSumExp (a loop recording on the
// tape, whose tangent is a parallel stack), and functions calling
// helpers FHVP inlines: CrossEntropy, LogLoss (7 rows of n features),
// Layers (a buffer made per iteration) and a method, NetLoss.
func BenchmarkHVP(b *testing.B) {
	for _, n := range []int{10, 1000} {
		x := make([]float64, n)
		v := make([]float64, n)
		for i := range x {
			x[i] = 0.5 + 0.001*float64(i)
			v[i] = 1
		}
		b.Run(fmt.Sprintf("ExtRosen/n=%d/grad", n), func(b *testing.B) {
			for b.Loop() {
				ExtRosenGrad(x)
			}
		})
		b.Run(fmt.Sprintf("ExtRosen/n=%d/hvp", n), func(b *testing.B) {
			for b.Loop() {
				ExtRosenHVP(x, v)
			}
		})
		b.Run(fmt.Sprintf("LogSumExp/n=%d/grad", n), func(b *testing.B) {
			for b.Loop() {
				LogSumExpGrad(x)
			}
		})
		b.Run(fmt.Sprintf("LogSumExp/n=%d/hvp", n), func(b *testing.B) {
			for b.Loop() {
				LogSumExpHVP(x, v)
			}
		})
		b.Run(fmt.Sprintf("CrossEntropy/n=%d/grad", n), func(b *testing.B) {
			for b.Loop() {
				CrossEntropyGrad(x)
			}
		})
		b.Run(fmt.Sprintf("CrossEntropy/n=%d/hvp", n), func(b *testing.B) {
			for b.Loop() {
				CrossEntropyHVP(x, v)
			}
		})
		a, y := logData(n)
		b.Run(fmt.Sprintf("LogLoss/n=%d/grad", n), func(b *testing.B) {
			for b.Loop() {
				LogLossGrad(x, a, y)
			}
		})
		b.Run(fmt.Sprintf("LogLoss/n=%d/hvp", n), func(b *testing.B) {
			for b.Loop() {
				LogLossHVP(x, a, y, v)
			}
		})
		b.Run(fmt.Sprintf("Layers/n=%d/grad", n), func(b *testing.B) {
			for b.Loop() {
				LayersGrad(x, 0.7)
			}
		})
		b.Run(fmt.Sprintf("Layers/n=%d/hvp", n), func(b *testing.B) {
			for b.Loop() {
				LayersHVP(x, 0.7, v, 1)
			}
		})
		net := &Net{W: x, C: 0.8}
		dir := &Net{W: v, C: 1}
		b.Run(fmt.Sprintf("NetLoss/n=%d/grad", n), func(b *testing.B) {
			for b.Loop() {
				net.LossGrad(x)
			}
		})
		b.Run(fmt.Sprintf("NetLoss/n=%d/hvp", n), func(b *testing.B) {
			for b.Loop() {
				net.LossHVP(x, dir, v)
			}
		})
	}
}
