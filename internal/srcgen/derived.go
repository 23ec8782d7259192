package srcgen

import (
	"fmt"
	"strings"
)

// derivedHelper declares G, an annotated function of one to three floats
// with //godiff:grad and //godiff:jvp whose body calls nothing but math
// (README, Hessians and composition: what a call of GGrad or GJVP may
// differentiate through), which the annotated function then calls by its
// generated GGrad and GJVP (derivedCall).
func (g *gen) derivedHelper() {
	hp := &helper{name: g.prefix + "G", kind: hNum, nargs: 1 + g.rng.IntN(3)}
	h := g.sub()
	h.helpers = nil
	h.cfg.LocalSlices, h.cfg.Arrays, h.cfg.Windows, h.cfg.SwapBuffers = false, false, false, false
	h.cfg.Return, h.cfg.Guards, h.cfg.Slices = false, false, false
	var ps []string
	for i := range hp.nargs {
		n := string(rune('a' + i))
		ps = append(ps, n)
		h.declare(&variable{name: n, kind: kFloat, writable: true, param: true})
	}
	decl := fmt.Sprintf("//godiff:grad\n//godiff:jvp\nfunc %s(%s float64) float64 {\n%s}\n", hp.name, strings.Join(ps, ", "), h.funcBody(h.fexpr1))
	g.n = h.n
	*g.decls = append(*g.decls, decl)
	g.derived = hp
}

// derivedCall writes a call of G's generated gradient or JVP (see
// derivedHelper) into new variables: v, d1, ..., dn := GGrad(e1, ..., en)
// or v, dv := GJVP(e1, ..., en, t1, ..., tn).
func (g *gen) derivedCall() string {
	h := g.derived
	var args []string
	for range h.nargs {
		args = append(args, g.fexpr(2))
	}
	var names []string
	call := h.name + "Grad"
	n := 1 + h.nargs
	if g.chance(0.4) {
		call = h.name + "JVP"
		for range h.nargs {
			args = append(args, g.fexpr(1))
		}
		n = 2
	}
	for range n {
		v := g.fresh("u")
		names = append(names, v)
	}
	s := fmt.Sprintf("%s := %s(%s)\n", strings.Join(names, ", "), call, strings.Join(args, ", "))
	for _, v := range names {
		g.declare(&variable{name: v, kind: kFloat, writable: true})
	}
	g.nonConst++
	g.deps++
	return s
}
