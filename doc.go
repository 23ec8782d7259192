// Package godiff is source-to-source automatic differentiation for Go.
//
// A function marked with a directive in its doc comment,
//
//	//godiff:grad w b
//	func Loss(w, b, x float64) float64 { ... }
//
// gets derivative functions written as plain Go beside it: LossGrad
// (reverse mode), LossVJP and LossJVP (forward mode), LossJacobian (either
// mode, package jacobian), LossHVP (the gradient and a Hessian-vector
// product, forward over reverse), as the directives ask. A reverse-mode
// directive also writes the split form, LossForward and LossBackward with
// the LossTape they share, for summing gradients over a mini-batch without
// allocating. The generated code imports only the standard library and is
// committed with the source, like stringer's.
//
// # The tool
//
// The godiff command (cmd/godiff) writes x_godiff.go beside each annotated
// x.go. Pin it in a module's go.mod and run it from go generate:
//
//	go get -tool github.com/godiff/godiff/cmd/godiff
//
//	//go:generate go tool godiff $GOFILE
//
// or install it (go install github.com/godiff/godiff/cmd/godiff@latest)
// and write //go:generate godiff $GOFILE. godiff -check exits 1 when an output is not current, for
// CI. The analyzer in package analyzer, run by go vet through
// cmd/godiff-vet, reports in the editor and in go vet what godiff would
// refuse, misspelled directives, and outputs not current.
//
// The package examples/network shows generated functions as they are
// called, with runnable examples; the README is the manual: the subset of
// Go godiff differentiates, custom rules, the tape's memory, known limits.
//
// # The library
//
// This package is the library behind the command: [Generate] runs the
// pipeline
//
//	parse (Go → IR) → reverse / forward (IR → IR) → jacobian → emit (IR → Go)
//
// over a set of files and returns the generated files' contents; [Write]
// and [Check] put them on disk or compare them with what is there, and
// [NotCurrent] says why one output is not current. A function godiff
// refuses is a [parse.ErrorList] of diagnostics at their positions, each
// saying what is wrong and what to do.
package godiff
