package parse

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"github.com/godiff/godiff/emit"
)

// generatedHeader marks the files godiff writes (package emit writes it).
// Go's convention is a line "// Code generated ... DO NOT EDIT." before the
// package clause; godiff recognises only its own, so that other generators'
// files are loaded as they are and never overwritten.
const generatedHeader = emit.Header

// IsGenerated reports whether src is a file godiff generated: one with
// godiff's header before its package clause.
func IsGenerated(src []byte) bool {
	_, ok := generatedPackage(src)
	return ok
}

// generatedPackage reports whether src is a file godiff generated, and
// returns its package name. A file that does not parse up to its package
// clause is not one of godiff's.
func generatedPackage(src []byte) (pkg string, ok bool) {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.PackageClauseOnly|parser.ParseComments)
	if err != nil {
		return "", false
	}
	for _, g := range f.Comments {
		if g.Pos() > f.Package {
			break
		}
		for _, c := range g.List {
			if c.Text == generatedHeader {
				return f.Name.Name, true
			}
		}
	}
	return "", false
}

// isGeneratedFile reports whether the file at path is one godiff generated.
func isGeneratedFile(path string) bool {
	src, err := os.ReadFile(path)
	return err == nil && IsGenerated(src)
}

// generatedOverlay returns a go/packages overlay that empties every file of
// dir that godiff generated. Such a file may be stale (written for an older
// version of its source) and fail to type-check, which must not stop godiff
// from regenerating it; emptied, it still declares its package and keeps
// its build constraint, so the directory's file list does not change (the
// output of a //go:build ignore program stays out of the package too).
func generatedOverlay(dir string) map[string][]byte {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil // go list reports the unreadable directory
	}
	overlay := make(map[string][]byte)
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		src, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		if pkg, ok := generatedPackage(src); ok {
			overlay[path] = []byte(generatedHeader + "\n\n" + constraintLine(src) + "package " + pkg + "\n")
		}
	}
	if src := stubs(dir); src != "" {
		overlay[filepath.Join(dir, stubFile)] = []byte(src)
	}
	return overlay
}

// constraintLine returns the //go:build line of the file src followed by a
// blank line, or "".
func constraintLine(src []byte) string {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.PackageClauseOnly|parser.ParseComments)
	if err != nil {
		return ""
	}
	if expr := buildConstraint(f); expr != "" {
		return "//go:build " + expr + "\n\n"
	}
	return ""
}
