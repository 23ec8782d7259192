package srcgen

import (
	"fmt"
	"strings"
)

// ckptLoop writes, at the top level of the annotated function, a loop
// written to be checkpointed, after the comment //srcgen:ckpt (with its
// -every) that checkpointVariant turns into //godiff:checkpoint in the
// copy: a loop over points whose iterations share only sums into the
// accumulator and a work buffer each overwrites whole first, or a range
// loop carrying state in float variables, marked -every=K for K of 1 to
// 4. Inside, the body's random statements write no memory made outside it
// and leave the loop neither by break nor continue nor return.
func (g *gen) ckptLoop() string {
	if g.cfg.SliceStateLoop {
		return g.sliceStateLoop()
	}
	if g.chance(0.5) {
		return g.pointsLoop()
	}
	return g.stateLoop()
}

// pointsLoop writes buf := make([]float64, n) and a loop over a slice or
// a range of ints whose body overwrites buf whole, then sums into r.
func (g *gen) pointsLoop() string {
	buf := g.fresh("work")
	n := 1 + g.rng.IntN(3)
	bv := &variable{name: buf, kind: kSlice, minLen: n, exact: true, used: true}
	g.declare(bv)
	head := fmt.Sprintf("%s := make([]float64, %d)\n//srcgen:ckpt\n", buf, n)
	// Hidden until the body has filled it: not ranged over, not read by
	// the values written into it.
	bv.hidden = true
	defer func() { bv.hidden = false }()
	return head + g.restricted(false, func() string {
		return g.rangeForm(func() string {
			j := g.fresh("j")
			g.push()
			g.declare(&variable{name: j, kind: kInt, bound: n, boundSlice: buf, used: true})
			fill := fmt.Sprintf("for %s := range %s {\n%s[%s] = %s\n}\n", j, buf, buf, j, g.fexpr(2))
			bv.hidden = false
			g.scopes = g.scopes[:len(g.scopes)-1]
			return fill
		}, func() string {
			return fmt.Sprintf("%s += %s[%d] * %s\n", g.accName(), buf, g.rng.IntN(n), g.squash(g.fexpr(2)))
		})
	})
}

// stateLoop writes float state variables and a loop that updates them:
// a range loop marked //srcgen:ckpt -every=K (K of 1 to 4; see
// stateOption), or (stateForm) a three-clause or while loop marked
// -snapshots=K, the schemes godiff takes there.
func (g *gen) stateLoop() string {
	var b strings.Builder
	var state []string
	for range 1 + g.rng.IntN(2) {
		s := g.fresh("st")
		fmt.Fprintf(&b, "%s := %s\n", s, g.typed(func() string { return g.fexpr(2) }))
		g.declare(&variable{name: s, kind: kFloat, writable: true})
		state = append(state, s)
	}
	k := 1 + g.rng.IntN(4)
	update := func() string {
		var u strings.Builder
		for _, s := range state {
			fmt.Fprintf(&u, "%s = %s\n", s, g.rhsFor(s))
		}
		return u.String()
	}
	// A draw of its own, after the range loop's: programs drawing the
	// range form keep the text they had before the other forms.
	if form := g.rng.IntN(5); form >= 2 {
		fmt.Fprintf(&b, "//srcgen:ckpt -snapshots=%d\n", k)
		b.WriteString(g.restricted(true, func() string { return g.stateForm(form, state, update) }))
		return b.String()
	}
	fmt.Fprintf(&b, "//srcgen:ckpt -every=%d\n", k)
	b.WriteString(g.restricted(true, func() string {
		return g.rangeForm(nil, update)
	}))
	return b.String()
}

