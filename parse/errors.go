package parse

import (
	"cmp"
	"fmt"
	"go/token"
	"slices"
	"strings"
)

// Error is one diagnostic about user input.
type Error struct {
	Pos token.Position
	Msg string
}

// Error formats the diagnostic as "file:line:col: msg". The file name is
// printed as is; the driver rewrites it relative to the working directory.
// A position without a line (a file given on the command line) prints as
// "file: msg".
func (e Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ErrorList is every diagnostic of a run, sorted by file, line, column; it
// implements error.
type ErrorList []Error

// Error prints one diagnostic per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Sorted returns the list sorted by position, then message, without
// duplicates: go list and the type checker may report one problem twice,
// and the directives of one function may meet the same problem.
func (l ErrorList) Sorted() ErrorList {
	out := slices.Clone(l)
	slices.SortFunc(out, compareErrors)
	return slices.Compact(out)
}

func compareErrors(a, b Error) int {
	return cmp.Or(
		cmp.Compare(a.Pos.Filename, b.Pos.Filename),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Column, b.Pos.Column),
		cmp.Compare(a.Msg, b.Msg),
	)
}

// reporter records diagnostics at positions of the loaded file set, naming
// each file the way the user named it on the command line.
type reporter struct {
	fset  *token.FileSet
	names func(string) string // maps a file set's file name to the reported one
	errs  *ErrorList
}

// errorf records an error at pos.
func (r *reporter) errorf(pos token.Pos, format string, args ...any) {
	p := r.fset.Position(pos)
	p.Filename = r.names(p.Filename)
	*r.errs = append(*r.errs, Error{Pos: p, Msg: fmt.Sprintf(format, args...)})
}

// count returns the number of errors recorded so far, so that a caller can
// tell whether a step reported anything.
func (r *reporter) count() int { return len(*r.errs) }
