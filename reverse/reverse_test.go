package reverse

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
	"github.com/godiff/godiff/internal/irgen"
	"github.com/godiff/godiff/ir"
)

// Random functions of every rule: the gradient agrees with central finite
// differences, the value with the function's bit for bit, and the VJP with
// the gradient times the seed.
func TestRandomFunctions(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := 0; trial < 200; trial++ {
		f := irgen.Func(rng, 3, 1, 12)
		if err := ir.Verify(f); err != nil {
			t.Fatal(err)
		}
		wrt := []int{0, 1, 2}
		gradFns := mustTransform(t, f, wrt, Grad)
		vjpFns := mustTransform(t, f, wrt, VJP)
		grad, vjp := gradFns[2], vjpFns[2]
		x := []float64{rng.Float64()*4 - 2, rng.Float64()*4 - 2, rng.Float64()*4 - 2}
		want := irgen.MustEval(t, f, x)
		got := irgen.MustEvalWith(t, gradFns, grad, x)
		if got[0] != want[0] {
			t.Fatalf("trial %d: Grad's value %v, function's %v\n%v", trial, got[0], want[0], f)
		}
		fd := fdcheck.Gradient(func(x []float64) float64 { return irgen.MustEval(t, f, x)[0] }, x)
		if m := fdcheck.Mismatch(got[1:], fd, 1e-5); m != "" {
			t.Errorf("trial %d at %v: gradient vs finite differences: %s\n%v\n%v", trial, x, m, f, grad)
		}
		const seed = -1.75
		v := irgen.MustEvalWith(t, vjpFns, vjp, x, seed)
		for i := range got[1:] {
			if !fdcheck.Close(v[1+i], seed*got[1+i], 1e-12) {
				t.Errorf("trial %d: VJP[%d] = %v, seed×gradient = %v", trial, i, v[1+i], seed*got[1+i])
			}
		}
	}
}

// The transform differentiates only with respect to the parameters asked
// for, and a parameter that does not reach the result has a zero adjoint.
func TestWrtSubsetAndZeroAdjoint(t *testing.T) {
	f := ir.NewFunc("F", []ir.Param{{Name: "x", Type: ir.Float64}, {Name: "y", Type: ir.Float64}, {Name: "u", Type: ir.Float64}},
		[]ir.Result{{Type: ir.Float64}})
	b := ir.NewBuilder(f)
	x, y, _ := b.Param(0), b.Param(1), b.Param(2)
	b.Return(b.Mul(b.Mul(x, x), y))
	fns := mustTransform(t, f, []int{1, 2}, Grad)
	g := fns[2]
	if len(g.Results) != 3 || g.Results[1].Name != "dy" || g.Results[2].Name != "du" {
		t.Fatalf("results %v, want (value, dy, du)", g.Results)
	}
	out, err := ir.EvalWith(map[string]*ir.Func{fns[0].Name: fns[0], fns[1].Name: fns[1]}, g, 3.0, 2.0, 5.0)
	if err != nil {
		t.Fatal(err)
	}
	if out[0] != 18.0 || out[1] != 9.0 || out[2] != 0.0 {
		t.Errorf("Grad(3, 2, 5) = %v, want [18 9 0]", out)
	}
}

// Names chosen for the derivative's parameters and results never clash with
// the function's own parameter names.
func TestFreshNames(t *testing.T) {
	f := ir.NewFunc("F", []ir.Param{{Name: "x", Type: ir.Float64}, {Name: "dx", Type: ir.Float64}, {Name: "s", Type: ir.Float64}},
		[]ir.Result{{Type: ir.Float64}})
	b := ir.NewBuilder(f)
	b.Return(b.Mul(b.Param(0), b.Add(b.Param(1), b.Param(2))))
	g := mustTransform(t, f, []int{0, 1}, VJP)[2]
	seen := map[string]bool{}
	for _, p := range g.Params {
		seen[p.Name] = true
	}
	for _, r := range g.Results[1:] {
		if seen[r.Name] {
			t.Errorf("adjoint %s has a parameter's name", r.Name)
		}
		seen[r.Name] = true
	}
	if g.Params[3].Name != "s2" || g.Results[1].Name != "dx2" || g.Results[2].Name != "ddx" {
		t.Errorf("params %v results %v", g.Params, g.Results)
	}
}

// mustTransform builds the split form and the function of the given mode,
// named G, and verifies all three.
func mustTransform(t *testing.T, f *ir.Func, wrt []int, mode Mode) []*ir.Func {
	t.Helper()
	fns, err := Transform(f, wrt, mode, "G")
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range fns {
		if err := ir.Verify(g); err != nil {
			t.Fatalf("%v\nfrom\n%v", err, f)
		}
	}
	return fns
}
