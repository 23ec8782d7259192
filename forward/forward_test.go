package forward

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
	"github.com/godiff/godiff/internal/irgen"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/reverse"
)

// Random functions of two results: the JVP's values equal the function's,
// its tangents agree with finite differences along v, and mode against
// mode: <JVP(v), w> == <v, VJP(w)>.
func TestRandomFunctions(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for trial := 0; trial < 200; trial++ {
		f := irgen.Func(rng, 3, 2, 12)
		wrt := []int{0, 1, 2}
		jvp := Transform(f, wrt, "J")
		if err := ir.Verify(jvp); err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		vjpFns, err := reverse.Transform(f, wrt, reverse.VJP, "G")
		if err != nil {
			t.Fatal(err)
		}
		x := []float64{rng.Float64()*4 - 2, rng.Float64()*4 - 2, rng.Float64()*4 - 2}
		v := []float64{rng.Float64() - 0.5, rng.Float64() - 0.5, rng.Float64() - 0.5}
		w := []float64{rng.Float64() - 0.5, rng.Float64() - 0.5}

		want := irgen.MustEval(t, f, x)
		got := irgen.MustEval(t, jvp, x, v...)
		if got[0] != want[0] || got[1] != want[1] {
			t.Fatalf("trial %d: JVP values %v, function %v", trial, got[:2], want)
		}
		// Finite differences along v: d/dh f(x + h v) at h = 0.
		along := func(h []float64) []float64 {
			xs := make([]float64, len(x))
			for i := range x {
				xs[i] = x[i] + h[0]*v[i]
			}
			return irgen.MustEval(t, f, xs)
		}
		jac := fdcheck.Jacobian(along, []float64{0})
		fd := []float64{jac[0][0], jac[1][0]}
		if m := fdcheck.Mismatch(got[2:], fd, 1e-5); m != "" {
			t.Errorf("trial %d at %v along %v: tangents vs finite differences: %s\n%v", trial, x, v, m, jvp)
		}
		adj := irgen.MustEvalWith(t, vjpFns, vjpFns[2], x, w...)
		lhs, rhs := fdcheck.Dot(got[2:], w), fdcheck.Dot(v, adj[2:])
		if !fdcheck.Close(lhs, rhs, 1e-10) {
			t.Errorf("trial %d: <JVP(v), w> = %v, <v, VJP(w)> = %v", trial, lhs, rhs)
		}
	}
}

// A result that no differentiated parameter reaches has a zero tangent.
func TestConstantResult(t *testing.T) {
	f := ir.NewFunc("F", []ir.Param{{Name: "x", Type: ir.Float64}, {Name: "c", Type: ir.Float64}},
		[]ir.Result{{Type: ir.Float64}, {Type: ir.Float64}})
	b := ir.NewBuilder(f)
	x, c := b.Param(0), b.Param(1)
	b.Return(b.Mul(x, c), b.Mul(c, c))
	g := Transform(f, []int{0}, "J")
	if err := ir.Verify(g); err != nil {
		t.Fatal(err)
	}
	out, err := ir.Eval(g, 2.0, 3.0, 1.0)
	if err != nil {
		t.Fatal(err)
	}
	if out[0] != 6.0 || out[1] != 9.0 || out[2] != 3.0 || out[3] != 0.0 {
		t.Errorf("JVP(2, 3; dx = 1) = %v, want [6 9 3 0]", out)
	}
}
