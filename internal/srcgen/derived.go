package srcgen

import (
	"fmt"
	"strings"
)

// derivedHelper declares G, an annotated function of one to three floats
// with //godiff:grad, //godiff:jvp and //godiff:vjp whose body calls
// nothing but math (README, Hessians and composition: what a call of
// GGrad, GJVP or GVJP may differentiate through), which the annotated
// function then calls by its generated GGrad, GJVP and GVJP
// (derivedCall).
func (g *gen) derivedHelper() {
	if g.cfg.DerivedOfSlices {
		g.derivedSliceHelper()
		return
	}
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
	body := h.funcBody(h.fexpr1)
	if hp.nargs == 2 {
		body = withRecordedBranch(body)
	}
	decl := fmt.Sprintf("//godiff:grad\n//godiff:jvp\n//godiff:vjp\nfunc %s(%s float64) float64 {\n%s}\n", hp.name, strings.Join(ps, ", "), body)
	g.n = h.n
	*g.decls = append(*g.decls, decl)
	g.derived = hp
}

// withRecordedBranch adds to G's body a branch, taken at the test points,
// whose result its return multiplies by a: GGrad then records values on a
// tape of its own (the branch's, as hvp_test.go's "a call of a gradient
// that records in a branch"). The random bodies seldom make GGrad depend
// on such a record (their branches mostly add linear terms or constants,
// or the return cancels them), and so no Hessian copy differentiated
// through one: before FHVP refused it (reverse/inline.go), it gave a
// wrong gradient and H·v there that the checks never saw. No random
// draw: the programs' other text stays the same.
func withRecordedBranch(body string) string {
	i := strings.LastIndex(body, "\nreturn ")
	if i < 0 || !strings.HasSuffix(body, "\n") {
		panic("srcgen: G's body does not end in a return: " + body)
	}
	ret := strings.TrimSuffix(body[i+len("\nreturn "):], "\n")
	return body[:i+1] + "rec := a * b\nif a > -4 {\nrec = math.Erf(rec * 0.25)\n}\nreturn (" + ret + ") + rec*a\n"
}

// derivedCall writes a call of G's generated gradient, JVP or VJP (see
// derivedHelper) into new variables: v, d1, ..., dn := GGrad(e1, ..., en),
// v, dv := GJVP(e1, ..., en, t1, ..., tn) or v, d1, ..., dn := GVJP(e1,
// ..., en, s), the seed s an expression of the point as often as not.
func (g *gen) derivedCall() string {
	h := g.derived
	if h.kind == hSlice {
		return g.derivedSliceCall()
	}
	var args []string
	for range h.nargs {
		args = append(args, g.fexpr(2))
	}
	var names []string
	call := h.name + "Grad"
	n := 1 + h.nargs
	// One draw chooses among the three, so that the programs of a seed
	// calling GGrad or GJVP before GVJP was generated keep their text up
	// to the call; a fourth of the GGrad calls became GVJP calls.
	switch r := g.rng.Float64(); {
	case r < 0.4:
		call = h.name + "JVP"
		for range h.nargs {
			args = append(args, g.fexpr(1))
		}
		n = 2
	case r < 0.55:
		call = h.name + "VJP"
		args = append(args, g.fexpr(1))
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
