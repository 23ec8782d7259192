// Package realgo holds annotated functions written the way numeric Go is
// written outside godiff: guards that end the run (a panic on a wrong
// length, log.Panicf, a panic at the end of a switch), nil checks of
// optional slices, tests of values with math.IsNaN, IsInf and Signbit,
// the builtins min, max, cap and clear, and gonum's helpers that write into
// dst and return it (dst.go). The derivatives godiff generates
// for them are committed beside (guards_godiff.go); the tests check them
// against finite differences, mode against mode, values bit for bit, and
// that a guard ends the generated functions' runs with the message it ends
// the function's.
//
// Regenerate with go generate ./internal/realgo.
package realgo

//go:generate go run github.com/godiff/godiff/cmd/godiff guards.go
//go:generate go run github.com/godiff/godiff/cmd/godiff builtins.go
//go:generate go run github.com/godiff/godiff/cmd/godiff dst.go