// stateForm writes the loop of stateLoop in form 2 to 4: a three-clause
// loop counting up or down whose body may read its counter; a while loop
// counting with an int in its body (j++ first, as loopCond), its
// condition sometimes reading the state too, so that the trip count
// depends on the point; or a while loop on a float clock the body
// advances by a constant. update writes the state's new values last.
func (g *gen) stateForm(form int, state []string, update func() string) string {
	b := g.loopBound()
	switch form {
	case 2:
		i := g.fresh("i")
		header := fmt.Sprintf("for %s := 0; %s < %s; %s++", i, i, b.text, i)
		if g.chance(0.3) {
			header = fmt.Sprintf("for %s := %s - 1; %s >= 0; %s--", i, b.text, i, i)
		}
		return g.loopBody(fixed(header), func() string {
			g.counter(i, "", b)
			return fmt.Sprintf("%s += 0.125 * float64(%s)\n", g.accName(), i)
		}, update())
	case 3:
		j := g.fresh("j")
		g.declare(&variable{name: j, kind: kInt, used: true, bound: -1})
		cond := fmt.Sprintf("%s < %s", j, b.text)
		if g.chance(0.5) {
			cond += fmt.Sprintf(" && %s < %s", state[0], g.pick("2", "4", "16"))
		}
		return fmt.Sprintf("%s := 0\n", j) + g.loopBody(fixed("for "+cond), func() string {
			g.counterPost(j, b)
			return j + "++\n"
		}, update())
	default:
		t := g.fresh("clock")
		g.declare(&variable{name: t, kind: kFloat, used: true})
		end := fmt.Sprintf("%d.125", 1+g.rng.IntN(3))
		return fmt.Sprintf("%s := 0.0\n", t) + g.loopBody(fixed(fmt.Sprintf("for %s < %s", t, end)), func() string { return "" },
			update()+fmt.Sprintf("%s += 0.5\n", t))
	}
}

// rangeForm writes a range loop, over a slice in scope or a count, whose
// body is first's text, random statements, then last's.
func (g *gen) rangeForm(first, last func() string) string {
	var header string
	pre := func() string {
		s := g.pickSeq(func(v *variable) bool { return v.kind == kSlice && v.minLen > 0 })
		if s != nil && g.chance(0.6) {
			s.used = true
			i, v := g.fresh("i"), g.fresh("p")
			g.declare(&variable{name: i, kind: kInt, bound: s.minLen, boundSlice: s.name, used: true})
			g.declare(&variable{name: v, kind: kFloat, used: true})
			header = fmt.Sprintf("for %s, %s := range %s", i, v, s.name)
			// Both read, so that Go accepts them.
			return fmt.Sprintf("%s += 0.125 * %s * float64(%s)\n", g.accName(), v, i)
		}
		b := g.loopBound()
		i := g.fresh("i")
		iv := &variable{name: i, kind: kInt, bound: b.n, boundSlice: b.slice, used: true}
		if b.n == 0 && b.slice == "" {
			iv.bound = -1
		}
		g.declare(iv)
		header = fmt.Sprintf("for %s := range %s", i, b.text)
		return fmt.Sprintf("%s += 0.125 * float64(%s)\n", g.accName(), i)
	}
	return g.loopBody(func() string { return header }, func() string {
		s := pre()
		if first != nil {
			s = first() + s
		}
		return s
	}, last())
}

// restricted runs f with the function's memory read-only (slices and
// arrays not writable) and, unless floats is set, its float variables
// too, but for the accumulator's sums; with break, continue, return and
// labels off. It restores all after.
func (g *gen) restricted(floats bool, f func() string) string {
	type saved struct {
		v         *variable
		w, hidden bool
	}
	var keep []saved
	for _, sc := range g.scopes {
		for _, v := range sc {
			keep = append(keep, saved{v, v.writable, v.hidden})
			if v.kind == kSlice || v.kind == kArray || (!floats && v.kind == kFloat) {
				v.writable = false
			}
			// godiff refuses a body that reads an array or a struct made
			// outside it, or reads a sum other than to add to it.
			if v.kind == kArray || v.kind == kStruct || strings.Contains(v.name, ".") || (!floats && v.name == g.acc) {
				v.hidden = true
			}
		}
	}
	cfg, sv := g.cfg, g.structVar
	g.cfg.Break, g.cfg.Continue, g.cfg.Return, g.cfg.Labels = false, false, false, false
	g.cfg.WriterInExpr = false
	g.structVar = ""
	s := f()
	g.cfg, g.structVar = cfg, sv
	for _, k := range keep {
		k.v.writable, k.v.hidden = k.w, k.hidden
	}
	return s
}
