package hvp

import (
	"fmt"
	"testing"
)

// BenchmarkHVP times FHVP against FGrad on the extended Rosenbrock
// function (straight-line loop) and LogSumExp (a loop recording on the
// tape, whose tangent is a parallel stack).
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
	}
}
