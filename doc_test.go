package godiff

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every package of the module that users can import (not internal, not
// testdata, not the nested module extra) has a package comment, and every
// exported identifier in it a doc comment: pkg.go.dev shows them. A group
// of constants or variables may share the group's, or document each of
// its lines.
func TestExportedIdentifiersHaveDocs(t *testing.T) {
	dirs := publicDirs(t)
	if len(dirs) < 10 {
		t.Fatalf("found %d package directories (%v); the walk is broken", len(dirs), dirs)
	}
	for _, dir := range dirs {
		for _, missing := range undocumented(t, dir) {
			t.Errorf("%s: %s has no doc comment", dir, missing)
		}
	}
}

// publicDirs returns the directories of the module's packages that are
// not internal: those holding .go files outside testdata, internal,
// hidden directories and nested modules.
func publicDirs(t *testing.T) []string {
	var dirs []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		name := d.Name()
		if path != "." && (name == "testdata" || name == "internal" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil && path != "." {
			return filepath.SkipDir // a nested module: extra
		}
		if m, _ := filepath.Glob(filepath.Join(path, "*.go")); len(m) > 0 {
			dirs = append(dirs, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// undocumented returns the exported identifiers of the package in dir
// that lack a doc comment, and "package comment" if the package does.
func undocumented(t *testing.T, dir string) []string {
	fset := token.NewFileSet()
	paths, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var files []*ast.File
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil
	}
	p, err := doc.NewFromFiles(fset, files, "example.com/"+filepath.ToSlash(dir))
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	if strings.TrimSpace(p.Doc) == "" {
		missing = append(missing, "package "+p.Name)
	}
	values := func(vs []*doc.Value) {
		for _, v := range vs {
			if v.Doc == "" && !specsDocumented(v.Decl) {
				missing = append(missing, strings.Join(v.Names, ", "))
			}
		}
	}
	funcs := func(prefix string, fs []*doc.Func) {
		for _, f := range fs {
			if f.Doc == "" {
				missing = append(missing, prefix+f.Name)
			}
		}
	}
	values(p.Consts)
	values(p.Vars)
	funcs("", p.Funcs)
	for _, ty := range p.Types {
		if ty.Doc == "" {
			missing = append(missing, "type "+ty.Name)
		}
		values(ty.Consts)
		values(ty.Vars)
		funcs("", ty.Funcs)
		funcs(ty.Name+".", ty.Methods)
	}
	return missing
}

// specsDocumented reports whether every line of a const or var group has
// a comment of its own, above it or after it.
func specsDocumented(d *ast.GenDecl) bool {
	for _, s := range d.Specs {
		if v, ok := s.(*ast.ValueSpec); ok && v.Doc == nil && v.Comment == nil {
			return false
		}
	}
	return true
}
