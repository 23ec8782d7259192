package godiff

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/godiff/godiff/parse"
)

// The checks the fuzz targets (fuzz_test.go) make of one run of godiff on
// one source file: the promise that godiff gives a working output or a
// positioned refusal, never a panic, an internal error or code that does
// not build.

// maxFuzzSource bounds the inputs the fuzz targets run: go list and the
// type checker on larger files make each run slow without finding more.
const maxFuzzSource = 8 << 10

// fuzzSkip reports why godiff is not run on src, or "" to run it: an input
// too large, or one that asks go list to run cgo, embed files or anything
// else a //go: directive can ask (only //go:build lines are kept), or that
// moves positions with //line, whose file names are the input's to choose.
func fuzzSkip(src []byte) string {
	if len(src) > maxFuzzSource {
		return "larger than 8 KB"
	}
	for _, bad := range []string{`"C"`, "`C`", "#cgo", "//line", "/*line", "//export", "//extern"} {
		if bytes.Contains(src, []byte(bad)) {
			return "contains " + bad
		}
	}
	for line := range bytes.Lines(src) {
		if i := bytes.Index(line, []byte("//go:")); i >= 0 && !bytes.HasPrefix(line[i:], []byte("//go:build")) {
			return "has a //go: directive other than //go:build"
		}
	}
	return ""
}

// fuzzModule writes src as f.go of a fresh module and returns its path.
func fuzzModule(t *testing.T, src []byte) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/f\n\ngo 1.26\n")
	path := filepath.Join(dir, "f.go")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// fuzzEnv keeps the go command that go/packages runs off the network and
// off the module cache's writes: an input importing a module that is not
// there must be refused, not downloaded. GODIFF_DEBUG lets a panic in a
// transform through, with its stack, rather than make it an internal
// error diagnostic.
func fuzzEnv(f *testing.F) {
	f.Setenv("GODIFF_DEBUG", "1")
	f.Setenv("GOPROXY", "off")
	f.Setenv("GOFLAGS", "-mod=readonly")
	f.Setenv("GOTOOLCHAIN", "local")
}

// checkGenerate runs Generate on the file at path twice and checks the
// outcome: a refusal is a parse.ErrorList whose every line is positioned
// in the input and none an internal error; an accepted output is
// gofmt-clean, the same bytes both times, and builds with the source (the
// type checker, "declared and not used" included) if the source builds
// (see typeCheck). It returns the output,
// nil when godiff refused.
func checkGenerate(t *testing.T, path string) []byte {
	t.Helper()
	outs, err := Generate([]string{path}, Options{})
	if err != nil {
		checkRefusal(t, path, err)
		return nil
	}
	if len(outs) != 1 {
		fuzzFail(t, path, "%d outputs for one file", len(outs))
	}
	again, err := Generate([]string{path}, Options{})
	if err != nil {
		fuzzFail(t, path, "a second run refused what the first accepted: %v", err)
	}
	out := outs[0].Content
	if !bytes.Equal(out, again[0].Content) {
		fuzzFail(t, path, "a second run generated different bytes:\n%s\n-- second --\n%s", out, again[0].Content)
	}
	if out == nil {
		return nil // no directives
	}
	formatted, err := format.Source(out)
	if err != nil {
		fuzzFail(t, path, "the output does not parse: %v\n%s", err, out)
	}
	if !bytes.Equal(formatted, out) {
		fuzzFail(t, path, "the output is not gofmt-clean:\n%s", out)
	}
	if errs := typeCheck(path, out); len(errs) > 0 {
		fuzzFail(t, path, "the output does not build with its source:\n%s\n-- output --\n%s", strings.Join(errs, "\n"), out)
	}
	return out
}

// checkRefusal checks an error of Generate: a parse.ErrorList whose
// every diagnostic is positioned (line and column) in the input file and
// is one line that is not an internal error and names a file, where it
// names one inside its message (a callee's error), in the same form as
// its position: the library's positions are absolute, and the command
// prints every one of them relative to the working directory.
func checkRefusal(t *testing.T, path string, err error) {
	t.Helper()
	var list parse.ErrorList
	if !errors.As(err, &list) {
		fuzzFail(t, path, "a refusal that is not a parse.ErrorList (%T): %v", err, err)
	}
	for _, e := range list {
		switch {
		case strings.Contains(e.Msg, "internal error"):
			fuzzFail(t, path, "internal error:\n%v", err)
		case e.Pos.Filename != path:
			fuzzFail(t, path, "a refusal positioned outside the input %s: %q", path, e.Error())
		case e.Pos.Line < 1 || e.Pos.Column < 1:
			fuzzFail(t, path, "a refusal without a line and column: %q", e.Error())
		case strings.Contains(e.Msg, "\n"):
			fuzzFail(t, path, "a refusal of several lines, the others without a position: %q", e.Error())
		case strings.Contains(strings.ReplaceAll(e.Msg, path+":", ""), filepath.Dir(path)):
			fuzzFail(t, path, "a refusal's message names a file in another form than its position does: %q", e.Error())
		}
	}
}

// typeCheck type-checks the source at path with the generated file out as
// one package and returns the errors, "declared and not used" and
// "imported and not used" among them, that the source alone does not
// have: godiff leaves type errors outside the functions it differentiates
// to the compiler, so a source that does not build makes an output that
// does not either, but the output must add no error of its own.
func typeCheck(path string, out []byte) []string {
	alone := make(map[string]bool)
	for _, e := range typeErrors(path, nil) {
		alone[e] = true
	}
	var errs []string
	for _, e := range typeErrors(path, out) {
		if !alone[e] {
			errs = append(errs, e)
		}
	}
	return errs
}

// typeErrors type-checks the source at path, with the generated file out
// unless it is nil, and returns the errors.
func typeErrors(path string, out []byte) []string {
	fset := token.NewFileSet()
	src, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
	if err != nil {
		return []string{err.Error()}
	}
	files := []*ast.File{src}
	if out != nil {
		gen, err := parser.ParseFile(fset, OutputPath(path), out, parser.ParseComments)
		if err != nil {
			return []string{err.Error()}
		}
		files = append(files, gen)
	}
	var errs []string
	conf := types.Config{
		Importer:  sharedImporter(),
		GoVersion: "go1.26",
		Error:     func(err error) { errs = append(errs, err.Error()) },
	}
	conf.Check("example.com/f", fset, files, nil)
	return errs
}

var importerOnce = sync.OnceValue(func() *lockedImporter {
	return &lockedImporter{imp: importer.ForCompiler(token.NewFileSet(), "gc", nil).(types.ImporterFrom)}
})

// sharedImporter returns one importer for the whole test process, so that
// each standard package's export data is read once, not once per input.
func sharedImporter() types.Importer { return importerOnce() }

// lockedImporter serializes an importer, whose cache is not safe for
// concurrent use.
type lockedImporter struct {
	mu  sync.Mutex
	imp types.ImporterFrom
}

func (l *lockedImporter) Import(path string) (*types.Package, error) {
	return l.ImportFrom(path, "", 0)
}

func (l *lockedImporter) ImportFrom(path, dir string, mode types.ImportMode) (*types.Package, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	pkg, err := l.imp.ImportFrom(path, dir, mode)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	return pkg, nil
}
