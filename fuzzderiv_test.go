package godiff

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/parse"
)

// checkDerivatives loads the file at path, which godiff accepted, and
// checks the derivatives of each annotated function of float64 and
// []float64 parameters and float64 results in the interpreter, without
// compiling: the values of FGrad, FVJP and FJVP are F's bit for bit;
// FGrad, FJVP along a random tangent and FVJP along a random seed match
// central finite differences at a random point where two step sizes
// agree; <FJVP(v), w> = <v, FVJP(w)>.
func checkDerivatives(t *testing.T, path string, rng *rand.Rand) {
	t.Helper()
	files, err := parse.Load([]string{path})
	if err != nil {
		fuzzFail(t, path, "Generate accepted the file, parse.Load refuses it: %v", err)
	}
	for _, tg := range files[0].Targets {
		if !plainFloats(tg.Func) {
			continue
		}
		gs, err := Derive(tg.Func, tg.Directives)
		if err != nil {
			fuzzFail(t, path, "Generate accepted %s, Derive refuses it: %v", tg.Func.Name, err)
		}
		funcs := make(map[string]*ir.Func)
		for _, g := range gs {
			funcs[g.Name] = g
		}
		c := &derivCheck{t: t, path: path, f: tg.Func, funcs: funcs}
		if !c.choosePoint(rng) {
			continue
		}
		for _, d := range tg.Directives {
			c.directive(d, rng)
		}
		c.modes(tg.Directives, rng)
	}
}

// plainFloats reports whether f's parameters are float64 or []float64 and
// its results (at least one) float64: the functions whose derivatives
// checkDerivatives knows how to call and to difference.
func plainFloats(f *ir.Func) bool {
	for _, p := range f.Params {
		if p.Group != nil || (p.Type != ir.Float64 && !isFloatSlice(p.Type)) {
			return false
		}
	}
	for _, r := range f.Results {
		if r.Group != nil || r.Type != ir.Float64 {
			return false
		}
	}
	return len(f.Results) > 0
}

func isFloatSlice(t ir.Type) bool {
	s, ok := t.(ir.Slice)
	return ok && s.Elem == ir.Float64
}

// derivCheck is the check of one function's derivatives at one point.
type derivCheck struct {
	t     *testing.T
	path  string // the source file
	f     *ir.Func
	funcs map[string]*ir.Func
	point [][]float64 // per parameter: its value, one element for a float64
	y     []float64   // F's results at point
}

// sliceLen is the length of the []float64 arguments.
const sliceLen = 3

// choosePoint picks a point where F runs and its results are finite. It
// reports false if it finds none in a few tries: F fails (an index out of
// range, a loop that does not end) or overflows.
func (c *derivCheck) choosePoint(rng *rand.Rand) bool {
	for range 4 {
		c.point = make([][]float64, len(c.f.Params))
		for i, p := range c.f.Params {
			n := 1
			if isFloatSlice(p.Type) {
				n = sliceLen
			}
			c.point[i] = fdcheck.Uniform(rng, n, -2, 2)
		}
		y, err := c.evalF(c.point)
		switch {
		case err == nil && allFinite(y):
			c.y = y
			return true
		case err != nil && strings.Contains(err.Error(), "steps"):
			return false // a loop that does not end: no point ends it
		}
	}
	return false
}

// args returns the interpreter's arguments for F at p: fresh slices, since
// F may write them.
func (c *derivCheck) args(p [][]float64) []any {
	var args []any
	for i, prm := range c.f.Params {
		if isFloatSlice(prm.Type) {
			args = append(args, ir.FloatSlice(p[i]))
		} else {
			args = append(args, p[i][0])
		}
	}
	return args
}

func (c *derivCheck) evalF(p [][]float64) ([]float64, error) {
	out, err := ir.EvalWith(c.funcs, c.f, c.args(p)...)
	if err != nil {
		return nil, err
	}
	return floats(out), nil
}

// floats flattens interpreter results: floats and slices of floats.
func floats(out []any) []float64 {
	var fs []float64
	for _, o := range out {
		switch o := o.(type) {
		case float64:
			fs = append(fs, o)
		case ir.SliceVal:
			fs = append(fs, o.Floats()...)
		}
	}
	return fs
}

// run evaluates the generated function g on F's arguments and extra, and
// returns its flattened results. An error of g where F runs is a failure
// of godiff, unless it is the interpreter's step limit.
func (c *derivCheck) run(g *ir.Func, extra ...any) ([]float64, bool) {
	out, err := ir.EvalWith(c.funcs, g, append(c.args(c.point), extra...)...)
	switch {
	case err != nil && strings.Contains(err.Error(), "steps"):
		return nil, false
	case err != nil:
		fuzzFail(c.t, c.path, "%s fails where %s runs, at %v: %v", g.Name, c.f.Name, c.point, err)
	}
	got := floats(out)
	if len(got) < len(c.y) {
		fuzzFail(c.t, c.path, "%s returns %d numbers, fewer than %s's %d results", g.Name, len(got), c.f.Name, len(c.y))
	}
	for i, y := range c.y {
		if got[i] != y && !(math.IsNaN(got[i]) && math.IsNaN(y)) {
			fuzzFail(c.t, c.path, "%s's value %d is %v, %s's %v, at %v", g.Name, i, got[i], c.f.Name, y, c.point)
		}
	}
	return got[len(c.y):], true
}

// wrtSize returns how many numbers the parameters wrt hold.
func (c *derivCheck) wrtSize(wrt []int) int {
	n := 0
	for _, i := range wrt {
		n += len(c.point[i])
	}
	return n
}

