package emit

import (
	"go/format"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"godiff/ir"
	"godiff/parse"
)

// funcCases are IR functions and the exact Go each one becomes.
var funcCases = []struct {
	name  string
	build func() *ir.Func
	want  string
}{
	{
		name: "chain of named values",
		build: func() *ir.Func {
			t := newFn("Neuron", floats("x", "w", "b"), ir.Float64)
			z := t.as("z", t.Add(t.Mul(t.p[1], t.p[0]), t.p[2]))
			h := t.as("h", t.call("Tanh", z))
			return t.ret(h)
		},
		want: `func Neuron(x, w, b float64) float64 {
	z := w*x + b
	h := math.Tanh(z)
	return h
}
`,
	},
	{
		name: "single-use temporaries are inlined",
		build: func() *ir.Func {
			t := newFn("F", floats("x", "y"), ir.Float64)
			return t.ret(t.Add(t.Mul(t.p[0], t.p[1]), t.call("Sin", t.p[0])))
		},
		want: `func F(x, y float64) float64 {
	return x*y + math.Sin(x)
}
`,
	},
	{
		name: "a temporary used twice",
		build: func() *ir.Func {
			t := newFn("F", floats("x", "y"), ir.Float64)
			s := t.Add(t.p[0], t.p[1])
			return t.ret(t.Mul(s, s))
		},
		want: `func F(x, y float64) float64 {
	t1 := x + y
	return t1 * t1
}
`,
	},
	{
		name: "parentheses where the tree needs them",
		build: func() *ir.Func {
			t := newFn("F", floats("a", "b", "c"), ir.Float64, ir.Float64, ir.Float64, ir.Float64, ir.Float64, ir.Float64, ir.Float64, ir.Float64, ir.Float64)
			a, b, c := t.p[0], t.p[1], t.p[2]
			return t.ret(
				t.Sub(a, t.Sub(b, c)), // a - (b - c)
				t.Sub(t.Sub(a, b), c), // a - b - c
				t.Mul(a, t.Add(b, c)), // a * (b + c)
				t.Neg(t.Add(a, b)),    // -(a + b)
				t.Neg(t.Neg(a)),       // -(-a)
				t.Mul(a, t.c(-0.5)),   // a * -0.5
				t.Sub(a, t.Neg(b)),    // a - (-b)
				t.Div(a, t.Mul(b, c)), // a / (b * c)
				t.Add(t.Div(t.Neg(c), b), t.Mul(b, t.Div(a, c))), // -c/b + b*(a/c)
			)
		},
		want: `func F(a, b, c float64) (float64, float64, float64, float64, float64, float64, float64, float64, float64) {
	return a - (b - c), a - b - c, a * (b + c), -(a + b), -(-a), a * -0.5, a - (-b), a / (b * c), -c/b + b*(a/c)
}
`,
	},
	{
		name: "float32 constants and conversions",
		build: func() *ir.Func {
			t := newFn("F", []ir.Param{{Name: "x", Type: ir.Float32}, {Name: "n", Type: ir.Int}}, ir.Float32, ir.Float64)
			y := t.Mul(t.p[0], t.Float(ir.Float32, 0.1))
			z := t.Add(t.Convert(t.p[0], ir.Float64), t.Convert(t.p[1], ir.Float64))
			return t.ret(y, z)
		},
		want: `func F(x float32, n int) (float32, float64) {
	return x * 0.1, float64(x) + float64(n)
}
`,
	},
	{
		name: "named constants get their type",
		build: func() *ir.Func {
			t := newFn("F", nil, ir.Float64, ir.Float64, ir.Float32, ir.Int, ir.Int32, ir.Uint8, ir.Bool)
			return t.ret(
				t.as("two", t.c(2)),
				t.as("big", t.c(1e21)),
				t.as("tenth", t.Float(ir.Float32, 0.1)),
				t.as("n", t.Const(ir.Int, int64(3))),
				t.as("m", t.Const(ir.Int32, int64(-3))),
				t.as("u", t.Const(ir.Uint8, uint64(7))),
				t.as("ok", t.Const(ir.Bool, true)),
			)
		},
		want: `func F() (float64, float64, float32, int, int32, uint8, bool) {
	two := 2.0
	big := 1e+21
	tenth := float32(0.1)
	n := 3
	m := int32(-3)
	u := uint8(7)
	ok := true
	return two, big, tenth, n, m, u, ok
}
`,
	},
	{
		name: "special float constants",
		build: func() *ir.Func {
			t := newFn("F", []ir.Param{{Name: "x", Type: ir.Float64}, {Name: "y", Type: ir.Float32}}, ir.Float64, ir.Float64, ir.Float32, ir.Float64, ir.Float32, ir.Float64)
			x, y := t.p[0], t.p[1]
			return t.ret(
				t.Mul(x, t.c(math.Inf(1))),
				t.Add(t.c(math.Inf(-1)), x),
				t.Sub(y, t.Float(ir.Float32, math.NaN())),
				t.Mul(x, t.c(math.Copysign(0, -1))),
				t.as("ninf", t.Float(ir.Float32, math.Inf(-1))),
				t.as("nz", t.c(math.Copysign(0, -1))),
			)
		},
		want: `func F(x float64, y float32) (float64, float64, float32, float64, float32, float64) {
	ninf := float32(math.Inf(-1))
	nz := math.Copysign(0, -1)
	return x * math.Inf(1), math.Inf(-1) + x, y - float32(math.NaN()), x * math.Copysign(0, -1), ninf, nz
}
`,
	},
	{
		name: "a literal on the left of a comparison moves right",
		build: func() *ir.Func {
			t := newFn("F", floats("z"), ir.Bool, ir.Bool, ir.Bool)
			z := t.p[0]
			return t.ret(
				t.Compare(ir.OpLt, t.c(0), z),
				t.Compare(ir.OpGe, t.c(0), z),
				t.Compare(ir.OpEq, t.c(1), t.Neg(z)),
			)
		},
		want: `func F(z float64) (bool, bool, bool) {
	return z > 0, z <= 0, -z == 1
}
`,
	},
	{
		name: "select with a zero else is a var and an if",
		build: func() *ir.Func {
			t := newFn("Relu", floats("z", "g"), ir.Float64)
			z, g := t.p[0], t.p[1]
			d := t.as("dz", t.Select(t.Compare(ir.OpLt, t.c(0), z), g, t.c(0)))
			return t.ret(d)
		},
		want: `func Relu(z, g float64) float64 {
	var dz float64
	if z > 0 {
		dz = g
	}
	return dz
}
`,
	},
	{
		name: "select with a non-zero else declares the else value",
		build: func() *ir.Func {
			t := newFn("F", floats("x", "y"), ir.Float64)
			x, y := t.p[0], t.p[1]
			s := t.Select(t.Compare(ir.OpGe, x, y), t.Mul(x, t.c(2)), t.Add(y, t.c(1)))
			return t.ret(t.Mul(s, t.c(3)))
		},
		want: `func F(x, y float64) float64 {
	t1 := y + 1
	if x >= y {
		t1 = x * 2
	}
	return t1 * 3
}
`,
	},
	{
		name: "a literal else value keeps its type",
		build: func() *ir.Func {
			t := newFn("F", floats("x"), ir.Float64)
			x := t.p[0]
			return t.ret(t.as("s", t.Select(t.Compare(ir.OpGt, x, t.c(0)), x, t.c(1))))
		},
		want: `func F(x float64) float64 {
	s := 1.0
	if x > 0 {
		s = x
	}
	return s
}
`,
	},
	{
		name: "nested selects become an else-if chain",
		build: func() *ir.Func {
			t := newFn("Clip", floats("x", "g"), ir.Float64)
			x, g := t.p[0], t.p[1]
			inner := t.Select(t.Compare(ir.OpGt, x, t.c(1)), t.c(0), t.Neg(g))
			outer := t.Select(t.Compare(ir.OpLt, x, t.c(-1)), t.c(0), inner)
			top := t.as("dx", t.Select(t.Compare(ir.OpEq, x, t.c(0)), g, outer))
			return t.ret(top)
		},
		want: `func Clip(x, g float64) float64 {
	dx := -g
	if x == 0 {
		dx = g
	} else if x < -1 {
		dx = 0
	} else if x > 1 {
		dx = 0
	}
	return dx
}
`,
	},
	{
		name: "a condition used twice is a temporary",
		build: func() *ir.Func {
			t := newFn("F", floats("x", "y"), ir.Float64, ir.Float64)
			x, y := t.p[0], t.p[1]
			c := t.Compare(ir.OpGt, x, y)
			return t.ret(t.Select(c, x, y), t.Select(c, y, x))
		},
		want: `func F(x, y float64) (float64, float64) {
	c1 := x > y
	t1 := y
	if c1 {
		t1 = x
	}
	t2 := x
	if c1 {
		t2 = y
	}
	return t1, t2
}
`,
	},
	{
		name: "comments and doc",
		build: func() *ir.Func {
			t := newFn("F", floats("x"), ir.Float64)
			t.f.Doc = []string{"F doubles x.", "It is generated, and this paragraph is long enough that it is filled onto a second line."}
			t.Comment("forward")
			y := t.as("y", t.Mul(t.p[0], t.c(2)))
			t.Comment("backward")
			return t.ret(y)
		},
		want: `// F doubles x.
//
// It is generated, and this paragraph is long enough that it is filled onto a
// second line.
func F(x float64) float64 {
	// forward
	y := x * 2
	// backward
	return y
}
`,
	},
	{
		name: "a reassigned variable gets numbered names",
		build: func() *ir.Func {
			t := newFn("F", floats("x", "w"), ir.Float64)
			x, w := t.p[0], t.p[1]
			y := t.as("yhat", t.Mul(w, x))
			y = t.as("yhat", t.Add(y, t.c(1)))
			y = t.as("yhat", t.call("Exp", y))
			return t.ret(y)
		},
		want: `func F(x, w float64) float64 {
	yhat := w * x
	yhat2 := yhat + 1
	yhat3 := math.Exp(yhat2)
	return yhat3
}
`,
	},
	{
		name: "generated names avoid params, later source names and imports",
		build: func() *ir.Func {
			t := newFn("F", floats("x", "x2"), ir.Float64)
			x := t.as("x", t.Mul(t.p[0], t.p[0])) // x = x * x: x3
			s := t.Add(x, t.p[1])                 // used twice: a temporary
			u := t.as("t1", t.Mul(s, s))          // the user's own t1
			m := t.as("math", t.call("Sqrt", u))  // shadows the import: math2
			return t.ret(t.Add(m, s))
		},
		want: `func F(x, x2 float64) float64 {
	x3 := x * x
	t2 := x3 + x2
	t1 := t2 * t2
	math2 := math.Sqrt(t1)
	return math2 + t2
}
`,
	},
	{
		name: "source names that are no identifiers are sanitized",
		build: func() *ir.Func {
			t := newFn("F", floats("x"), ir.Float64)
			a := t.as("a.b", t.Mul(t.p[0], t.p[0]))
			return t.ret(t.as("2nd", t.Add(a, t.p[0])))
		},
		want: `func F(x float64) float64 {
	a_b := x * x
	_2nd := a_b + x
	return _2nd
}
`,
	},
	{
		name: "dead values are skipped",
		build: func() *ir.Func {
			t := newFn("F", floats("x", "y"), ir.Float64)
			x, y := t.p[0], t.p[1]
			t.Add(x, y)               // unnamed, unused
			t.as("dead", t.Mul(x, y)) // named, unused
			d := t.Sub(x, y)          // used twice, but only by dead code
			t.as("dead2", t.Mul(d, d))
			t.Select(t.Compare(ir.OpLt, x, y), x, y) // dead select
			return t.ret(t.as("r", t.Div(x, y)))
		},
		want: `func F(x, y float64) float64 {
	r := x / y
	return r
}
`,
	},
	{
		name: "unnamed parameters, opaque types, calls into the package",
		build: func() *ir.Func {
			t := newFn("F", []ir.Param{{Name: "", Type: ir.Opaque{Go: "[]float64"}}, {Name: "x", Type: ir.Float64}}, ir.Float64)
			return t.ret(t.Call(ir.Callee{Name: "helper"}, ir.Float64, t.p[1], t.c(0.5)))
		},
		want: `func F(_ []float64, x float64) float64 {
	return helper(x, 0.5)
}
`,
	},
}

