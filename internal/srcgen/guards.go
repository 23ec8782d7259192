package srcgen

import "fmt"

// Guards end the run, as gonum's functions check their input; the
// generator writes only guards that never fire on the points the harness
// tries (F panicking is a generator bug there), so what they test is that
// godiff keeps them in every generated function and that the backward
// sweep is right on the runs that pass them.

// entryGuard writes a guard on the parameters at the top of a body:
// lengths of slices, an int's sign, finiteness of the annotated
// function's float parameters (the harness passes finite ones; a helper's
// arguments are computed, so its guards on floats are impossible ones).
func (g *gen) entryGuard() string {
	var conds []func() string
	for _, v := range g.vars(kSlice, func(v *variable) bool { return v.param }) {
		conds = append(conds, func() string {
			if v.exact {
				return fmt.Sprintf("len(%s) != %d", v.name, v.minLen)
			}
			return fmt.Sprintf("len(%s) < %d", v.name, v.minLen)
		})
	}
	for _, v := range g.vars(kInt, func(v *variable) bool { return v.param && v.known }) {
		conds = append(conds, lit(fmt.Sprintf("%s < 0", v.name)))
	}
	for _, v := range g.vars(kFloat, func(v *variable) bool { return v.param }) {
		if g.inHelper {
			conds = append(conds, func() string { return impossibleOn(g, v.name) })
			continue
		}
		conds = append(conds, func() string {
			return g.pick(fmt.Sprintf("math.IsNaN(%s) || math.IsInf(%s, 0)", v.name, v.name), fmt.Sprintf("math.IsInf(%s, 0)", v.name),
				fmt.Sprintf("math.IsNaN(%s)", v.name))
		})
	}
	if len(conds) == 0 {
		return ""
	}
	c := conds[g.rng.IntN(len(conds))]()
	if len(conds) > 1 && g.chance(0.4) {
		d := conds[g.rng.IntN(len(conds))]()
		if d != c {
			c = c + " || " + d
		}
	}
	return fmt.Sprintf("if %s {\n%s\n}\n", c, g.panicCall())
}

// guardStmt writes a guard in the middle of a body: an impossible test of
// a value, an index checked against the length of the slice it indexes,
// the length of a slice of known length.
func (g *gen) guardStmt() string {
	switch g.rng.IntN(3) {
	case 0:
		if iv := g.pickVar(kInt, func(v *variable) bool { return v.boundSlice != "" }); iv != nil {
			iv.used = true
			return fmt.Sprintf("if %s >= len(%s) {\n%s\n}\n", iv.indexExpr(), iv.boundSlice, g.panicCall())
		}
	case 1:
		if s := g.pickVar(kSlice, func(v *variable) bool { return v.exact }); s != nil {
			s.used = true
			return fmt.Sprintf("if len(%s) != %d {\n%s\n}\n", s.name, s.minLen, g.panicCall())
		}
	}
	return fmt.Sprintf("if %s {\n%s\n}\n", g.impossible(), g.panicCall())
}

// impossible writes a condition on a value in scope that no float
// satisfies, NaN and infinities included, and that godiff cannot fold.
func (g *gen) impossible() string {
	if v := g.pickVar(kFloat, g.readable); v != nil {
		v.used = true
		return impossibleOn(g, v.name)
	}
	if e := g.element(false); e != "" {
		return impossibleOn(g, e)
	}
	return impossibleOn(g, g.accName())
}

func impossibleOn(g *gen, e string) string {
	switch g.rng.IntN(3) {
	case 0:
		return fmt.Sprintf("math.IsNaN(%s) && %s > 0", e, e)
	case 1:
		return fmt.Sprintf("math.IsInf(%s, 1) && %s < 0", e, e)
	default:
		return fmt.Sprintf("math.Signbit(%s) && %s > 0", e, e)
	}
}

// panicCall writes what ends the run: panic of a string, of a message
// fmt.Sprintf writes from values in scope, log.Panicf.
func (g *gen) panicCall() string {
	msg := g.prefix + ": " + g.pick("dimension mismatch", "bad input", "not finite", "unreachable")
	var arg, verb string
	if v := g.pickVar(kFloat, nil); v != nil && g.chance(0.5) {
		arg, verb = v.name, "%v"
	} else if s := g.pickSeq(nil); s != nil && g.chance(0.5) {
		arg, verb = "len("+s.name+")", "%d"
	}
	switch {
	case arg == "" || g.chance(0.3):
		return fmt.Sprintf("panic(%q)", msg)
	case g.chance(0.7):
		return fmt.Sprintf("panic(fmt.Sprintf(%q, %s))", msg+" "+verb, arg)
	default:
		return fmt.Sprintf("log.Panicf(%q, %s)", msg+" "+verb, arg)
	}
}
