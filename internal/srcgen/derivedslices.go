package srcgen

import (
	"fmt"
	"strings"
)

// derivedSliceHelper declares G as a function of weight slices (README,
// Hessians and composition: calls of GGrad or GVJP of a G of slices):
// G(w, x []float64, c float64) with //godiff:grad w and //godiff:vjp w,
// a sum over i of a random expression of w[i], x[i] and c plus a smooth
// term coupling w[i] to the data, and a product of w's first and last
// elements, so that its Hessian in w is full. G calls nothing but math
// and reads x[i] for i < len(w): the caller passes x at least as long.
func (g *gen) derivedSliceHelper() {
	hp := &helper{name: g.prefix + "G", kind: hSlice, nargs: 1}
	h := g.sub()
	h.helpers = nil
	h.cfg.LocalSlices, h.cfg.Arrays, h.cfg.Windows, h.cfg.SwapBuffers = false, false, false, false
	h.cfg.Return, h.cfg.Guards, h.cfg.Slices = false, false, false
	h.declare(&variable{name: "c", kind: kFloat, param: true})
	h.declare(&variable{name: "wi", kind: kFloat})
	h.declare(&variable{name: "xi", kind: kFloat})
	e := h.fexpr(2)
	term := h.pick("math.Log(1+math.Exp(-xi*wi*c))", "math.Tanh(wi*xi+c)", "0.5*wi*wi*xi", "math.Sin(wi)*math.Cos(c*xi)")
	decl := fmt.Sprintf(`//godiff:grad w
//godiff:vjp w
func %s(w, x []float64, c float64) float64 {
s := 0.0
for i := range w {
wi, xi := w[i], x[i]
s += %s + %s
}
return s + 0.25*w[0]*w[len(w)-1]*c
}
`, hp.name, e, term)
	g.n = h.n
	*g.decls = append(*g.decls, decl)
	g.derived = hp
}

// derivedSliceCall writes a call of GGrad or GVJP of the G of slices
// (derivedSliceHelper): u, gw := GGrad(w, x, c) or u, gw := GVJP(w, x, c,
// s), w a slice of exact length in scope (a parameter, a struct's field)
// or a literal of expressions of the point, x a slice at least as long
// (w itself, another, or a literal of constants), c and s expressions of
// the point. The caller then reads the gradient: its squared norm (a
// gradient-norm penalty) or one element; gw stays read-only.
func (g *gen) derivedSliceCall() string {
	var b strings.Builder
	w := g.pickVar(kSlice, func(v *variable) bool { return v.exact && v.minLen > 0 })
	var wName string
	var l int
	if w == nil || g.chance(0.3) {
		l = 1 + g.rng.IntN(3)
		wName = g.fresh("w")
		var es []string
		for range l {
			es = append(es, g.fexpr(1))
		}
		fmt.Fprintf(&b, "%s := []float64{%s}\n", wName, strings.Join(es, ", "))
		g.declare(&variable{name: wName, kind: kSlice, minLen: l, exact: true, used: true})
	} else {
		w.used = true
		wName, l = w.name, w.minLen
	}
	x := ""
	switch xv := g.pickVar(kSlice, func(v *variable) bool { return v.minLen >= l }); {
	case xv != nil && g.chance(0.6):
		xv.used = true
		x = xv.name
	default:
		var cs []string
		for range l {
			cs = append(cs, g.literal())
		}
		x = "[]float64{" + strings.Join(cs, ", ") + "}"
	}
	args := []string{wName, x, g.fexpr(1)}
	call := g.derived.name + "Grad"
	if g.chance(0.35) {
		call = g.derived.name + "VJP"
		args = append(args, g.fexpr(1))
	}
	u, gw := g.fresh("u"), g.fresh("gw")
	fmt.Fprintf(&b, "%s, %s := %s(%s)\n", u, gw, call, strings.Join(args, ", "))
	g.declare(&variable{name: u, kind: kFloat, writable: true})
	g.declare(&variable{name: gw, kind: kSlice, minLen: l, exact: true, used: true})
	if g.chance(0.5) {
		i := g.fresh("i")
		fmt.Fprintf(&b, "for %s := range %s {\n%s += %s * %s[%s] * %s[%s]\n}\n", i, gw, g.accName(), g.pick("0.5", "0.25"), gw, i, gw, i)
	} else {
		fmt.Fprintf(&b, "%s += %s[%d]\n", g.accName(), gw, g.rng.IntN(l))
	}
	g.nonConst++
	g.deps++
	return b.String()
}
