package srcgen

import (
	"fmt"
	"strings"
)

// sliceStateLoop writes, at the top level of the annotated function, a
// loop carrying state in slices it updates element by element (README,
// Checkpointing a loop, "State in slices"), marked //srcgen:ckpt with a
// scheme for checkpointVariant: an RNN step, h[j] = tanh(c·h[j] +
// d·h[n-1-j] + e) through a temporary the body overwrites whole first,
// or a spring integrator's velocities and positions v[j] -= dt·(c·q[j] +
// 0.1·q[j]³ + e), q[j] += dt·v[j]. The state is made before the loop
// (filled from an expression of the point or copied from a parameter
// slice), one to three elements long; the loop is a range loop (-every=K
// or binomial, see stateOption) or a three-clause loop (-snapshots=K).
// The random statements inside may read the state, assign float
// variables (more state) and sum into r, but write no memory made
// outside the body. After the loop the state's last element is summed
// into r, and the state stays read-only.
func (g *gen) sliceStateLoop() string {
	var b strings.Builder
	n := 1 + g.rng.IntN(3)
	springs := g.chance(0.4)
	bases := []string{"h"}
	if springs {
		bases = []string{"q", "vel"}
	}
	var state []*variable
	// Sometimes a parameter is the state, updated in place: F writes it,
	// so it is an output too. Only in the first loop written to be
	// checkpointed: an earlier one may read it, and godiff rightly
	// refuses a loop whose input is written after it.
	first := !g.ckptWritten
	g.ckptWritten = true
	if p := g.pickVar(kSlice, func(v *variable) bool { return v.param && v.exact && !strings.Contains(v.name, ".") }); p != nil && first && g.chance(0.3) {
		p.used = true
		n = p.minLen
		state = append(state, p)
		bases = bases[1:]
	}
	for _, base := range bases {
		s := g.fresh(base)
		b.WriteString(g.stateInit(s, n))
		v := &variable{name: s, kind: kSlice, minLen: n, exact: true, used: true}
		g.declare(v)
		state = append(state, v)
	}
	// A weight matrix for a full RNN step (elmanStep), made and filled
	// before the loop, which only reads it.
	wm := ""
	if !springs && g.chance(0.5) {
		wm = g.fresh("wm")
		j := g.fresh("j")
		g.push()
		g.declare(&variable{name: j, kind: kInt, bound: n * n, used: true})
		e := g.fexpr(1)
		g.scopes = g.scopes[:len(g.scopes)-1]
		fmt.Fprintf(&b, "%s := make([]float64, %d)\nfor %s := range %s {\n%s[%s] = 0.5*math.Sin(%s + float64(%s))\n}\n", wm, n*n, j, wm, wm, j, e, j)
		g.declare(&variable{name: wm, kind: kSlice, minLen: n * n, exact: true, used: true})
	}
	tmp := ""
	if !springs {
		// Hidden for good: a work buffer the body overwrites whole
		// before it reads it, read nowhere else.
		tmp = g.fresh("tmp")
		fmt.Fprintf(&b, "%s := make([]float64, %d)\n", tmp, n)
		g.declare(&variable{name: tmp, kind: kSlice, minLen: n, exact: true, used: true, hidden: true})
	}
	// The state is hidden while the loop's header is chosen (a range
	// over the state it writes), then readable in the body.
	hide := func(h bool) {
		for _, v := range state {
			v.hidden = h
		}
	}
	k := 1 + g.rng.IntN(4)
	step := func() string {
		hide(false)
		if springs {
			return g.springStep(state[0].name, state[1].name, n)
		}
		return g.elmanStep(state[0].name, tmp, wm, n)
	}
	last := func() string {
		return fmt.Sprintf("%s += %s[%d] * %s\n", g.accName(), state[0].name, g.rng.IntN(n), g.squash(g.fexpr(1)))
	}
	hide(true)
	defer hide(false)
	if g.chance(0.3) {
		fmt.Fprintf(&b, "//srcgen:ckpt -snapshots=%d\n", k)
		b.WriteString(g.restricted(true, func() string {
			bd := g.loopBound()
			i := g.fresh("i")
			header := fmt.Sprintf("for %s := 0; %s < %s; %s++", i, i, bd.text, i)
			return g.loopBody(fixed(header), func() string {
				g.counter(i, "", bd)
				return step() + fmt.Sprintf("%s += 0.125 * float64(%s)\n", g.accName(), i)
			}, last())
		}))
	} else {
		fmt.Fprintf(&b, "//srcgen:ckpt -every=%d\n", k)
		b.WriteString(g.restricted(true, func() string { return g.rangeForm(step, last) }))
	}
	hide(false)
	fmt.Fprintf(&b, "%s += 0.5 * %s[%d]\n", g.accName(), state[len(state)-1].name, n-1)
	return b.String()
}

