// Package calls holds annotated functions that call other functions, with
// the derivatives godiff generates for them committed beside
// (funcs_godiff.go): helpers calling helpers, recursion, mutual recursion,
// calls in loops, custom //godiff:rule functions for a function of the
// package and for one of package math, and calls that stay as they are
// because no derivative flows through them. The tests check every
// generated derivative against finite differences and mode against mode.
//
// Regenerate with go generate ./internal/calls.
package calls

//go:generate go run github.com/godiff/godiff/cmd/godiff funcs.go
