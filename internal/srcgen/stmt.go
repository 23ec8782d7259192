package srcgen

import (
	"fmt"
	"strings"
)

// stmt writes one random statement (with its newline). The weights favour
// what breaks transforms: overwrites, tuples and writes inside loops.
func (g *gen) stmt() string {
	nest := g.depth < g.cfg.MaxDepth
	inLoop := len(g.loops) > 0
	type choice struct {
		w  int
		on bool
		f  func() string
	}
	choices := []choice{
		{5, true, g.declStmt},
		{4, true, g.assign},
		{3, g.cfg.OpAssign, g.opAssign},
		{2, g.cfg.Overwrite, g.overwrite},
		{3, g.cfg.Overwrite && inLoop, g.overwrite},
		{2, g.cfg.Tuples, g.tuple},
		{4, g.cfg.Tuples && inLoop, g.tuple},
		{3, true, g.elementWrite},
		{4, nest, g.ifStmt},
		{1, nest && g.cfg.Switch, g.switchStmt},
		{6, nest && len(g.loops) < 2, g.loopStmt},
		{3, g.cfg.LocalSlices, g.localSlice},
		{4, g.cfg.Arrays, g.arrayStmt},
		{4, g.cfg.LocalStructs && g.structVar != "", g.localStruct},
		{2, nest && len(g.loops) < 2 && g.cfg.Windows, g.windowLoop},
		{2, nest && len(g.loops) < 2 && g.cfg.SwapBuffers, g.swapBuffers},
		{1, g.cfg.Guards, g.guardStmt},
		{4, true, g.callStmt},
		{3, inLoop && nest, g.leave},
		{1, g.cfg.Return && nest, func() string {
			return fmt.Sprintf("if %s {\n%s}\n", g.cond(2), g.block(2, nil, g.returnStmt()+"\n"))
		}},
		{1, nest, func() string { return "{\n" + g.block(2, nil, "") + "}\n" }},
		{8, g.cfg.CkptLoops && !g.inHelper && len(g.loops) == 0 && g.depth == 0, g.ckptLoop},
		{4, g.derived != nil, g.derivedCall},
	}
	total := 0
	for _, c := range choices {
		if c.on {
			total += c.w
		}
	}
	for {
		r := g.rng.IntN(total)
		for _, c := range choices {
			if !c.on {
				continue
			}
			if r < c.w {
				if s := c.f(); s != "" {
					return s
				}
				break
			}
			r -= c.w
		}
	}
}

func (g *gen) returnStmt() string { return "return " + g.accName() + " + " + g.ret() }

// rhs writes the value of an assignment; inside loops it is often
// squashed so that values carried across iterations stay moderate.
func (g *gen) rhs() string {
	e := g.fexpr(g.cfg.MaxExpr)
	if len(g.loops) > 0 && g.chance(0.6) {
		return g.squash(e)
	}
	return e
}

func (g *gen) declStmt() string {
	name := g.fresh("v")
	deps := g.deps
	var s string
	if g.chance(0.15) && (g.cfg.VarZeroInLoops || len(g.loops) == 0) {
		s = fmt.Sprintf("var %s float64\n", name)
		if g.chance(0.5) {
			s += fmt.Sprintf("%s = %s\n", name, g.rhsFor(name))
		}
	} else {
		s = fmt.Sprintf("%s := %s\n", name, g.typed(g.rhs))
	}
	g.declare(&variable{name: name, kind: kFloat, writable: true, konst: g.deps == deps})
	return s
}

func (g *gen) assignable() *variable {
	return g.pickVar(kFloat, func(v *variable) bool { return v.writable })
}

func (g *gen) assign() string {
	v := g.assignable()
	if v == nil {
		return ""
	}
	deps := g.deps
	e := g.rhsFor(v.name)
	if g.deps != deps {
		v.konst = false
	}
	return fmt.Sprintf("%s = %s\n", v.name, e)
}

// noDeadStores reports whether assignments must read the variable they
// assign, so that no value is overwritten before it is read: without
// Overwrite.
func (g *gen) noDeadStores() bool { return !g.cfg.Overwrite }

