// Command godiff writes derivatives of Go functions as Go source.
//
//	godiff [-o FILE] [-tests] [-check] [-tape] [-v] FILE.go ...
//	godiff explain [-mode grad|jvp] [-dir n=v] [-values FILE] [-digits N] -func F FILE.go [name=value ...]
//	godiff graph [-format dot|mermaid|svg|tree] [-o FILE] [-values FILE] [-digits N] -func F FILE.go [name=value ...]
//
// Pin it in your module and run it from go generate:
//
//	go get -tool github.com/godiff/godiff/cmd/godiff
//
//	//go:generate go tool godiff $GOFILE
//
// or install it on the PATH with
// go install github.com/godiff/godiff/cmd/godiff@latest and write
// //go:generate godiff $GOFILE.
//
// For every function of the files with a //godiff:grad, //godiff:vjp or
// //godiff:jvp directive in its doc comment, godiff writes the derivative
// functions into <base>_godiff.go beside the source. With -tests it also
// writes <base>_godiff_test.go, gradient checks of every derivative (see
// package github.com/godiff/godiff/testgen). With -check it writes nothing and exits 1 when
// an output is not current, for CI. With -tape it writes nothing and
// prints the report of each tape (tape.go): the "Memory:" part of the tape
// type's doc comment. The vet tool godiff-vet reports the same problems in
// go vet and the editor.
//
// The command is a thin layer over the library in the module's root
// package: it parses flags, calls godiff.Generate, then godiff.Write or
// godiff.Check, and maps the outcome to an exit status (0 success, 1 errors
// in the input or outputs not current, 2 a bad command line). Run godiff -h
// for the full usage; the README is the manual.
//
// godiff explain (explain.go) is a thin layer over package explain: it
// prints the worked pass of one annotated function at given values, its
// forward values and backward memos in the source's names (godiff explain
// -h for its usage). godiff graph (graph.go) draws the computation graph of
// one annotated function, its values and memos, with packages explain and
// graph (godiff graph -h for its usage).
package main
