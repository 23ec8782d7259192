package reverse_test

import (
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/parsetest"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/reverse"
)

// loadFunc loads src, a file's text after "package p" and an import of
// math, and returns the IR of its one annotated function.
func loadFunc(t *testing.T, src string) *ir.Func {
	t.Helper()
	return parsetest.Func(t, "\nimport \"math\"\n\nvar _ = math.Pi\n"+src)
}

// Which loops are running maxima or minima whose backward code is one
// step (argmax.go), and which keep their link-by-link backward code.
func TestReductionsRecognised(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // the running variables recognised
	}{
		{"math.Max over a counted loop", `
//godiff:grad
func F(x []float64) float64 {
	m := x[0]
	for i := 1; i < len(x); i++ {
		m = math.Max(m, x[i])
	}
	return m
}`, []string{"m"}},
		{"builtin min, element first, over a range loop", `
//godiff:grad
func F(a float64, x []float64) float64 {
	lo := a
	for i := range x {
		lo = min(x[i], lo)
	}
	return lo
}`, []string{"lo"}},
		{"math.Min with an index of integer arithmetic", `
//godiff:grad
func F(x []float64, n int) float64 {
	m := x[0]
	for i := 0; i < n; i++ {
		j := 2*i + 1
		m = math.Min(m, x[j])
	}
	return m
}`, []string{"m"}},
		{"nested: the inner loop, not the outer", `
//godiff:grad
func F(x []float64, r, c int) float64 {
	s := 0.0
	for i := 0; i < r; i++ {
		m := x[i*c]
		for j := 1; j < c; j++ {
			m = math.Max(m, x[i*c+j])
		}
		s += m
	}
	return s
}`, []string{"m"}},
		{"if e > m { m = e } over a range loop", `
//godiff:grad
func F(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		if v > m {
			m = v
		}
	}
	return m
}`, []string{"m"}},
		{"if m >= e { m = e }: a minimum", `
//godiff:grad
func F(x []float64) float64 {
	m := x[0]
	for i := 1; i < len(x); i++ {
		e := x[i]
		if m >= e {
			m = e
		}
	}
	return m
}`, []string{"m"}},
		{"if with an else", `
//godiff:grad
func F(x []float64) float64 {
	m := x[0]
	n := 0
	for _, v := range x {
		if v > m {
			m = v
		} else {
			n++
		}
	}
	return m
}`, nil},
		{"if assigning something else than the element", `
//godiff:grad
func F(x []float64) float64 {
	m := x[0]
	for _, v := range x {
		if v > m {
			m = 2 * v
		}
	}
	return m
}`, nil},
		{"if testing an equality", `
//godiff:grad
func F(x []float64) float64 {
	m := x[0]
	for _, v := range x {
		if v != m {
			m = v
		}
	}
	return m
}`, nil},
		{"m read elsewhere in the loop", `
//godiff:grad
func F(x []float64) float64 {
	m, s := x[0], 0.0
	for i := 1; i < len(x); i++ {
		m = math.Max(m, x[i])
		s += m
	}
	return s
}`, nil},
		{"m also assigned otherwise", `
//godiff:grad
func F(x []float64) float64 {
	m := x[0]
	for i := 1; i < len(x); i++ {
		m = math.Max(m, x[i])
		if i == 3 {
			m = 0
		}
	}
	return m
}`, nil},
		{"a Max of two loop values", `
//godiff:grad
func F(x []float64) float64 {
	m := x[0]
	for i := 1; i < len(x); i++ {
		m = math.Max(x[i-1], x[i])
	}
	return m
}`, nil},
		{"an element computed, not loaded", `
//godiff:grad
func F(x []float64) float64 {
	m := x[0]
	for i := 1; i < len(x); i++ {
		m = math.Max(m, 2*x[i])
	}
	return m
}`, nil},
		{"the element read again", `
//godiff:grad
func F(x []float64) float64 {
	m, s := x[0], 0.0
	for i := 1; i < len(x); i++ {
		e := x[i]
		m = math.Max(m, e)
		s += e
	}
	return m + s
}`, nil},
		{"a loop over a running maximum of inner loops", `
//godiff:grad
func F(x []float64, r int) float64 {
	m := x[0]
	for i := 0; i < r; i++ {
		for j := range x {
			m = math.Max(m, x[j])
		}
		m = math.Max(m, x[i])
	}
	return m
}`, []string{"m"}},
		{"a store in the loop", `
//godiff:grad
func F(x, y []float64) float64 {
	m := x[0]
	for i := 1; i < len(x); i++ {
		m = math.Max(m, x[i])
		y[i] = 1
	}
	return m
}`, nil},
		{"a break", `
//godiff:grad
func F(x []float64) float64 {
	m := x[0]
	for i := 1; i < len(x); i++ {
		if x[i] > 10 {
			break
		}
		m = math.Max(m, x[i])
	}
	return m
}`, nil},
		{"the element from a slice made in the loop", `
//godiff:grad
func F(x []float64) float64 {
	m := x[0]
	for i := 1; i < len(x); i++ {
		s := x[i:]
		m = math.Max(m, s[0])
	}
	return m
}`, nil},
		{"a product, not a maximum", `
//godiff:grad
func F(x []float64) float64 {
	m := x[0]
	for i := 1; i < len(x); i++ {
		m = m * x[i]
	}
	return m
}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := loadFunc(t, tt.src)
			if got := reverse.Reductions(f); !slices.Equal(got, tt.want) {
				t.Errorf("recognised %q, want %q\n%v", got, tt.want, f)
			}
		})
	}
}
