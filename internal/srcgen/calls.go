package srcgen

import "fmt"

// sliceArg writes a slice argument for a helper: a slice in scope, an
// array sliced whole (a[:]), or a sub-slice of one.
func (g *gen) sliceArg(write bool) string {
	pred := func(v *variable) bool {
		return v.minLen > 0 && (!write || v.writable) && (v.kind == kSlice || g.cfg.ArrayHelpers)
	}
	s := g.pickSeq(pred)
	if s == nil {
		return ""
	}
	s.used = true
	if g.cfg.SubSlices && s.minLen > 1 && g.chance(0.25) {
		return g.pick(s.name+"[1:]", s.name+"[:1]")
	}
	return whole(s)
}

// callExpr writes a call of a helper returning one float, or "".
func (g *gen) callExpr(d int) string {
	c := g.call(d)
	if c != "" {
		g.nonConst++
		g.deps++
	}
	return c
}

func (g *gen) call(d int) string {
	if len(g.helpers) == 0 {
		return ""
	}
	h := g.helpers[g.rng.IntN(len(g.helpers))]
	switch h.kind {
	case hNum:
		args := g.fexpr(d)
		for range h.nargs - 1 {
			args += ", " + g.fexpr(d)
		}
		return fmt.Sprintf("%s(%s)", h.name, args)
	case hSlice:
		if h.writes && !g.cfg.WriterInExpr {
			return ""
		}
		s := g.sliceArg(h.writes)
		if s == "" {
			return ""
		}
		return fmt.Sprintf("%s(%s, %s)", h.name, s, g.fexpr(d))
	case hRec:
		return fmt.Sprintf("%s(%s, %d)", h.name, g.fexpr(d), g.rng.IntN(4))
	case hMethod:
		recv := g.receiver()
		if recv == "" {
			return ""
		}
		return fmt.Sprintf("%s.%s(%s)", recv, h.name, g.fexpr(d))
	case hStruct:
		if g.structVar == "" {
			return ""
		}
		return fmt.Sprintf("%s(%s, %s)", h.name, g.structVar, g.fexpr(d))
	case hArrDot:
		return fmt.Sprintf("%s(%s, %s)", h.name, g.arrayArg(h.arrLen, d-1), g.arrayArg(h.arrLen, d-1))
	case hArrMap:
		// An element of the array a call returns.
		return fmt.Sprintf("%s(%s, %s)[%d]", h.name, g.arrayArg(h.arrLen, d-1), g.fexpr(d), g.rng.IntN(h.arrLen))
	}
	return ""
}

// callStmt writes a call as a statement: a writer, a function of several
// results, a helper's value into a new variable, a math function of
// several results.
func (g *gen) callStmt() string {
	if g.cfg.MultiMath && g.cfg.Math && g.chance(0.1) {
		u, w := g.fresh("u"), g.fresh("u")
		// Math functions of several results have rules: their arguments
		// may depend on the parameters.
		arg := g.choose(g.constArg, g.fexpr1)
		var s string
		switch g.rng.IntN(2) {
		case 0:
			s = fmt.Sprintf("%s, %s := math.Sincos(%s)\n", u, w, arg)
		default:
			s = fmt.Sprintf("%s, _ := math.Lgamma(1.5 + %s)\n", u, g.squash(arg))
			g.declare(&variable{name: u, kind: kFloat, writable: true})
			return s
		}
		g.declare(&variable{name: u, kind: kFloat, writable: true})
		g.declare(&variable{name: w, kind: kFloat, writable: true})
		return s
	}
	if len(g.helpers) == 0 {
		return ""
	}
	h := g.helpers[g.rng.IntN(len(g.helpers))]
	switch h.kind {
	case hWriter:
		if len(g.loops) > 0 && !g.cfg.InPlaceInLoops {
			return ""
		}
		s := g.sliceArg(true)
		if s == "" {
			return ""
		}
		return fmt.Sprintf("%s(%s, %s)\n", h.name, s, g.fexpr(2))
	case hMulti:
		u, w := g.fresh("u"), g.fresh("u")
		call := fmt.Sprintf("%s(%s, %s)", h.name, g.constArg(), g.constArg())
		g.declare(&variable{name: u, kind: kFloat, writable: true})
		if g.chance(0.3) {
			return fmt.Sprintf("%s, _ := %s\n", u, call)
		}
		g.declare(&variable{name: w, kind: kFloat, writable: true})
		return fmt.Sprintf("%s, %s := %s\n", u, w, call)
	case hSlice:
		if h.writes && len(g.loops) > 0 && !g.cfg.InPlaceInLoops {
			return ""
		}
		s := g.sliceArg(h.writes)
		if s == "" {
			return ""
		}
		v := g.fresh("v")
		st := fmt.Sprintf("%s := %s(%s, %s)\n", v, h.name, s, g.fexpr(2))
		g.declare(&variable{name: v, kind: kFloat, writable: true})
		return st
	default:
		e := g.callExpr(2)
		if e == "" {
			return ""
		}
		v := g.fresh("v")
		g.declare(&variable{name: v, kind: kFloat, writable: true})
		return fmt.Sprintf("%s := %s\n", v, e)
	}
}

// constArg writes an argument for a function of several results: mostly
// one that does not depend on the parameters (README: functions of
// several results may only be called so), sometimes one that does, which
// godiff must refuse clearly or differentiate right.
func (g *gen) constArg() string {
	if g.chance(0.8) {
		if iv := g.pickVar(kInt, nil); iv != nil && g.chance(0.5) {
			iv.used = true
			return "float64(" + iv.name + ")"
		}
		return g.pick(g.literal(), g.pkgScale, "math.Pi")
	}
	return g.fexpr(2)
}
