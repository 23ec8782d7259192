package srcgen

import (
	"fmt"
)

// bound is a loop bound: its text and what it says of the counter.
type bound struct {
	text  string
	n     int    // the counter stays below n (0: unknown)
	slice string // the counter indexes this slice
}

// loopBound picks a bound: a constant, the length of a slice in scope, an
// int parameter.
func (g *gen) loopBound() bound {
	switch g.rng.IntN(4) {
	case 0, 1:
		if s := g.pickSeq(nil); s != nil {
			s.used = true
			b := bound{text: "len(" + s.name + ")", slice: s.name}
			if s.exact {
				b.n = s.minLen
			}
			return b
		}
	case 2:
		if iv := g.pickVar(kInt, func(v *variable) bool { return v.param && v.known }); iv != nil {
			iv.used = true
			return bound{text: iv.name, n: iv.value}
		}
	}
	n := 1 + g.rng.IntN(4)
	return bound{text: fmt.Sprint(n), n: n}
}

// counter declares an int loop variable that is 0 ≤ v < b.
func (g *gen) counter(name, index string, b bound) {
	v := &variable{name: name, kind: kInt, bound: b.n, boundSlice: b.slice, index: index}
	if b.n == 0 && b.slice == "" {
		v.bound = -1
	}
	g.declare(v)
}

// loopStmt writes a loop of one of the forms Go has.
func (g *gen) loopStmt() string {
	var forms []func() string
	if g.cfg.Loops3 {
		forms = append(forms, g.loop3)
	}
	if g.cfg.LoopsCond {
		forms = append(forms, g.loopCond)
	}
	if g.cfg.LoopsBare {
		forms = append(forms, g.loopBare)
	}
	if g.cfg.RangeSlice {
		forms = append(forms, g.rangeSlice)
	}
	if g.cfg.RangeInt {
		forms = append(forms, g.rangeInt)
	}
	if len(forms) == 0 {
		return ""
	}
	return forms[g.rng.IntN(len(forms))]()
}

// body writes a loop's body with a loop pushed, and the label if a
// statement used it. header is called after the body is written, so it
// can leave out index variables the body did not read; prefix starts the
// body (a counter's increment).
func (g *gen) body(header func() string, pre func(), prefix string) string {
	return g.loopBody(header, func() string {
		if pre != nil {
			pre()
		}
		return prefix
	}, "")
}

// loopBody is body with a prefix written inside the body's scope (it may
// declare variables and read them) and a suffix that ends the body.
func (g *gen) loopBody(header func() string, pre func() string, suffix string) string {
	l := &loop{}
	if g.cfg.Labels && len(g.loops) == 0 {
		l.label = g.fresh("L")
	}
	g.loops = append(g.loops, l)
	sw := g.switches
	g.switches = 0 // a break in the body leaves the loop, not a switch around it
	var prefix string
	b := g.block(3, func() { prefix = pre() }, suffix)
	g.switches = sw
	g.loops = g.loops[:len(g.loops)-1]
	s := header() + " {\n" + prefix + b + "}\n"
	if l.labelUsed {
		s = l.label + ":\n" + s
	}
	return s
}

func fixed(s string) func() string { return func() string { return s } }

func (g *gen) loop3() string {
	i := g.fresh("i")
	b := g.loopBound()
	pre := func() { g.counter(i, "", b) }
	switch {
	case g.cfg.CounterBound && b.slice != "" && g.chance(0.2):
		// A bound that reads the counter: i < len(xs)-i.
		return g.body(fixed(fmt.Sprintf("for %s := 0; %s < %s-%s; %s++", i, i, b.text, i, i)), pre, "")
	case b.slice != "" && g.chance(0.3):
		return g.body(fixed(fmt.Sprintf("for %s := %s - 1; %s >= 0; %s--", i, b.text, i, i)), pre, "")
	default:
		return g.body(fixed(fmt.Sprintf("for %s := 0; %s < %s; %s++", i, i, b.text, i)), pre, "")
	}
}

// loopCond writes j := 0; for j < n { j++; ... }: the increment first, so
// that a continue cannot skip it; the body indexes with j-1.
func (g *gen) loopCond() string {
	j := g.fresh("j")
	b := g.loopBound()
	g.declare(&variable{name: j, kind: kInt, used: true, bound: -1})
	return fmt.Sprintf("%s := 0\n", j) + g.body(fixed(fmt.Sprintf("for %s < %s", j, b.text)), func() { g.counterPost(j, b) }, j+"++\n")
}

// loopBare writes n := 0; for { if n >= N { break }; n++; ... }.
func (g *gen) loopBare() string {
	n := g.fresh("n")
	b := g.loopBound()
	g.declare(&variable{name: n, kind: kInt, used: true, bound: -1})
	return fmt.Sprintf("%s := 0\n", n) + g.body(fixed("for"), func() { g.counterPost(n, b) },
		fmt.Sprintf("if %s >= %s {\nbreak\n}\n%s++\n", n, b.text, n))
}

// counterPost declares, in a loop whose counter j was just incremented,
// the index j-1.
func (g *gen) counterPost(j string, b bound) {
	v := &variable{name: j, kind: kInt, bound: b.n, boundSlice: b.slice, index: "(" + j + "-1)", used: true}
	if b.n == 0 && b.slice == "" {
		v.bound = -1
	}
	g.declare(v)
}

func (g *gen) rangeSlice() string {
	s := g.pickSeq(nil) // over an array, range reads a copy of it
	if s == nil {
		return g.rangeInt()
	}
	s.used = true
	i, v := g.fresh("i"), g.fresh("v")
	b := bound{slice: s.name}
	if s.exact {
		b.n = s.minLen
	}
	iv := &variable{name: i, kind: kInt, bound: b.n, boundSlice: b.slice}
	withV := g.chance(0.6)
	return g.body(func() string {
		switch {
		case iv.used && withV:
			return fmt.Sprintf("for %s, %s := range %s", i, v, s.name)
		case withV:
			return fmt.Sprintf("for _, %s := range %s", v, s.name)
		case iv.used:
			return fmt.Sprintf("for %s := range %s", i, s.name)
		}
		return "for range " + s.name
	}, func() {
		g.declare(iv)
		if withV {
			g.declare(&variable{name: v, kind: kFloat})
		}
	}, "")
}

func (g *gen) rangeInt() string {
	i := g.fresh("i")
	b := g.loopBound()
	iv := &variable{name: i, kind: kInt, bound: b.n, boundSlice: b.slice}
	if b.n == 0 && b.slice == "" {
		iv.bound = -1
	}
	return g.body(func() string {
		if iv.used {
			return fmt.Sprintf("for %s := range %s", i, b.text)
		}
		return "for range " + b.text
	}, func() { g.declare(iv) }, "")
}
