package godiff

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/godiff/godiff/parse"
)

// TestCallsIntoOtherPackages runs godiff on calls of other packages'
// functions: accepted ones must generate code holding the given text,
// refused ones must give the diagnostic starting with want, at its
// position. The package other is TestCallErrors' (otherPackage).
func TestCallsIntoOtherPackages(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // the diagnostic's start; "" if accepted
		has       string // accepted: text the output holds
	}{
		{
			name: "a differentiated slice to a function that only reads it",
			src: `import "sort"

//godiff:grad
func F(w float64, v []float64) float64 {
	if sort.Float64sAreSorted(v) {
		return 0
	}
	return w * v[0]
}
`,
			has: "c1 := sort.Float64sAreSorted(v)",
		},
		{
			name: "an HVP through another package's functions, inlined",
			src: `import "example.com/m/other"

//godiff:hvp
func F(x []float64) float64 { return other.Mean(x, nil) * x[0] }
`,
			has: "func FHVP(x, vx []float64) (float64, []float64, []float64) {",
		},
		{
			name: "an HVP through another package's function calling one of slices",
			src: `import "example.com/m/other"

//godiff:hvp
func F(x []float64) float64 { return other.ScaledTotal(x) * x[0] }
`,
			want: "a.go:6:38: F calls other.ScaledTotal with slices, but godiff cannot differentiate other.ScaledTotal: other/other.go:27:48: ScaledTotal reads package variable k",
		},
		{
			name: "an HVP through another package's function calling an unexported one",
			src: `import "example.com/m/other"

//godiff:hvp
func F(x []float64) float64 { return other.Counted(x) * x[0] }
`,
			want: "a.go:5:1: //godiff:hvp cannot build the Hessian-vector product of F: Counted calls otherCount, which FHVP cannot inline, and the generated code cannot call it (F → Counted → otherCount); write the computation in this package",
		},
		{
			name: "a differentiated slice to a function that writes it",
			src: `import "sort"

//godiff:grad
func F(w float64, v []float64) float64 {
	sort.Float64s(v)
	return w * v[0]
}
`,
			want: "a.go:7:2: F calls sort.Float64s with slices, but godiff cannot differentiate sort.Float64s: sort/sort.go:",
		},
		{
			name: "a slice without derivative to a function without a Go body",
			src: `import "example.com/m/other"

//godiff:grad w
func F(w float64, data []float64) float64 {
	other.Fill(data)
	return w * data[0]
}
`,
			has: "other.Fill(data)",
		},
		{
			name: "a callee's callee outside the subset",
			src: `import "example.com/m/other"

//godiff:grad
func F(x float64) float64 { return other.Outer(x) }
`,
			want: "a.go:6:36: godiff cannot differentiate this call of other.Outer: other/other.go:23:44: other.Outer calls other.Weighted with an argument that depends on a differentiated parameter, but godiff cannot differentiate other.Weighted: other/other.go:13:43: Weighted reads package variable k",
		},
		{
			name: "a function of slices in assembly without a rule",
			src: `import "example.com/m/other"

//godiff:grad
func F(x []float64) float64 { return other.AsmTotal(x) }
`,
			want: "a.go:6:38: AsmTotal is in package example.com/m/other, which godiff cannot see into, and F calls it with an argument that depends on a differentiated parameter; write a //godiff:rule other.AsmTotal for it: for a function of slices, a forward, a backward and a JVP function (see the README's Custom rules)",
		},
		{
			name: "a function of slices outside the subset",
			src: `import "example.com/m/other"

//godiff:grad
func F(x []float64) float64 { return other.ScaledTotal(x) }
`,
			want: "a.go:6:38: F calls other.ScaledTotal with slices, but godiff cannot differentiate other.ScaledTotal: other/other.go:27:48: ScaledTotal reads package variable k",
		},
		{
			name: "nil weights",
			src: `import "example.com/m/other"

//godiff:jvp
func F(x []float64) float64 { return other.Mean(x, nil) }
`,
			has: "otherMeanXJVP(x, nil, dx)",
		},
		{
			name: "a rule of a function of slices without its JVP",
			src: `import "example.com/m/other"

type tape struct{ s []float64 }

//godiff:rule other.Total
func totalFwd(t *tape, s []float64) float64 { t.s = s; return other.Total(s) }

//godiff:rule other.Total
func totalBwd(t *tape, s float64, ds []float64) {}

//godiff:grad
func F(x []float64) float64 { return other.Total(x) }
`,
			want: "a.go:7:1: //godiff:rule other.Total: the rule of a function of slices needs a forward, a backward and a JVP function, and other.Total has no JVP one",
		},
		{
			name: "a rule of a function of slices with a wrong signature",
			src: `import "example.com/m/other"

//godiff:rule other.Total
func totalJVP(s []float64, ds float64) (float64, float64) { return other.Total(s), 0 }
`,
			want: "a.go:5:1: //godiff:rule other.Total: totalJVP has signature func(s []float64, ds float64) (float64, float64), which is not that of a JVP rule of Total",
		},
		{
			name: "a rule's tape of another package",
			src: `import (
	"go/token"

	"example.com/m/other"
)

//godiff:rule other.Total
func totalFwd(t *token.Position, s []float64) float64 { return other.Total(s) }
`,
			want: "a.go:9:1: //godiff:rule other.Total: the tape type token.Position must be declared in this package",
		},
		{
			name: "a rule of a function of slices wins over its body",
			src: `import "example.com/m/other"

type tape struct{ n int }

//godiff:rule other.Total
func totalFwd(t *tape, s []float64) float64 { t.n = len(s); return other.Total(s) }

//godiff:rule other.Total
func totalBwd(t *tape, s float64, ds []float64) {
	for i := range t.n {
		ds[i] += s
	}
}

//godiff:rule other.Total
func totalJVP(s, ds []float64) (float64, float64) { return other.Total(s), other.Total(ds) }

//godiff:grad
//godiff:jvp
func F(x []float64) float64 { return 2 * other.Total(x) }
`,
			has: "totalBwd(&totalTape, s*2, dx)",
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
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Generate: %v", err)
				}
				if len(outs) != 1 || !strings.Contains(string(outs[0].Content), tt.has) {
					t.Fatalf("the output does not hold %q:\n%s", tt.has, outs[0].Content)
				}
				return
			}
			var list parse.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Generate = %v outputs, error %v; want the diagnostic\n%s", len(outs), err, tt.want)
			}
			got := strings.ReplaceAll(list.Error(), dir+string(filepath.Separator), "")
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("diagnostic:\n%s\nwant it to start with:\n%s", got, tt.want)
			}
		})
	}
}
