package gmm

import (
	"slices"
	"sync"
	"testing"

	"github.com/godiff/godiff/internal/adbench"
	"github.com/godiff/godiff/internal/fdcheck"
)

// gradOf is one ObjectiveGrad call's results.
type gradOf struct {
	f          float64
	da, dm, dq []float64
}

// namedInstance is an instance and what it is, for messages.
type namedInstance struct {
	name string
	*Instance
}

// gradInputs returns instances of both sizes, each also with its alphas
// scaled, so that consecutive calls reuse a tape filled for another shape.
func gradInputs(t *testing.T) []namedInstance {
	var ins []namedInstance
	for _, bi := range benchInstances {
		in := load(t, bi.data)
		scaled := *in
		scaled.Alphas = slices.Clone(in.Alphas)
		for i := range scaled.Alphas {
			scaled.Alphas[i] *= 1.5
		}
		ins = append(ins, namedInstance{bi.name, in}, namedInstance{bi.name + " alphas×1.5", &scaled})
	}
	return ins
}

func grad(in namedInstance) gradOf {
	f, da, dm, dq := ObjectiveGrad(in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
	return gradOf{f: f, da: da, dm: dm, dq: dq}
}

// ObjectiveGrad reuses tapes from a pool: calls from many goroutines at
// once, on inputs of different shapes, give bit for bit what one call at
// a time on a fresh tape gives (run it with -race too).
func TestGradConcurrentSameAsSequential(t *testing.T) {
	ins := gradInputs(t)
	want := make([]gradOf, len(ins))
	for i, in := range ins {
		var tape ObjectiveTape
		want[i].f = ObjectiveForward(&tape, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
		want[i].da, want[i].dm, want[i].dq = make([]float64, len(in.Alphas)), make([]float64, len(in.Means)), make([]float64, len(in.ICF))
		ObjectiveBackward(&tape, 1, want[i].da, want[i].dm, want[i].dq)
	}
	const goroutines, calls = 8, 6
	var wg sync.WaitGroup
	errs := make(chan string, goroutines*calls)
	for g := range goroutines {
		wg.Go(func() {
			for c := range calls {
				i := (g + c) % len(ins)
				got := grad(ins[i])
				if got.f != want[i].f || !slices.Equal(got.da, want[i].da) || !slices.Equal(got.dm, want[i].dm) || !slices.Equal(got.dq, want[i].dq) {
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

// In steady state ObjectiveGrad allocates only its three results: its
// tape comes from the pool, filled by the call before. (Under the race
// detector a sync.Pool drops some tapes it is given, so a call may make a
// fresh one: at most the fresh tape's allocations then.)
func TestGradAllocatesOnlyItsResults(t *testing.T) {
	for _, in := range gradInputs(t)[:3:3] {
		run := func() { grad(in) }
		run()
		most := 3.0
		if fdcheck.Race {
			most = 3 + 80
		}
		if n := testing.AllocsPerRun(20, run); n > most {
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
		ObjectiveForward(&tape, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
		args := [][]float64{in.Alphas, in.Means, in.ICF, in.X}
		if refs := adbench.RefsInto(&tape, args...); len(refs) == 0 {
			t.Errorf("%s: a filled tape refers to none of the arguments; the check sees nothing", in.name)
		}
		tape.clearRefs()
		if refs := adbench.RefsInto(&tape, args...); len(refs) > 0 {
			t.Errorf("%s: after clearRefs the tape still refers to the arguments at %d places: %v...", in.name, len(refs), refs[:min(3, len(refs))])
		}
		var ckpt ObjectiveCheckpointedTape
		ObjectiveCheckpointedForward(&ckpt, in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
		ckpt.clearRefs()
		if refs := adbench.RefsInto(&ckpt, args...); len(refs) > 0 {
			t.Errorf("%s: after clearRefs the checkpointed tape still refers to the arguments at %d places: %v...", in.name, len(refs), refs[:min(3, len(refs))])
		}
	}
}
