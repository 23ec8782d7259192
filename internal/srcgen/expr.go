package srcgen

import (
	"fmt"
	"strings"
)

// fexpr writes a float64 expression of depth at most d.
func (g *gen) fexpr(d int) string {
	if d <= 0 || g.chance(0.25) {
		return g.leaf()
	}
	switch r := g.rng.IntN(20); {
	case r < 6:
		op := g.pick("+", "-", "*", "+", "-")
		return fmt.Sprintf("(%s %s %s)", g.fexpr(d-1), op, g.fexpr(d-1))
	case r < 7:
		return fmt.Sprintf("(%s / %s)", g.fexpr(d-1), g.divisor(d-1))
	case r < 8:
		return "-(" + g.fexpr(d-1) + ")"
	case r < 13 && g.cfg.Math:
		return g.mathCall(d - 1)
	case r < 15 && g.cfg.Folding:
		return g.folded(d - 1)
	case r < 19:
		if c := g.callExpr(d - 1); c != "" {
			return c
		}
		return g.leaf()
	default:
		return g.leaf()
	}
}

// leaf writes a variable, an element, a literal, a constant or an int
// converted.
func (g *gen) leaf() string {
	for range 4 {
		switch r := g.rng.IntN(12); {
		case r < 5:
			if v := g.pickVar(kFloat, g.readable); v != nil {
				v.used = true
				g.nonConst++
				if !v.konst {
					g.deps++
				}
				return v.name
			}
		case r < 8:
			if e := g.element(false); e != "" {
				return e
			}
		case r < 9:
			if v := g.pickVar(kInt, nil); v != nil {
				v.used = true
				g.nonConst++
				g.deps++
				return "float64(" + v.name + ")"
			}
		case r < 10 && g.cfg.Folding:
			return g.pick(g.pkgScale, "math.Pi", "(1.0 / 3)")
		default:
			return g.literal()
		}
	}
	return g.literal()
}

func (g *gen) literal() string { return g.pick("0.5", "2", "1.5", "0.25", "3", "0.1", "1") }

// element writes an in-bounds element of a slice in scope, or "". With
// write it picks a writable slice.
func (g *gen) element(write bool) string {
	s := g.pickSeq(func(v *variable) bool { return v.minLen > 0 && (!write || v.writable) })
	if s == nil {
		return ""
	}
	s.used = true
	g.nonConst++
	g.deps++
	return s.name + "[" + g.index(s) + "]"
}

// index writes an in-bounds index of s: a loop index valid for it, a
// constant below its length, len(s)-1.
func (g *gen) index(s *variable) string {
	if iv := g.pickVar(kInt, func(v *variable) bool { return v.validIndex(s) }); iv != nil && g.chance(0.7) {
		iv.used = true
		return iv.indexExpr()
	}
	if g.chance(0.3) {
		return "len(" + s.name + ")-1"
	}
	return fmt.Sprint(g.rng.IntN(s.minLen))
}

// divisor writes an expression kept away from zero.
func (g *gen) divisor(d int) string {
	if g.chance(0.2) {
		return g.pick("2", "0.5", g.pkgScale)
	}
	e := g.fexpr(d)
	if !g.cfg.Math {
		return fmt.Sprintf("(2 + %s*%s)", e, e)
	}
	switch g.rng.IntN(4) {
	case 0:
		return fmt.Sprintf("(1.5 + math.Cos(%s))", e)
	case 1:
		return fmt.Sprintf("(2 - math.Tanh(%s))", e)
	case 2:
		return fmt.Sprintf("(1 + math.Exp(math.Sin(%s)))", e)
	default:
		return fmt.Sprintf("(2 + %s*%s)", e, e)
	}
}

// squash writes a smooth function of a that stays in [-π/2, π/2].
func (g *gen) squash(a string) string {
	if !g.cfg.Math {
		return fmt.Sprintf("(%s / (1 + %s*%s))", a, a, a)
	}
	return fmt.Sprintf("math.%s(%s)", g.pick("Sin", "Tanh", "Cos", "Atan", "Erf"), a)
}

// mathCall writes a call of a math function with a rule, its arguments
// inside the function's smooth domain.
func (g *gen) mathCall(d int) string {
	g.nonConst++
	before := g.nonConst
	a := g.fexpr(d)
	aConst := g.nonConst == before
	for {
		switch g.rng.IntN(24) {
		case 0, 1, 2:
			return fmt.Sprintf("math.%s(%s)", g.pick("Sin", "Cos", "Tanh", "Atan", "Erf"), a)
		case 3:
			return fmt.Sprintf("math.%s(%s)", g.pick("Exp", "Expm1", "Sinh", "Cosh"), g.squash(a))
		case 4:
			return fmt.Sprintf("math.%s(2 + %s)", g.pick("Log", "Log2", "Log10", "Sqrt", "Cbrt"), g.squash(a))
		case 5:
			return fmt.Sprintf("math.Log1p(0.5 + %s/2)", g.squash(a))
		case 6:
			if g.isLeaf(a) {
				return fmt.Sprintf("math.%s(1 + %s*%s)", g.pick("Log", "Sqrt"), a, a)
			}
		case 7:
			return fmt.Sprintf("math.%s(%s / 2)", g.pick("Asin", "Acos"), g.squash(a))
		case 8:
			return fmt.Sprintf("math.Tan(%s)", g.pick("math.Sin", "math.Tanh", "math.Cos")+"("+a+")")
		case 9:
			return fmt.Sprintf("math.Atan2(%s, 1.5+math.Cos(%s))", a, g.fexpr(d))
		case 10:
			return fmt.Sprintf("math.Hypot(%s, 1.5+math.Sin(%s))", a, g.fexpr(d))
		case 11:
			return fmt.Sprintf("math.Pow(1.5+%s, %s)", g.pick("math.Sin", "math.Cos", "math.Tanh")+"("+a+")", g.squash(g.fexpr(d)))
		case 12:
			return fmt.Sprintf("math.Pow(%s, %s)", a, g.pick("2", "3", "2.0", "1"))
		case 13:
			if g.cfg.PowConstBase {
				return fmt.Sprintf("math.Pow(%s, %s)", g.pick("2", "math.E", "0.5"), g.squash(a))
			}
		case 14, 15:
			if g.cfg.Kinks {
				return fmt.Sprintf("math.%s(%s, %s)", g.pick("Max", "Min"), a, g.fexpr(d))
			}
		case 16:
			if g.cfg.Kinks {
				return fmt.Sprintf("math.Abs(%s)", a)
			}
		case 17, 18, 19:
			if e := g.newMathCall(a, aConst, d); e != "" {
				return e
			}
		default:
			return fmt.Sprintf("math.%s(%s)", g.pick("Sin", "Cos", "Tanh", "Atan"), a)
		}
	}
}

