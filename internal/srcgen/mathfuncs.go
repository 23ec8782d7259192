package srcgen

import "fmt"

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
		if c.NewKinks {
			// Jumps where a is a multiple of the divisor.
			return fmt.Sprintf("math.%s(%s, %s)", g.pick("Mod", "Remainder"), a, g.divisor(d))
		}
	case 7:
		if c.NewKinks {
			return fmt.Sprintf("math.%s(%s, %s)", g.pick("Dim", "Copysign"), a, g.fexpr(d))
		}
	case 8:
		if c.NewKinks {
			return g.minMax(a, aConst, d)
		}
	default:
		if c.Steps {
			// Piecewise constant: derivative 0 between the jumps.
			return fmt.Sprintf("math.%s(%s)", g.pick("Floor", "Ceil", "Trunc", "Round", "RoundToEven"), a)
		}
	}
	return ""
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
