package godiff

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/godiff/godiff/parse"
)

// TestIssueMessages holds one case for each construct issue 10 found
// refused with a wrong message, and the neighbours of each: what godiff
// says of it now. An accepted case (want "") must generate code that
// builds with its source; the derivatives of each are checked against
// finite differences where the comment says. A refused one must give
// exactly its message, at the construct's own position.
func TestIssueMessages(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{
			// Checked in internal/realgo (WeightedSquares, norm).
			name: "tests of a differentiated value: math.IsInf, IsNaN, Signbit",
			src: `import "math"

//godiff:grad
//godiff:jvp
func F(x []float64) float64 {
	s := 0.0
	for i := range x {
		if math.IsInf(x[i], 0) || math.IsNaN(x[i]*2) || math.Signbit(x[i]) {
			continue
		}
		s += x[i] * x[i]
	}
	return s
}
`,
		},
		{
			// Checked in internal/regress (leafless.go) and the corpus
			// (functions.Gaussian.Func, against gonum's Grad).
			name: "a method of an empty struct called with an int",
			src: `import "math"

type Gaussian struct{}

//godiff:grad x
//godiff:vjp x
//godiff:jvp x
func (g Gaussian) Func(x []float64) (sum float64) {
	for i := 1; i <= 15; i++ {
		f := x[0]*math.Exp(-0.5*x[1]*float64(i)) - g.y(i)
		sum += f * f
	}
	return sum
}

func (Gaussian) y(i int) float64 { return 0.1 * float64(i) }
`,
		},
		{
			// Checked in internal/regress (arrayfield.go).
			name: "a method that reads a struct's array field",
			src: `type S struct {
	a [3]float64
	k float64
}

func (s S) dot(v []float64) float64 { return s.a[0]*v[0] + s.a[1]*v[1] + s.a[2]*v[2] + s.k }

//godiff:grad
//godiff:jvp
func (s *S) Use(v []float64) float64 { return s.dot(v) * s.k }
`,
		},
		{
			// Checked in internal/regress (dims.go).
			name: "two ints from a method without arguments",
			src: `type Mat struct {
	r, c int
	data []float64
}

func (m *Mat) Dims() (int, int) { return m.r, m.c }

//godiff:grad
//godiff:jvp
func (m *Mat) Sum() float64 {
	nx, ny := m.Dims()
	s := 0.0
	for i := 0; i < nx*ny; i++ {
		s += m.data[i]
	}
	return s
}
`,
		},
		{
			// Checked in internal/realgo (builtins.go).
			name: "the builtins max and min",
			src: `//godiff:grad
//godiff:jvp
func F(a, b, c float64) float64 { return max(a, b*c, 1) + min(a, c) }
`,
		},
		{
			// Checked in internal/regress (predicates.go).
			name: "a function of the package returning a bool or an int of a differentiated value",
			src: `import "math"

func finite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }

func bucket(v float64) int { return int(math.Floor(v)) + math.Ilogb(v) }

//godiff:grad
//godiff:jvp
func F(x float64) float64 {
	if !finite(x) {
		return 0
	}
	return x * float64(bucket(x))
}
`,
		},
		{
			// Checked in internal/arrays (Rotate, Cam.rotated).
			name: "an array as the one result of a call",
			src: `func vec(x float64) [3]float64 { return [3]float64{x, 2 * x, 3} }

//godiff:grad
//godiff:jvp
func F(x float64) float64 {
	v := vec(x)
	return v[0] * v[1]
}
`,
		},
		{
			name: "an array among several results",
			src: `func rot(x float64) ([3]float64, int) { return [3]float64{x, 2 * x, 3}, 2 }

//godiff:grad
func F(x float64) float64 {
	r, n := rot(x)
	return r[0] * float64(n)
}
`,
			want: "a.go:7:10: rot returns an array, [3]float64, among 2 results, which godiff does not differentiate yet: a call may return an array of floats only as its one result; return the array from a function of its own, or its elements as separate results",
		},
		{
			name: "a slice among several results",
			src: `func split(x float64) ([]float64, float64) { return []float64{x}, x }

//godiff:grad
func F(x float64) float64 {
	s, y := split(x)
	return s[0] * y
}
`,
			want: "a.go:7:10: split returns []float64; a call of several results in a differentiated function may return only numbers and bools: pass it a slice to write into instead",
		},
		{
			name: "the bits of a differentiated value",
			src: `import "math"

func bits(x float64) uint64 { return math.Float64bits(x) + 1 }

//godiff:grad
func F(x float64) float64 { return math.Float64frombits(math.Float64bits(x)) }

//godiff:jvp
func G(x float64) float64 { return math.Float64frombits(bits(x) - 1) }
`,
			want: "a.go:8:57: F passes a value that depends on a differentiated parameter to math.Float64bits, whose integer result holds the value's bits, from which the value can be rebuilt; godiff holds integers constant, so its derivative would be lost: compute with the float itself\n" +
				"a.go:11:57: G passes a value that depends on a differentiated parameter to bits, whose integer results may hold the value's bits (it calls math.Float64bits or Float32bits), from which the value can be rebuilt; godiff holds integers constant, so its derivative would be lost: compute with the float itself",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkMessage(t, tt.src, tt.want) })
	}
}

// checkMessage generates the file a.go of package m holding src: with
// want "", the output must build with it and pass go vet; otherwise
// Generate must refuse it with exactly the diagnostics want.
func checkMessage(t *testing.T, src, want string) {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	path := filepath.Join(dir, "a.go")
	writeFile(t, path, "package m\n\n"+src)
	outs, err := Generate([]string{path}, Options{})
	if want == "" {
		if err != nil {
			t.Fatalf("Generate: %v", err)
		}
		writeFile(t, outs[0].Path, string(outs[0].Content))
		vet := exec.Command("go", "vet", ".")
		vet.Dir = dir
		if out, err := vet.CombinedOutput(); err != nil {
			t.Errorf("go vet on the output: %v\n%s", err, out)
		}
		return
	}
	var list parse.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Generate = %d outputs, error %v; want the diagnostic\n%s", len(outs), err, want)
	}
	if got := strings.ReplaceAll(list.Error(), dir+string(filepath.Separator), ""); got != want {
		t.Errorf("diagnostic:\n%s\nwant:\n%s", got, want)
	}
}
