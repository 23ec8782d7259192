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
//
// # Vector mode
//
// Vector (vector.go) builds the JVP along K directions at once, for the
// Jacobians of package jacobian: the forward sweep and every partial
// derivative are computed once, and each float's K tangents are a [K]T
// array (a slice's, a [][K]T). The tangent of a value is first a linear
// combination of rows of K tangents (lin.go): coefficients, which are
// scalars computed once, times rows already in memory. It is written into
// an array of its own, by one loop over the directions,
//
//	for j := range K {
//		dz[j] = x*dw[j] + w*dx[j] + db[j]
//	}
//
// only where a user needs one: a value with several users or users in
// other blocks, a store, an assignment, a call, a return. A combination
// whose rows a later statement may overwrite (an element's row of a slice
// being stored into, a variable's being assigned) is written out before
// that statement (beforeWrite). Calls go to the callees' vector JVPs,
// with the same K, named after their JVPs (dotJVPVec8).
package forward
