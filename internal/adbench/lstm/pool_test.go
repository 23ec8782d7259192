package lstm

import (
	"slices"
	"sync"
	"testing"

	"github.com/godiff/godiff/internal/adbench"
	"github.com/godiff/godiff/internal/fdcheck"
)

// gradOf is one ObjectiveGrad call's results.
type gradOf struct {
	f      float64
	dm, de []float64
}

// namedInstance is an instance and what it is, for messages.
type namedInstance struct {
	name string
	*Instance
}

// gradInputs returns the instance, its first 300 characters only, and the
// instance with its main parameters scaled, so that consecutive calls
// reuse a tape filled for another shape.
func gradInputs(t *testing.T) []namedInstance {
	in := load(t)
	short := *in
	short.C = 300
	short.Sequence = in.Sequence[:short.C*in.B]
	scaled := *in
	scaled.MainParams = slices.Clone(in.MainParams)
	for i := range scaled.MainParams {
		scaled.MainParams[i] *= 0.9
	}
	return []namedInstance{{"c=1024", in}, {"c=300", &short}, {"main params×0.9", &scaled}}
}

func grad(in namedInstance) gradOf {
	f, dm, de := ObjectiveGrad(in.L, in.C, in.B, in.MainParams, in.ExtraParams, in.State, in.Sequence)
	return gradOf{f, dm, de}
}

// ObjectiveGrad reuses tapes from a pool: calls from several goroutines at
// once, on inputs of different shapes, give bit for bit what one call at a
// time on a fresh tape gives (run it with -race too).
func TestGradConcurrentSameAsSequential(t *testing.T) {
	ins := gradInputs(t)
	want := make([]gradOf, len(ins))
	for i, in := range ins {
		var tape ObjectiveTape
		want[i].f = ObjectiveForward(&tape, in.L, in.C, in.B, in.MainParams, in.ExtraParams, in.State, in.Sequence)
		want[i].dm, want[i].de = make([]float64, len(in.MainParams)), make([]float64, len(in.ExtraParams))
		ObjectiveBackward(&tape, 1, want[i].dm, want[i].de)
	}
	const goroutines, calls = 4, 3
	var wg sync.WaitGroup
	errs := make(chan string, goroutines*calls)
	for g := range goroutines {
		wg.Go(func() {
			for c := range calls {
				i := (g + c) % len(ins)
				got := grad(ins[i])
				if got.f != want[i].f || !slices.Equal(got.dm, want[i].dm) || !slices.Equal(got.de, want[i].de) {
					errs <- ins[i].name
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for name := range errs {
		t.Errorf("ObjectiveGrad on %s from concurrent goroutines differs from a sequential call on a fresh tape", name)
	}
}

// In steady state ObjectiveGrad allocates only its two results: its tape
// comes from the pool, filled by the call before. (Under the race
// detector a sync.Pool drops some tapes it is given: at most a fresh
// tape's allocations then.)
func TestGradAllocatesOnlyItsResults(t *testing.T) {
	for _, in := range gradInputs(t)[:2] {
		run := func() { grad(in) }
		run()
		most := 2.0
		if fdcheck.Race {
			most = 2 + 400
		}
		if n := testing.AllocsPerRun(10, run); n > most {
			t.Errorf("%s: ObjectiveGrad allocates %v times per call in steady state, want at most %v", in.name, n, most)
		}
	}
}

// A tape goes back to the pool holding none of the caller's memory: after
// clearRefs nothing reachable from it points into the arguments, though
// a filled tape does (the check can fail).
func TestClearRefsDropsCallersMemory(t *testing.T) {
	for _, in := range gradInputs(t) {
		var tape ObjectiveTape
		ObjectiveForward(&tape, in.L, in.C, in.B, in.MainParams, in.ExtraParams, in.State, in.Sequence)
		args := [][]float64{in.MainParams, in.ExtraParams, in.State, in.Sequence}
		if refs := adbench.RefsInto(&tape, args...); len(refs) == 0 {
			t.Errorf("%s: a filled tape refers to none of the arguments; the check sees nothing", in.name)
		}
		tape.clearRefs()
		if refs := adbench.RefsInto(&tape, args...); len(refs) > 0 {
			t.Errorf("%s: after clearRefs the tape still refers to the arguments at %d places: %v...", in.name, len(refs), refs[:min(3, len(refs))])
		}
	}
}
