// Package parse turns annotated Go source into godiff's IR.
//
// It is the only part of godiff that reads go/ast. [Load] loads and
// type-checks the packages holding the given files (with
// golang.org/x/tools/go/packages), finds the //godiff: directives on their
// functions, checks that each annotated function stays inside the subset of
// Go that godiff can differentiate, and builds the function's IR with an
// [ir.Builder].
//
// # Directives
//
// A directive is a line comment in the doc comment of a top-level function:
//
//	//godiff:grad w1 w2   gradient of the single float result
//	//godiff:vjp          vector-Jacobian product (reverse mode)
//	//godiff:jvp x        Jacobian-vector product (forward mode)
//
// The names after the verb are the parameters to differentiate with respect
// to; with none, every float64 and float32 parameter is differentiated.
// Functions without a directive are ignored, bodies included.
//
// # The subset
//
// For now the body must be straight-line code on float and integer values:
// assignments, var declarations, arithmetic, conversions and calls of the
// math functions that have derivative rules, ending in a return. Everything
// else is reported with its position and a hint of what to do instead. The
// user's computation is kept operation for operation (the builder's
// simplifier is off), so that the generated code computes the same values,
// bit for bit, as the source.
//
// # Generated files
//
// godiff writes its output next to its input, in the same package. A stale
// output may no longer compile against an edited input, so before loading a
// directory, Load overlays every file carrying godiff's "Code generated"
// header with an empty file of the same package.
//
// # Errors
//
// Problems in the user's input are values ([Error], collected in an
// [ErrorList]), all of them per run, sorted by position. Panics are kept for
// broken invariants of godiff itself.
package parse
