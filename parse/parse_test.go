package parse

import (
	"errors"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/godiff/godiff/ir"
)

// writeModule writes go.mod and files (name → source) into a new temporary
// module and returns its directory.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/t\n\ngo 1.26\n"
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// load writes files into a new module and loads inputs, named relative to
// the module's directory.
func load(t *testing.T, files map[string]string, inputs ...string) ([]*File, error) {
	t.Helper()
	dir := writeModule(t, files)
	paths := make([]string, len(inputs))
	for i, in := range inputs {
		paths[i] = filepath.Join(dir, in)
	}
	return Load(paths)
}

// mustLoad is load for input that must be accepted.
func mustLoad(t *testing.T, files map[string]string, inputs ...string) []*File {
	t.Helper()
	fs, err := load(t, files, inputs...)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(fs) != len(inputs) {
		t.Fatalf("Load returned %d files for %d paths", len(fs), len(inputs))
	}
	return fs
}

// loadOne loads the single file a.go and returns its only target.
func loadOne(t *testing.T, src string) *Target {
	t.Helper()
	fs := mustLoad(t, map[string]string{"a.go": src}, "a.go")
	if n := len(fs[0].Targets); n != 1 {
		t.Fatalf("got %d targets, want 1", n)
	}
	return fs[0].Targets[0]
}

// errorLines formats each error of err as "base:line:col: msg", with the
// base name of its file, and the positions in msg in its directory too.
func errorLines(t *testing.T, err error) []string {
	t.Helper()
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %v (%T) is not an ErrorList", err, err)
	}
	lines := make([]string, len(list))
	for i, e := range list {
		// Positions inside a message name files as the error's does.
		e.Msg = strings.ReplaceAll(e.Msg, filepath.Dir(e.Pos.Filename)+string(filepath.Separator), "")
		e.Pos.Filename = filepath.Base(e.Pos.Filename)
		lines[i] = e.Error()
	}
	return lines
}

// body returns the printed IR of f without its signature line, tabs
// removed, for comparison with a want written as a raw string.
func body(f *ir.Func) string {
	lines := strings.Split(strings.TrimSpace(f.String()), "\n")[1:]
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}

// trim removes the indentation of a raw string want.
func trim(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}

const netSrc = `package net

import "math"

// Loss is the squared error of a 2-2-1 ReLU network.
//
//godiff:grad w3 w11
//godiff:vjp
func Loss(w11, w21, w12, w22, b1, b2, w3, w4, b3, x1, x2, y float64) float64 {
	z1 := w11*x1 + w21*x2 + b1
	z2 := w12*x1 + w22*x2 + b2
	h1 := math.Max(0, z1)
	h2 := math.Max(0, z2)
	yhat := w3*h1 + w4*h2 + b3
	loss := (yhat - y) * (yhat - y)
	return loss
}

// helper has no directive: its body is not checked.
func helper(x float64) float64 {
	for x > 1 {
		x /= 2
	}
	return x
}
`

