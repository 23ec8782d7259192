package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The command at tiny sizes writes an SVG file and prints a line per size;
// a bad size list is a usage error.
func TestRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cost.svg")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-o", out, "-sizes", "2,4,8", "-time", "0", "-m", "2", "-dirs", "2"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d; stderr:\n%s", code, stderr.String())
	}
	if lines := strings.Count(stdout.String(), "\n"); lines != 3 {
		t.Errorf("printed %d lines; want one per size:\n%s", lines, stdout.String())
	}
	svg, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte("<svg")) || !bytes.HasSuffix(bytes.TrimSpace(svg), []byte("</svg>")) {
		t.Errorf("%s is not an SVG document:\n%.200s", out, svg)
	}
	for _, bad := range []string{"0", "ten", "5,,6"} {
		if code := run([]string{"-o", out, "-sizes", bad}, &stdout, &stderr); code != 2 {
			t.Errorf("-sizes %q: exit status %d; want 2", bad, code)
		}
	}
}
