package godiff

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/godiff/godiff/parse"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden with what godiff produces now")

// A golden file is a txtar archive: input.go, the source with directives;
// ir, the IR of each annotated function followed by the IR of each
// derivative it asks for; output.go, the generated file. TestGolden runs the
// pipeline on input.go and compares; with -update it rewrites ir and
// output.go instead.
func TestGolden(t *testing.T) {
	paths, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	module := t.TempDir()
	writeFile(t, filepath.Join(module, "go.mod"), "module example.com/golden\n\ngo 1.26\n")
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(module, name)
			src := filepath.Join(dir, "input.go")
			writeFile(t, src, section(t, ar, "input.go"))
			irText, output := runPipeline(t, src)
			if *update {
				setSection(ar, "ir", irText)
				setSection(ar, "output.go", string(output))
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			} else {
				compare(t, "ir", irText, section(t, ar, "ir"))
				compare(t, "output.go", string(output), section(t, ar, "output.go"))
			}
			writeFile(t, OutputPath(src), string(output))
		})
	}
	// Every generated file compiles with its source and passes go vet.
	vet := exec.Command("go", "vet", "./...")
	vet.Dir = module
	if out, err := vet.CombinedOutput(); err != nil {
		t.Errorf("go vet on the generated golden outputs: %v\n%s", err, out)
	}
}

// runPipeline returns the IR text and the generated file for one source,
// and checks that a second run gives the same bytes.
func runPipeline(t *testing.T, src string) (string, []byte) {
	files, err := parse.Load([]string{src})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	var sb strings.Builder
	for _, target := range files[0].Targets {
		sb.WriteString(target.Func.String())
		gs, err := Derive(target.Func, target.Directives)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range gs {
			sb.WriteString("\n" + g.String())
		}
		sb.WriteString("\n")
	}
	outs, err := Generate([]string{src}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	again, err := Generate([]string{src}, Options{})
	if err != nil || !bytes.Equal(outs[0].Content, again[0].Content) {
		t.Errorf("a second run generated different bytes (err %v)", err)
	}
	return sb.String(), outs[0].Content
}

func section(t *testing.T, ar *txtar.Archive, name string) string {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	t.Fatalf("golden file has no %s section (run go test -update to write it)", name)
	return ""
}

func setSection(ar *txtar.Archive, name, data string) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = []byte(data)
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
}

func compare(t *testing.T, what, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Errorf("%s differs from the golden file at line %d:\n got: %q\nwant: %q\n(run go test -update to accept the new output)", what, i+1, g, w)
			return
		}
	}
}

// generateModule writes src, the text of a file after its package clause,
// as a.go of package m in a module of its own, in dir, and runs Generate
// on it.
func generateModule(t *testing.T, src string) (outs []Output, dir string, err error) {
	t.Helper()
	dir = t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	path := filepath.Join(dir, "a.go")
	writeFile(t, path, "package m\n\n"+src)
	outs, err = Generate([]string{path}, Options{})
	return outs, dir, err
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
