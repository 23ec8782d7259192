package reverse_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/forward"
	"github.com/godiff/godiff/internal/fdcheck"
	"github.com/godiff/godiff/internal/irgen"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/reverse"
)

// Random functions with loops, branches, early exits, loop-carried values,
// in-place writes and values overwritten before they are read
// (irgen.LoopFunc), through the IR interpreter: the
// gradient's value is F's bit for bit; forward and reverse mode agree,
// <JVP(v), 1> = <v, grad>, on every function; and the gradient agrees with
// central finite differences wherever F is smooth around the point (two
// step sizes agree; across a branch's boundary they do not).
func TestRandomLoopFunctions(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 12))
	compared := 0
	for trial := 0; trial < 300; trial++ {
		f := irgen.LoopFunc(rng, 3)
		if err := ir.Verify(f); err != nil {
			t.Fatalf("trial %d: generator: %v", trial, err)
		}
		split, err := reverse.NewSplit(f, []int{0, 1}, reverse.SplitNames("Loops"))
		if err != nil {
			t.Fatalf("trial %d: %v\n%v", trial, err, f)
		}
		grad := split.Wrapper(reverse.Grad, "LoopsGrad")
		jvp := forward.Transform(f, []int{0, 1}, "LoopsJVP")
		callees := map[string]*ir.Func{split.Forward.Name: split.Forward, split.Backward.Name: split.Backward}
		for _, g := range []*ir.Func{split.Forward, split.Backward, grad, jvp} {
			if err := ir.Verify(g); err != nil {
				t.Fatalf("trial %d: %v\nfrom\n%v", trial, err, f)
			}
		}
		x := []float64{rng.Float64()*2 - 1, rng.Float64()*2 - 1, rng.Float64()*2 - 1, rng.Float64()*2 - 1}
		a := rng.Float64()*2 - 1
		F := func(p []float64) float64 {
			out, err := ir.Eval(f, ir.FloatSlice(p[:4]), p[4])
			if err != nil {
				t.Fatalf("trial %d: %v", trial, err)
			}
			return out[0].(float64)
		}
		p := append(append([]float64(nil), x...), a)
		out, err := ir.EvalWith(callees, grad, ir.FloatSlice(x), a)
		if err != nil {
			t.Fatalf("trial %d: gradient: %v\n%v\n%v\n%v", trial, err, f, split.Forward, split.Backward)
		}
		y, g := out[0].(float64), append(out[1].(ir.SliceVal).Floats(), out[2].(float64))
		if want := F(p); y != want && !(math.IsNaN(y) && math.IsNaN(want)) {
			t.Fatalf("trial %d: gradient's value %v, F's %v", trial, y, want)
		}
		v := []float64{rng.Float64() - 0.5, rng.Float64() - 0.5, rng.Float64() - 0.5, rng.Float64() - 0.5, rng.Float64() - 0.5}
		jout, err := ir.Eval(jvp, ir.FloatSlice(x), a, ir.FloatSlice(v[:4]), v[4])
		if err != nil {
			t.Fatalf("trial %d: JVP: %v", trial, err)
		}
		if dy, want := jout[1].(float64), fdcheck.Dot(v, g); !fdcheck.Close(dy, want, 1e-9) {
			t.Fatalf("trial %d: <JVP(v), 1> = %v, <v, grad> = %v\n%v\n%v\n%v", trial, dy, want, f, split.Forward, split.Backward)
		}
		coarse := fdcheck.GradientStep(F, p, 1e-5)
		fine := fdcheck.GradientStep(F, p, 1e-6)
		for i := range p {
			if !fdcheck.Close(coarse[i], fine[i], 1e-4) {
				continue // a branch boundary near p: not smooth there
			}
			compared++
			if !fdcheck.Close(g[i], fine[i], 1e-4) {
				t.Fatalf("trial %d: ∂F/∂p%d = %v, finite differences %v\n%v\n%v\n%v", trial, i, g[i], fine[i], f, split.Forward, split.Backward)
			}
		}
	}
	if compared < 1000 {
		t.Errorf("only %d derivatives were compared with finite differences", compared)
	}
}
