package godiff

import (
	"math"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// declareSrc declares variables from a call of several results with var,
// typed and untyped, next to :=, and has blank parameters: every
// derivative must build, and match central differences of F, which main
// prints beside it (see declareMain).
const declareSrc = `package main

import "math"

func divmod(n, k int) (int, int) { return n / k, n % k }

func sc(x float64) (float64, float64) { return x * x, 3 * x }

//godiff:grad
//godiff:jvp
//godiff:vjp
func F(x float64, n int) float64 {
	var q, r = divmod(n, 3)
	var a, b float64 = sc(2)
	var lg, _ = math.Lgamma(3.5)
	c, d := sc(1.5)
	return x*x*float64(q) + a*x + b + float64(r) + lg*math.Sin(x) + c*d*x
}

//godiff:grad
//godiff:jvp
func G(_ float64, y float64, _ int) float64 { return y * y * y }
`

// declareMain prints, per derivative, its value at a point and the
// central difference of the function there.
const declareMain = `package main

import "fmt"

func fd(f func(float64) float64, x float64) float64 {
	const h = 1e-5
	return (f(x+h) - f(x-h)) / (2 * h)
}

func main() {
	_, dF := FGrad(0.7, 8)
	_, jF := FJVP(0.7, 8, 1)
	_, vF := FVJP(0.7, 8, 1)
	want := fd(func(x float64) float64 { return F(x, 8) }, 0.7)
	fmt.Println("FGrad", dF, want)
	fmt.Println("FJVP", jF, want)
	fmt.Println("FVJP", vF, want)
	_, dG := GGrad(5, 1.3, 2)
	_, jG := GJVP(5, 1.3, 2, 1)
	want = fd(func(y float64) float64 { return G(5, y, 2) }, 1.3)
	fmt.Println("GGrad", dG, want)
	fmt.Println("GJVP", jG, want)
}
`

// TestDeclareFromResultsAndBlankParams generates, builds and runs
// declareSrc: var a, b = f(c) is accepted as a, b := f(c) is, in both
// modes, and a blank parameter does not stop a derivative; each
// derivative agrees with central differences.
func TestDeclareFromResultsAndBlankParams(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	src := filepath.Join(dir, "a.go")
	writeFile(t, src, declareSrc)
	writeFile(t, filepath.Join(dir, "main.go"), declareMain)
	outs, err := Generate([]string{src}, Options{})
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	if _, err := Write(outs); err != nil {
		t.Fatal(err)
	}
	run := exec.Command("go", "run", ".")
	run.Dir = dir
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 5 {
		t.Fatalf("output:\n%s\nwant 5 lines", out)
	}
	for _, line := range lines {
		f := strings.Fields(line)
		got, err1 := strconv.ParseFloat(f[1], 64)
		want, err2 := strconv.ParseFloat(f[2], 64)
		if err1 != nil || err2 != nil || math.Abs(got-want) > 1e-6*math.Max(1, math.Abs(want)) {
			t.Errorf("%s = %s, central difference %s", f[0], f[1], f[2])
		}
	}
}
