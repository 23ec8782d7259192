//go:build race

package fdcheck

// Race reports whether the race detector is on. Under it, slices.Grow
// allocates a temporary slice as well as the one it returns (the compiler
// no longer folds append(s, make([]T, n)...)), so that a fresh tape's
// stacks cost up to twice the allocations: tests of allocation counts
// allow for it.
const Race = true
