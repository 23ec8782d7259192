// Package tapes holds annotated functions with the loops whose tapes the
// reverse transform keeps small: counted loops whose counters and trip
// counts the backward sweep recomputes, induction variables (k++) it steps
// back, elements read again from slices nothing overwrites, an element
// recorded once per run of the loop in which it does not change, and
// helpers whose callers leave their slices unchanged. The generated code
// is committed beside (funcs_godiff.go); the tests check each derivative
// against finite differences and forward mode, and what each tape holds,
// field by field and word by word.
//
// Regenerate with go generate ./internal/tapes.
package tapes