// stateInit writes s := make([]float64, n) and its first values: a copy
// of a parameter slice's first elements, or an expression per element.
func (g *gen) stateInit(s string, n int) string {
	init := fmt.Sprintf("%s := make([]float64, %d)\n", s, n)
	if p := g.pickVar(kSlice, func(v *variable) bool { return v.param && v.minLen >= n }); p != nil && g.chance(0.5) {
		p.used = true
		return init + fmt.Sprintf("copy(%s, %s)\n", s, p.name)
	}
	j := g.fresh("j")
	g.push()
	g.declare(&variable{name: j, kind: kInt, bound: n, used: true})
	e := g.fexpr(2)
	g.scopes = g.scopes[:len(g.scopes)-1]
	return init + fmt.Sprintf("for %s := range %s {\n%s[%s] = %s + 0.25*float64(%s)\n}\n", j, s, s, j, e, j)
}

// elmanStep writes an RNN step: tmp[j] = tanh(Σ_k wm[j·n+k]·h[k] + e)
// with a weight matrix wm, or tanh(c·h[j] + d·h[n-1-j] + e) without, for
// every j, then h[j] = tmp[j] (or a mix of old and new).
func (g *gen) elmanStep(h, tmp, wm string, n int) string {
	j := g.fresh("j")
	g.push()
	g.declare(&variable{name: j, kind: kInt, bound: n, used: true})
	e := g.fexpr(1)
	g.scopes = g.scopes[:len(g.scopes)-1]
	var s string
	if wm != "" {
		// tmp[j] = tanh(Σ_k wm[j·n+k]·h[k] + e): a loop inside the body.
		z, k := g.fresh("z"), g.fresh("k")
		s = fmt.Sprintf("for %s := range %s {\n%s := 0.0\nfor %s := range %s {\n%s += %s[%s*%d+%s] * %s[%s]\n}\n%s[%s] = math.Tanh(%s + %s)\n}\n",
			j, tmp, z, k, h, z, wm, j, n, k, h, k, tmp, j, z, e)
	} else {
		s = fmt.Sprintf("for %s := range %s {\n%s[%s] = math.Tanh(%s*%s[%s] + %s*%s[len(%s)-1-%s] + %s)\n}\n",
			j, tmp, tmp, j, g.pick("0.5", "-0.75", "1.25"), h, j, g.pick("0.25", "-0.5"), h, h, j, e)
	}
	j2 := g.fresh("j")
	if g.chance(0.5) {
		return s + fmt.Sprintf("for %s := range %s {\n%s[%s] = %s[%s]\n}\n", j2, h, h, j2, tmp, j2)
	}
	return s + fmt.Sprintf("for %s := range %s {\n%s[%s] = 0.5*%s[%s] + 0.5*%s[%s]\n}\n", j2, h, h, j2, h, j2, tmp, j2)
}

// springStep writes a symplectic Euler step of springs with a cubic
// term and a forcing expression of the point: the velocities first, then
// the positions from the new velocities.
func (g *gen) springStep(q, v string, n int) string {
	j := g.fresh("j")
	g.push()
	g.declare(&variable{name: j, kind: kInt, bound: n, used: true})
	e := g.fexpr(1)
	g.scopes = g.scopes[:len(g.scopes)-1]
	dt := g.pick("0.1", "0.25")
	s := fmt.Sprintf("for %s := range %s {\n%s[%s] -= %s * (%s*%s[%s] + 0.1*%s[%s]*%s[%s]*%s[%s] + 0.25*%s)\n}\n",
		j, v, v, j, dt, g.pick("0.5", "2", "1.5"), q, j, q, j, q, j, q, j, e)
	j2 := g.fresh("j")
	return s + fmt.Sprintf("for %s := range %s {\n%s[%s] += %s * %s[%s]\n}\n", j2, q, q, j2, dt, v, j2)
}

// couplings writes, for each slice parameter and slice field in scope,
// r += 0.125·v[0]·v[len(v)-1]: a term whose gradient varies with the
// slice, so that the Hessian copy over a struct (HessianWide) is built
// from sweeps of the gradient's vector JVP, which godiff refuses for a
// struct when some slice's gradient is constant (README, Known limits).
// No random draw.
func (g *gen) couplings() string {
	var b strings.Builder
	for _, v := range g.vars(kSlice, func(v *variable) bool { return v.param && v.minLen > 0 }) {
		fmt.Fprintf(&b, "%s += 0.125 * %s[0] * %s[len(%s)-1]\n", g.accName(), v.name, v.name, v.name)
	}
	return b.String()
}
