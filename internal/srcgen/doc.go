// Package srcgen writes random annotated Go functions as source text, in
// the style of Csmith, to test godiff from the outside: through the real
// pipeline (parse, both transforms, emit) and the Go compiler.
//
// Generate writes one function with //godiff:grad, //godiff:vjp and
// //godiff:jvp over all its parameters, and the declarations it needs,
// named after it so that many functions share one file: helper functions
// it calls (functions of numbers, of slices, writing into slices, recursive
// with a depth parameter, of several results, methods of its struct
// parameter's type, functions of the struct, functions taking and
// returning arrays), its struct type, its package constants. The body
// draws on the whole of README's "Supported Go": float64 scalars, []float64
// slices, [2]float64 and [3]float64 arrays, an int and a struct parameter;
// every math function with a rule and the builtins min and max; + - * /;
// constant and data-dependent conditions, tests with math.IsNaN, IsInf and
// Signbit; constant folding; loops of every form with break, continue and
// return; values overwritten and dead stores; tuple assignments and swaps;
// op-assignments; in-place slice updates, local slices, copies and
// sub-slices; arrays as values (literals, copies a := b and a = b, swaps,
// a = h(b, x), element writes, range over a copy, a[:] passed for a
// slice); slice windows that move inside loops (w = xs[j : j+k],
// w = w[1:]) and buffers swapped at each step (prev, cur = cur, prev);
// guards that end the run (panic, log.Panicf) on lengths, ints and
// IsNaN/IsInf/Signbit tests, at the top of a body, in the middle, and a
// panic ending a helper; if, else if, switch.
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
//     Sin(e)), Sqrt(2 + Tanh(e)), Asin(Tanh(e)/2), Erfinv(Sin(e)/2),
//     Acosh(3 + Tanh(e)), Gamma(2 + Sin(e)), Yn(n, 2.5 + Cos(e)), divisors
//     like 2 + e*e and 1.5 + Cos(e); Abs, Max, Min, min, max, Dim,
//     Copysign, Mod, Remainder and Floor, Ceil, Trunc, Round, RoundToEven
//     add kinks and jumps that random points almost never meet, which the
//     harness recognises where they do;
//   - no guard fires on the harness's points: they test lengths and ints
//     against what the generator knows, the annotated function's
//     parameters (finite there) for NaN and infinities, and otherwise
//     conditions no float satisfies (math.IsNaN(v) && v > 0);
//   - a moving window is assigned first in its loop's body and the loop
//     runs at least once; swapped buffers have one constant or known
//     length;
//   - every local is read (Go rejects one that is not), vet finds nothing
//     to report, a constant expression assigned with := is converted to
//     float64.
//
// Program adds what the newest directives need, from a second random
// stream, so that a plain program's text does not change with them: a
// fifth of the programs have loops written to be checkpointed (a loop
// over points that overwrites a work buffer whole and only sums into the
// accumulator, marked //srcgen:ckpt; a range loop carrying float state,
// marked //srcgen:ckpt -every=K), a fifth are in the subset of
// //godiff:hvp (no helpers, no struct, no slice written), a fifth call
// GGrad and GJVP of an annotated function of floats that calls only math.
// A third stream gives half the programs of each of these kinds a newer
// construct: the loop written to be checkpointed carries its state in
// slices it updates element by element (an RNN step through a temporary,
// springs' positions and velocities; -every, -snapshots or -memory, and
// no other loop marked), G takes weight slices and F calls its GGrad or
// GVJP, or the program keeps a struct parameter, its methods and
// in-place writes and the Hessian copy differentiates the struct too,
// half the time as a method with the struct as its receiver. A fourth
// stream gives three programs in eight a construct reaching one of
// reverse mode's newer paths (see Path): a helper stepping an index
// through a triangle or by a stride, called in a loop (the counter kept as
// its block ends); a helper holding local arrays called once (inlined
// once, fixed-size stacks); a loop marked //srcgen:ckpt, plain, -every or
// -snapshots, whose body has math calls and a branch and nothing else
// (the step adjoint). A fifth stream gives one in eight of the programs
// the fourth gives none a helper taking a running maximum or minimum
// (math.Max or Min, the builtins, an if), called in a loop (the winner's
// index recorded). The summary counts, from godiff's output, the
// programs reaching each path (markPaths). Programs given none keep their
// text (TestNewerKeepText).
// Functions of one result get variants (see Variant): a copy F<n>K with
// //godiff:checkpoint on the marked loops and on some others, whose
// gradient must equal F's to 1e-12, and a copy F<n>H with //godiff:hvp
// and //godiff:hessian on its floats and slices of floats. godiff may
// refuse a variant, with a positioned message (an internal error or a
// message without position is a failure); the harness counts the
// refusals by reason and checks F without the variant.
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
