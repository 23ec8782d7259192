// Command godiff writes derivatives of Go functions as Go source.
//
//	godiff [-o FILE] [-tests] [-check] [-v] FILE.go ...
//
// For every function of the files with a //godiff:grad, //godiff:vjp or
// //godiff:jvp directive in its doc comment, godiff writes the derivative
// functions into <base>_godiff.go beside the source. With -tests it also
// writes <base>_godiff_test.go, gradient checks of every derivative (see
// package godiff/testgen). With -check it writes nothing and exits 1 when
// an output is not current, for CI.
//
// The command is a thin layer over the library in the module's root
// package: it parses flags, calls godiff.Generate, then godiff.Write or
// godiff.Check, and maps the outcome to an exit status (0 success, 1 errors
// in the input or outputs not current, 2 a bad command line). Run godiff -h
// for the full usage; the README is the manual.
package main
