package gmm

import (
	"testing"

	"github.com/godiff/godiff/internal/adbench"
)

// Benchmarks on ADBench's GMM d=2 K=5 and d=10 K=5 with 1000 points. Run:
//
//	go test -run X -bench . -benchmem ./internal/adbench/gmm
//
// The forms: Objective; Grad, ObjectiveGrad (a fresh gradient per call, on
// a tape from its pool); GradFresh, the same on a fresh tape (the first
// call's cost); Split, ObjectiveForward and ObjectiveBackward on a tape and a
// gradient buffer kept across calls (the buffer cleared each call); Fwd,
// ObjectiveForward alone on that tape (the split form's forward sweep, so
// that Split − Fwd is its backward sweep);
// Checkpointed, the same for ObjectiveCheckpointed (the loop over points
// recomputed in the backward sweep); Manual,
// the hand-written gradient; ADBenchManual, the port of ADBench's Manual
// module (manual_adbench.go). BenchmarkRatios reports each derivative's
// time over the objective's, ADBench's measure.

var benchInstances = []struct{ name, data string }{
	{"d2K5", "1k_d2_K5.txt"},
	{"d10K5", "1k_d10_K5.txt"},
}

var sink float64

// forms returns the objective and its derivatives on in, objective first.
func forms(in *Instance) []adbench.Form {
	var tape ObjectiveTape
	var ckpt ObjectiveCheckpointedTape
	grad := make([]float64, in.Params())
	da, dm, dq := grad[:in.K], grad[in.K:in.K+len(in.Means)], grad[in.K+len(in.Means):]
	return []adbench.Form{
		{Name: "Objective", Run: func() { sink += in.Objective() }},
		{Name: "Grad", Run: func() {
			f, da, _, _ := ObjectiveGrad(in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
			sink += f + da[0]
		}},
		{Name: "GradFresh", Run: func() {
			// ObjectiveGrad's work on a fresh tape, as if the pool were empty:
			// the first call's cost.
			var t ObjectiveTape
			f := ObjectiveForward(&t, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
			da, dm, dq := make([]float64, len(in.Alphas)), make([]float64, len(in.Means)), make([]float64, len(in.ICF))
			ObjectiveBackward(&t, 1, da, dm, dq)
			sink += f + da[0]
		}},
		{Name: "Split", Run: func() {
			clear(grad)
			sink += ObjectiveForward(&tape, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
			ObjectiveBackward(&tape, 1, da, dm, dq)
		}},
		{Name: "Fwd", Run: func() {
			sink += ObjectiveForward(&tape, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
		}},
		{Name: "Checkpointed", Run: func() {
			clear(grad)
			sink += ObjectiveCheckpointedForward(&ckpt, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
			ObjectiveCheckpointedBackward(&ckpt, 1, da, dm, dq)
		}},
		{Name: "Manual", Run: func() {
			sink += ManualGrad(in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart, grad)
		}},
		{Name: "ADBenchManual", Run: func() {
			sink += ADBenchManualGrad(in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart, grad)
		}},
	}
}

// BenchmarkRatios times the objective and each derivative alternately in
// one run and reports derivative time / objective time (minimum per call).
func BenchmarkRatios(b *testing.B) {
	for _, bi := range benchInstances {
		in := load(b, bi.data)
		b.Run(bi.name, func(b *testing.B) { adbench.Ratios(b, forms(in)) })
	}
}

// BenchmarkForms times each form on its own, with its allocations.
func BenchmarkForms(b *testing.B) {
	for _, bi := range benchInstances {
		in := load(b, bi.data)
		for _, f := range forms(in) {
			b.Run(bi.name+"/"+f.Name, func(b *testing.B) {
				b.ReportAllocs()
				f.Run()
				for b.Loop() {
					f.Run()
				}
			})
		}
	}
}
