package godiff

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/godiff/godiff/ir"
)

// fixedStackCases are functions whose tape has a stack, and the length of
// the array ir.FixStacks holds it in, or 0 where it stays a slice (the
// tape then comes from a pool), with the reason.
var fixedStackCases = []struct {
	name, body string
	fixed      int
}{
	{"ConstFor", `for i := 0; i < 3; i++ {
		x = math.Sin(x * a)
	}`, 3},
	{"RangeConst", `for range 4 {
		x = math.Sin(x * a)
	}`, 4},
	{"LessOrEqual", `for i := 1; i <= 5; i++ {
		x = math.Sin(x * a)
	}`, 5},
	{"Nested", `for i := 0; i < 2; i++ {
		for j := 0; j < 3; j++ {
			x = math.Sin(x * a)
		}
	}`, 6},
	{"InBranch", `if a > 0 {
		for i := 0; i < 3; i++ {
			x = math.Sin(x * a)
		}
	}`, 3},
	{"Break", `for i := 0; i < 3; i++ {
		x = math.Sin(x * a)
		if x > 10 {
			break
		}
	}`, 3}, // at most 3: a break only shortens the run
	// The trip count depends on an argument.
	{"ParamBound", `for i := 0; i < n; i++ {
		x = math.Sin(x * a)
	}`, 0},
	// A step other than i++ is not followed.
	{"StepTwo", `for i := 0; i < 6; i += 2 {
		x = math.Sin(x * a)
	}`, 0},
	// The body assigns the counter.
	{"CounterWritten", `for i := 0; i < 6; i++ {
		x = math.Sin(x * a)
		if x > 0.5 {
			i++
		}
	}`, 0},
	// The condition tests more than the counter (at most 3 trips, but
	// ConstTrip reads only a condition i < c alone).
	{"CondAnd", `for i := 0; i < 3 && math.Sin(x*a) < 2; i++ {
		x = math.Sin(x * a)
	}`, 0},
	// A while loop has no trip count.
	{"While", `for x < 10 && n > 0 {
		x = x*a + 1
		n--
	}`, 0},
	// 300 entries of 8 bytes: over ir.MaxFixedStackBytes.
	{"TooLong", `for i := 0; i < 300; i++ {
		x = math.Sin(x * a)
	}`, 0},
}

// TestFixStacksPolicy checks which stacks become arrays, of which length,
// and that the outputs build and their gradients match central finite
// differences (a bound too small would panic there, out of range).
func TestFixStacksPolicy(t *testing.T) {
	if ir.MaxFixedStackBytes >= 300*8 {
		t.Fatalf("MaxFixedStackBytes = %d: the TooLong case no longer exceeds it", ir.MaxFixedStackBytes)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	src := "package m\n\nimport \"math\"\n"
	for _, c := range fixedStackCases {
		src += "\n//godiff:grad x a\nfunc " + c.name + "(x, a float64, n int) float64 {\n\t" + c.body + "\n\treturn x\n}\n"
	}
	writeFile(t, filepath.Join(dir, "f.go"), src)
	outs, err := Generate([]string{filepath.Join(dir, "f.go")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := string(outs[0].Content)
	for _, c := range fixedStackCases {
		decl := regexp.MustCompile(`(?s)\ntype ` + c.name + `Tape struct \{(.*?)\n\}`).FindStringSubmatch(out)
		if decl == nil {
			t.Errorf("%s: no tape in the output", c.name)
			continue
		}
		stack := regexp.MustCompile(`\n\t\w+ (\[\d*\])float64`).FindStringSubmatch(decl[1])
		pooled := strings.Contains(out, "var pool"+c.name+"Tape ")
		switch {
		case stack == nil:
			t.Errorf("%s: no stack in the tape:%s", c.name, decl[1])
		case c.fixed > 0 && (stack[1] != "["+strconv.Itoa(c.fixed)+"]" || pooled):
			t.Errorf("%s: stack %sfloat64, pooled %v; want [%d]float64, no pool", c.name, stack[1], pooled, c.fixed)
		case c.fixed == 0 && (stack[1] != "[]" || !pooled):
			t.Errorf("%s: stack %sfloat64, pooled %v; want a slice from a pool", c.name, stack[1], pooled)
		}
	}
	writeFile(t, outs[0].Path, out)
	test := `package m

import (
	"math"
	"testing"
)

func TestFD(t *testing.T) {
	fs := map[string]struct {
		f    func(x, a float64, n int) float64
		grad func(x, a float64, n int) (float64, float64, float64)
	}{
`
	for _, c := range fixedStackCases {
		test += "\t\t" + strconv.Quote(c.name) + ": {" + c.name + ", " + c.name + "Grad},\n"
	}
	test += `	}
	const h = 1e-6
	for name, f := range fs {
		for _, p := range [][2]float64{{0.3, 0.7}, {0.9, -0.4}, {-0.2, 1.3}} {
			x, a := p[0], p[1]
			y, dx, da := f.grad(x, a, 3)
			fx := (f.f(x+h, a, 3) - f.f(x-h, a, 3)) / (2 * h)
			fa := (f.f(x, a+h, 3) - f.f(x, a-h, 3)) / (2 * h)
			if y != f.f(x, a, 3) || math.Abs(dx-fx) > 1e-6*(1+math.Abs(fx)) || math.Abs(da-fa) > 1e-6*(1+math.Abs(fa)) {
				t.Errorf("%s at %v: %v, %v, %v; want %v, %v, %v", name, p, y, dx, da, f.f(x, a, 3), fx, fa)
			}
		}
	}
}
`
	writeFile(t, filepath.Join(dir, "fd_test.go"), test)
	run := exec.Command("go", "test", ".")
	run.Dir = dir
	if b, err := run.CombinedOutput(); err != nil {
		t.Errorf("go test: %v\n%s", err, b)
	}
}
