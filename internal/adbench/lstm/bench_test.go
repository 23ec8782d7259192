package lstm

import (
	"testing"

	"github.com/godiff/godiff/internal/adbench"
)

// Benchmarks on ADBench's LSTM l=2 c=1024 b=14. Run:
//
//	go test -run X -bench . -benchmem ./internal/adbench/lstm
//
// The forms: Objective; Grad, ObjectiveGrad (a fresh gradient per call, on
// a tape from its pool); GradFresh, the same on a fresh tape (the first
// call's cost); Split, ObjectiveForward and ObjectiveBackward on a tape and a
// gradient buffer kept across calls (the buffer cleared each call).
// BenchmarkRatios reports each gradient's time over the objective's,
// ADBench's measure.

var sink float64

func forms(in *Instance) []adbench.Form {
	var tape ObjectiveTape
	grad := make([]float64, in.Params())
	dm, de := grad[:len(in.MainParams)], grad[len(in.MainParams):]
	return []adbench.Form{
		{Name: "Objective", Run: func() { sink += in.Objective() }},
		{Name: "Grad", Run: func() {
			f, dm, _ := ObjectiveGrad(in.L, in.C, in.B, in.MainParams, in.ExtraParams, in.State, in.Sequence)
			sink += f + dm[0]
		}},
		{Name: "GradFresh", Run: func() {
			// ObjectiveGrad's work on a fresh tape, as if the pool were empty:
			// the first call's cost.
			var t ObjectiveTape
			f := ObjectiveForward(&t, in.L, in.C, in.B, in.MainParams, in.ExtraParams, in.State, in.Sequence)
			dm, de := make([]float64, len(in.MainParams)), make([]float64, len(in.ExtraParams))
			ObjectiveBackward(&t, 1, dm, de)
			sink += f + dm[0]
		}},
		{Name: "Split", Run: func() {
			clear(grad)
			sink += ObjectiveForward(&tape, in.L, in.C, in.B, in.MainParams, in.ExtraParams, in.State, in.Sequence)
			ObjectiveBackward(&tape, 1, dm, de)
		}},
	}
}

// BenchmarkRatios times the objective and each gradient alternately in one
// run and reports gradient time / objective time (minimum per call).
func BenchmarkRatios(b *testing.B) {
	adbench.Ratios(b, forms(load(b)))
}

// BenchmarkForms times each form on its own, with its allocations.
func BenchmarkForms(b *testing.B) {
	for _, f := range forms(load(b)) {
		b.Run(f.Name, func(b *testing.B) {
			b.ReportAllocs()
			f.Run()
			for b.Loop() {
				f.Run()
			}
		})
	}
}
