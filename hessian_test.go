package godiff

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/godiff/godiff/parse"
)

// TestHessianDirective checks what //godiff:hessian builds and what it
// refuses, each refusal at its directive with what to write instead.
func TestHessianDirective(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // the diagnostic, or "" for success
		contains  []string
		lacks     []string
	}{
		{
			name: "scalars: FHessian, FHessianTo on one sweep of FHessianVec, and FHVP",
			src: `
//godiff:hessian
func F(x, y float64) float64 { return x * x * y }
`,
			contains: []string{
				"func FHessian(x, y float64) (float64, float64, float64, [][]float64) {",
				"func FHessianTo(h [][]float64, x, y float64) (float64, float64, float64) {",
				"func FHVP(x, y, vx, vy float64) (float64, float64, float64, float64, float64) {",
				"panic(fmt.Sprintf(\"FHessianTo: h has %d rows, want %d: one per input\", t1, 2))",
				"t3, t4, t5 := FHessianVec(x, y, vx, vy, &dres)",
				"func FHessianVec(x, y float64, dx, dy [2]float64, dres *[3][2]float64) (float64, float64, float64) {",
				"m := (t10[t9] + t11[i3]) * 0.5",
			},
		},
		{
			name: "with //godiff:hvp on the same parameters: one FHVP",
			src: `
//godiff:hvp x
//godiff:hessian x
func F(x []float64, y float64) float64 { return x[0] * x[1] * y }
`,
			contains: []string{"func FHessianTo(h [][]float64, x []float64, y float64) (float64, []float64) {", "func FHVP(x []float64, y float64, vx []float64) (float64, []float64, []float64) {",
				// Eight columns per sweep of the gradient's vector JVP,
				// the gradient added into dx2, and H·e_j written into row j.
				"n := len(x)", "vx := make([][8]float64, n)", "for c := range max((n+7)/8, 1) {", "vx[t7][t7-t3] = 1", "t8 := FHessianVec(x, y, dx2, vx, hvx, &dres)",
				"t10[i6] = hvx[i6][k]", "func FHessianVec(x []float64, y float64, dx []float64, dx2, ddx [][8]float64, dres *[1][8]float64) float64 {"},
		},
		{
			name: "a slice whose gradient reads its tape: the tangents recorded beside it",
			src: `
//godiff:hessian
func F(x []float64) float64 {
	s := 0.0
	for i := range x {
		s += math.Exp(x[i] * x[i])
	}
	return s
}
`,
			contains: []string{"t8 := FHessianVec(x, dx2, vx, hvx, &dres)", "type FHessianVecTape struct {", "exp [][8]float64",
				"dt := poolFHessianVecTape.Get().(*FHessianVecTape)", "dt.exp = append(dt.exp, t5)"},
			lacks: []string{"FHVP along the j-th unit vector"},
		},
		{
			// The gradient does not vary with x: no buffer is an output of
			// the vector JVP, and the columns come from FHVP.
			name: "a gradient constant in x: FHVP per column",
			src: `
//godiff:hessian
func F(x []float64) float64 {
	s := 0.0
	for i := range x {
		s += 2 * x[i]
	}
	return s
}
`,
			contains: []string{"vx := make([]float64, n)", "t3, t4, t5 := FHVP(x, vx)", "FHVP along the j-th unit vector"},
			lacks:    []string{"FHessianVec"},
		},
		{
			name: "with //godiff:hvp on other parameters",
			src: `
//godiff:hvp x
//godiff:hessian
func F(x, y float64) float64 { return x * x * y }
`,
			want: "a.go:8:1: //godiff:hessian of F calls FHVP, which its //godiff:hvp builds with respect to other parameters; name the same parameters in both",
		},
		{
			name: "an array parameter",
			src: `
//godiff:hessian
func F(x [2]float64) float64 { return x[0] * x[1] }
`,
			want: "a.go:7:1: //godiff:hessian cannot build the Hessian of F: godiff builds Hessians with respect to float parameters and slices of floats, and x of F is an array; pass its floats as a []float64 (or separate float parameters)",
		},
		{
			name: "a struct parameter",
			src: `
type P struct{ A, B float64 }

//godiff:hessian
func F(p P) float64 { return p.A * p.B * p.B }
`,
			// Its fields are the inputs, in order; FHessian does
			// FHessianTo's work itself, whose struct result a call
			// could not take apart.
			contains: []string{"func FHessian(p P) (float64, P, [][]float64) {", "func FHessianTo(h [][]float64, p P) (float64, P) {",
				"t2, t3, t4 := FHessianVec(p, vpA, vpB, &dres)", "dp.A = t3", "return r1, dp, h",
				"a struct's fields in the order of their declaration: p.A and p.B."},
		},
		{
			name: "a struct parameter whose Hessian needs FHVP's columns",
			src: `
type P struct{ A, B float64 }

//godiff:hessian p x
func F(p P, x []float64) float64 { return p.A + 2*x[0] }
`,
			want: "a.go:9:1: //godiff:hessian cannot build the Hessian of F: the Hessian of a struct's fields comes from sweeps of the gradient's vector JVP, which cannot be built here (a slice's gradient does not vary with the parameters); pass the fields as parameters",
		},
		{
			name: "a slice of slices written",
			src: `
//godiff:hessian x
func F(x []float64, out [][]float64) float64 {
	out[0][0] = x[0] * x[0]
	return x[0] * x[1]
}
`,
			want: "a.go:7:1: //godiff:hessian cannot build the Hessian of F: F writes into out, of type [][]float64, and FHessianTo restores only slices of floats before each of its sweeps; write into a []float64 (//godiff:hvp takes it: FHVP runs F once)",
		},
		{
			name: "two results",
			src: `
//godiff:hessian
func F(x float64) (float64, float64) { return x, x * x }
`,
			want: "a.go:7:1: //godiff:hessian needs exactly one float64 or float32 result; F has 2 results: use //godiff:vjp",
		},
		{
			name: "FHessianTo's name taken",
			src: `
func FHessianTo() {}

//godiff:hessian
func F(x float64) float64 { return x * x }
`,
			want: "a.go:9:1: //godiff:hessian would generate FHessianTo, but the package declares FHessianTo already (a.go:7:6); rename one of them",
		},
		{
			name: "a slice updated in place",
			src: `
//godiff:hessian x ys
func F(x float64, ys []float64) float64 {
	ys[0] = x * ys[0]
	return ys[0] + ys[1]*x
}
`,
			// Each sweep runs F from a copy of ys as passed, and zeroes
			// the directions F updated with it.
			contains: []string{"savedys := make([]float64, t1)", "copy(savedys, ys)", "copy(ys, savedys)", "vys[i4][j2] = 0",
				"F writes into ys: each sweep runs it from a copy of the values passed, so"},
		},
		{
			name: "FHVP's name taken",
			src: `
func FHVP() {}

//godiff:hessian
func F(x float64) float64 { return x * x }
`,
			want: "a.go:9:1: //godiff:hessian would generate FHVP, but the package declares FHVP already (a.go:7:6); rename one of them",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs, dir, err := generateModule(t, "import \"math\"\n\nvar _ = math.Pi\n"+tt.src)
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
				if n := strings.Count(out, "\nfunc FHVP("); n != 1 {
					t.Errorf("the output declares FHVP %d times", n)
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
