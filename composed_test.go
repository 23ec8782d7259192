package godiff

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/godiff/godiff/parse"
)

// TestCallsOfGeneratedDerivatives checks that an annotated function may
// call the derivatives godiff generates for another (before they exist:
// the test's directory has no output yet), what godiff builds for their
// calls' derivatives, and what it refuses, at the call, with what to
// write instead.
func TestCallsOfGeneratedDerivatives(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // the diagnostic, or "" for success
		contains  []string
	}{
		{
			name: "a JVP of a gradient: forward over the one-call gradient",
			src: `
//godiff:grad
func G(x, y float64) float64 { return x * x * y }

//godiff:jvp
func P(x, y float64) float64 {
	f, gx, gy := GGrad(x, y)
	return f + gx*gy
}
`,
			contains: []string{"func GGradJVP(x, y, dx, dy float64) (float64, float64, float64, float64, float64, float64) {", "f, gx, gy, t1, t2, t3 := GGradJVP(x, y, dx, dy)"},
		},
		{
			name: "a gradient through a JVP",
			src: `
//godiff:jvp
func G(x, y float64) float64 { return math.Sin(x * y) }

//godiff:grad
func P(x, y float64) float64 {
	_, d := GJVP(x, y, 1, 0)
	return d
}
`,
			contains: []string{"func GJVPXYJVP(x, y, dx, dy, dx2, dy2 float64) (float64, float64, float64, float64) {"},
		},
		{
			name: "a call that carries no derivative stays a call",
			src: `
//godiff:grad
func G(x, y float64) float64 { return x * x * y }

//godiff:grad x
func P(x, y float64) float64 {
	_, gx, _ := GGrad(y, y)
	return x * gx
}
`,
			contains: []string{"_, gx, _ := GGrad(y, y)"},
		},
		{
			name: "a VJP: the one-call gradient times the seed",
			src: `
//godiff:vjp
func H(x, y float64) float64 { return x * y }

//godiff:jvp
func P(x, y float64) float64 {
	f, a, b := HVJP(x, y, 1)
	return f + a + b
}
`,
			// The seed is a constant: its tangent drops out.
			contains: []string{"func HVJPNoSJVP(x, y, s, dx, dy float64) (float64, float64, float64, float64, float64, float64) {", "f, a, b, t1, t2, t3 := HVJPNoSJVP(x, y, 1, dx, dy)"},
		},
		{
			name: "a VJP of a function of two results",
			src: `
//godiff:vjp
func H(x, y float64) (float64, float64) { return x * y, x + y }

//godiff:jvp
func P(x, y float64) float64 {
	f, g, a, b := HVJP(x, y, 1, 2)
	return f + g + a + b
}
`,
			want: "a.go:15:16: P calls HVJP with an argument that depends on a differentiated parameter, but godiff cannot differentiate HVJP: godiff differentiates through HVJP only for a function of one result, and H has 2; call HGrad or HJVP instead",
		},
		{
			name: "a function of a struct: no declaration while loading, and why",
			src: `
type Params struct{ A, B float64 }

//godiff:grad
func Loss(p Params, x float64) float64 { return p.A * x * x * p.B }

//godiff:grad
func P(x float64) float64 {
	_, g, _ := LossGrad(Params{1, 2}, x)
	return g.A
}
`,
			want: "a.go:17:13: LossGrad is the derivative godiff generates for Loss; godiff differentiates through the derivatives it generates only for functions (not methods) whose parameters and results are all float64 or float32 (FGrad also of functions of slices of float64), and Loss takes or returns Params; write the derivative's computation out instead",
		},
		{
			name: "a method",
			src: `
type Net struct{ A, B float64 }

//godiff:grad
func (n *Net) Loss(x float64) float64 { return n.A * x * x * n.B }

//godiff:jvp
func P(x float64) float64 {
	_, _, g := LossGrad(&Net{1, 2}, x)
	return g
}
`,
			want: "a.go:17:13: LossGrad is the derivative godiff generates for the method (*Net).Loss; godiff differentiates through the derivatives it generates only for functions (not methods) whose parameters and results are all float64 or float32 (FGrad also of functions of slices of float64), and Loss is a method; write the derivative's computation out instead",
		},
		{
			name: "another package's type",
			src: `
//godiff:grad
func Loss(d time.Duration, x float64) float64 { return float64(d) * x * x }

//godiff:grad
func P(x float64) float64 {
	_, g := LossGrad(2, x)
	return g
}
`,
			want: "a.go:15:10: LossGrad is the derivative godiff generates for Loss; godiff differentiates through the derivatives it generates only for functions (not methods) whose parameters and results are all float64 or float32 (FGrad also of functions of slices of float64), and Loss takes or returns time.Duration, another package's type; write the derivative's computation out instead",
		},
		{
			name: "a gradient godiff cannot build as one function",
			src: `
//godiff:grad
func G(x, y float64) float64 {
	for k := 0; k < 3; k++ {
		if x > 1 {
			return x * y
		}
		x = x * y
	}
	return x
}

//godiff:jvp
func P(x, y float64) float64 {
	f, gx, _ := GGrad(x, y)
	return f * gx
}
`,
			want: "a.go:23:14: P calls GGrad with an argument that depends on a differentiated parameter, but godiff cannot differentiate GGrad: a return before the end inside a loop is not supported yet; break out of the loop, assign the result and return once at the end",
		},
		{
			name: "a function that calls another",
			src: `
func sq(x float64) float64 { return x * x }

//godiff:grad
func G(x, y float64) float64 { return sq(x) * y }

//godiff:jvp
func P(x, y float64) float64 {
	f, gx, _ := GGrad(x, y)
	return f * gx
}
`,
			want: "a.go:17:14: P calls GGrad with an argument that depends on a differentiated parameter, but godiff cannot differentiate GGrad: G calls sq; godiff differentiates through the derivatives it generates only of functions that call nothing but the math package's",
		},
		{
			// The derivative of Lgamma is the digamma function, which the
			// derivative of GGrad would differentiate again.
			name: "a function that calls math.Lgamma",
			src: `
//godiff:grad
func G(x, y float64) float64 {
	lg, _ := math.Lgamma(x * y)
	return lg
}

//godiff:grad
func P(x, y float64) float64 {
	f, gx, _ := GGrad(x, y)
	return f * gx
}
`,
			want: "a.go:18:14: godiff cannot differentiate this call of GGrad: GGrad differentiates math.Lgamma, whose derivative (the digamma function) godiff cannot differentiate again; pass math.Lgamma a constant, or call a function that does not call it",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkGenerated(t, tt.src, tt.want, tt.contains) })
	}
}

// checkGenerated runs godiff on a.go, a package of its own holding src,
// and checks its diagnostic against want, or, if want is "", that the
// output holds each of contains.
func checkGenerated(t *testing.T, src, want string, contains []string) {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	path := filepath.Join(dir, "a.go")
	writeFile(t, path, "package m\n\nimport (\n\t\"math\"\n\t\"time\"\n)\n\nvar _, _ = math.Pi, time.Second\n"+src)
	outs, err := Generate([]string{path}, Options{})
	if want == "" {
		if err != nil {
			t.Fatal(err)
		}
		out := string(outs[0].Content)
		for _, s := range contains {
			if !strings.Contains(out, s) {
				t.Errorf("the output lacks %q:\n%s", s, out)
			}
		}
		return
	}
	var list parse.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Generate = %v outputs, error %v; want the diagnostic\n%s", len(outs), err, want)
	}
	if got := strings.ReplaceAll(list.Error(), dir+string(filepath.Separator), ""); got != want {
		t.Errorf("diagnostic:\n%s\nwant:\n%s", got, want)
	}
}