func TestNet(t *testing.T) {
	fs := mustLoad(t, map[string]string{"net.go": netSrc}, "net.go")
	f := fs[0]
	if f.Package != "net" || !filepath.IsAbs(f.Path) || filepath.Base(f.Path) != "net.go" || f.BuildConstraint != "" {
		t.Errorf("File = {Path %q, Package %q, BuildConstraint %q}", f.Path, f.Package, f.BuildConstraint)
	}
	if len(f.Targets) != 1 {
		t.Fatalf("got %d targets, want 1 (helper has no directive)", len(f.Targets))
	}
	tg := f.Targets[0]
	if tg.Pos.Line != 9 || tg.Pos.Column != 6 || tg.Pos.Filename != f.Path {
		t.Errorf("Target.Pos = %v, want %s:9:6", tg.Pos, f.Path)
	}
	wantDirs := []struct {
		mode Mode
		wrt  []int
		line int
	}{
		{Grad, []int{0, 6}, 7}, // w3 w11, in signature order
		{VJP, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 8},
	}
	if len(tg.Directives) != len(wantDirs) {
		t.Fatalf("got %d directives, want %d", len(tg.Directives), len(wantDirs))
	}
	for i, w := range wantDirs {
		d := tg.Directives[i]
		if d.Mode != w.mode || !slices.Equal(d.Wrt, w.wrt) || d.Pos.Line != w.line || d.Pos.Column != 1 {
			t.Errorf("directive %d = {%v %v %v}, want {%v %v line %d col 1}", i, d.Mode, d.Wrt, d.Pos, w.mode, w.wrt, w.line)
		}
	}
	fn := tg.Func
	if fn.Name != "Loss" || len(fn.Params) != 12 || fn.Params[6] != (ir.Param{Name: "w3", Type: ir.Float64}) ||
		len(fn.Results) != 1 || fn.Results[0] != (ir.Result{Type: ir.Float64}) {
		t.Errorf("signature: %s", strings.SplitN(fn.String(), "\n", 2)[0])
	}
	want := trim(`
		%w11 = param 0 : float64
		%w21 = param 1 : float64
		%w12 = param 2 : float64
		%w22 = param 3 : float64
		%b1 = param 4 : float64
		%b2 = param 5 : float64
		%w3 = param 6 : float64
		%w4 = param 7 : float64
		%b3 = param 8 : float64
		%x1 = param 9 : float64
		%x2 = param 10 : float64
		%y = param 11 : float64
		%13 = mul %w11 %x1 : float64
		%14 = mul %w21 %x2 : float64
		%15 = add %13 %14 : float64
		%z1 = add %15 %b1 : float64
		%17 = mul %w12 %x1 : float64
		%18 = mul %w22 %x2 : float64
		%19 = add %17 %18 : float64
		%z2 = add %19 %b2 : float64
		%21 = const 0 : float64
		%h1 = call math.Max %21 %z1 : float64
		%h2 = call math.Max %21 %z2 : float64
		%24 = mul %w3 %h1 : float64
		%25 = mul %w4 %h2 : float64
		%26 = add %24 %25 : float64
		%yhat = add %26 %b3 : float64
		%28 = sub %yhat %y : float64
		%loss = mul %28 %28 : float64
		return %loss`)
	if got := body(fn); got != want {
		t.Errorf("IR:\n%s\nwant:\n%s", got, want)
	}
}

func TestModeString(t *testing.T) {
	for m, want := range map[Mode]string{Grad: "grad", VJP: "vjp", JVP: "jvp"} {
		if got := m.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(m), got, want)
		}
	}
}

