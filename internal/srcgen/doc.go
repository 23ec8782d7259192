// Package srcgen writes random annotated Go functions as source text, in
// the style of Csmith, to test godiff from the outside: through the real
// pipeline (parse, both transforms, emit) and the Go compiler.
//
// Generate writes one function with //godiff:grad, //godiff:vjp and
// //godiff:jvp over all its parameters, and the declarations it needs,
// named after it so that many functions share one file: helper functions
// it calls (functions of numbers, of slices, writing into slices, recursive
// with a depth parameter, of several results, methods of its struct
// parameter's type, functions of the struct), its struct type, its package
// constants. The body draws on the whole of README's "Supported Go":
// float64 scalars and []float64 slices, an int and a struct parameter;
// every math function with a rule; + - * /; constant and data-dependent
// conditions; constant folding; loops of every form with break, continue
// and return; values overwritten and dead stores; tuple assignments and
// swaps; op-assignments; in-place slice updates, local slices, copies and
// sub-slices; if, else if, switch.
//
// The generated code is correct Go by construction, and F is finite and
// well defined at moderate inputs:
//
//   - every index is in bounds: the generator knows each slice's length
//     (parameters have fixed lengths the harness passes) and each loop
//     counter's range, and indexes only with constants below the length,
//     len(s)-1 and counters known to be in range;
//   - every loop terminates: bounds are constants, lengths or the int
//     parameter; a condition-only or bare loop increments its counter
//     first, so a continue cannot skip it; recursion takes its depth from
//     a constant and decreases it;
//   - every math function is called inside its smooth domain: Log(2 +
//     Sin(e)), Sqrt(2 + Tanh(e)), Asin(Tanh(e)/2), divisors like 2 + e*e
//     and 1.5 + Cos(e); Abs, Max and Min add kinks, which the harness
//     recognises;
//   - every local is read (Go rejects one that is not), vet finds nothing
//     to report, a constant expression assigned with := is converted to
//     float64.
//
// Each feature is a field of Config, so a class of failures can be
// isolated by switching features off.
//
// MainFile writes the program that checks the generated derivatives of a
// batch of functions; the harness in srcgen_test.go runs godiff on a
// batch in a temporary module, builds, vets and runs it, and reports every
// failure with the function's source and the command that checks it
// alone. See README "Tests".
package srcgen
