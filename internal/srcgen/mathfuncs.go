package srcgen

import (
	"fmt"
	"strings"
)

// newMathCall writes a call of one of the functions of package math (and
// the builtins min and max) added for real numeric Go (issue 10), its
// arguments inside the smooth domain, or "" when the feature the draw
// falls on is off. a is the first argument, already written; aConst says
// it is a constant expression.
func (g *gen) newMathCall(a string, aConst bool, d int) string {
	c := g.cfg
	switch g.rng.IntN(10) {
	case 0:
		if c.NewMath {
			// Smooth everywhere.
			return fmt.Sprintf("math.%s(%s)", g.pick("Erfc", "Asinh", "J0", "J1"), a)
		}
	case 1:
		if c.NewMath {
			return fmt.Sprintf("math.Exp2(%s)", g.squash(a))
		}
	case 2:
		if c.NewMath {
			// Inside (-1, 1), and (0, 2) for Erfcinv, away from the poles.
			if g.chance(0.3) {
				return fmt.Sprintf("math.Erfcinv(1 + %s/2)", g.squash(a))
			}
			return fmt.Sprintf("math.%s(%s / 2)", g.pick("Erfinv", "Atanh"), g.squash(a))
		}
	case 3:
		if c.NewMath {
			// Acosh from 1 on, Gamma, Y0 and Y1 of values from 0.4 on.
			switch g.rng.IntN(3) {
			case 0:
				if g.isLeaf(a) {
					return fmt.Sprintf("math.Acosh(1.5 + %s*%s)", a, a)
				}
				return fmt.Sprintf("math.Acosh(3 + %s)", g.squash(a))
			case 1:
				return fmt.Sprintf("math.Gamma(2 + %s)", g.squash(a))
			default:
				return fmt.Sprintf("math.%s(2 + %s)", g.pick("Y0", "Y1"), g.squash(a))
			}
		}
	case 4:
		if c.NewMath {
			// An order that is a constant or a small int in scope.
			n := fmt.Sprint(g.rng.IntN(4))
			if iv := g.pickVar(kInt, nil); iv != nil && g.chance(0.5) {
				iv.used = true
				n = iv.indexExpr()
			}
			if g.chance(0.5) {
				return fmt.Sprintf("math.Jn(%s, %s)", n, a)
			}
			return fmt.Sprintf("math.Yn(%s, 2.5 + %s)", n, g.squash(a))
		}
	case 5:
		if c.NewMath {
			return fmt.Sprintf("math.FMA(%s, %s, %s)", a, g.fexpr(d), g.fexpr(d))
		}
	case 6:
		if !c.NewKinks {
			break
		}
		if sl := g.slowVar(); sl != "" {
			// Jumps where the slow value is a multiple of the divisor, a
			// constant or another slow value's.
			div := g.pick("0.7", "1.25")
			if g.chance(0.5) {
				div = "(1.5 + math.Cos(" + g.slowVar() + "))"
			}
			return fmt.Sprintf("(%s * math.%s(%s*%s, %s))", a, g.pick("Mod", "Remainder"), g.pick("1.5", "2", "3"), sl, div)
		}
	case 7:
		if c.NewKinks {
			if g.chance(0.5) {
				if sl := g.slowVar(); sl != "" {
					// A jump where the slow value changes sign.
					return fmt.Sprintf("math.Copysign(%s, %s)", a, sl)
				}
			}
			return fmt.Sprintf("math.Dim(%s, %s)", a, g.fexpr(d))
		}
	case 8:
		if c.NewKinks {
			return g.minMax(a, aConst, d)
		}
	default:
		if !c.Steps {
			break
		}
		if sl := g.slowVar(); sl != "" {
			// Piecewise constant: derivative 0 between the jumps.
			return fmt.Sprintf("(%s %s math.%s(%s*%s))", a, g.pick("*", "+"), g.pick("Floor", "Ceil", "Trunc", "Round", "RoundToEven"), g.pick("1.5", "2", "3"), sl)
		}
	}
	return ""
}

// Functions with jumps (Floor and the other roundings, Mod, Remainder,
// Copysign's sign) take slow values only: copies of the annotated
// function's parameters on entry, which move as fast as the harness's
// inputs. Of a value that moves fast, the jumps come closer than
// finite-difference steps, whose difference quotient then follows the
// staircase's mean slope where the derivative is that of a step, 0 (a
// false alarm seen: Trunc of a value of 2e5 moving at 3e5 per unit of
// input, seed 11 program 610).

// slowVars declares, at the top of the annotated function, one or two
// copies of parameters' values, never written.
func (g *gen) slowVars() string {
	var srcs []string
	for _, v := range g.vars(kFloat, func(v *variable) bool { return v.param }) {
		srcs = append(srcs, v.name)
	}
	for _, v := range g.vars(kSlice, func(v *variable) bool { return v.param && v.minLen > 0 }) {
		srcs = append(srcs, fmt.Sprintf("%s[%d]", v.name, g.rng.IntN(v.minLen)))
	}
	for _, v := range g.vars(kArray, func(v *variable) bool { return v.param }) {
		srcs = append(srcs, fmt.Sprintf("%s[%d]", v.name, g.rng.IntN(v.minLen)))
	}
	if len(srcs) == 0 {
		return ""
	}
	var b strings.Builder
	for range 1 + g.rng.IntN(2) {
		name := g.fresh("sl")
		fmt.Fprintf(&b, "%s := %s\n", name, srcs[g.rng.IntN(len(srcs))])
		g.declare(&variable{name: name, kind: kFloat, slow: true})
	}
	return b.String()
}

// slowVar returns a slow value in scope, marked read, or "".
func (g *gen) slowVar() string {
	v := g.pickVar(kFloat, func(v *variable) bool { return v.slow })
	if v == nil {
		return ""
	}
	v.used = true
	g.nonConst++
	g.deps++
	return v.name
}

// minMax writes the builtin min or max of two or three values. Of
// constants only it would be an untyped constant, an int if they are
// integers: the first is converted.
func (g *gen) minMax(a string, aConst bool, d int) string {
	before := g.nonConst
	args := a
	for range 1 + g.rng.IntN(2) {
		args += ", " + g.fexpr(d)
	}
	if aConst && g.nonConst == before {
		args = "float64(" + a + ")" + args[len(a):]
	}
	return fmt.Sprintf("%s(%s)", g.pick("min", "max"), args)
}
