package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTapeReport runs godiff -tape on the chapter's network and on a
// loop function (the GMM example's likelihood): it prints each tape's
// report, as in testdata/*.tape.golden, and writes nothing.
func TestTapeReport(t *testing.T) {
	cases := []struct {
		golden string
		source string   // copied into a module of its own
		want   []string // lines the report must hold, whatever the golden says
	}{
		{"chapter.tape.golden", "../../examples/chapter/net.go", []string{
			"LossTape (net.go):", "the tape holds 72 bytes.", "z1  8 bytes per run: z1 as the forward sweep computed it",
			"the chain rule does not need them: yhat."}},
		{"gmm.tape.golden", "../../examples/gmm/gmm.go", []string{
			"NLLTape (gmm.go):", "the tape holds 8·len(xs)·max(k, 0) + 8·k + 48 bytes", "exp             8·len(xs)·max(k, 0) bytes (8 bytes an entry)",
			"logSumExpTape2  logSumExpTape2.Bytes(), a logSumExpCallTape for the calls of one call site, len(xs) calls per run"}},
	}
	wd, err := os.Getwd() // module changes it
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		src, err := os.ReadFile(filepath.Join(wd, c.source))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join(wd, "testdata", c.golden)
		name := filepath.Base(c.source)
		dir := module(t, map[string]string{name: string(src)})
		code, stdout, stderr := runGodiff("-tape", name)
		if code != 0 || stderr != "" {
			t.Fatalf("godiff -tape %s: exit %d, stderr %q", name, code, stderr)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 2 {
			t.Errorf("godiff -tape %s wrote files: %v", name, entries)
		}
		for _, w := range c.want {
			if !strings.Contains(stdout, w) {
				t.Errorf("godiff -tape %s lacks %q:\n%s", name, w, stdout)
			}
		}
		if *update {
			if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -run TestTapeReport -update ./cmd/godiff)", err)
		}
		if stdout != string(want) {
			t.Errorf("godiff -tape %s differs from %s (run go test -run TestTapeReport -update ./cmd/godiff):\n%s", name, c.golden, stdout)
		}
	}
}
