// Package reverse builds reverse-mode derivatives (gradients and
// vector-Jacobian products) of IR functions: backpropagation.
//
// The function it builds has two parts. The forward sweep is the user's
// computation, copied op for op so that its results are bit for bit the
// user's; every forward value the backward sweep needs stays in a named
// variable, which is the activation cache of the textbook, visible in the
// generated code. The backward sweep then visits the forward values in
// reverse order and applies the chain rule link by link: the adjoint of a
// value (dL/dv, written dv) is the sum of the contributions of its uses, and
// each contribution is the user's adjoint times a partial derivative from
// package rules.
//
// Only active values get adjoints: floats that depend on a differentiated
// parameter and influence a result. Integer code and constant subexpressions
// are left alone. Each adjoint is defined once, as an SSA value, so the
// backward sweep costs a small constant times the forward sweep, whatever
// the number of parameters.
package reverse
