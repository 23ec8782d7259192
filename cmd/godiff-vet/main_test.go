package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVetTool builds godiff-vet and runs it as go vet's tool over the
// analyzer's test module: go vet fails and prints each report as
// file:line:col: message.
func TestVetTool(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "godiff-vet")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	vet := exec.Command("go", "vet", "-vettool="+bin, "./src/missing", "./src/typo", "./src/current")
	vet.Dir = filepath.Join("..", "..", "analyzer", "testdata")
	out, err := vet.CombinedOutput()
	if err == nil {
		t.Fatalf("go vet succeeded; want the reports of the missing and typo packages:\n%s", out)
	}
	for _, want := range []string{
		"src/missing/square.go:8:1: square_godiff.go is missing; run go generate, or godiff square.go",
		`src/typo/typo.go:8:1: godiff ignores "//godif:grad", which is not a directive; write //godiff:grad`,
		`src/typo/typo.go:16:1: godiff ignores "// godiff:jvp", which is not a directive; write //godiff:jvp`,
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("go vet's output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "src/current") {
		t.Errorf("go vet reports the current package:\n%s", out)
	}
}
