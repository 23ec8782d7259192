package adbench

import (
	"reflect"
	"runtime"
)

// FreshCost runs run (one gradient on a fresh tape, returning the tape's
// Bytes) a few times and returns the fewest allocations and bytes one run
// made, as the runtime counts them (bytes rounded up to its size classes),
// and the tape's Bytes. The fewest, since another goroutine (the testing
// package's) may allocate during a run.
func FreshCost(run func() int) (allocs, bytes uint64, tapeBytes int) {
	run()
	allocs, bytes = ^uint64(0), ^uint64(0)
	var before, after runtime.MemStats
	for range 5 {
		runtime.ReadMemStats(&before)
		tapeBytes = run()
		runtime.ReadMemStats(&after)
		allocs = min(allocs, after.Mallocs-before.Mallocs)
		bytes = min(bytes, after.TotalAlloc-before.TotalAlloc)
	}
	return allocs, bytes, tapeBytes
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
