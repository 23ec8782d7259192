package analyzer

import (
	"errors"
	"go/ast"
	"go/token"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/godiff/godiff"
	"github.com/godiff/godiff/parse"
)

// reportErrors reports godiff's diagnostics at their positions, with its
// messages. A diagnostic in a file outside the package (a callee's in
// another package) or an error without a position is reported at the
// package clause of the first source, its position kept in the message.
func reportErrors(pass *analysis.Pass, sources []*ast.File, err error) {
	var list parse.ErrorList
	if !errors.As(err, &list) {
		for _, line := range strings.Split(err.Error(), "\n") {
			pass.Reportf(sources[0].Package, "godiff: %s", line)
		}
		return
	}
	for _, e := range list {
		if pos, ok := position(pass, e.Pos); ok {
			pass.Reportf(pos, "%s", e.Msg)
			continue
		}
		pass.Reportf(sources[0].Package, "%s", e.Error())
	}
}

// reportNotCurrent reports each output that differs from what godiff
// would write: at the output's package clause if the package holds it,
// else (missing) at the first directive of its first source. The message
// gives the command that writes it, with flags.
func reportNotCurrent(pass *analysis.Pass, sources []*ast.File, outs []godiff.Output, flags string) {
	for _, o := range outs {
		why := godiff.NotCurrent(o)
		if why == "" {
			continue
		}
		srcs := make([]string, len(o.Sources))
		for i, s := range o.Sources {
			srcs[i] = filepath.Base(s)
		}
		msg := filepath.Base(why) // the output's path, from its directory on
		if i := strings.Index(why, " is "); i >= 0 {
			msg = filepath.Base(why[:i]) + why[i:]
		}
		pass.Reportf(notCurrentPos(pass, sources, o), "%s; run go generate, or godiff %s%s", msg, flags, strings.Join(srcs, " "))
	}
}

// notCurrentPos is where an output that is not current is reported.
func notCurrentPos(pass *analysis.Pass, sources []*ast.File, o godiff.Output) token.Pos {
	for _, f := range pass.Files {
		if sameFile(fileName(pass, f), o.Path) {
			return f.Package
		}
	}
	for _, f := range sources {
		if len(o.Sources) > 0 && sameFile(fileName(pass, f), o.Sources[0]) {
			if c := firstDirective(f); c != nil {
				return c.Slash
			}
			return f.Package
		}
	}
	return sources[0].Package
}

// firstDirective returns f's first //godiff: comment, or nil.
func firstDirective(f *ast.File) *ast.Comment {
	for _, g := range f.Comments {
		for _, c := range g.List {
			if strings.HasPrefix(c.Text, "//godiff:") {
				return c
			}
		}
	}
	return nil
}

// position turns a godiff position into one of the pass's file set, if
// its file is one of the package's.
func position(pass *analysis.Pass, p token.Position) (token.Pos, bool) {
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.Pos())
		if !sameFile(tf.Name(), p.Filename) || p.Line < 1 || p.Line > tf.LineCount() {
			continue
		}
		pos := tf.LineStart(p.Line)
		if p.Column > 1 && tf.Offset(pos)+p.Column-1 <= tf.Size() {
			pos += token.Pos(p.Column - 1)
		}
		return pos, true
	}
	return token.NoPos, false
}

// sameFile reports whether paths a and b name the same file, through
// relative paths and symbolic links too.
func sameFile(a, b string) bool {
	return a == b || canonical(a) == canonical(b)
}

// canonical returns path absolute and with its symbolic links resolved,
// as far as that succeeds.
func canonical(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	return path
}
