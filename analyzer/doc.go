// Package analyzer is godiff as a go/analysis analyzer: it reports in
// go vet, gopls and golangci-lint what the godiff command would refuse,
// where it lies, before go generate runs.
//
// [Analyzer] (named "godiff") reports, at their positions:
//
//   - an annotated function godiff cannot differentiate, with godiff's own
//     message (the analyzer runs the library, [godiff.Generate], on the
//     package's annotated files; it checks nothing of its own);
//   - a malformed directive: an unknown verb (//godiff:gard), a parameter
//     name the function does not have, a directive outside a doc comment
//     (godiff's messages too), and a line that looks like a misspelled
//     directive, which godiff would silently ignore (//godif:grad,
//     // godiff:grad), with a suggested fix;
//   - a generated _godiff.go file that is not current against its source:
//     out of date, missing, or left over after its directives went (what
//     godiff -check reports, from [godiff.NotCurrent]).
//
// The command godiff-vet (cmd/godiff-vet) runs it alone:
//
//	go vet -vettool=$(which godiff-vet) ./...
//
// A multichecker or a golangci-lint plugin adds [Analyzer] to its list.
//
// Test files are not inputs of godiff and are not checked; a package of
// several annotated files is checked file by file, as go generate runs
// godiff, unless it holds one godiff output that no source names by
// default, which is then taken for the -o output of all of them.
package analyzer
