package gmm

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// split cuts a vector in ADBench's layout [alphas | means | icf] into its
// three parts.
func (in *Instance) split(p []float64) (alphas, means, icf []float64) {
	a, m := len(in.Alphas), len(in.Means)
	return p[:a], p[a : a+m], p[a+m:]
}

// hvp is ObjectiveHHVP at p along v, in ADBench's layout.
func (in *Instance) hvp(p, v []float64) (float64, []float64, []float64) {
	a, m, q := in.split(p)
	va, vm, vq := in.split(v)
	f, da, dm, dq, ha, hm, hq := ObjectiveHHVP(in.D, in.K, in.N, a, m, q, in.X, in.Wishart, va, vm, vq)
	return f, concat(da, dm, dq), concat(ha, hm, hq)
}

func (in *Instance) gradAt(p []float64) []float64 {
	a, m, q := in.split(p)
	_, da, dm, dq := ObjectiveGrad(in.D, in.K, in.N, a, m, q, in.X, in.Wishart)
	return concat(da, dm, dq)
}

// ObjectiveHHVP, Objective's helpers and loops inlined, agrees with
// ObjectiveGrad, with the central difference of ObjectiveGrad along v
// (rel. 1e-6) and with symmetry, <Hv, w> = <v, Hw>.
func TestObjectiveHHVP(t *testing.T) {
	for _, data := range []string{"test.txt", "1k_d2_K5.txt"} {
		in := load(t, data)
		p := concat(in.Alphas, in.Means, in.ICF)
		f0, g0 := in.Gradient()
		rng := rand.New(rand.NewPCG(1, 13))
		for range 3 {
			v := fdcheck.Uniform(rng, len(p), -1, 1)
			w := fdcheck.Uniform(rng, len(p), -1, 1)
			f, g, hv := in.hvp(p, v)
			if f != f0 {
				t.Errorf("%s: ObjectiveHHVP's F %v, ObjectiveGrad's %v", data, f, f0)
			}
			if msg := fdcheck.Mismatch(g, g0, 1e-12); msg != "" {
				t.Errorf("%s: gradient against ObjectiveGrad's: %s", data, msg)
			}
			jac := fdcheck.Jacobian(func(s []float64) []float64 {
				ps := make([]float64, len(p))
				for i := range p {
					ps[i] = p[i] + s[0]*v[i]
				}
				return in.gradAt(ps)
			}, []float64{0})
			want := make([]float64, len(p))
			for i := range want {
				want[i] = jac[i][0]
			}
			if msg := fdcheck.Mismatch(hv, want, 1e-6); msg != "" {
				t.Errorf("%s: H·v against finite differences of the gradient along v: %s", data, msg)
			}
			_, _, hw := in.hvp(p, w)
			if a, b := fdcheck.Dot(hv, w), fdcheck.Dot(v, hw); !fdcheck.Close(a, b, 1e-10) {
				t.Errorf("%s: <Hv, w> = %v, <v, Hw> = %v", data, a, b)
			}
		}
	}
}

// BenchmarkObjectiveHHVP times ObjectiveHHVP against ObjectiveGrad.
func BenchmarkObjectiveHHVP(b *testing.B) {
	for _, data := range []string{"1k_d2_K5.txt", "1k_d10_K5.txt"} {
		in := load(b, data)
		p := concat(in.Alphas, in.Means, in.ICF)
		v := make([]float64, len(p))
		for i := range v {
			v[i] = 1
		}
		b.Run(data+"/grad", func(b *testing.B) {
			for b.Loop() {
				in.Gradient()
			}
		})
		b.Run(data+"/hvp", func(b *testing.B) {
			for b.Loop() {
				in.hvp(p, v)
			}
		})
	}
}