func TestFuncs(t *testing.T) {
	for _, tc := range funcCases {
		t.Run(tc.name, func(t *testing.T) {
			src := emitFile(t, FileSpec{Package: "p", Funcs: []*ir.Func{tc.build()}})
			if got := funcsOf(src); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s\nwhole file:\n%s", got, tc.want, src)
			}
			checkFormatted(t, src)
		})
	}
}

// checkFormatted fails unless src is exactly what gofmt makes of it.
func checkFormatted(t *testing.T, src string) {
	t.Helper()
	formatted, err := format.Source([]byte(src))
	if err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, src)
	}
	if string(formatted) != src {
		t.Errorf("output is not gofmt-clean:\n%s", src)
	}
}

// allCases returns one fresh function per case, renamed F1, F2, ... so that
// they can share a file.
func allCases() []*ir.Func {
	var fs []*ir.Func
	for i, tc := range funcCases {
		f := tc.build()
		f.Name = "F" + strconv.Itoa(i+1)
		fs = append(fs, f)
	}
	return fs
}

// buildCase builds the function of the named case.
func buildCase(name string) *ir.Func {
	for _, tc := range funcCases {
		if tc.name == name {
			return tc.build()
		}
	}
	panic("no case " + name)
}

func TestFileLayout(t *testing.T) {
	tests := []struct {
		name string
		spec FileSpec
		want string
	}{
		{
			name: "no imports",
			spec: FileSpec{Package: "net", Source: "net.go", Funcs: []*ir.Func{buildCase("a temporary used twice")}},
			want: `// Code generated by godiff. DO NOT EDIT.

package net

func F(x, y float64) float64 {
	t1 := x + y
	return t1 * t1
}
`,
		},
		{
			name: "math import and build constraint",
			spec: FileSpec{Package: "net", BuildConstraint: "!nograd", Funcs: []*ir.Func{buildCase("single-use temporaries are inlined")}},
			want: `// Code generated by godiff. DO NOT EDIT.

//go:build !nograd

package net

import "math"

func F(x, y float64) float64 {
	return x*y + math.Sin(x)
}
`,
		},
		{
			name: "functions are separated by a blank line",
			spec: FileSpec{Package: "p", Funcs: []*ir.Func{buildCase("a temporary used twice"), buildCase("dead values are skipped")}},
			want: `// Code generated by godiff. DO NOT EDIT.

package p

func F(x, y float64) float64 {
	t1 := x + y
	return t1 * t1
}

func F(x, y float64) float64 {
	r := x / y
	return r
}
`,
		},
		{
			name: "import aliased when a parameter is named math",
			spec: FileSpec{Package: "p", Funcs: []*ir.Func{func() *ir.Func {
				t := newFn("F", floats("math"), ir.Float64)
				return t.ret(t.call("Sin", t.p[0]))
			}()}},
			want: `// Code generated by godiff. DO NOT EDIT.

package p

import stdmath "math"

func F(math float64) float64 {
	return stdmath.Sin(math)
}
`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := emitFile(t, tc.spec)
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
			if !strings.HasPrefix(got, Header+"\n\n") {
				t.Errorf("file does not start with the header line and a blank line")
			}
			checkFormatted(t, got)
		})
	}
}

