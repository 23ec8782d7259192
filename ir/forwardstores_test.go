package ir_test

import (
	"testing"

	"github.com/godiff/godiff/ir"
)

// countOps returns the number of loads and stores in f.
func countOps(f *ir.Func) (loads, stores int) {
	f.Walk(func(v *ir.Value) {
		switch v.Op {
		case ir.OpLoad:
			loads++
		case ir.OpStore:
			stores++
		}
	})
	return loads, stores
}

// Which loads ForwardStores replaces by the value stored and which stores
// it removes, and that the function computes what it did, bit for bit:
// its result and what it leaves in its slices, on random inputs. Every
// function is F(x, y []float64, a float64) float64 with len(x) == len(y)
// == 6, as in TestFuseLoops.
func TestForwardStores(t *testing.T) {
	tests := []struct {
		name          string
		src           string
		loads, stores int // after
	}{
		{"an adjoint added to, read back and reset", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	for i := range x {
		y[i] += a * x[i]
		x[i] -= y[i]
		y[i] = 0
	}
	return a
}`, 3, 2},
		{"a constant stored, read back into arithmetic: folded", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	y[0] = 0
	y[0] = y[0] * 2
	y[0] = y[0] + 1
	return y[0] * a
}`, 0, 1},
		{"a store to another parameter between", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	y[0] = a
	x[0] = 3
	return y[0]
}`, 0, 2},
		{"a store to the same slice at another index between", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	j := int(a * 2)
	y[0] = a
	y[j] = 5
	return y[0]
}`, 1, 2},
		{"a store through a subslice of the same memory between", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	z := y[1:]
	y[1] = a
	z[0] = 5
	return y[1]
}`, 1, 2},
		{"the index variable assigned between", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	i := 0
	if a > 2 {
		i = 2
	}
	y[i] = a
	i++
	return y[i] + y[0]
}`, 2, 1},
		{"the same index variable, not assigned between", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	i := 0
	if a > 2 {
		i = 2
	}
	y[i] = a
	x[i] = 2 * a
	return y[i] * x[i]
}`, 0, 2},
		{"a copy between", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	y[0] = a
	copy(y, x)
	return y[0]
}`, 1, 1},
		{"an if between", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	y[0] = a
	if a > 0.5 {
		y[0] = 1
	}
	return y[0]
}`, 1, 2},
		{"a store overwritten unread", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	y[0] = a
	x[1] = a
	y[0] = 2 * a
	return a
}`, 0, 2},
		{"a store read through another slice of its memory before it is overwritten", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	z := y[0:2]
	y[0] = a
	b := z[0]
	y[0] = b * 2
	return b
}`, 1, 2},
		{"a store read back, then overwritten", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	y[2] = a * a
	x[2] = y[2] + 1
	y[2] = 0
	return x[2]
}`, 0, 2},
		{"an array's element", `
//godiff:grad a
func F(x, y []float64, a float64) float64 {
	var arr [3]float64
	arr[0] = a
	arr[0] = arr[0] * 2
	return arr[0]
}`, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := keepsResults(t, tt.src, "forwarding", func(f *ir.Func) {
				ir.ForwardStores(f)
				ir.DeadCode(f)
			})
			if l, s := countOps(f); l != tt.loads || s != tt.stores {
				t.Errorf("%d loads and %d stores after forwarding, want %d and %d:\n%s", l, s, tt.loads, tt.stores, f)
			}
			f.Walk(func(v *ir.Value) {
				if v.Op.IsBinaryArith() && v.Args[0].IsConst() && v.Args[1].IsConst() {
					t.Errorf("after forwarding, %v of constants only, which emit cannot write:\n%s", v.Op, f)
				}
			})
		})
	}
}