// rhsFor is rhs for an assignment to name, never name itself (vet
// reports a self-assignment).
func (g *gen) rhsFor(name string) string {
	if g.noDeadStores() {
		return fmt.Sprintf("%s*%s + %s", g.pick("0.5", "0.25"), name, g.rhs())
	}
	e := g.rhs()
	if e == name {
		return "2 * " + name
	}
	return e
}

func (g *gen) opAssign() string {
	v := g.assignable()
	if v == nil {
		return ""
	}
	defer g.keepsKonst(v)()
	switch g.rng.IntN(4) {
	case 0:
		return fmt.Sprintf("%s += %s\n", v.name, g.rhs())
	case 1:
		return fmt.Sprintf("%s -= %s\n", v.name, g.rhs())
	case 2:
		return fmt.Sprintf("%s *= %s\n", v.name, g.squash(g.fexpr(2)))
	default:
		return fmt.Sprintf("%s /= %s\n", v.name, g.divisor(2))
	}
}

// overwrite writes a value overwritten before it is read, or a dead
// store: r = 2*r; r = x.
func (g *gen) overwrite() string {
	v := g.assignable()
	if v == nil {
		return ""
	}
	defer g.keepsKonst(v)()
	first := g.choose(lit("2 * "+v.name), func() string { return g.fexpr(2) }, func() string { return v.name + " * " + g.leaf() })
	if first == v.name {
		first = "2 * " + first
	}
	return fmt.Sprintf("%s = %s\n%s = %s\n", v.name, first, v.name, g.rhsFor(v.name))
}

// tuple writes a swap or a parallel assignment.
func (g *gen) tuple() string {
	pred := func(v *variable) bool { return v.writable && (g.cfg.TupleParams || !v.param) }
	vs := g.vars(kFloat, pred)
	// Inside a loop, mostly swap values carried across iterations.
	if carried := g.vars(kFloat, func(v *variable) bool { return pred(v) && v.loops < len(g.loops) }); len(carried) >= 2 && g.chance(0.8) {
		vs = carried
	}
	if len(vs) < 2 {
		return ""
	}
	i := g.rng.IntN(len(vs))
	j := (i + 1 + g.rng.IntN(len(vs)-1)) % len(vs)
	a, b := vs[i], vs[j]
	// Whether each may fold to a constant: a swap exchanges it; otherwise
	// either may, unless what is assigned read something that does not.
	deps, swap := g.deps, false
	defer func() {
		switch {
		case swap:
			a.konst, b.konst = b.konst, a.konst
		case g.deps == deps:
			a.konst, b.konst = true, true
		default:
			a.konst, b.konst = false, false
		}
	}()
	kind := g.rng.IntN(4)
	if g.noDeadStores() {
		kind = 1 // a swap moves a value into a variable that may be dead
	}
	switch kind {
	case 0, 3:
		swap = true
		a.used, b.used = true, true
		return fmt.Sprintf("%s, %s = %s, %s\n", a.name, b.name, b.name, a.name)
	case 1:
		if g.noDeadStores() {
			a.used, b.used = true, true
		}
		return fmt.Sprintf("%s, %s = %s, %s\n", a.name, b.name, g.rhsFor(a.name), g.rhsFor(b.name))
	default:
		if g.noDeadStores() {
			a.used, b.used = true, true
			return fmt.Sprintf("%s, %s = %s, %s\n", a.name, b.name, g.rhsFor(a.name), g.rhsFor(b.name))
		}
		b.used = true
		return fmt.Sprintf("%s, %s = %s, %s\n", a.name, b.name, b.name, g.rhsFor(b.name))
	}
}

// elementWrite writes an element of a writable slice: =, += or *=.
func (g *gen) elementWrite() string {
	if len(g.loops) > 0 && !g.cfg.InPlaceInLoops {
		return ""
	}
	e := g.element(true)
	if e == "" {
		return ""
	}
	deps := g.deps
	var op, rhs string
	switch g.rng.IntN(4) {
	case 0:
		op, rhs = "=", g.rhsFor(e)
	case 1:
		op, rhs = "+=", g.choose(lit("1"), g.rhs)
	case 2:
		op, rhs = "*=", g.squash(g.fexpr(1))
	default:
		op, rhs = "-=", g.rhs()
	}
	if !g.cfg.ConstWrites {
		rhs = g.withDep(rhs, deps)
	}
	return fmt.Sprintf("%s %s %s\n", e, op, rhs)
}

