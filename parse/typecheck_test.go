package parse

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestLoadRootsParsesOnlyTheRoots checks that loading a package whose
// directory holds a generated file (so the load has an overlay) parses
// that package's files only, taking its imports (math, here) from export
// data, and still type-checks it completely.
func TestLoadRootsParsesOnlyTheRoots(t *testing.T) {
	for _, src := range []string{"../internal/checkpoint/funcs.go", "../examples/network/net.go"} {
		t.Run(filepath.Base(filepath.Dir(src)), func(t *testing.T) {
			abs, err := filepath.Abs(src)
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Dir(abs)
			overlay := generatedOverlay(dir)
			if len(overlay) == 0 {
				t.Fatalf("%s holds no generated file: the test needs an overlay", dir)
			}
			var mu sync.Mutex
			var parsed []string
			cfg := &packages.Config{
				Mode: loadMode, Dir: dir, Fset: token.NewFileSet(), Overlay: overlay,
				ParseFile: func(fset *token.FileSet, name string, src []byte) (*ast.File, error) {
					mu.Lock()
					parsed = append(parsed, name)
					mu.Unlock()
					return parser.ParseFile(fset, name, src, parser.AllErrors|parser.ParseComments)
				},
			}
			pkgs, err := loadRoots(cfg, "file="+abs)
			if err != nil {
				t.Fatal(err)
			}
			if len(pkgs) != 1 {
				t.Fatalf("loaded %d packages, want 1", len(pkgs))
			}
			pkg := pkgs[0]
			for _, e := range pkg.Errors {
				t.Errorf("unexpected error: %v", e)
			}
			for _, name := range parsed {
				if filepath.Dir(name) != dir {
					t.Errorf("parsed %s, outside the loaded package's directory", name)
				}
			}
			if len(parsed) == 0 || len(pkg.Syntax) != len(parsed) {
				t.Errorf("parsed %d files for %d syntax trees", len(parsed), len(pkg.Syntax))
			}
			// The export data load started before go list answered
			// names every import, so it is not run again.
			guessed := loadedImports{byID: make(map[string]*packages.Package)}
			for _, path := range guessImports(dir) {
				guessed.byID[path] = nil
			}
			if ids := importIDs(pkgs); !guessed.hasAll(ids) {
				t.Errorf("guessed imports %v, go list names %v", guessImports(dir), ids)
			}
			usesMath := false
			for id, obj := range pkg.TypesInfo.Uses {
				if obj.Pkg() != nil && obj.Pkg().Path() == "math" && strings.HasPrefix(obj.Name(), "E") {
					usesMath = usesMath || id.Name == obj.Name()
				}
			}
			if !usesMath || !pkg.Types.Complete() {
				t.Errorf("package not fully type-checked: uses math.E*: %v, complete: %v", usesMath, pkg.Types.Complete())
			}
		})
	}
}