func TestDeterministic(t *testing.T) {
	first := emitFile(t, FileSpec{Package: "p", Funcs: allCases()})
	for range 5 {
		if again := emitFile(t, FileSpec{Package: "p", Funcs: allCases()}); again != first {
			t.Fatalf("two runs differ:\n%s\n---\n%s", first, again)
		}
	}
	checkFormatted(t, first)
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name  string
		build func() *ir.Func
		want  string
	}{
		{
			name: "operation on literals only",
			build: func() *ir.Func {
				t := newFn("F", nil, ir.Float64)
				return t.ret(t.Add(t.c(1), t.c(2)))
			},
			want: "constants only",
		},
		{
			name: "negation of a literal",
			build: func() *ir.Func {
				t := newFn("F", nil, ir.Float64)
				return t.ret(t.Neg(t.c(0)))
			},
			want: "constants only",
		},
		{
			name: "division by a literal zero",
			build: func() *ir.Func {
				t := newFn("F", floats("x"), ir.Float64)
				return t.ret(t.Div(t.p[0], t.c(0)))
			},
			want: "division by a constant zero",
		},
		{
			name: "reading a blank parameter",
			build: func() *ir.Func {
				t := newFn("F", floats("_"), ir.Float64)
				return t.ret(t.Mul(t.p[0], t.c(2)))
			},
			want: "blank parameter",
		},
		{
			name: "broken IR",
			build: func() *ir.Func {
				return ir.NewFunc("F", nil, []ir.Result{{Type: ir.Float64}})
			},
			want: "does not end in a return",
		},
		{
			name: "a parameter name that is no identifier",
			build: func() *ir.Func {
				t := newFn("F", floats("x.y"), ir.Float64)
				return t.ret(t.p[0])
			},
			want: "not a Go identifier",
		},
		{
			name: "parameter shadowing a type the body converts to",
			build: func() *ir.Func {
				t := newFn("F", []ir.Param{{Name: "float64", Type: ir.Float32}}, ir.Float64)
				return t.ret(t.Convert(t.p[0], ir.Float64))
			},
			want: "shadows",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := File(FileSpec{Package: "p", Funcs: []*ir.Func{tc.build()}})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

// TestVet compiles a generated file holding every case and runs go vet on it.
func TestVet(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir := t.TempDir()
	src, err := File(FileSpec{Package: "gen", BuildConstraint: "!nogen", Funcs: allCases()})
	if err != nil {
		t.Fatal(err)
	}
	helper := "package gen\n\nfunc helper(x, y float64) float64 { return x * y }\n"
	files := map[string]string{
		"go.mod":    "module gen\n\ngo 1.26\n",
		"gen.go":    string(src),
		"helper.go": helper,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go vet: %v\n%s\n%s", err, out, src)
	}

	// The build constraint must be one Go honours, not just a comment.
	cmd = exec.Command("go", "list", "-tags", "nogen", "-f", "{{.IgnoredGoFiles}}", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "[gen.go]" {
		t.Errorf("go list -tags nogen: %v: %s, want gen.go ignored", err, out)
	}
}

// parse recognises godiff's outputs by their header: what emit writes must
// be what parse looks for, or godiff would refuse to overwrite its own files.
func TestHeaderIsRecognised(t *testing.T) {
	out, err := File(FileSpec{Package: "p"})
	if err != nil {
		t.Fatal(err)
	}
	if !parse.IsGenerated(out) {
		t.Errorf("parse.IsGenerated does not recognise emit's output:\n%s", out)
	}
	if parse.IsGenerated([]byte("// Code generated by stringer. DO NOT EDIT.\n\npackage p\n")) {
		t.Error("another generator's file counts as godiff's")
	}
}
