package godiff

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// The generated files committed in this repository (the examples and the
// test packages) are go generate output: each must be exactly what godiff
// makes of its source now. A stale one fails here with the command to run.
func TestCommittedOutputsAreCurrent(t *testing.T) {
	var outputs []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, "_godiff.go") {
			outputs = append(outputs, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(outputs) < 2 {
		t.Fatalf("found %d committed outputs (%v); the examples and test packages should have theirs", len(outputs), outputs)
	}
	for _, out := range outputs {
		src := strings.TrimSuffix(out, "_godiff.go") + ".go"
		gen, err := Generate([]string{src}, Options{})
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		for _, stale := range Check(gen) {
			t.Errorf("%s; run go generate ./%s", stale, filepath.Dir(src))
		}
	}
}