func (g *gen) isLeaf(a string) bool { return !strings.ContainsAny(a, "()+-*/") }

// folded writes an expression that constant folding simplifies.
func (g *gen) folded(d int) string {
	a := g.fexpr(d)
	k := g.rng.IntN(8)
	if !g.cfg.FoldToZero && (k == 1 || k == 3 || k == 5) {
		k = 0
	}
	switch k {
	case 0:
		return fmt.Sprintf("(2 * 3 * %s)", a)
	case 1:
		return fmt.Sprintf("(%s*0 + %s)", a, g.fexpr(d))
	case 2:
		return fmt.Sprintf("(1 * %s / 1)", a)
	case 3:
		return fmt.Sprintf("(%s + 0 - 0*%s)", a, g.leaf())
	case 4:
		return fmt.Sprintf("(%s * %s)", g.pkgScale, a)
	case 5:
		return fmt.Sprintf("(%s - %s + %s)", a, a, g.fexpr(d))
	case 6:
		return fmt.Sprintf("(0.5 * 2 * %s)", a)
	default:
		return fmt.Sprintf("(%s * (2 - 1))", a)
	}
}

// cond writes a bool expression.
func (g *gen) cond(d int) string {
	r := g.rng.IntN(13)
	switch {
	case r < 5 || d <= 0:
		return g.compare()
	case r < 7:
		if iv := g.pickVar(kInt, nil); iv != nil {
			iv.used = true
			return g.pick(fmt.Sprintf("%s%%2 == 0", iv.name), fmt.Sprintf("%s > 1", iv.name), fmt.Sprintf("%s != 0", iv.name))
		}
		return g.compare()
	case r < 9 && g.cfg.ConstConds && !g.inConst:
		// Constant operands only once per condition: vet reports a
		// repeated one.
		g.inConst = true
		defer func() { g.inConst = false }()
		c := g.pkgDebug
		if g.localDebug != "" && g.chance(0.5) {
			c = g.localDebug
		}
		return g.choose(lit(c), lit("!"+c), func() string { return combine(c, "||", g.cond(d-1)) }, func() string { return combine(c, "&&", g.cond(d-1)) })
	case r < 11 && !g.inConst:
		g.inConst = true
		defer func() { g.inConst = false }()
		return combine(g.cond(d-1), g.pick("&&", "||"), g.cond(d-1))
	case r < 12 && g.cfg.TestConds:
		return g.test()
	default:
		return fmt.Sprintf("!(%s)", g.cond(d-1))
	}
}

// test writes a test of a value that has no derivative: IsNaN, IsInf,
// Signbit.
func (g *gen) test() string {
	e := g.fexpr(1)
	switch g.rng.IntN(4) {
	case 0:
		return fmt.Sprintf("math.Signbit(%s)", e)
	case 1:
		return fmt.Sprintf("!math.Signbit(%s)", e)
	case 2:
		return fmt.Sprintf("!math.IsNaN(%s)", e)
	default:
		return fmt.Sprintf("math.IsInf(%s, %s)", e, g.pick("0", "1", "-1"))
	}
}

// combine writes a op b, or a alone where b is a (vet reports a redundant
// and/or).
func combine(a, op, b string) string {
	a, b = paren(a), paren(b)
	if a == b || strings.Contains(b, a) || strings.Contains(a, b) {
		// vet reports repeated operands, through parentheses too.
		return b
	}
	return a + " " + op + " " + b
}

func paren(c string) string {
	if strings.Contains(c, " ") && !(strings.HasPrefix(c, "(") && strings.HasSuffix(c, ")")) {
		return "(" + c + ")"
	}
	return c
}

// compare writes a comparison of two floats. Without ConstConds, one side
// at least is not constant.
func (g *gen) compare() string {
	before := g.deps
	a := g.fexpr(1)
	b := g.fexpr(1)
	if !g.cfg.ConstConds {
		// Both sides might fold to constants: read a parameter too.
		a = g.withDep(a, before)
	}
	return fmt.Sprintf("%s %s %s", a, g.pick("<", ">", "<=", ">="), b)
}

// readable reports whether an expression may read float v: without
// KonstInLoops, not one holding a constant inside a loop.
func (g *gen) readable(v *variable) bool {
	return g.cfg.KonstInLoops || !v.konst || len(g.loops) == 0
}
