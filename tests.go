package godiff

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/parse"
	"github.com/godiff/godiff/testgen"
)

// TestPath returns the test file of an output, with its gradient checks:
// net_godiff.go → net_godiff_test.go.
func TestPath(output string) string {
	return strings.TrimSuffix(output, ".go") + "_test.go"
}

// testOutput returns the test file of a unit's output, if tests asks for
// it or a test file godiff generated is there already: once written, the
// checks are kept current by every run, so that they never test
// derivatives that are no longer generated; to stop generating them,
// delete the file. A unit without annotated functions gets an output
// without content: its test file is stale.
func testOutput(u *unit, wanted bool) (Output, bool, error) {
	path := TestPath(u.path)
	if !wanted && !generatedFileAt(path) {
		return Output{}, false, nil
	}
	out := Output{Path: path}
	for _, f := range u.files {
		out.Sources = append(out.Sources, f.Path)
	}
	if len(u.checks) == 0 {
		return out, true, nil
	}
	all, tests := declared(filepath.Dir(u.path), u.files[0].Package)
	spec := testgen.FileSpec{
		Package:         u.files[0].Package,
		BuildConstraint: u.files[0].BuildConstraint,
		Suffix:          testgen.Suffix(u.path),
		Funcs:           u.checks,
		Declared:        tests,
		Taken:           all,
	}
	content, err := testgen.File(spec)
	if err != nil {
		return Output{}, false, fmt.Errorf("internal error writing the checks %s: %v", path, err)
	}
	out.Content = content
	return out, true, nil
}

// generatedFileAt reports whether a file godiff generated is at path.
func generatedFileAt(path string) bool {
	src, err := os.ReadFile(path)
	return err == nil && parse.IsGenerated(src)
}

// declared returns the names the Go files of package pkg in dir declare
// at the top level, other than the files godiff generated: all of them,
// which the generated test file's imports must not take, and those of
// the test files beginning with godiff, the points the user gives the
// checks (godiffPoints...) and the functions whose finite differences
// they leave out (godiffNoFD...).
func declared(dir, pkg string) (all, tests map[string]bool) {
	all, tests = make(map[string]bool), make(map[string]bool)
	paths, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil || parse.IsGenerated(src) {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, src, parser.SkipObjectResolution)
		if err != nil || f.Name.Name != pkg {
			continue
		}
		for _, name := range topLevel(f) {
			all[name] = true
			if strings.HasSuffix(p, "_test.go") && strings.HasPrefix(name, "godiff") {
				tests[name] = true
			}
		}
	}
	return all, tests
}

// topLevel returns the names a file declares in its package's scope.
func topLevel(f *ast.File) []string {
	var names []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names = append(names, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
				case *ast.TypeSpec:
					names = append(names, s.Name.Name)
				}
			}
		}
	}
	return names
}

// makes reports whether a function of fs makes a slice.
func makes(fs []*ir.Func) bool {
	found := false
	for _, f := range fs {
		f.Walk(func(v *ir.Value) {
			found = found || v.Op == ir.OpMake || v.Op == ir.OpSliceLit
		})
	}
	return found
}

// exits reports whether a function of fs may call os.Exit or log.Fatal,
// which would end a test binary.
func exits(fs []*ir.Func) bool {
	found := false
	for _, f := range fs {
		f.Walk(func(v *ir.Value) {
			if h, ok := v.Aux.(*ir.Halt); ok && v.Op == ir.OpHalt {
				c := h.Call
				found = found || c.Kind == ir.HaltCall && (c.Path == "os" && c.Name == "Exit" || c.Path == "log" && strings.HasPrefix(c.Name, "Fatal"))
			}
		})
	}
	return found
}
