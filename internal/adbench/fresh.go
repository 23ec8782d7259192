package adbench

import (
	"reflect"
	"runtime"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// FreshRun is what one gradient on a fresh tape reports to CheckFresh.
type FreshRun struct {
	TapeBytes int // the tape's Bytes after the run
	Fields    int // its slice fields, SliceFields
	Results   int // how many slices the gradient returns
	Floats    int // the numbers in them
}

// CheckFresh checks that a gradient on a fresh tape allocates a bounded
// number of buffers, the same at both sizes (no stack grows by doubling or
// per call of a callee): at most 2 per slice field of the tape plus the
// results, and, at the larger size, at most 10% and 16 kB more bytes than
// the tape's Bytes and the results (the runtime's size classes round up; a
// stack grown by doubling would leave up to half its capacity unused and
// its earlier arrays behind). run(size) runs the gradient once on a fresh
// tape; sizes are the small and the full size, named by unit in messages.
// Under the race detector slices.Grow allocates twice (see fdcheck.Race),
// so the bounds double.
func CheckFresh(t *testing.T, name, unit string, sizes [2]int, run func(size int) FreshRun) {
	t.Helper()
	race := 1.0
	if fdcheck.Race {
		race = 2
	}
	var counts [2]uint64
	for i, size := range sizes {
		var r FreshRun
		allocs, bytes := freshCost(func() { r = run(size) })
		resultBytes := 8 * r.Floats
		t.Logf("%s, %d %s: %d allocations, %d bytes; Bytes %d, results %d", name, size, unit, allocs, bytes, r.TapeBytes, resultBytes)
		if most := race * float64(2*r.Fields+r.Results); float64(allocs) > most {
			t.Errorf("%s, %d %s: a fresh tape allocates %d times, want at most %v (the tape has %d slices, each allocated once, a callee's twice, and %d results)", name, size, unit, allocs, most, r.Fields, r.Results)
		}
		if most := race * (1.1*float64(r.TapeBytes+resultBytes) + 16<<10); i == 1 && float64(bytes) > most {
			t.Errorf("%s, %d %s: a fresh tape allocates %d bytes, want at most %.0f (its Bytes %d and the results' %d, +10%% and 16 kB)", name, size, unit, bytes, most, r.TapeBytes, resultBytes)
		}
		counts[i] = allocs
	}
	if counts[0] != counts[1] {
		t.Errorf("%s: a fresh tape allocates %d times for %d %s, %d for %d: allocations grow with the size", name, counts[0], sizes[0], unit, counts[1], sizes[1])
	}
}

// freshCost runs run a few times and returns the fewest allocations and
// bytes one run made, as the runtime counts them (bytes rounded up to its
// size classes). The fewest, since another goroutine (the testing
// package's) may allocate during a run.
func freshCost(run func()) (allocs, bytes uint64) {
	run()
	allocs, bytes = ^uint64(0), ^uint64(0)
	var before, after runtime.MemStats
	for range 5 {
		runtime.ReadMemStats(&before)
		run()
		runtime.ReadMemStats(&after)
		allocs = min(allocs, after.Mallocs-before.Mallocs)
		bytes = min(bytes, after.TotalAlloc-before.TotalAlloc)
	}
	return allocs, bytes
}

// SliceFields counts the slice fields of the struct type of tape (a
// pointer to a generated tape) and of the callee tapes it holds: the
// buffers a fresh tape may allocate. The forward and backward sweeps
// allocate each at most once, and a callee's stacks at most twice (at the
// callee's first call, then for the calls its caller made room for).
func SliceFields(tape any) int {
	var count func(t reflect.Type) int
	count = func(t reflect.Type) int {
		n := 0
		for i := range t.NumField() {
			switch f := t.Field(i).Type; f.Kind() {
			case reflect.Struct:
				n += count(f)
			case reflect.Slice:
				n++
			}
		}
		return n
	}
	return count(reflect.TypeOf(tape).Elem())
}
