// Package moving holds annotated functions whose slice variables move: a
// window walking a sequence (input = seq[t:t+b]), a state vector consumed
// from its front (s = s[1:]), two buffers swapped at each step of an
// integrator (prev, cur = cur, prev), a small recurrent network over a
// sequence, and appends onto a buffer made with the capacity they need. The derivatives godiff generates for them are committed beside
// (funcs_godiff.go); the tests check them against finite differences and
// mode against mode, and the split form's reuse of its tape without
// allocating.
//
// Regenerate with go generate ./internal/moving.
package moving

//go:generate go run github.com/godiff/godiff/cmd/godiff funcs.go
