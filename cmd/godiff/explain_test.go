package main

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the goldens in testdata (explain's and -tape's) with what godiff prints now")

// An explain golden file is a txtar archive: args, the arguments of godiff
// explain, one per line; the files of a module to run it in (input.go,
// values.json, ...), or none to run it here, in cmd/godiff, on the
// repository's own files (../../examples/chapter/net.go); and what it
// printed: stdout, stderr and its exit status. TestExplainGolden runs
// each and compares; with -update it rewrites the output sections.
func TestExplainGolden(t *testing.T) { runGoldens(t, "testdata/explain", "explain") }

// runGoldens runs the golden files of dir (see TestExplainGolden) with
// godiff's subcommand sub.
func runGoldens(t *testing.T, dir, sub string) {
	paths, err := filepath.Glob(dir + "/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	here, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(here, path)
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			files := make(map[string]string)
			var args []string
			for _, f := range ar.Files {
				switch f.Name {
				case "args":
					for _, a := range strings.Split(string(f.Data), "\n") {
						if a = strings.TrimSpace(a); a != "" {
							args = append(args, a)
						}
					}
				case "stdout", "stderr", "status":
				default:
					files[f.Name] = string(f.Data)
				}
			}
			if len(files) > 0 {
				module(t, files)
			}
			code, stdout, stderr := runGodiff(append([]string{sub}, args...)...)
			got := map[string]string{"stdout": stdout, "stderr": stderr, "status": strconv.Itoa(code) + "\n"}
			if *update {
				for _, sec := range []string{"stdout", "stderr", "status"} {
					setSection(ar, sec, got[sec])
				}
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, sec := range []string{"status", "stderr", "stdout"} {
				compareText(t, sec, got[sec], section(ar, sec))
			}
		})
	}
}

// TestExplainDeterministic runs explain twice on the chapter's network and
// on a loop: the same bytes each time.
func TestExplainDeterministic(t *testing.T) {
	args := [][]string{
		{"explain", "-func", "Loss", "../../examples/chapter/net.go", "w11=0.5", "w12=0.3", "w21=0.4", "w22=0.2", "w3=1", "w4=-0.5", "b1=-2", "b2=0", "b3=0.1", "x1=1", "x2=2", "y=1"},
		{"explain", "-mode", "jvp", "-func", "Loss", "../../examples/chapter/net.go", "w11=0.5", "w12=0.3", "w21=0.4", "w22=0.2", "w3=1", "w4=-0.5", "b1=0", "b2=0", "b3=0.1", "x1=1", "x2=2", "y=1"},
	}
	for _, a := range args {
		_, first, _ := runGodiff(a...)
		for range 3 {
			if _, again, _ := runGodiff(a...); again != first {
				t.Errorf("godiff %s printed different output on another run", strings.Join(a, " "))
			}
		}
	}
}

func section(ar *txtar.Archive, name string) string {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
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

// compareText reports the first line where got and want differ.
func compareText(t *testing.T, what, got, want string) {
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
			t.Errorf("%s differs from the golden file at line %d:\n got: %q\nwant: %q\n(run go test -run TestExplainGolden -update to accept the new output)", what, i+1, g, w)
			return
		}
	}
}

// TestGraphGolden runs the goldens of godiff graph, testdata/graph, as
// TestExplainGolden does explain's.
func TestGraphGolden(t *testing.T) { runGoldens(t, "testdata/graph", "graph") }
