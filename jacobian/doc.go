// Package jacobian builds whole Jacobians of IR functions, on top of the
// vector JVP of package forward and the split form of package reverse.
//
// For a function F of //godiff:jacobian it builds
//
//   - FJacobianTo(w *FJacobianWork, jac [][]float64, params) results: F's
//     results, and its Jacobian written into jac, using the buffers kept
//     in w (the reverse mode's tape, the tangents of slices), so that a
//     kept w and jac make the steady state allocate nothing;
//   - FJacobian(params) (results, [][]float64), which allocates the
//     Jacobian and runs FJacobianTo's computation in its own body, on
//     local buffers rather than a work (see fresh.go);
//   - the type FJacobianWork, an ir.Tape of buffers (emit writes it like
//     a tape).
//
// Row i of the Jacobian is F's i-th output, column j its j-th input. The
// outputs are F's float results (an array result element by element),
// then the slices F writes derivatives into, in parameter order: an
// output slice, or a differentiated slice it updates in place. The inputs
// are the differentiated parameters, in parameter order, each flattened:
// a float is one column, an array or slice one per element, row-major for
// nested ones, a struct one per float of its fields in field order.
//
// # Two paths
//
// Forward: sweeps of F's vector JVP (forward.Vector) with K directions
// each, the columns c..c+K-1 seeded with unit vectors, ceil(N/K) sweeps
// for N inputs; each sweep gives K columns. A slice F writes is restored
// from a copy before each sweep after the first, so that every sweep
// starts from what the caller passed.
//
// Reverse: one run of F's forward function on the tape, then one run of
// its backward function per output, seeded with that output's unit
// vector; each gives a row.
//
// Forward costs about N/K sweeps of F, reverse one sweep plus M backward
// sweeps for M outputs: the chapter's rule, forward for few inputs and
// reverse for few outputs. Mode Auto takes forward when N ≤ M. When every
// differentiated parameter and output has a size fixed by its type
// (floats, arrays) the choice is made here and only one path is built;
// with slices both are built and FJacobianTo chooses at run time from the
// actual sizes. Forward and Reverse force one path.
package jacobian
