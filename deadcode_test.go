package godiff

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Every unexported function and type a committed output declares is used
// by its package: godiff writes no derivative that nothing calls (a
// Jacobian sharing a split form once asked again for its callees'
// derivatives, unfixed, and wrote 600 dead lines into BA's output).
func TestOutputsDeclareNothingUnused(t *testing.T) {
	byDir := make(map[string][]string) // directory → its committed outputs
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, "_godiff.go") {
			byDir[filepath.Dir(path)] = append(byDir[filepath.Dir(path)], path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	dirs := make([]string, 0, len(byDir))
	for dir := range byDir {
		dirs = append(dirs, dir)
	}
	slices.Sort(dirs)
	for _, dir := range dirs {
		for _, name := range unusedDecls(t, dir, byDir[dir]) {
			t.Errorf("%s declares %s, which nothing in %s uses", name[1], name[0], dir)
		}
	}
}

// unusedDecls returns the unexported package-level functions and types
// that the outputs in dir declare and no file of dir mentions, as pairs
// of the name and its output.
func unusedDecls(t *testing.T, dir string, outputs []string) [][2]string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	declared := make(map[*ast.Ident]string) // a declaration's name → its output
	uses := make(map[string]int)            // name → mentions other than declarations
	var parsed []*ast.File
	for _, path := range files {
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
		if !slices.Contains(outputs, path) {
			continue
		}
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if decl.Recv == nil && !decl.Name.IsExported() {
					declared[decl.Name] = path
				}
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					if ts, ok := spec.(*ast.TypeSpec); ok && !ts.Name.IsExported() {
						declared[ts.Name] = path
					}
				}
			}
		}
	}
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && declared[id] == "" {
				uses[id.Name]++
			}
			return true
		})
	}
	var unused [][2]string
	for id, path := range declared {
		if uses[id.Name] == 0 {
			unused = append(unused, [2]string{id.Name, path})
		}
	}
	slices.SortFunc(unused, func(a, b [2]string) int { return strings.Compare(a[1]+a[0], b[1]+b[0]) })
	return unused
}
