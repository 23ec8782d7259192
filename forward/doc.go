// Package forward builds forward-mode derivatives (Jacobian-vector
// products) of IR functions.
//
// The function it builds runs the user's computation op for op and, right
// after each value that depends on a differentiated parameter, its tangent:
// the sum over the value's arguments of the partial derivative (from package
// rules, the same table the reverse mode reads) times the argument's
// tangent. Tangents of values that no differentiated parameter reaches are
// zero and are never computed. The cost is a small constant times the
// function's, per direction. The tangents of a struct parameter's leaves
// are the fields of one tangent struct of its type, dn *Net or dp Params.
//
// A call of numbers arrives lowered to its rule (rules.LowerCalls), whose
// partials multiply the arguments' tangents like any rule's. A call
// passing slices becomes a call of the callee's JVP, the variant with
// respect to the arguments that have tangents, which also fills the
// tangents of the slices the callee writes (splitCall).
package forward