// tangentArgs cuts the flat vector v into arguments for the parameters wrt.
func (c *derivCheck) tangentArgs(wrt []int, v []float64) []any {
	var args []any
	for _, i := range wrt {
		n := len(c.point[i])
		if isFloatSlice(c.f.Params[i].Type) {
			args = append(args, ir.FloatSlice(v[:n]))
		} else {
			args = append(args, v[0])
		}
		v = v[n:]
	}
	return args
}

// directive checks the function of one directive against finite
// differences (FHVP: see hvp). A function that takes more arguments than these (buffers
// for output parameters) is left to the mode check.
func (c *derivCheck) directive(d parse.Directive, rng *rand.Rand) {
	g := c.funcs[d.Name]
	if g == nil {
		fuzzFail(c.t, c.path, "Derive made no %s", d.Name)
	}
	jac, smooth := c.jacobian(d.Wrt)
	var got, want []float64
	var ok bool
	switch d.Mode {
	case parse.HVP:
		c.hvp(g, d, jac, smooth, rng)
		return
	case parse.Grad:
		if len(g.Params) != len(c.f.Params) {
			return
		}
		if got, ok = c.run(g); !ok || !smooth {
			return
		}
		want = jac[0]
	case parse.VJP:
		if len(g.Params) != len(c.f.Params)+len(c.y) {
			return
		}
		w := fdcheck.Uniform(rng, len(c.y), -1, 1)
		if got, ok = c.run(g, anys(w)...); !ok || !smooth {
			return
		}
		want = make([]float64, c.wrtSize(d.Wrt))
		for r, row := range jac {
			for k := range want {
				want[k] += w[r] * row[k]
			}
		}
	case parse.JVP:
		if len(g.Params) != len(c.f.Params)+len(d.Wrt) {
			return
		}
		v := fdcheck.Uniform(rng, c.wrtSize(d.Wrt), -1, 1)
		if got, ok = c.run(g, c.tangentArgs(d.Wrt, v)...); !ok || !smooth {
			return
		}
		want = make([]float64, len(jac))
		for r, row := range jac {
			want[r] = fdcheck.Dot(row, v)
		}
	}
	if m := fdcheck.Mismatch(got, want, 1e-4); m != "" {
		fuzzFail(c.t, c.path, "%s at %v against central differences: %s", d.Name, c.point, m)
	}
}

// modes checks <FJVP(v), w> = <v, FVJP(w)> when F has both on the same
// parameters and neither takes buffers for output parameters.
func (c *derivCheck) modes(ds []parse.Directive, rng *rand.Rand) {
	var jvp, vjp *parse.Directive
	for i := range ds {
		switch ds[i].Mode {
		case parse.JVP:
			jvp = &ds[i]
		case parse.VJP:
			vjp = &ds[i]
		}
	}
	if jvp == nil || vjp == nil || !slices.Equal(jvp.Wrt, vjp.Wrt) {
		return
	}
	gj, gv := c.funcs[jvp.Name], c.funcs[vjp.Name]
	if len(gj.Params) != len(c.f.Params)+len(jvp.Wrt) || len(gv.Params) != len(c.f.Params)+len(c.y) {
		return
	}
	v := fdcheck.Uniform(rng, c.wrtSize(jvp.Wrt), -1, 1)
	w := fdcheck.Uniform(rng, len(c.y), -1, 1)
	dy, ok1 := c.run(gj, c.tangentArgs(jvp.Wrt, v)...)
	dx, ok2 := c.run(gv, anys(w)...)
	if !ok1 || !ok2 {
		return
	}
	if a, b := fdcheck.Dot(dy, w), fdcheck.Dot(v, dx); !fdcheck.Close(a, b, 1e-9) && allFinite([]float64{a, b}) {
		fuzzFail(c.t, c.path, "at %v: <%s(v), w> = %v, <v, %s(w)> = %v", c.point, jvp.Name, a, vjp.Name, b)
	}
}

// jacobian returns the central-difference Jacobian of F's results in the
// parameters wrt at the point, and whether two step sizes agree on it:
// where they do not, F is not smooth around the point (a branch or a kink
// lies within the steps) and no difference is a fair reference.
func (c *derivCheck) jacobian(wrt []int) ([][]float64, bool) {
	coarse, ok1 := c.differences(wrt, 1e-5)
	fine, ok2 := c.differences(wrt, 1e-6)
	if !ok1 || !ok2 {
		return nil, false
	}
	for r := range fine {
		if fdcheck.Mismatch(coarse[r], fine[r], 1e-5) != "" || !allFinite(coarse[r]) {
			return nil, false
		}
	}
	return coarse, true
}

// differences returns the Jacobian by central differences of step
// h·max(1, |x|), rows F's results, columns the numbers of the parameters
// wrt; false if F fails near the point.
func (c *derivCheck) differences(wrt []int, h float64) ([][]float64, bool) {
	jac := make([][]float64, len(c.y))
	for _, i := range wrt {
		for k, x := range c.point[i] {
			hk := h * math.Max(1, math.Abs(x))
			p := clonePoint(c.point)
			p[i][k] = x + hk
			up, err1 := c.evalF(p)
			p[i][k] = x - hk
			down, err2 := c.evalF(p)
			if err1 != nil || err2 != nil {
				return nil, false
			}
			for r := range jac {
				jac[r] = append(jac[r], (up[r]-down[r])/(2*hk))
			}
		}
	}
	return jac, true
}

func clonePoint(p [][]float64) [][]float64 {
	q := make([][]float64, len(p))
	for i := range p {
		q[i] = slices.Clone(p[i])
	}
	return q
}

func allFinite(xs []float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

func anys(xs []float64) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
