package parsetest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/parse"
)

// Func parses body, the text of a file of package p after its package
// clause, as a module of its own, and returns the IR of its one annotated
// function: for tests of a transform on a function written in Go.
func Func(t testing.TB, body string) *ir.Func {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n",
		"a.go":   "package p\n" + body,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fs, err := parse.Load([]string{filepath.Join(dir, "a.go")})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || len(fs[0].Targets) != 1 {
		t.Fatalf("want one file with one annotated function")
	}
	return fs[0].Targets[0].Func
}
