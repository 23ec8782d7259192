package godiff

import (
	"regexp"
	"strings"
	"testing"
)

// FGrad and FVJP are one function with no tape where F's forward sweep
// saves only single values, no gradient is a struct and FVJP seeds no
// slice F writes, and call FForward and FBackward otherwise. (That the one function gives
// the split form's values and gradient bit for bit, the generated checks
// of every package test: TestGeneratedChecks.)
func TestTapelessWrapper(t *testing.T) {
	tests := []struct {
		name string
		src  string
		one  []string // the wrappers written as one function
		// split are those that call the split form, F's Forward and
		// Backward.
		split    []string
		contains []string // in the first of one
	}{
		{
			name: "straight-line scalars, a kink",
			src: `
//godiff:grad
//godiff:vjp
func F(w, b, x float64) float64 {
	h := math.Max(0, w*x+b)
	return h * h
}`,
			one: []string{"FGrad", "FVJP"},
		},
		{
			name: "a slice read, not differentiated",
			src: `
//godiff:grad w
func F(w float64, x []float64) float64 { return w * x[0] * x[1] }`,
			one: []string{"FGrad"},
		},
		{
			name: "a slice differentiated",
			src: `
//godiff:grad
func F(w []float64, b float64) float64 { return w[0]*w[1] + b }`,
			one: []string{"FGrad"},
		},
		{
			name: "two slices differentiated: their gradients share one array, as in the split form's FGrad",
			src: `
//godiff:grad
func F(w, v []float64) float64 {
	s := 0.0
	for i := range w {
		s += w[i] * v[i]
	}
	return s
}`,
			one:      []string{"FGrad"},
			contains: []string{"mem := make([]float64, t2)", "dw := mem[:t1:t1]", "dv := mem[t1:t2:t2]"},
		},
		{
			name: "a slice F writes, seeded by FVJP",
			src: `
//godiff:vjp
func F(x float64, out []float64) float64 {
	out[0] = x * x
	return x
}`,
			split: []string{"FVJP"},
		},
		{
			name: "an array differentiated",
			src: `
//godiff:grad
func F(a [2]float64) float64 { return a[0] * a[1] }`,
			split: []string{"FGrad"},
		},
		{
			name: "a loop recording a value at each iteration",
			src: `
//godiff:grad w
func F(w float64, x []float64) float64 {
	s := 0.0
	for _, xi := range x {
		s = math.Sin(s*xi + w)
	}
	return s
}`,
			split: []string{"FGrad"},
		},
		{
			name: "a struct's gradient",
			src: `
type P struct{ A, B float64 }

//godiff:grad p
func F(p P, x float64) float64 { return p.A * x * p.B }`,
			split: []string{"FGrad"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs, _, err := generateModule(t, "import \"math\"\n\nvar _ = math.Pi\n"+tt.src)
			if err != nil {
				t.Fatal(err)
			}
			out := string(outs[0].Content)
			for _, want := range tt.contains {
				if body := funcBody(t, out, tt.one[0]); !strings.Contains(body, want) {
					t.Errorf("%s lacks %q:\n%s", tt.one[0], want, body)
				}
			}
			for _, name := range append(tt.one, tt.split...) {
				body := funcBody(t, out, name)
				callsSplit := strings.Contains(body, "FForward(") && strings.Contains(body, "FBackward(")
				if want := !strings.Contains(strings.Join(tt.one, " "), name); callsSplit != want {
					t.Errorf("%s calls the split form: %v, want %v:\n%s", name, callsSplit, want, body)
				}
			}
		})
	}
}

// funcBody returns the text of function name in the Go source out, from
// its func keyword to its closing brace.
func funcBody(t *testing.T, out, name string) string {
	t.Helper()
	loc := regexp.MustCompile(`(?m)^func ` + name + `\(`).FindStringIndex(out)
	if loc == nil {
		t.Fatalf("the output has no func %s:\n%s", name, out)
	}
	rest := out[loc[0]:]
	return rest[:strings.Index(rest, "\n}\n")+3]
}
