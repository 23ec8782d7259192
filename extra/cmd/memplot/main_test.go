package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The command at tiny sizes writes an SVG file and prints its tables,
// a line per size and per form; bad bounds are usage errors.
func TestRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "memory.svg")
	data := filepath.Join("..", "..", "..", "internal", "adbench", "testdata", "gmm", "1k_d2_K5.txt")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-o", out, "-data", data, "-min", "10", "-max", "100", "-steps", "300", "-chain-steps", "300", "-time", "0"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d; stderr:\n%s", code, stderr.String())
	}
	for _, want := range []string{"\n| 10 |", "\n| 31 |", "\n| 100 |", "\n| recorded |", "\n| 10 | 30 |", "\n| 100000 | 1 |", "binomial checkpointing", "\n| 1000 | 1 | 0.00 |", "Chain of 8 springs", "\n| -snapshots=100 | 100 |"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("the output lacks a line starting %q:\n%s", want[1:], stdout.String())
		}
	}
	svg, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte("<svg")) || !bytes.HasSuffix(bytes.TrimSpace(svg), []byte("</svg>")) {
		t.Errorf("%s is not an SVG document:\n%.200s", out, svg)
	}
	for _, bad := range [][]string{{"-min", "0"}, {"-min", "100", "-max", "10"}, {"-steps", "0"}, {"-chain-steps", "0"}, {"-masses", "0"}, {"-max", "ten"}} {
		if code := run(append([]string{"-o", out}, bad...), &stdout, &stderr); code != 2 {
			t.Errorf("%q: exit status %d; want 2", bad, code)
		}
	}
	if code := run([]string{"-o", out, "-data", "no such file", "-min", "10", "-max", "10"}, &stdout, &stderr); code != 1 {
		t.Errorf("a missing data file: exit status %d; want 1", code)
	}
}

// sizes go by factors 10^(1/2) from lo and end at hi.
func TestSizes(t *testing.T) {
	for _, c := range []struct {
		lo, hi int
		want   string
	}{
		{1000, 1_000_000, "[1000 3162 10000 31622 100000 316227 1000000]"},
		{10, 10, "[10]"},
		{10, 50, "[10 31 50]"},
	} {
		if got := fmt.Sprint(sizes(c.lo, c.hi)); got != c.want {
			t.Errorf("sizes(%d, %d) = %s; want %s", c.lo, c.hi, got, c.want)
		}
	}
}
