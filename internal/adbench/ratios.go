package adbench

import (
	"runtime"
	"testing"
	"time"
)

// Form is one way of computing an objective or its derivative, timed by
// Ratios: Run makes one call.
type Form struct {
	Name string
	Run  func()
}

// minRounds is the fewest rounds Ratios times, whatever b.N: ADBench takes
// the minimum of 10 samples (docs/Methodology.md), and a benchmark whose
// round takes longer than -benchtime would otherwise get one.
const minRounds = 10

// callsPerTurn is the number of calls in a row of one form in a round
// (see Ratios).
const callsPerTurn = 3

// Ratios times the objective (forms[0]) and each derivative form in turn,
// callsPerTurn calls each per round, for max(b.N, 10) rounds, and reports each
// derivative's minimum time per call over the objective's minimum as the
// metric "<name>/obj", ADBench's measure (its methodology keeps the
// minimum too), and the objective's minimum in ns as "obj-ns". Alternating
// the forms within one run exposes them all to the same load of a shared
// machine. Each form runs once before timing starts, so a kept tape or
// buffer is in its steady state, and the garbage collector runs before
// each form's turn, so no form pays for the garbage of the one before it
// (each still pays for collections its own allocations cause). A turn is
// callsPerTurn calls in a row, each timed, as a loop calling the form
// makes them: FGrad's tapes wait in a sync.Pool, which a collection moves
// aside and a second one empties, so the first call of a turn may find
// the pool emptied by the collections before the forms before it (the
// cost of a fresh tape, which the GradFresh forms time on every call),
// and the fresh tape it allocates may start a collection that the second
// call runs into; the third finds the tape given back, on a quiet heap. The
// built-in ns/op is left out (a round's time means little); B/op and
// allocs/op are per round, all forms together (BenchmarkForms has them
// form by form).
func Ratios(b *testing.B, forms []Form) {
	for _, f := range forms {
		f.Run()
	}
	best := make([]time.Duration, len(forms))
	for i := range best {
		best[i] = time.Duration(1<<63 - 1)
	}
	rounds := max(b.N, minRounds)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for range rounds {
		for i, f := range forms {
			runtime.GC()
			for range callsPerTurn {
				start := time.Now()
				f.Run()
				best[i] = min(best[i], time.Since(start))
			}
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(rounds), "B/op")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(rounds), "allocs/op")
	for i, f := range forms[1:] {
		b.ReportMetric(float64(best[i+1])/float64(best[0]), f.Name+"/obj")
	}
	b.ReportMetric(float64(best[0].Nanoseconds()), "obj-ns")
}
