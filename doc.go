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
// product, forward over reverse), as the directives ask. This package is the
// library behind the godiff command: [Generate] runs the pipeline
//
//	parse (Go → IR) → reverse / forward (IR → IR) → jacobian → emit (IR → Go)
//
// over a set of files and returns the generated files' contents; [Write]
// and [Check] put them on disk or compare them with what is there.
package godiff
