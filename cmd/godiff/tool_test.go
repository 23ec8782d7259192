package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The route of the README's install section, from a user's module that
// requires godiff through a replace to this checkout, offline (the module
// cache holds godiff's requirements after go mod download): go get -tool
// pins the command in the user's go.mod, go generate runs it through
// //go:generate go tool godiff, and the program built on the output prints
// the gradient. go install of the command, from the same module, works too.
func TestToolRoute(t *testing.T) {
	modPath, root := thisModule(t)
	user := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/user\n\ngo 1.26.0\n\nrequire " + modPath + " v0.0.0\n\nreplace " + modPath + " => " + root + "\n",
		"a.go": `package main

//go:generate go tool godiff $GOFILE

import "math"

// Loss is sin(w·x).
//
//godiff:grad w
func Loss(w, x float64) float64 {
	return math.Sin(w * x)
}
`,
		"main.go": `package main

import "fmt"

func main() {
	l, dw := LossGrad(0.5, 2)
	fmt.Printf("%.6f %.6f\n", l, dw)
}
`,
	}
	// godiff's go.sum covers its requirements, which the user's needs too.
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	files["go.sum"] = string(sum)
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(user, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gobin := t.TempDir()
	goCmd := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = user
		cmd.Env = append(os.Environ(), "GOPROXY=off", "GOSUMDB=off", "GOWORK=off", "GOFLAGS=-mod=mod", "GOBIN="+gobin)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	goCmd("get", "-tool", modPath+"/cmd/godiff")
	if mod := readFile(t, filepath.Join(user, "go.mod")); !strings.Contains(mod, "tool "+modPath+"/cmd/godiff") {
		t.Fatalf("go get -tool did not add the tool directive:\n%s", mod)
	}
	goCmd("generate", "./...")
	if !exists(filepath.Join(user, "a_godiff.go")) {
		t.Fatal("go generate did not write a_godiff.go")
	}
	// sin(1) and 2·cos(1).
	if got, want := goCmd("run", "."), "0.841471 1.080605\n"; got != want {
		t.Errorf("the user's program printed %q; want %q", got, want)
	}
	// The tool names the module it was built from, a dependency here,
	// replaced by the checkout.
	if got, want := goCmd("tool", "godiff", "-version"), "godiff "+modPath+" "; !strings.HasPrefix(got, want) || !strings.Contains(got, " => ") {
		t.Errorf("go tool godiff -version printed %q; want %q..., replaced by the checkout", got, want)
	}
	goCmd("install", modPath+"/cmd/godiff")
	help, err := exec.Command(filepath.Join(gobin, "godiff"), "-h").Output()
	if err != nil || !strings.HasPrefix(string(help), "godiff is automatic differentiation for Go") {
		t.Errorf("the installed godiff -h: %v\n%s", err, help)
	}
}

// thisModule returns the path and the root directory of the module of the
// working directory, as the go command sees them: the test needs no edit
// when the module path changes.
func thisModule(t *testing.T) (path, dir string) {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Path}}\t{{.Dir}}").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	path, dir, ok := strings.Cut(strings.TrimSpace(string(out)), "\t")
	if !ok {
		t.Fatalf("go list -m printed %q", out)
	}
	return path, dir
}