func (g *gen) ifStmt() string {
	var b strings.Builder
	if g.cfg.IfInit && g.chance(0.15) {
		name := g.fresh("t")
		deps := g.deps
		init := g.typed(g.fexpr1)
		if !g.cfg.ConstConds {
			init = g.withDep(init, deps)
		}
		g.push()
		g.declare(&variable{name: name, kind: kFloat, used: true, konst: g.deps == deps})
		fmt.Fprintf(&b, "if %s := %s; %s > %s {\n%s} else {\n%s}\n", name, init, name, g.fexpr(1), g.block(3, nil, ""), g.block(3, nil, ""))
		g.pop()
		return b.String()
	}
	fmt.Fprintf(&b, "if %s {\n%s}", g.cond(2), g.block(3, nil, ""))
	for g.chance(0.3) {
		fmt.Fprintf(&b, " else if %s {\n%s}", g.cond(2), g.block(3, nil, ""))
	}
	if g.chance(0.5) {
		fmt.Fprintf(&b, " else {\n%s}", g.block(3, nil, ""))
	}
	return b.String() + "\n"
}

func (g *gen) switchStmt() string {
	var b strings.Builder
	if iv := g.pickVar(kInt, nil); iv != nil && g.chance(0.5) {
		iv.used = true
		fmt.Fprintf(&b, "switch %s %% 3 {\n", iv.name)
		cases := [][]string{{"0"}, {"1", "2"}}
		if g.chance(0.5) {
			cases = [][]string{{"1"}, {"0"}}
		}
		g.switches++
		for _, c := range cases {
			fmt.Fprintf(&b, "case %s:\n%s", strings.Join(c, ", "), g.block(2, nil, ""))
		}
		if g.chance(0.5) {
			fmt.Fprintf(&b, "default:\n%s", g.block(2, nil, ""))
		}
		g.switches--
		return b.String() + "}\n"
	}
	b.WriteString("switch {\n")
	for range 1 + g.rng.IntN(2) {
		c := g.cond(1)
		g.switches++
		fmt.Fprintf(&b, "case %s:\n%s", c, g.block(2, nil, ""))
		g.switches--
	}
	if g.chance(0.6) {
		g.switches++
		fmt.Fprintf(&b, "default:\n%s", g.block(2, nil, ""))
		g.switches--
	}
	return b.String() + "}\n"
}

// leave writes if c { break }, continue or return, possibly labeled.
func (g *gen) leave() string {
	var kinds []string
	if g.cfg.Break && (g.cfg.BreakInSwitch || g.switches == 0) {
		kinds = append(kinds, "break")
	}
	if g.cfg.Continue {
		kinds = append(kinds, "continue")
	}
	if g.cfg.Return {
		kinds = append(kinds, "return")
	}
	if len(kinds) == 0 {
		return ""
	}
	k := g.pick(kinds...)
	term := k
	if k == "return" {
		term = g.returnStmt()
	} else if g.cfg.Labels && len(g.loops) > 1 && g.loops[0].label != "" && g.chance(0.5) {
		g.loops[0].labelUsed = true
		term = k + " " + g.loops[0].label
	}
	return fmt.Sprintf("if %s {\n%s}\n", g.cond(2), g.block(2, nil, term+"\n"))
}

// keepsKonst returns what to call once a statement assigning v is written:
// v may still fold to a constant only if the statement read nothing that
// does not.
func (g *gen) keepsKonst(v *variable) func() {
	deps := g.deps
	return func() { v.konst = v.konst && g.deps == deps }
}

// withDep returns e, plus a variable godiff cannot fold to a constant if e
// read nothing such since deps.
func (g *gen) withDep(e string, deps int) string {
	if g.deps != deps {
		return e
	}
	if v := g.pickVar(kFloat, func(v *variable) bool { return !v.konst }); v != nil {
		v.used = true
		g.nonConst++
		g.deps++
		return "(" + e + ") + " + v.name
	}
	return e
}
