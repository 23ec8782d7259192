package parse

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/godiff/godiff/ir"
)

// TestLoweringRunsAsGo builds the functions of lowered_test.go and checks
// that ir.Eval computes, on several inputs, exactly what the compiled Go
// functions compute, slices they write included. The printed IR of the
// other tests shows the shapes; this shows they mean what Go means: that
// && does not index out of range, that a switch takes its cases in order
// and its default last, that labeled break and continue leave the right
// loop, that a store through a subslice is seen through the slice.
func TestLoweringRunsAsGo(t *testing.T) {
	funcs := lowerFuncs(t)
	// check runs the IR of name on args and compares its one result with
	// want, Go's.
	check := func(name string, want float64, args ...any) {
		t.Helper()
		out, err := ir.Eval(funcs[name], args...)
		if err != nil {
			t.Errorf("%s%v: %v", name, args, err)
			return
		}
		if got := out[0].(float64); got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("%s%v = %v, Go computes %v", name, args, got, want)
		}
	}
	for _, x := range []float64{-3, -1, -0.5, 0, 0.5, 2} {
		check("lowerIf", lowerIf(x), x)
		for n := range 6 {
			check("lowerSwitch", lowerSwitch(x, n), x, int64(n))
			for _, done := range []bool{false, true} {
				check("lowerLoops", lowerLoops(x, n, done), x, int64(n), done)
			}
		}
		s := []float64{1, -2, 3}
		for i := range 5 { // i = 3 and 4 are out of range: && must guard
			check("lowerGuard", lowerGuard(s, i, x), ir.FloatSlice(s), int64(i), x)
		}
		xs := [][]float64{{0.5, 1}, {}, {-1, 4, 2}, {3}}
		check("lowerFind", lowerFind(xs, x), ir.FloatSlices(xs), x)
	}
	for n := range 5 {
		xs := []float64{1.5, -2, 4}
		a := [3]float64{1, 2, 3}
		check("lowerRange", lowerRange(xs, a, n, 0.5), ir.FloatSlice(xs), ir.FloatSlice(a[:]), int64(n), 0.5)
	}
	check("lowerRange", lowerRange(nil, [3]float64{}, 0, 1), ir.FloatSlice([]float64{}), ir.FloatSlice(make([]float64, 3)), int64(0), 1.0)

	// Functions that write their slice arguments: the IR must write the
	// same values.
	for iters := range 4 {
		goBuf := []float64{1, 0, 0, 4, 0, 2}
		irBuf := ir.FloatSlice(goBuf)
		check("lowerSmooth", lowerSmooth(goBuf, iters, 0.5), irBuf, int64(iters), 0.5)
		if got := irBuf.Floats(); !slices.Equal(got, goBuf) {
			t.Errorf("lowerSmooth with %d iterations leaves %v, Go leaves %v", iters, got, goBuf)
		}
	}
	for b := 1; b < 4; b++ {
		goS := []float64{1, 2, 3, 4, 5}
		irS := ir.FloatSlice(goS)
		check("lowerMoving", lowerMoving(goS, 1.5, b), irS, 1.5, int64(b))
		if got := irS.Floats(); !slices.Equal(got, goS) {
			t.Errorf("lowerMoving(b=%d) leaves %v, Go leaves %v", b, got, goS)
		}
	}
	for k := range 4 {
		xs := []float64{1, -2, 0.5}
		check("lowerSwap", lowerSwap(xs, k), ir.FloatSlice(xs), int64(k))
	}
	for n := range 4 {
		check("lowerAppend", lowerAppend(1.5, n, 2*n+2), 1.5, int64(n), int64(2*n+2))
		_, err := ir.Eval(funcs["lowerAppend"], 1.5, int64(n), int64(2*n+1))
		if err == nil || !strings.Contains(err.Error(), "beyond the capacity") {
			t.Errorf("lowerAppend(n=%d) beyond its capacity: error %v, want the panic that says so", n, err)
		}
	}
	for n := 2; n < 5; n++ {
		goS := []float64{1, 2, 3, 4}
		irS := ir.FloatSlice(goS)
		check("lowerMemory", lowerMemory(goS, 1.5, n), irS, 1.5, int64(n))
		if got := irS.Floats(); !slices.Equal(got, goS) {
			t.Errorf("lowerMemory(n=%d) leaves %v, Go leaves %v", n, got, goS)
		}
	}
}
