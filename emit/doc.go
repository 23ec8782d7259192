// Package emit turns IR functions (package godiff/ir) back into Go source.
//
// Emit knows no calculus: it prints whatever the transforms built, and its
// whole job is to make that read like Go a person wrote. The forward sweep of
// a generated function should be recognisable as the user's own function and
// the backward sweep as the chain rule written out by hand.
//
// # From SSA values to statements
//
// Every IR value is defined once. Emit decides, value by value, whether it
// becomes a statement or is written in place into the expression of its one
// user:
//
//   - a parameter is referred to by its name and never declared;
//   - an unnamed constant is always written in place as a literal;
//   - a value with a source name becomes `name := expr`; a name the function
//     already gave to an earlier value gets a number (yhat, yhat2, yhat3);
//   - an unnamed value used more than once becomes a temporary, t1 := expr
//     (c1, c2, ... for booleans);
//   - an unnamed value used once is written into its user, with parentheses
//     exactly where Go's precedence needs them to keep the IR's tree, since
//     floating-point evaluation order matters;
//   - a select is always a statement, `v := y` or `var v float64` followed by
//     `if c { v = x }`, and a chain of selects is an else-if chain;
//   - dead values are skipped.
//
// # Exactness
//
// Go evaluates constant expressions exactly at compile time, unlike the
// machine arithmetic of the IR, so emit never writes an operation whose
// operands are all literals: meeting one is a broken invariant and an error.
// Literals are written in Go's shortest round-trip form for their type, and
// the special floats as calls (math.Inf(1), math.NaN(), math.Copysign(0, -1)).
//
// # Files
//
// [File] renders a whole file: the [Header] line, an optional build
// constraint, the package clause, the imports (only the standard library
// packages the calls name) and the functions, formatted by go/format. The
// output is deterministic: the same spec gives the same bytes.
package emit
