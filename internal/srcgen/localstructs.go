package srcgen

import "fmt"

// localStruct declares a local struct of the struct parameter's type (see
// Config.LocalStructs): a composite literal, keyed or not, whose W and N
// are the parameter's and whose floats are fresh values, or, when the
// parameter is a value, a copy of it. Its float fields become variables
// that statements read and assign, in loops too (godiff then holds them
// in variables of the IR); its methods may be called on it. Its W is not
// offered for reading or writing: it is the parameter's memory under
// another name, which godiff's check of evaluation order does not follow.
func (g *gen) localStruct() string {
	name := g.fresh("ls")
	var s string
	switch {
	case !g.stPtr && !g.inHelper && g.chance(0.3):
		s = fmt.Sprintf("%s := %s\n", name, g.structVar)
	case g.chance(0.5):
		s = fmt.Sprintf("%s := %s{W: %s.W, B: %s, N: %s.N}\n", name, g.st.Name, g.structVar, g.rhs(), g.structVar)
	default:
		s = fmt.Sprintf("%s := %s{%s.W, %s, %s, %s.N}\n", name, g.st.Name, g.structVar, g.rhs(), g.rhs(), g.structVar)
	}
	g.declare(&variable{name: name, kind: kStruct, used: true})
	for _, f := range []string{"B", "C"} {
		g.declare(&variable{name: name + "." + f, kind: kFloat, writable: true})
	}
	return s
}

// receiver returns a struct to call a method on: the struct parameter or
// a local struct in scope, or "" if there is none.
func (g *gen) receiver() string {
	names := g.namesOf(kStruct)
	if g.structVar != "" {
		names = append(names, g.structVar)
	}
	if len(names) == 0 {
		return ""
	}
	return names[g.rng.IntN(len(names))]
}

// namesOf returns the names of the variables of kind k in scope.
func (g *gen) namesOf(k vkind) []string {
	var names []string
	for _, v := range g.vars(k, nil) {
		names = append(names, v.name)
	}
	return names
}
