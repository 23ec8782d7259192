package godiff

import (
	"math/rand/v2"
	"slices"

	"github.com/godiff/godiff/internal/fdcheck"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/parse"
)

// hvp checks FHVP, g, in the interpreter (see checkDerivatives): its
// value is F's bit for bit (run); where F is smooth around the point, its
// gradient matches central differences of F (jac); and where central
// differences of its own gradient along the direction v agree at two
// steps, H·v matches them. FHVP's gradient is FGrad's (its tests), so
// this is H·v against differences of the gradient.
func (c *derivCheck) hvp(g *ir.Func, d parse.Directive, jac [][]float64, smooth bool, rng *rand.Rand) {
	if len(c.y) != 1 || len(g.Params) != len(c.f.Params)+len(d.Wrt) {
		return // several results, or buffers for slices F writes
	}
	n := c.wrtSize(d.Wrt)
	v := fdcheck.Uniform(rng, n, -1, 1)
	out, ok := c.run(g, c.tangentArgs(d.Wrt, slices.Clone(v))...)
	if !ok {
		return
	}
	if len(out) != 2*n {
		fuzzFail(c.t, c.path, "%s returns %d numbers after the value, want a gradient and H·v of %d each", g.Name, len(out), n)
	}
	grad, hv := out[:n], out[n:]
	if smooth {
		if m := fdcheck.Mismatch(grad, jac[0], 1e-4); m != "" {
			fuzzFail(c.t, c.path, "%s's gradient at %v against central differences: %s", g.Name, c.point, m)
		}
	}
	coarse, ok1 := c.gradientDifferences(g, d, v, 1e-4)
	fine, ok2 := c.gradientDifferences(g, d, v, 1e-5)
	if !ok1 || !ok2 || !allFinite(coarse) || fdcheck.Mismatch(coarse, fine, 1e-5) != "" {
		return // the gradient is not smooth along v around the point
	}
	if m := fdcheck.Mismatch(hv, fine, 1e-4); m != "" {
		fuzzFail(c.t, c.path, "%s's H·v along %v at %v against central differences of its gradient: %s", g.Name, v, c.point, m)
	}
}

// gradientDifferences returns the central differences of g's gradient
// along v, of step h, at the point; false if g fails near it.
func (c *derivCheck) gradientDifferences(g *ir.Func, d parse.Directive, v []float64, h float64) ([]float64, bool) {
	at := func(sign float64) ([]float64, bool) {
		p := clonePoint(c.point)
		k := 0
		for _, i := range d.Wrt {
			for j := range p[i] {
				p[i][j] += sign * h * v[k]
				k++
			}
		}
		out, err := ir.EvalWith(c.funcs, g, append(c.args(p), c.tangentArgs(d.Wrt, slices.Clone(v))...)...)
		if err != nil {
			// F runs at the point, and run checked that g does; near it
			// g may fail as F does (a guard, the step limit).
			return nil, false
		}
		fs := floats(out)
		n := c.wrtSize(d.Wrt)
		if len(fs) != 1+2*n {
			return nil, false
		}
		return fs[1 : 1+n], true
	}
	up, ok1 := at(1)
	down, ok2 := at(-1)
	if !ok1 || !ok2 {
		return nil, false
	}
	diff := make([]float64, len(up))
	for i := range up {
		diff[i] = (up[i] - down[i]) / (2 * h)
	}
	return diff, true
}
