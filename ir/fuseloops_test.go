package ir_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/parsetest"
	"github.com/godiff/godiff/ir"
)

// countLoops returns the number of for and range loops in f.
func countLoops(f *ir.Func) int {
	n := 0
	f.Walk(func(v *ir.Value) {
		if v.Op.IsLoop() {
			n++
		}
	})
	return n
}

// Which adjacent loops FuseLoops merges, and that a merged function
// computes what it did, bit for bit: its result and what it leaves in its
// slices, on random inputs. Every function is F(x, y []float64, a float64)
// float64 with len(x) == len(y) == 6.
func TestFuseLoops(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		loops int // after fusion
	}{
		{"a store read back at the same index", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	n := len(x)
	for i := 0; i < n; i++ {
		y[i] = a * x[i]
	}
	for i := 0; i < n; i++ {
		y[i] = y[i]*y[i] + x[i]
	}
	return a
}`, 1},
		{"three loops into one, counting down", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	n := len(x) - 1
	for i := n; i >= 0; i-- {
		y[i] += a
	}
	for i := n; i >= 0; i-- {
		x[i] -= y[i] * a
	}
	for j := n; j >= 0; j-- {
		y[j] = 0
	}
	return a
}`, 1},
		{"an accumulator only one loop assigns", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	n := len(x)
	s := 0.0
	for i := 0; i < n; i++ {
		y[i] = a * x[i]
	}
	for i := 0; i < n; i++ {
		s += y[i] * a
	}
	return s
}`, 1},
		{"a loop reading memory the other does not write, at any index", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	n := len(x) - 1
	for i := 0; i < n; i++ {
		y[i] = a * x[i+1]
	}
	for i := 0; i < n; i++ {
		y[i] += x[n-i]
	}
	return a
}`, 1},
		{"a slice the function makes and a parameter, which cannot overlap", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	n := len(x)
	w := make([]float64, n)
	for i := 0; i < n; i++ {
		w[i] = a * x[i]
	}
	for i := 0; i < n; i++ {
		y[i] = w[i] + y[n-1-i]
	}
	return a
}`, 1},
		{"the second reads the element the first writes next", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	n := len(x) - 1
	for i := 0; i < n; i++ {
		y[i] = a * x[i]
	}
	for i := 0; i < n; i++ {
		x[i] = y[i+1]
	}
	return a
}`, 2},
		{"the second writes what the first reads at another index", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	n := len(x) - 1
	for i := 0; i < n; i++ {
		y[i] = a * x[i+1]
	}
	for i := 0; i < n; i++ {
		x[i] = a
	}
	return a
}`, 2},
		{"one slice through two subslices", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	n := len(x) - 1
	z := y[1:]
	for i := 0; i < n; i++ {
		y[i] = a * x[i]
	}
	for i := 0; i < n; i++ {
		z[i] += a
	}
	return a
}`, 2},
		{"a slice the function makes, of unknown memory", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	n := len(x)
	w := make([]float64, n+1)
	for i := 0; i < n; i++ {
		w[i+1] = a * x[i]
	}
	for i := 0; i < n; i++ {
		y[i] = w[i]
	}
	return a
}`, 2},
		{"an accumulator both loops assign", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	n := len(x)
	s := 0.0
	for i := 0; i < n; i++ {
		s = s*a + x[i]
	}
	for i := 0; i < n; i++ {
		s = s*y[i] + a
	}
	return s
}`, 2},
		{"a variable one assigns and the other reads", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	n := len(x)
	s := 0.0
	for i := 0; i < n; i++ {
		s += x[i]
	}
	for i := 0; i < n; i++ {
		y[i] = s * a
	}
	return s
}`, 2},
		{"different bounds", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	n := len(x)
	m := n - 1
	for i := 0; i < n; i++ {
		y[i] = a * x[i]
	}
	for i := 0; i < m; i++ {
		x[i] += a
	}
	return a
}`, 2},
		{"different starts", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	n := len(x)
	for i := 0; i < n; i++ {
		y[i] = a * x[i]
	}
	for i := 1; i < n; i++ {
		x[i] += a
	}
	return a
}`, 2},
		{"a break", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	n := len(x)
	for i := 0; i < n; i++ {
		y[i] = a * x[i]
	}
	for i := 0; i < n; i++ {
		if x[i] > 0.5 {
			break
		}
		x[i] += a
	}
	return a
}`, 2},
		{"a statement between", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	n := len(x)
	for i := 0; i < n; i++ {
		y[i] = a * x[i]
	}
	x[0] = y[n-1]
	for i := 0; i < n; i++ {
		x[i] += y[i]
	}
	return a
}`, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := keepsResults(t, tt.src, "fusion", ir.FuseLoops)
			if got := countLoops(f); got != tt.loops {
				t.Errorf("%d loops after fusion, want %d:\n%s", got, tt.loops, f)
			}
		})
	}
}

// keepsResults loads the function of src, applies pass to it and checks
// that the function still verifies and computes what it did, bit for bit
// (runs); it returns the function after the pass.
func keepsResults(t *testing.T, src, pass string, apply func(*ir.Func)) *ir.Func {
	t.Helper()
	f := parsetest.Func(t, src)
	before := runs(t, f)
	apply(f)
	if err := ir.Verify(f); err != nil {
		t.Fatalf("after %s: %v\n%s", pass, err, f)
	}
	after := runs(t, f)
	for k := range before {
		if !slices.Equal(before[k], after[k]) {
			t.Errorf("input %d: before %s %v, after %v", k, pass, before[k], after[k])
		}
	}
	return f
}

// runs evaluates f on 20 random inputs and returns, for each, its result
// followed by what it left in x and y.
func runs(t *testing.T, f *ir.Func) [][]float64 {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	var out [][]float64
	for range 20 {
		x, y := make([]float64, 6), make([]float64, 6)
		for i := range x {
			x[i], y[i] = rng.Float64(), rng.Float64()
		}
		xs, ys := ir.FloatSlice(x), ir.FloatSlice(y)
		res, err := ir.Eval(f, xs, ys, rng.Float64())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, append(append([]float64{res[0].(float64)}, xs.Floats()...), ys.Floats()...))
	}
	return out
}
