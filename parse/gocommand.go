package parse

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strings"
)

// goCommandErrors converts the error of a go list run that failed as a
// whole (a go.mod that does not parse, a go version the toolchain lacks)
// into Errors. The go command's lines with a position ("go.mod:4: ...")
// keep it, with the file relative to the directory; the others become one
// error at the package clause of the directory's first input.
func goCommandErrors(err error, g *dirGroup) []Error {
	text := err.Error()
	if _, stderr, ok := strings.Cut(text, "stderr: "); ok {
		text = stderr
	}
	var errs []Error
	var rest []string
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		line = strings.TrimSpace(line)
		if m := goPosition.FindStringSubmatch(line); m != nil {
			pos := parsePosition(m[1])
			if !filepath.IsAbs(pos.Filename) {
				pos.Filename = filepath.Join(g.dir, pos.Filename)
			}
			pos.Column = max(pos.Column, 1)
			errs = append(errs, Error{Pos: pos, Msg: m[2]})
		} else if line != "" {
			rest = append(rest, strings.TrimPrefix(line, "go: "))
		}
	}
	if len(errs) > 0 {
		return errs // the rest only introduces them ("errors parsing go.mod:")
	}
	return []Error{{Pos: packageClause(g.inputs[0].abs), Msg: "the go command cannot load the package: " + strings.Join(rest, "; ")}}
}

// goPosition matches a line of the go command's output that starts with a
// position: file:line or file:line:col.
var goPosition = regexp.MustCompile(`^([^\s:]+:\d+(?::\d+)?): (.*)$`)

// packageClause returns the position of the package name in the file abs,
// where an error about its package as a whole is reported; just the file
// if it has no package clause.
func packageClause(abs string) token.Position {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, abs, nil, parser.PackageClauseOnly)
	if err != nil || f.Name == nil || !f.Name.Pos().IsValid() {
		return token.Position{Filename: abs}
	}
	return fset.Position(f.Name.Pos())
}
