package gmm

import (
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// BenchmarkReplicated2_5MRatio times the objective and the checkpointed
// gradient of BenchmarkReplicated2_5M one right after the other in each
// iteration and reports their ratio. On the shared 2-core VM this project
// is measured on, the CPU time a run gets varies by up to a third from one
// second to the next (a loop of math.Exp alone varies as much), and the
// gradient's loop of small loads and stores varies more than the
// objective's, so a ratio of two benchmarks run a minute apart can be off by
// half; a ratio of neighbours in time is not. It reports the median and the
// smallest ratio of the iterations:
//
//	go test -run X -bench Replicated2_5MRatio -benchtime 9x ./internal/adbench/gmm
func BenchmarkReplicated2_5MRatio(b *testing.B) {
	in, err := Read(filepath.Join("..", "testdata", "gmm", "2.5M_d2_K5.txt"), true)
	if err != nil {
		b.Fatal(err)
	}
	var ratios []float64
	for b.Loop() {
		t0 := time.Now()
		sink += in.Objective()
		obj := time.Since(t0)
		t0 = time.Now()
		f, _, _, _ := ObjectiveCheckpointedGrad(in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
		grad := time.Since(t0)
		sink += f
		ratios = append(ratios, float64(grad)/float64(obj))
	}
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "median-grad/obj")
	b.ReportMetric(ratios[0], "min-grad/obj")
}