// TestBodies checks the IR built for each construct of the subset.
func TestBodies(t *testing.T) {
	tests := []struct {
		name string
		src  string // the body of a file after "package p"
		want string // the IR body
	}{
		{
			name: "named and package constants",
			src: `
import "math"

const scale = 3

//godiff:grad
func F(x float64) float64 {
	const half = 0.5
	k := 2.0
	return x*half + k*scale - math.Pi
}`,
			want: `
				%x = param 0 : float64
				%2 = const 2 : float64
				%k = const 2 : float64
				%4 = const 0.5 : float64
				%5 = mul %x %4 : float64
				%6 = const 3 : float64
				%7 = mul %k %6 : float64
				%8 = add %5 %7 : float64
				%9 = const 3.141592653589793 : float64
				%10 = sub %8 %9 : float64
				return %10`,
		},
		{
			name: "float32 and conversions",
			src: `
//godiff:grad
func F(x float32, y float64) float32 {
	z := x*float32(y) + 0.1
	w := float64(y) // y already: no conversion
	return z + float32(w)
}`,
			want: `
				%x = param 0 : float32
				%y = param 1 : float64
				%3 = convert %y : float32
				%4 = mul %x %3 : float32
				%5 = const 0.1 : float32
				%z = add %4 %5 : float32
				%7 = add %z %3 : float32
				return %7`,
		},
		{
			name: "integer parameter",
			src: `
//godiff:grad s
func Mean(s float64, n int) float64 {
	m := n*2%3 - 1
	return s / float64(n+m)
}`,
			want: `
				%s = param 0 : float64
				%n = param 1 : int
				%3 = const 2 : int
				%4 = mul %n %3 : int
				%5 = const 3 : int
				%6 = rem %4 %5 : int
				%7 = const 1 : int
				%m = sub %6 %7 : int
				%9 = add %n %m : int
				%10 = convert %9 : float64
				%11 = div %s %10 : float64
				return %11`,
		},
		{
			name: "named results and bare return",
			src: `
//godiff:vjp
func F(x float64) (y, z float64) {
	y = x * x
	return
}`,
			want: `
				%x = param 0 : float64
				%2 = const 0 : float64
				%y = const 0 : float64
				%z = const 0 : float64
				%y2 = mul %x %x : float64
				return %y2 %z`,
		},
		{
			name: "op-assign and inc-dec",
			src: `
//godiff:grad
func F(x, y float64, n int) float64 {
	s := x
	s += y
	s *= 2
	s -= 1
	s /= y
	s++
	n %= 3
	n--
	return s * float64(n)
}`,
			want: `
				%x = param 0 : float64
				%y = param 1 : float64
				%n = param 2 : int
				%s = add %x %y : float64
				%5 = const 2 : float64
				%s2 = mul %s %5 : float64
				%7 = const 1 : float64
				%s3 = sub %s2 %7 : float64
				%s4 = div %s3 %y : float64
				%s5 = add %s4 %7 : float64
				%11 = const 3 : int
				%n2 = rem %n %11 : int
				%13 = const 1 : int
				%n3 = sub %n2 %13 : int
				%15 = convert %n3 : float64
				%16 = mul %s5 %15 : float64
				return %16`,
		},
		{
			name: "tuple assignment swaps",
			src: `
//godiff:grad
func F(x, y float64) float64 {
	a, b := x*2, y
	a, b = b, a
	_ = a + b
	return a - b
}`,
			want: `
				%x = param 0 : float64
				%y = param 1 : float64
				%3 = const 2 : float64
				%a = mul %x %3 : float64
				%5 = add %y %a : float64
				%6 = sub %y %a : float64
				return %6`,
		},
		{
			name: "var declarations",
			src: `
//godiff:grad
func F(x float64) float64 {
	var a float64
	var b = x
	var c float32 = 1.5
	var d, e = x * x, 2.0
	var (
		f int
		_ = 3
	)
	a = a + b + float64(c) + d + e + float64(f)
	return a
}`,
			want: `
				%x = param 0 : float64
				%2 = const 0 : float64
				%a = const 0 : float64
				%4 = const 1.5 : float32
				%c = const 1.5 : float32
				%d = mul %x %x : float64
				%7 = const 2 : float64
				%e = const 2 : float64
				%9 = const 0 : int
				%f = const 0 : int
				%11 = const 3 : int
				%12 = add %a %x : float64
				%13 = convert %c : float64
				%14 = add %12 %13 : float64
				%15 = add %14 %d : float64
				%16 = add %15 %e : float64
				%17 = convert %f : float64
				%a2 = add %16 %17 : float64
				return %a2`,
		},
		{
			name: "shadowing in a nested block",
			src: `
//godiff:grad
func F(x float64) (y float64) {
	;
	{
		x := x * 3
		y = x
	}
	return x + y
}`,
			want: `
				%x = param 0 : float64
				%2 = const 0 : float64
				%y = const 0 : float64
				%4 = const 3 : float64
				%x2 = mul %x %4 : float64
				%6 = add %x %x2 : float64
				return %6`,
		},
		{
			name: "unary and parentheses",
			src: `
import m "math"

//godiff:jvp x
func F(x, _ float64) (float64, float64) {
	return -(m.Sin(x)), +m.Pow(x, 2)
}`,
			want: `
				%x = param 0 : float64
				%_ = param 1 : float64
				%3 = call math.Sin %x : float64
				%4 = neg %3 : float64
				%5 = const 2 : float64
				%6 = call math.Pow %x %5 : float64
				return %4 %6`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tg := loadOne(t, "package p\n"+tt.src+"\n")
			if got, want := body(tg.Func), trim(tt.want); got != want {
				t.Errorf("IR:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestFiles checks what Load reports about files: paths, order, package,
// build constraint, and that other files of the package are seen.
func TestFiles(t *testing.T) {
	files := map[string]string{
		"consts.go": "package p\n\nconst rate = 0.25\n",
		"a.go": `//go:build go1.20 && !nosuchtag

package p

//godiff:jvp
func A(x float64) float64 { return x * rate }
`,
		"b.go": `package p

// B has two targets' worth of directives, and C none.
//
//godiff:grad y
//godiff:jvp
func B(x, y float32) float32 { return x / y }

func C() {}

//godiff:grad
func D(x float64) float64 { return x }
`,
		"sub/c.go": "package sub\n\n//godiff:grad\nfunc E(x float64) float64 { return -x }\n",
	}
	fs := mustLoad(t, files, "b.go", "sub/c.go", "a.go")
	want := []struct {
		base, pkg, constraint string
		targets               []string
	}{
		{"b.go", "p", "", []string{"B", "D"}},
		{"c.go", "sub", "", []string{"E"}},
		{"a.go", "p", "go1.20 && !nosuchtag", []string{"A"}},
	}
	for i, w := range want {
		f := fs[i]
		var names []string
		for _, tg := range f.Targets {
			names = append(names, tg.Func.Name)
		}
		if filepath.Base(f.Path) != w.base || !filepath.IsAbs(f.Path) || f.Package != w.pkg ||
			f.BuildConstraint != w.constraint || !slices.Equal(names, w.targets) {
			t.Errorf("file %d = {%s %s %q %v}, want {%s %s %q %v}", i, f.Path, f.Package, f.BuildConstraint, names,
				w.base, w.pkg, w.constraint, w.targets)
		}
	}
	b := fs[0].Targets[0]
	if len(b.Directives) != 2 || b.Directives[0].Mode != Grad || !slices.Equal(b.Directives[0].Wrt, []int{1}) ||
		b.Directives[1].Mode != JVP || !slices.Equal(b.Directives[1].Wrt, []int{0, 1}) {
		t.Errorf("B's directives = %+v", b.Directives)
	}
	if got, want := body(fs[2].Targets[0].Func), trim(`
		%x = param 0 : float64
		%2 = const 0.25 : float64
		%3 = mul %x %2 : float64
		return %3`); got != want {
		t.Errorf("A's IR:\n%s\nwant:\n%s", got, want)
	}
}

// TestOpaqueParams checks that parameters godiff does not compute with
// keep their Go spelling and may go unused, and that slices and arrays of
// the types it computes with get their IR types.
func TestOpaqueParams(t *testing.T) {
	tg := loadOne(t, `package p

import "time"

type Celsius float64

//godiff:grad
func F(s []float64, c Celsius, d time.Duration, n int, x float64, ok bool,
	m [][]float32, a [3]float64, is []int, cs []Celsius, aa [2][2]float64, sa [][2]float64, as [2][]float64) float64 {
	return x
}
`)
	want := []ir.Param{
		{Name: "s", Type: ir.Slice{Elem: ir.Float64}},
		{Name: "c", Type: ir.Opaque{Go: "Celsius"}},
		{Name: "d", Type: ir.Opaque{Go: "time.Duration", Qualified: ir.ForeignQualifier("time", "time") + ".Duration"}},
		{Name: "n", Type: ir.Int},
		{Name: "x", Type: ir.Float64},
		{Name: "ok", Type: ir.Bool},
		{Name: "m", Type: ir.Slice{Elem: ir.Slice{Elem: ir.Float32}}},
		{Name: "a", Type: ir.Array{Len: 3, Elem: ir.Float64}},
		{Name: "is", Type: ir.Slice{Elem: ir.Int}},
		{Name: "cs", Type: ir.Opaque{Go: "[]Celsius"}},
		{Name: "aa", Type: ir.Array{Len: 2, Elem: ir.Array{Len: 2, Elem: ir.Float64}}},
		{Name: "sa", Type: ir.Opaque{Go: "[][2]float64"}},
		{Name: "as", Type: ir.Opaque{Go: "[2][]float64"}},
	}
	if !slices.Equal(tg.Func.Params, want) {
		t.Errorf("Params = %v, want %v", tg.Func.Params, want)
	}
	// Floats and slices and arrays of floats; not Celsius, not []Celsius.
	if d := tg.Directives[0]; !slices.Equal(d.Wrt, []int{0, 4, 6, 7, 10}) {
		t.Errorf("Wrt = %v, want [0 4 6 7 10]", d.Wrt)
	}
}

// TestStaleGenerated checks that a stale file godiff generated, which no
// longer compiles, does not stop its package from loading.
func TestStaleGenerated(t *testing.T) {
	files := map[string]string{
		"a.go": "package p\n\n//godiff:grad\nfunc F(x float64) float64 { return x * x }\n",
		"a_godiff.go": `// Code generated by godiff. DO NOT EDIT.

package p

func FGrad(x float64) (float64, float64) { return undefined(x), "stale" }

func F() {} // redeclared
`,
	}
	fs := mustLoad(t, files, "a.go")
	if len(fs[0].Targets) != 1 {
		t.Errorf("got %d targets, want 1", len(fs[0].Targets))
	}
}

// TestOtherGenerated checks that a generated file of another tool is
// loaded as it is: its declarations resolve.
func TestOtherGenerated(t *testing.T) {
	files := map[string]string{
		"a.go":   "package p\n\n//godiff:grad\nfunc F(x float64) float64 { return x * k }\n",
		"gen.go": "// Code generated by stringer. DO NOT EDIT.\n\npackage p\n\nconst k = 2.0\n",
	}
	mustLoad(t, files, "a.go")
}

func TestErrorFormat(t *testing.T) {
	list := ErrorList{
		{Pos: token.Position{Filename: "b.go", Line: 1, Column: 2}, Msg: "second"},
		{Pos: token.Position{Filename: "a.go", Line: 3, Column: 1}, Msg: "first"},
		{Pos: token.Position{Filename: "a.go", Line: 3, Column: 1}, Msg: "first"},
		{Pos: token.Position{Filename: "a.go"}, Msg: "whole file"},
	}.Sorted()
	want := "a.go: whole file\na.go:3:1: first\nb.go:1:2: second"
	if got := list.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestSymlink checks that a file reached through a symbolic link keeps the
// path it was given, in File.Path and in diagnostics.
func TestSymlink(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"a.go": "package p\n\n//godiff:grad\nfunc A(x float64) float64 { return x }\n",
		"b.go": "package p\n\n//godiff:grad\nfunc B(x float64) float64 { defer func() {}(); return x }\n",
	})
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	a := filepath.Join(link, "a.go")
	_, err := Load([]string{a, filepath.Join(link, "b.go")})
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 || list[0].Pos.Filename != filepath.Join(link, "b.go") {
		t.Errorf("Load error = %v, want one error in %s", err, filepath.Join(link, "b.go"))
	}
	if err := os.Remove(filepath.Join(dir, "b.go")); err != nil {
		t.Fatal(err)
	}
	fs, err := Load([]string{a})
	if err != nil {
		t.Fatal(err)
	}
	if fs[0].Path != a {
		t.Errorf("Path = %s, want %s", fs[0].Path, a)
	}
}
