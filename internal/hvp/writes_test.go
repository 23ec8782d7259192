package hvp

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// RenderHVP writes into dout the derivative of out along v (the central
// difference of what Render writes), and out as Render writes it;
// SquareHVP, whose F updates x in place, leaves the direction as passed
// and updates x as Square does.
func TestHVPWrites(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 13))
	for _, n := range []int{1, 4} {
		x := fdcheck.Uniform(rng, n, -2, 2)
		v := fdcheck.Uniform(rng, n, -1, 1)
		out, dout := make([]float64, n), make([]float64, n)
		RenderHVP(x, out, v, dout)
		want := make([]float64, n)
		Render(x, want)
		if msg := fdcheck.Mismatch(out, want, 0); msg != "" {
			t.Errorf("n=%d: RenderHVP's out against Render's: %s", n, msg)
		}
		jac := fdcheck.Jacobian(func(s []float64) []float64 {
			xs := make([]float64, n)
			for i := range x {
				xs[i] = x[i] + s[0]*v[i]
			}
			o := make([]float64, n)
			Render(xs, o)
			return o
		}, []float64{0})
		for i := range n {
			if !fdcheck.Close(dout[i], jac[i][0], 1e-6) {
				t.Errorf("n=%d: dout[%d] = %v, the derivative of out along v %v", n, i, dout[i], jac[i][0])
			}
		}

		v0, xs, xf := slices.Clone(v), slices.Clone(x), slices.Clone(x)
		SquareHVP(xs, v)
		Square(xf)
		if !slices.Equal(v, v0) {
			t.Errorf("n=%d: SquareHVP changed its direction from %v to %v", n, v0, v)
		}
		if !slices.Equal(xs, xf) {
			t.Errorf("n=%d: SquareHVP left x %v, Square %v", n, xs, xf)
		}
	}
}
