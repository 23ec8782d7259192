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

// Random functions with loops, branches and loop-carried values
// (irgen.LoopFunc), through the IR interpreter: the gradient as one
// function (OneCall) gives FGrad's result and gradient; its JVP, the
// Hessian-vector product, is symmetric (<Hv, w> = <v, Hw>) and agrees
// with central differences of the gradient along v wherever the gradient
// is smooth there (two steps agree). OneCall may refuse a function (an
// early return), with an error; enough must be accepted.
func TestRandomHVP(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 13))
	accepted, compared := 0, 0
	refused := make(map[string]int)
	for trial := 0; trial < 300; trial++ {
		f := irgen.LoopFunc(rng, 3)
		split, err := reverse.NewSplit(f, []int{0, 1}, reverse.SplitNames("Loops"))
		if err != nil {
			t.Fatalf("trial %d: %v\n%v", trial, err, f)
		}
		one, err := split.OneCall("LoopsHVP")
		if err != nil {
			refused[err.Error()]++
			continue
		}
		accepted++
		hvp := forward.Transform(one, []int{0, 1}, "LoopsHVP")
		for _, g := range []*ir.Func{one, hvp} {
			if err := ir.Verify(g); err != nil {
				t.Fatalf("trial %d: %v\n%v\nfrom\n%v", trial, err, g, f)
			}
		}
		grad := split.Wrapper(reverse.Grad, "LoopsGrad")
		callees := map[string]*ir.Func{split.Forward.Name: split.Forward, split.Backward.Name: split.Backward}
		x := fdcheck.Uniform(rng, 4, -1, 1)
		a := rng.Float64()*2 - 1
		G := func(p []float64) []float64 {
			out, err := ir.EvalWith(callees, grad, ir.FloatSlice(p[:4]), p[4])
			if err != nil {
				t.Fatalf("trial %d: gradient: %v", trial, err)
			}
			return append(out[1].(ir.SliceVal).Floats(), out[2].(float64))
		}
		HV := func(v []float64) (float64, []float64, []float64) {
			out, err := ir.Eval(hvp, ir.FloatSlice(x), a, ir.FloatSlice(v[:4]), v[4])
			if err != nil {
				t.Fatalf("trial %d: HVP: %v\n%v", trial, err, hvp)
			}
			return out[0].(float64), append(out[1].(ir.SliceVal).Floats(), out[2].(float64)),
				append(out[4].(ir.SliceVal).Floats(), out[5].(float64))
		}
		p := append(append([]float64(nil), x...), a)
		v := fdcheck.Uniform(rng, 5, -0.5, 0.5)
		w := fdcheck.Uniform(rng, 5, -0.5, 0.5)
		y, g, hv := HV(v)
		out, _ := ir.EvalWith(callees, grad, ir.FloatSlice(x), a)
		if want := out[0].(float64); y != want && !(math.IsNaN(y) && math.IsNaN(want)) {
			t.Fatalf("trial %d: HVP's value %v, FGrad's %v", trial, y, want)
		}
		if msg := fdcheck.Mismatch(g, G(p), 1e-12); msg != "" {
			t.Fatalf("trial %d: HVP's gradient against FGrad's: %s\n%v", trial, msg, f)
		}
		_, _, hw := HV(w)
		if l, r := fdcheck.Dot(hv, w), fdcheck.Dot(v, hw); !fdcheck.Close(l, r, 1e-9) {
			t.Fatalf("trial %d: <Hv, w> = %v, <v, Hw> = %v\n%v\n%v", trial, l, r, f, hvp)
		}
		along := func(h float64) []float64 {
			up, down := make([]float64, 5), make([]float64, 5)
			for i := range p {
				up[i], down[i] = p[i]+h*v[i], p[i]-h*v[i]
			}
			gu, gd := G(up), G(down)
			d := make([]float64, 5)
			for i := range d {
				d[i] = (gu[i] - gd[i]) / (2 * h)
			}
			return d
		}
		coarse, fine := along(1e-5), along(1e-6)
		for i := range hv {
			if !fdcheck.Close(coarse[i], fine[i], 1e-4) {
				continue // a branch boundary near p
			}
			compared++
			if !fdcheck.Close(hv[i], fine[i], 1e-4) {
				t.Fatalf("trial %d: (Hv)[%d] = %v, finite differences of the gradient %v\n%v\n%v", trial, i, hv[i], fine[i], f, hvp)
			}
		}
	}
	t.Logf("%d of 300 accepted, %d entries compared; refused: %v", accepted, compared, refused)
	if accepted < 100 || compared < 400 {
		t.Errorf("only %d functions accepted, %d entries compared with finite differences", accepted, compared)
	}
}
