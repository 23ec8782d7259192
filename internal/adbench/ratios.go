package adbench

import (
	"testing"
	"time"
)

// Form is one way of computing an objective or its derivative, timed by
// Ratios: Run makes one call.
type Form struct {
	Name string
	Run  func()
}

// Ratios times the objective (forms[0]) and each derivative form in turn,
// one call each per round, for b.N rounds, and reports each derivative's
// minimum time per call over the objective's minimum as the metric
// "<name>/obj", ADBench's measure (docs/Methodology.md keeps the minimum
// too). Alternating the forms within one run exposes them all to the same
// load of a shared machine. Each form runs once before timing starts, so a
// kept tape or buffer is in its steady state.
func Ratios(b *testing.B, forms []Form) {
	for _, f := range forms {
		f.Run()
	}
	best := make([]time.Duration, len(forms))
	for i := range best {
		best[i] = time.Duration(1<<63 - 1)
	}
	b.ResetTimer()
	for range b.N {
		for i, f := range forms {
			start := time.Now()
			f.Run()
			best[i] = min(best[i], time.Since(start))
		}
	}
	b.StopTimer()
	for i, f := range forms[1:] {
		b.ReportMetric(float64(best[i+1])/float64(best[0]), f.Name+"/obj")
	}
	b.ReportMetric(float64(best[0].Nanoseconds()), "obj-ns")
}
