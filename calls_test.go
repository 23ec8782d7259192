package godiff

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/godiff/godiff/parse"
)

// TestCallErrors checks the diagnostics about calls that depend on what is
// differentiated, which the transforms' activity analysis decides: each
// is reported at the call, with what to do, and nothing is generated.
func TestCallErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{
			name: "math function without a rule",
			src: `import "math"

//godiff:grad
func F(x float64) float64 { return math.Logb(x) }
`,
			want: "a.go:6:36: math.Logb has no derivative rule in godiff, and F calls it with an argument that depends on a differentiated parameter; write one: a //godiff:rule math.Logb function returning the value and the partial derivatives (see the README), or pass a constant",
		},
		{
			name: "another package",
			src: `import "example.com/m/other"

//godiff:grad
func F(x float64) float64 { return other.Scale(x) }
`,
			want: "a.go:6:36: Scale is in package example.com/m/other, which godiff cannot see into, and F calls it with an argument that depends on a differentiated parameter; write a //godiff:rule for it: a function returning its value and partial derivatives (see the README)",
		},
		{
			name: "callee outside the subset",
			src: `import "strconv"

//godiff:grad
func F(x float64) float64 { return float64(strconv.IntSize) * g(x) }

func g(x float64) float64 { return x + float64(len(strconv.FormatFloat(x, 'g', -1, 64))) }
`,
			want: "a.go:6:63: F calls g with an argument that depends on a differentiated parameter, but godiff cannot differentiate g: a.go:8:48: the length of a string is not supported in a differentiated function: godiff computes with numbers only",
		},
		{
			name: "another package's function reading a package variable",
			src: `import "example.com/m/other"

//godiff:grad
func F(x float64) float64 { return other.Weighted(x) }
`,
			want: "a.go:6:36: F calls other.Weighted with an argument that depends on a differentiated parameter, but godiff cannot differentiate other.Weighted: other/other.go:13:43: Weighted reads package variable k; pass it as a parameter",
		},
		{
			name: "another package's function of slices without a Go body",
			src: `import "example.com/m/other"

//godiff:grad
func F(x []float64) float64 { other.Fill(x); return x[0] }
`,
			want: "a.go:6:31: F passes a slice that carries a derivative to other.Fill, whose source godiff cannot read (it is not Go, or not in the subset), so it cannot know whether Fill writes into it; pass it a copy of the slice, or write the computation in this package",
		},
		{
			name: "another package's unexported variable",
			src: `import "example.com/m/other"

//godiff:grad
func F(x []float64) float64 { return other.Guarded(x) }
`,
			want: "a.go:6:38: F calls other.Guarded with slices, but godiff cannot differentiate other.Guarded: other/other.go:17:59: Guarded names errShort, which is unexported in package other: the generated code, in package m, cannot name it; write a //godiff:rule for other.Guarded if it is a function of numbers (see the README), or write the computation in package m",
		},
		{
			name: "several results of another package's function, reverse mode",
			src: `import "example.com/m/other"

//godiff:grad
func F(x float64) float64 { a, b := other.Pair(x); return a + b }
`,
			want: "a.go:6:37: Pair is in package example.com/m/other, which godiff cannot see into, and F calls it with an argument that depends on a differentiated parameter; it has several results, which a //godiff:rule cannot cover: write the computation in functions of this package, or pass constants",
		},
		{
			name: "several results of another package's function, forward mode",
			src: `import "example.com/m/other"

//godiff:jvp
func F(x float64) float64 { a, b := other.Pair(x); return a + b }
`,
			want: "a.go:6:37: Pair is in package example.com/m/other, which godiff cannot see into, and F calls it with an argument that depends on a differentiated parameter; it has several results, which a //godiff:rule cannot cover: write the computation in functions of this package, or pass constants",
		},
		{
			name: "several results of a callee outside the subset, reverse mode",
			src: `
func sc(x float64) (float64, float64) { defer func() {}(); return x * x, 3 * x }

//godiff:vjp
func F(x float64) float64 { a, b := sc(x); return a + b }
`,
			want: "a.go:7:37: F calls sc with an argument that depends on a differentiated parameter, but godiff cannot differentiate sc: a.go:4:41: defer statements are not supported in a differentiated function: a differentiated function must be a pure computation on numbers",
		},
		{
			name: "several results of a callee outside the subset, forward mode",
			src: `
func sc(x float64) (float64, float64) { defer func() {}(); return x * x, 3 * x }

//godiff:jvp
func F(x float64) float64 { a, b := sc(x); return a + b }
`,
			want: "a.go:7:37: F calls sc with an argument that depends on a differentiated parameter, but godiff cannot differentiate sc: a.go:4:41: defer statements are not supported in a differentiated function: a differentiated function must be a pure computation on numbers",
		},
		{
			name: "array result of a callee outside the subset, on a differentiated array",
			src: `
func sc(a [2]float64) [2]float64 { defer func() {}(); return a }

//godiff:grad
func F(x float64) float64 { c := sc([2]float64{1, x}); return c[1] }
`,
			want: "a.go:7:34: F calls sc with slices, but godiff cannot differentiate sc: a.go:4:36: defer statements are not supported in a differentiated function: a differentiated function must be a pure computation on numbers",
		},
		{
			name: "helper name taken",
			src: `import "math"

func godiffDigamma() {}

//godiff:grad
func F(x float64) float64 { a, _ := math.Lgamma(x); return a }
`,
			want: "a.go:8:37: godiff would generate godiffDigamma for the derivative of math.Lgamma, but the package declares godiffDigamma already (a.go:5:6); rename it",
		},
		{
			name: "callee differentiated in part",
			src: `
//godiff:grad x
func g(x, y float64) float64 { return x * y }

//godiff:grad
func F(x float64) float64 { return g(x, x) }
`,
			want: "a.go:8:36: F calls g with an argument that depends on a differentiated parameter, but godiff cannot differentiate g: its //godiff:grad differentiates with respect to some of its float parameters only, but a call of it needs them all: name them all, or none (a.go:4:1)",
		},
		{
			name: "callee of slices with an integer result that writes",
			src: `
func argmax(s []float64) int {
	best := 0
	for i := range s {
		if s[i] > s[best] {
			best = i
		}
	}
	s[best] = 0
	return best
}

//godiff:grad
func F(x []float64) float64 { return x[argmax(x)] }
`,
			want: "a.go:16:40: F calls argmax, which returns int, and it writes into a slice that carries a derivative; godiff differentiates such a call only if it returns one float or nothing",
		},
		{
			name: "call of a function of differentiated slices outside the subset",
			src: `
func count(s []float64) float64 {
	n := 0
	for _, v := range s {
		n += int(v)
	}
	go func() {}()
	return float64(n)
}

//godiff:grad
func F(x float64, s []float64) float64 { return x * count(s) }
`,
			want: "a.go:14:53: F calls count with slices, but godiff cannot differentiate count: a.go:9:2: go statements are not supported in a differentiated function: a differentiated function must be a pure computation on numbers",
		},
		{
			name: "callee of slices and several results outside the subset",
			src: `
func bounds(x []float64, a float64) (float64, float64) {
	go func() {}()
	return x[0] * a, a
}

//godiff:jvp
func F(a float64) float64 {
	x := []float64{1, 2}
	lo, hi := bounds(x, a)
	return lo * hi
}
`,
			want: "a.go:12:12: F calls bounds with slices, but godiff cannot differentiate bounds: a.go:5:2: go statements are not supported in a differentiated function: a differentiated function must be a pure computation on numbers",
		},
		{
			name: "inactive method call outside the subset",
			src: `
type P struct{ A float64 }

func (p P) label() float64 {
	defer func() {}()
	return p.A
}

//godiff:grad x
func F(p P, x float64) float64 { return x * p.label() }
`,
			want: "a.go:12:45: F calls P.label passing a struct's fields, but godiff cannot differentiate P.label: a.go:7:2: defer statements are not supported in a differentiated function: a differentiated function must be a pure computation on numbers",
		},
		{
			name: "a method writing an array field through its pointer receiver",
			src: `
type Body struct {
	Pos  [3]float64
	Mass float64
}

func (b *Body) shift(g float64) float64 {
	b.Pos[0] += g
	return b.Pos[0] * b.Mass
}

//godiff:grad
func Energy(b *Body, g float64) float64 {
	return b.shift(g) + b.Pos[0]
}
`,
			want: "a.go:16:9: Energy calls Body.shift passing a struct's fields, but godiff cannot differentiate Body.shift: shift writes into the array field b.Pos, which its caller's struct holds; godiff passes an array to a function by value, so the write would not reach the caller: make the field a slice, or write the element in the caller",
		},
		{
			name: "name taken",
			src: `
func g(x float64) float64 { return x * x }

func gGrad() {}

//godiff:grad
func F(x float64) float64 { return g(x) }
`,
			want: "a.go:9:36: F calls g with an argument that depends on a differentiated parameter, but godiff cannot differentiate g: godiff would generate gGrad for its derivative, but the package declares gGrad already (a.go:6:6); rename one of them",
		},
		{
			name: "another package's method reading an unexported field",
			src: `import "example.com/m/other"

//godiff:grad
func F(x float64) float64 { return other.Dist{Mu: x, Sigma: 1}.Named(x) }
`,
			want: "a.go:6:36: F calls other.Dist.Named, which godiff must copy into the output or differentiate, and cannot: other/other.go:38:64: the length of a string is not supported in a differentiated function: godiff computes with numbers only",
		},
		{
			name: "another package's method assigning a field",
			src: `import "example.com/m/other"

//godiff:grad
func F(x float64) float64 {
	d := other.Dist{Mu: x}
	return d.Shift(x)
}
`,
			want: "a.go:8:9: F calls other.Dist.Shift, which godiff must copy into the output or differentiate, and cannot: other/other.go:40:43: assigning to the field d.Mu is not supported: a differentiated function may not change a field of its parameters; keep the value in a local variable",
		},
		{
			name: "another package's method reading a package variable",
			src: `import "example.com/m/other"

//godiff:grad
func F(x float64) float64 { return other.Dist{Mu: x}.Weighted(2) }
`,
			want: "a.go:6:36: F calls other.Dist.Weighted, which godiff must copy into the output or differentiate, and cannot: other/other.go:42:52: Weighted reads package variable k; pass it as a parameter",
		},
		{
			name: "another package's struct with an unexported field in a parameter",
			src: `import "example.com/m/other"

type Net struct {
	W  float64
	In other.Hid
}

//godiff:grad n
func F(n Net) float64 { return n.W * n.In.Sum() }
`,
			want: "a.go:11:38: passing n.In to a function is not supported: its field b is unexported, of another package's struct, which the generated code cannot read from a parameter",
		},
		{
			name: "another package's struct result",
			src: `import "example.com/m/other"

//godiff:grad
func F(x float64) float64 {
	b := other.MkBag(x)
	return other.Spread(other.Sum(other.Dist{Mu: x}, other.Dist{Sigma: b.S}))
}
`,
			want: "a.go:7:7: other.MkBag returns a struct whose field W is not a number; godiff follows a struct result of numbers only: return the numbers, or pass a slice to write into",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
			writeFile(t, filepath.Join(dir, "other", "other.go"), otherPackage)
			writeFile(t, filepath.Join(dir, "other", "other.s"), "")
			src := filepath.Join(dir, "a.go")
			writeFile(t, src, "package m\n\n"+tt.src)
			outs, err := Generate([]string{src}, Options{})
			var list parse.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Generate = %v outputs, error %v; want the diagnostic\n%s", len(outs), err, tt.want)
			}
			got := strings.ReplaceAll(list.Error(), dir+string(filepath.Separator), "")
			if got != tt.want {
				t.Errorf("diagnostic:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// otherPackage is the package other of TestCallErrors: Scale and Fill have
// no Go body (other.s stands for their assembly), Weighted reads a package
// variable that SetK assigns, Guarded panics with an unexported variable; Total and Mean are
// plain Go.
const otherPackage = `package other

import "errors"

var k = 2.0

var errShort = errors.New("short")

func Scale(x float64) float64

func Pair(x float64) (float64, float64) { return x, x }

func Weighted(x float64) float64 { return k * x }

func Fill(s []float64)

func Guarded(s []float64) float64 { if len(s) < 2 { panic(errShort) }; return s[0] * s[1] }

func Total(s []float64) float64 { t := 0.0; for _, v := range s { t += v }; return t }

func Mean(x, w []float64) float64 { if w == nil { return Total(x) / float64(len(x)) }; return 0 }

func Outer(x float64) float64 { return 2 * Weighted(x) }

func AsmTotal(s []float64) float64

func ScaledTotal(s []float64) float64 { return k * Total(s) }

func Counted(s []float64) float64 { t := 0.0; for i := range count(len(s)) { t += s[i] * s[i] }; return t }

func count(n int) int { return n }

type Dist struct {
	Mu, Sigma float64
	name      string
}

func (d Dist) Named(x float64) float64 { return d.Mu * float64(len(d.name)) * x }

func (d *Dist) Shift(x float64) float64 { d.Mu += x; return d.Mu }

func (d Dist) Weighted(x float64) float64 { return k * d.Mu * x }

func Sum(a, b Dist) Dist { return Dist{Mu: a.Mu + b.Mu, Sigma: a.Sigma + b.Sigma} }

func Spread(d Dist) float64 { return d.Sigma }

type Bag struct {
	W []float64
	S float64
}

func MkBag(x float64) Bag { return Bag{S: x} }

// SetK assigns k, which functions may then not read as a constant.
func SetK(v float64) { k = v }

type Hid struct {
	A float64
	b float64
}

func (h Hid) Sum() float64 { return h.A + h.b }
`

// TestCalleeInOneOutput checks that the derivative of a function two
// files call goes into one output, whichever file a run is given, so that
// each file can have its own //go:generate line; the outputs then build
// together.
func TestCalleeInOneOutput(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	writeFile(t, filepath.Join(dir, "helpers.go"), "package m\n\nfunc sq(x float64) float64 { return x * x }\n\n// horner stays a call in reverse mode: its loop carries p (see reverse.InlineSmall).\nfunc horner(c []float64, x float64) float64 {\n\tp := 0.0\n\tfor i := range c {\n\t\tp = p*x + c[i]\n\t}\n\treturn p\n}\n")
	writeFile(t, filepath.Join(dir, "b.go"), "package m\n\n//godiff:grad\n//godiff:jvp\nfunc B(x []float64) float64 { return sq(horner(x, 0.5)) }\n")
	writeFile(t, filepath.Join(dir, "a.go"), "package m\n\n//godiff:grad\nfunc A(x float64) float64 { return sq(x) * 2 }\n")
	outputs := make(map[string]string)
	for _, name := range []string{"b.go", "a.go"} { // b first: order must not matter
		outs, err := Generate([]string{filepath.Join(dir, name)}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		outputs[name] = string(outs[0].Content)
		writeFile(t, outs[0].Path, outputs[name])
	}
	for _, c := range []struct {
		file, fn string
		want     bool
	}{
		{"a.go", "func sqGrad(", true}, // a.go is first in path order
		{"b.go", "func sqGrad(", false},
		{"b.go", "func hornerCallCForward(", true}, // only b.go needs horner
		{"b.go", "func hornerCJVP(", true},
		{"a.go", "func hornerCallCForward(", false},
	} {
		if got := strings.Contains(outputs[c.file], c.fn); got != c.want {
			t.Errorf("output of %s holds %q: %v, want %v", c.file, c.fn, got, c.want)
		}
	}
	vet := exec.Command("go", "vet", ".")
	vet.Dir = dir
	if out, err := vet.CombinedOutput(); err != nil {
		t.Errorf("go vet on the two outputs: %v\n%s", err, out)
	}
}

// TestClashAcrossFiles checks that two files whose directives would
// generate the same name (the function NetLoss and the method Net.Loss
// both make NetLossTape) are reported rather than written.
func TestClashAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	writeFile(t, filepath.Join(dir, "a.go"), "package m\n\ntype Net struct{ W float64 }\n\n//godiff:grad\nfunc (n *Net) Loss(x float64) float64 { return n.W * x }\n")
	writeFile(t, filepath.Join(dir, "b.go"), "package m\n\n//godiff:grad\nfunc NetLoss(w float64) float64 { return w * w }\n")
	_, err := Generate([]string{filepath.Join(dir, "b.go")}, Options{})
	var list parse.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Generate: %v; want a diagnostic", err)
	}
	got := strings.ReplaceAll(list.Error(), dir+string(filepath.Separator), "")
	if want := "b.go:4:6: godiff would generate NetLossTape for this function and for one in a.go; rename one of them"; !strings.Contains(got, want) {
		t.Errorf("diagnostic:\n%s\nwant it to contain:\n%s", got, want)
	}
}

// orderHelpers are the callees of TestEvaluationOrder's functions: scale
// writes its slice, dot and first only read theirs.
const orderHelpers = `
func scale(a []float64, k float64) float64 {
	for i := range a {
		a[i] *= k
	}
	return a[0]
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func first(a []float64) float64 { return a[0] }

func pair(u, v float64) float64 { return u * v }

type P struct {
	W []float64
	V []float64
}

func (p P) grow(k float64) float64 { p.W[0] *= k; return p.W[0] }
`

// TestEvaluationOrder checks that a statement whose value depends on the
// order Go leaves unspecified, between a call that writes a slice and a
// read of that slice, is refused at the expression holding both (want),
// and that the statements whose order Go fixes are accepted (want "").
func TestEvaluationOrder(t *testing.T) {
	const msg = "Go does not specify which happens first: assign the call's result to a variable in a statement before"
	tests := []struct {
		name, src, want string
	}{
		{"read before the call", `return a[0]*x + scale(a, x)`, "a.go:31:9: this expression reads a and also calls scale, which writes a; " + msg},
		{"read after the call", `return scale(a, x) + a[0]*x`, "a.go:31:9: this expression reads a and also calls scale, which writes a; " + msg},
		{"sub-slice of the same parameter", "ys := a[1:]\n\treturn scale(a, x) + ys[0]", "a.go:32:9: this expression reads a and also calls scale, which writes a; " + msg},
		{"sub-slice passed", `return scale(a[1:], x) + a[1]`, "a.go:31:9: this expression reads a and also calls scale, which writes a; " + msg},
		{"operand of another call", `return pair(a[0], scale(a, x))`, "a.go:31:9: this expression reads a and also calls scale, which writes a; " + msg},
		{"tuple assignment", "u, v := a[0], scale(a, x)\n\treturn u + v", "a.go:31:2: this expression reads a and also calls scale, which writes a; " + msg},
		{"index of the assigned element", "a[int(a[1])] = scale(a, x)\n\treturn a[0]", "a.go:31:2: this expression reads a and also calls scale, which writes a; " + msg},
		{"operator assignment", "a[0] += scale(a, x)\n\treturn a[0]", "a.go:31:2: this expression reads a and also calls scale, which writes a; " + msg},
		{"condition", "if a[0] > scale(a, x) {\n\t\treturn x\n\t}\n\treturn a[0]", "a.go:31:5: this expression reads a and also calls scale, which writes a; " + msg},
		{"struct field", `return p.W[0] + p.grow(x)`, "a.go:31:9: this expression reads p.W and also calls p.grow, which writes p.W; " + msg},
		{"array sliced for the call", "g := [2]float64{x, 1}\n\treturn g[1] + scale(g[:], x)", "a.go:32:9: this expression reads g and also calls scale, which writes g; " + msg},
		{"in a callee", "return h(a, x)\n}\n\nfunc h(a []float64, x float64) float64 {\n\treturn a[0] + scale(a, x)",
			"a.go:31:9: F calls h with slices, but godiff cannot differentiate h: a.go:35:9: this expression reads a and also calls scale, which writes a; " + msg},

		{"calls that only read", `return dot(a, b) + dot(a, c)*x`, ""},
		{"store of a reading call", "a[0] = x * dot(a, b)\n\treturn a[0]", ""},
		{"store of a writing call", "a[0] = scale(a, x)\n\treturn a[0]", ""},
		{"index computed by the call", `return a[int(scale(a, x))]`, ""},
		{"read of other memory", `return scale(a, x) + b[0]`, ""},
		{"read in the call's arguments", `return scale(a, a[0]*x)`, ""},
		{"calls in order", `return dot(a, b)*x + scale(a, x) + first(a)`, ""},
		{"field not written", `return p.V[0] + p.grow(x)`, ""},
		{"array passed by value", "g := [2]float64{x, 1}\n\treturn g[0] + bump(g, x)\n}\n\nfunc bump(a [2]float64, k float64) float64 {\n\ta[0] *= k\n\treturn a[0]", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
			src := filepath.Join(dir, "a.go")
			writeFile(t, src, "package m\n"+orderHelpers+"\n//godiff:grad x a p\nfunc F(x float64, a, b, c []float64, p P) float64 {\n\t"+tt.src+"\n}\n")
			_, err := Generate([]string{src}, Options{})
			got := ""
			if err != nil {
				got = strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
			}
			if got != tt.want {
				t.Errorf("diagnostic:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// splitFromTwoBuilds is srcgen seed 85 program 91, reduced: F91 and F91K
// each build the split form of f91H3 over both parameters; F91's
// derivatives call only its forward function, F91K's its backward one
// too. Generate took the forward function from F91's build and the
// backward one from F91K's, two tapes of one name, and failed with an
// internal error.
const splitFromTwoBuilds = `package m
import (
"math"
)
const (
	f91Scale = 0.5
)
func f91H1(a [3]float64, b float64) [3]float64 {
	r := (b * b)
	v1 := (a[len(a)-1] + (a[len(a)-1] / (2 + (1.5/f91Scale)*(1.5/f91Scale))))
	j2 := 0
	for j2 < len(a) {
		arr4 := [3]float64{((0.5 * 2 * r) * r), math.Pi, a[(j2 - 1)]}
		v5 := (f91Scale*0 + ((a[(j2-1)] / 0.5) - arr4[(j2-1)]))
		r += v5
	}
	r += v1
	return a
}
func f91H3(v []float64, a float64) float64 {
	r := math.Hypot(2, 1.5+math.Sin(2))
	if !(math.IsInf(r, 1) && r < 0) {
		return r + f91H1([3]float64{a, f91Scale, a}, (r + a))[1]
	}
	panic("f91: unreachable")
}
func f91H4(v []float64, a float64) float64 {
	r := a
	var arr9 [3]float64
	u10, u11 := math.Sincos(((r / (2 - math.Tanh(arr9[len(arr9)-1]))) + arr9[0]))
	r += u10
	r += u11
	return r + f91H3(arr9[:], v[0])
}
func f91Tri(a, v, out []float64, n int) {
	idx := 0
	for i := 0; i < n; i++ {
		for j := 0; j <= i; j++ {
			idx++
		}
	}
}
//godiff:jacobian
func F91(y float64, xs []float64, x float64) float64 {
	sl12 := x
	sl13 := y
	r := sl12
	arr14 := f91H1([3]float64{(xs[1] + 0.25), math.Min(sl12, xs[2]), y}, xs[0])
	work15 := make([]float64, 1)
	for i16, p17 := range xs {
		j28 := 0
		for j28 < len(work15) {
			if t30 := math.Log1p(0.5 + math.Sin(2)/2); t30 > f91H3(xs, sl13) {
				v31 := max(p17, work15[(j28-1)], x)
				v32 := f91H3(xs, 0.25)
				v31 = math.Hypot(f91H1([3]float64{v32, float64(i16), f91Scale}, 0.5)[2], 1.5+math.Sin((math.Max(f91Scale, work15[len(work15)-1])*(2-1))))
				r += v31
				buf33 := make([]float64, 2)
				arr34 := [2]float64{((p17 - p17) - math.Asin(math.Atan(xs[i16])/2)), f91H3(buf33, x)}
				r += arr34[0]
			}
		}
	}
	triA := [6]float64{0.25 * x, x, y, x + 0.25, x + 0.25, x}
	triV := [3]float64{y, x, 2}
	var triO [3]float64
	for tp := 0; tp < 3; tp++ {
		f91Tri(triA[:], triV[:], triO[:], 3)
	}
	return r + math.Atan(f91H4(arr14[:], f91H3(arr14[:], work15[len(work15)-1])))
}
//godiff:grad
func F91K(y float64, xs []float64, x float64) float64 {
	sl12 := x
	sl13 := y
	r := sl12
	arr14 := f91H1([3]float64{(xs[1] + 0.25), math.Min(sl12, xs[2]), y}, xs[0])
	work15 := make([]float64, 1)
	//godiff:checkpoint
	for i16, p17 := range xs {
		for j18 := range work15 {
			work15[j18] = -(0.5 * 2 * 2)
		}
		j28 := 0
		for j28 < len(work15) {
			if t30 := math.Log1p(0.5 + math.Sin(2)/2); t30 > f91H3(xs, sl13) {
				v31 := max(p17, work15[(j28-1)], x)
				v32 := f91H3(xs, 0.25)
				v31 = math.Hypot(f91H1([3]float64{v32, float64(i16), f91Scale}, 0.5)[2], 1.5+math.Sin((math.Max(f91Scale, work15[len(work15)-1])*(2-1))))
				r += v31
				buf33 := make([]float64, 2)
				arr34 := [2]float64{((p17 - p17) - math.Asin(math.Atan(xs[i16])/2)), f91H3(buf33, x)}
				r += arr34[0]
			}
		}
	}
	triA := [6]float64{0.25 * x, x, y, x + 0.25, x + 0.25, x}
	triV := [3]float64{y, x, 2}
	var triO [3]float64
	for tp := 0; tp < 3; tp++ {
		f91Tri(triA[:], triV[:], triO[:], 3)
	}
	return r + math.Atan(f91H4(arr14[:], f91H3(arr14[:], work15[len(work15)-1])))
}`

// TestSplitFormFromOneBuild checks that the functions of a callee's split
// form come from one build, so that they share one tape, and the output
// builds.
func TestSplitFormFromOneBuild(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	writeFile(t, filepath.Join(dir, "a.go"), splitFromTwoBuilds)
	outs, err := Generate([]string{filepath.Join(dir, "a.go")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := string(outs[0].Content)
	for _, fn := range []string{"func f91H3CallForward(", "func f91H3CallBackward(", "type f91H3CallTape struct"} {
		if strings.Count(out, fn) != 1 {
			t.Errorf("the output holds %q %d times, want once", fn, strings.Count(out, fn))
		}
	}
	writeFile(t, outs[0].Path, out)
	vet := exec.Command("go", "vet", ".")
	vet.Dir = dir
	if out, err := vet.CombinedOutput(); err != nil {
		t.Errorf("go vet on the output: %v\n%s", err, out)
	}
}
