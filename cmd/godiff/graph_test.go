package main

import (
	"os"
	"testing"
)

// chapterArgs are the chapter's network at the chapter's point.
var chapterArgs = []string{"-func", "Loss", "../../examples/chapter/net.go",
	"w11=0.5", "w12=0.3", "w21=0.4", "w22=0.2", "w3=1", "w4=-0.5", "b1=0", "b2=0", "b3=0.1", "x1=1", "x2=2", "y=1"}

// TestChapterGraphSVG checks that docs/chapter-graph.svg, the picture the
// README shows, is what godiff graph draws now; -update rewrites it
// (go test ./cmd/godiff -run TestChapterGraphSVG -update).
func TestChapterGraphSVG(t *testing.T) {
	const path = "../../docs/chapter-graph.svg"
	code, got, stderr := runGodiff(append([]string{"graph", "-format", "svg"}, chapterArgs...)...)
	if code != 0 {
		t.Fatalf("godiff graph: status %d: %s", code, stderr)
	}
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	compareText(t, path, got, string(want))
}

// TestGraphOutputFile: -o writes the drawing to a file and nothing to the
// standard output.
func TestGraphOutputFile(t *testing.T) {
	out := t.TempDir() + "/g.dot"
	code, stdout, stderr := runGodiff(append([]string{"graph", "-o", out}, chapterArgs...)...)
	if code != 0 || stdout != "" {
		t.Fatalf("status %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	_, want, _ := runGodiff(append([]string{"graph"}, chapterArgs...)...)
	compareText(t, out, string(data), want)
}
