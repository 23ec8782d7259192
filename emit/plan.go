package emit

import "godiff/ir"

// form is how a value appears in the generated code.
type form int

const (
	formDead    form = iota // nothing reads it: not emitted
	formParam               // a parameter, referred to by its name
	formInline              // written into the expression of its one user
	formDeclare             // a statement declaring it: name := expr
	formSelect              // a variable set by an if (else-if) statement
	formFolded              // a select written as an else-if of its user
	formComment             // a // comment line
	formReturn              // the return statement
)

// plan records, for every value of a function, its form and how many live
// values read it.
type plan struct {
	form map[*ir.Value]form
	uses map[*ir.Value]int
}

// makePlan decides the form of each value. Uses are counted from live
// values only, so that a value read only by dead code is dead too and a
// declared variable is always read (Go rejects unused variables).
func makePlan(fn *ir.Func) *plan {
	live := ir.Live(fn)
	p := &plan{form: make(map[*ir.Value]form), uses: make(map[*ir.Value]int)}
	for _, v := range fn.Body.Values {
		if live[v] {
			for _, a := range v.Args {
				p.uses[a]++
			}
		}
	}
	for _, v := range fn.Body.Values {
		p.form[v] = p.formOf(v, live[v])
	}
	p.foldSelects(fn)
	return p
}

// formOf gives a value's form before select chains are folded.
func (p *plan) formOf(v *ir.Value, live bool) form {
	switch {
	case v.Op == ir.OpComment:
		return formComment
	case v.Op == ir.OpReturn:
		return formReturn
	case v.Op == ir.OpParam:
		return formParam
	case !live:
		return formDead
	case v.IsConst():
		return formInline // a literal, even when used many times
	case v.Op == ir.OpSelect:
		return formSelect // Go has no conditional expression
	case hasName(v), p.uses[v] > 1:
		return formDeclare
	}
	return formInline
}

// foldSelects turns a select that is the else operand of another select,
// and read by nothing else, into a branch of its user's if statement:
// if c1 { v = x1 } else if c2 { v = x2 }.
func (p *plan) foldSelects(fn *ir.Func) {
	for _, v := range fn.Body.Values {
		if f := p.form[v]; f != formSelect && f != formFolded {
			continue
		}
		e := v.Args[2]
		if e.Op == ir.OpSelect && !hasName(e) && p.uses[e] == 1 {
			p.form[e] = formFolded
		}
	}
}

// hasName reports whether v carries a source name the code should keep.
func hasName(v *ir.Value) bool { return sanitize(v.Name) != "" }
