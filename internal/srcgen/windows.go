package srcgen

import (
	"fmt"
	"strings"
)

// windowLoop writes a slice variable that moves along another inside a
// loop, as RNNs and time-stepping integrators walk a sequence:
//
//	w := xs[0:k]                      var w []float64
//	for j := 0; j+k <= len(xs); j++ { for j := 0; j+k <= len(xs); j += k {
//		w = xs[j : j+k]                   w = xs[j : j+k]
//		... reads and writes w ...        ...
//	}                                 }
//
// or w := xs; for len(w) > k { w = w[1:]; ... }. The window is assigned
// first in the body, so a continue cannot skip it, and the loop runs at
// least once, so w is a window after it.
func (g *gen) windowLoop() string {
	// A window of a struct's field is refused (see documented in
	// srcgen_test.go): rarely.
	field := g.chance(0.1)
	src := g.pickVar(kSlice, func(v *variable) bool {
		return v.exact && v.minLen >= 2 && !v.moving && (field || !strings.Contains(v.name, "."))
	})
	if src == nil {
		return ""
	}
	src.used = true
	k := 1 + g.rng.IntN(src.minLen-1)
	name := g.fresh("w")
	w := &variable{name: name, kind: kSlice, minLen: k, exact: true, writable: src.writable, moving: true}
	var decl, header, move string
	j := g.fresh("j")
	switch g.rng.IntN(3) {
	case 0:
		decl = fmt.Sprintf("%s := %s[0:%d]\n", name, src.name, k)
		header = fmt.Sprintf("for %s := 0; %s+%d <= len(%s); %s++", j, j, k, src.name, j)
		move = fmt.Sprintf("%s = %s[%s : %s+%d]\n", name, src.name, j, j, k)
	case 1:
		decl = fmt.Sprintf("var %s []float64\n", name)
		header = fmt.Sprintf("for %s := 0; %s+%d <= len(%s); %s += %d", j, j, k, src.name, j, k)
		move = fmt.Sprintf("%s = %s[%s : %s+%d]\n", name, src.name, j, j, k)
	default:
		// The window shrinks from the front: its length is only bounded.
		w.exact = false
		decl = fmt.Sprintf("%s := %s\n", name, src.name)
		header = fmt.Sprintf("for len(%s) > %d", name, k)
		move = fmt.Sprintf("%s = %s[1:]\n", name, name)
		j = ""
	}
	g.declare(w)
	return decl + g.loopBody(fixed(header), func() string {
		if j != "" {
			// j ≤ len(src)-k: an index of src.
			g.declare(&variable{name: j, kind: kInt, bound: src.minLen - k + 1, boundSlice: src.name, used: true})
		}
		return move + g.throughWindow(w)
	}, "")
}

// throughWindow writes a statement that reads or writes the window w, so
// that each of its positions counts.
func (g *gen) throughWindow(w *variable) string {
	w.used = true
	c := g.rng.IntN(w.minLen)
	if w.writable && g.chance(0.4) {
		return fmt.Sprintf("%s[%d] = %s\n", w.name, c, g.squash(fmt.Sprintf("%s[%d] * %s", w.name, c, g.leaf())))
	}
	return fmt.Sprintf("%s += %s[%d] * %s\n", g.accName(), w.name, c, g.squash(g.fexpr(1)))
}

// swapBuffers writes two buffers made with make and swapped at each step
// of a loop, as a time-stepping integrator keeps its previous and current
// state:
//
//	prev := make([]float64, n)
//	cur := make([]float64, n)
//	copy(prev, xs)
//	for range T {
//		for i := range cur { cur[i] = ... prev[i] ... }
//		... reads and writes prev and cur ...
//		prev, cur = cur, prev
//	}
//
// n is a constant or the length of a slice of known length (godiff makes
// the two as one slice, so it needs the length where the first is made).
func (g *gen) swapBuffers() string {
	size := 1 + g.rng.IntN(4)
	n := fmt.Sprint(size)
	var b string
	if s := g.pickSeq(func(v *variable) bool { return v.exact && v.minLen > 0 && !v.moving }); s != nil && g.chance(0.5) {
		s.used = true
		n, size = "len("+s.name+")", s.minLen
		switch {
		case strings.Contains(s.name, ".") && g.cfg.NewerPaths:
			// A field of a parameter keeps its value: godiff makes the
			// two as one slice with it (parse/moving.go, paramField).
			*g.fieldLength = true
		case strings.Contains(s.name, "."):
			// As godiff required before fields of parameters were
			// accepted: the length computed into a variable first.
			v := g.fresh("n")
			b = fmt.Sprintf("%s := %s\n", v, n)
			n = v
		}
	}
	prev, cur := g.fresh("prev"), g.fresh("cur")
	b += fmt.Sprintf("%s := make([]float64, %s)\n%s := make([]float64, %s)\n", prev, n, cur, n)
	if src := g.pickSeq(func(v *variable) bool { return v.minLen > 0 }); src != nil && g.chance(0.7) {
		src.used = true
		b += fmt.Sprintf("copy(%s, %s)\n", prev, whole(src))
	} else {
		b += fmt.Sprintf("%s[0] = %s\n", prev, g.fexpr(2))
	}
	pv := &variable{name: prev, kind: kSlice, minLen: size, exact: true, writable: true, moving: true}
	cv := &variable{name: cur, kind: kSlice, minLen: size, exact: true, writable: true, moving: true}
	g.declare(pv)
	g.declare(cv)
	bd := g.loopBound()
	swap := fmt.Sprintf("%s, %s = %s, %s\n", prev, cur, cur, prev)
	return b + g.loopBody(fixed("for range "+bd.text), func() string {
		if g.chance(0.3) {
			return "" // the random statements read and write them
		}
		return g.stepBuffers(pv, cv)
	}, swap)
}

// stepBuffers writes the loop that computes cur from prev.
func (g *gen) stepBuffers(prev, cur *variable) string {
	i := g.fresh("i")
	g.push()
	g.declare(&variable{name: i, kind: kInt, bound: cur.minLen, boundSlice: cur.name, used: true})
	prev.used, cur.used = true, true
	e := fmt.Sprintf("%s[%s]*%s", prev.name, i, g.squash(g.fexpr(1)))
	if g.chance(0.5) {
		e += fmt.Sprintf(" + %s[len(%s)-1-%s]", prev.name, prev.name, i)
	}
	g.pop()
	return fmt.Sprintf("for %s := range %s {\n%s[%s] = %s\n}\n", i, cur.name, cur.name, i, e)
}
