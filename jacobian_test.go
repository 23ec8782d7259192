package godiff

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/godiff/godiff/parse"
)

// dotRule is a //godiff:rule for a function of slices: its JVP takes one
// direction, which vector mode cannot call.
const dotRule = `
type dotTape struct{ a, b []float64 }

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

//godiff:rule dot
func dotFwd(t *dotTape, a, b []float64) float64 {
	t.a, t.b = append(t.a[:0], a...), append(t.b[:0], b...)
	return dot(a, b)
}

//godiff:rule dot
func dotBwd(t *dotTape, s float64, da, db []float64) {
	for i := range t.a {
		da[i] += s * t.b[i]
		db[i] += s * t.a[i]
	}
}

//godiff:rule dot
func dotJVP(a, b, da, db []float64) (float64, float64) { return dot(a, b), dot(da, b) + dot(a, db) }
`

// TestJacobianRefusals checks what //godiff:jacobian refuses when
// generating, at the directive, and what it does instead in mode auto.
func TestJacobianRefusals(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // the diagnostic, or "" for success
		contains  []string
		lacks     []string
	}{
		{
			name: "a rule for slices: auto falls back to reverse mode",
			src: dotRule + `
//godiff:jacobian
func F(a, b []float64) (float64, float64) { d := dot(a, b); return d, d * d }
`,
			contains: []string{"func FJacobianTo(", "FBackward(tape", "It computes the Jacobian in reverse mode"},
			lacks:    []string{"FJVPVec"},
		},
		{
			name: "a rule for slices in forced forward mode",
			src: dotRule + `
//godiff:jacobian -mode=forward
func F(a, b []float64) (float64, float64) { d := dot(a, b); return d, d * d }
`,
			want: "a.go:31:1: //godiff:jacobian cannot build the Jacobian of F; forward mode: vector mode cannot call dot, whose derivative is a //godiff:rule: its JVP takes one direction",
		},
		{
			name: "a slice of slices read and written: auto takes reverse mode",
			src: `
//godiff:jacobian x
func F(x []float64, m [][]float64) {
	for i := range x {
		m[0][i] += x[i] * x[i]
	}
}
`,
			contains: []string{"It computes the Jacobian in reverse mode"},
			lacks:    []string{"FJVPVec"},
		},
		{
			name: "a slice of slices read and written in forced forward mode",
			src: `
//godiff:jacobian -mode=forward x
func F(x []float64, m [][]float64) {
	for i := range x {
		m[0][i] += x[i] * x[i]
	}
}
`,
			want: "a.go:5:6: godiff cannot build the forward Jacobian of F in several sweeps: it writes into m, of type [][]float64, which it would have to restore before each; use -mode=reverse",
		},
		{
			name: "results of two float types",
			src: `
//godiff:jacobian
func F(x float32, y float64) (float32, float64) { return x * x, y * y }
`,
			want: "a.go:5:6: godiff builds Jacobians of functions whose results are of one float type, and F returns float32 and float64; convert them to one type",
		},
		{
			name: "slices of slices of slices",
			src: `
//godiff:jacobian x
func F(x [][][]float64) float64 { return x[0][0][0] }
`,
			want: "a.go:5:6: godiff builds Jacobians of slices and slices of slices, and x of F is [][][]float64",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs, dir, err := generateModule(t, tt.src)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				out := string(outs[0].Content)
				for _, s := range tt.contains {
					if !strings.Contains(out, s) {
						t.Errorf("the output lacks %q:\n%s", s, out)
					}
				}
				for _, s := range tt.lacks {
					if strings.Contains(out, s) {
						t.Errorf("the output has %q:\n%s", s, out)
					}
				}
				return
			}
			var list parse.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Generate = %v outputs, error %v; want the diagnostic\n%s", len(outs), err, tt.want)
			}
			if got := strings.ReplaceAll(list.Error(), dir+string(filepath.Separator), ""); got != tt.want {
				t.Errorf("diagnostic:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
