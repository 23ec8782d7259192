package emit

import (
	"fmt"

	"github.com/godiff/godiff/ir"
)

// form is how a value appears in the generated code.
type form int

const (
	formDead    form = iota // nothing reads it, or control never reaches it: not emitted
	formParam               // a parameter, referred to by its name
	formInline              // written into the expression of its user (each user, for a get)
	formDeclare             // a statement declaring it: name := expr
	formSelect              // a variable set by an if (else-if) statement
	formFolded              // a select written as an else-if of its user
	formComment             // a // comment line
	formReturn              // the return statement
	formStmt                // a statement with no name: set, store, if, for, a call whose result is unused ...
	formIndex               // a range loop's index, declared by the loop
	formExtract             // a result of an invoke, declared by the invoke's statement
)

// plan records, for every value of a function, its form, how many live
// values read it and which.
type plan struct {
	form     map[*ir.Value]form
	uses     map[*ir.Value]int
	user     map[*ir.Value]*ir.Value   // the last live reader; a loop reads its condition
	readers  map[*ir.Value][]*ir.Value // every live reader, once per read
	live     map[*ir.Value]bool
	extracts map[*ir.Value][]*ir.Value // an invoke's live extracts, in program order
}

// makePlan decides the form of each value. Uses are counted from live
// values only, so that a value read only by dead code is dead too and a
// declared variable is always read (Go rejects unused variables).
func makePlan(fn *ir.Func) (*plan, error) {
	p := &plan{
		form:     make(map[*ir.Value]form),
		uses:     make(map[*ir.Value]int),
		user:     make(map[*ir.Value]*ir.Value),
		readers:  make(map[*ir.Value][]*ir.Value),
		live:     liveValues(fn, reachable(fn)),
		extracts: make(map[*ir.Value][]*ir.Value),
	}
	fn.Walk(func(v *ir.Value) {
		if !p.live[v] {
			return
		}
		for _, a := range operands(v) {
			p.read(a, v)
		}
		for _, blk := range v.Blocks {
			if blk.Result != nil {
				p.read(blk.Result, v)
			}
		}
		if v.Op == ir.OpExtract {
			p.extracts[v.Args[0]] = append(p.extracts[v.Args[0]], v)
		}
	})
	fn.Walk(func(v *ir.Value) { p.form[v] = p.formOf(v) })
	p.foldSelects(fn)
	if err := p.checkHeaders(fn); err != nil {
		return nil, err
	}
	p.decideInlining(fn)
	return p, nil
}

// read records that user reads v.
func (p *plan) read(v, user *ir.Value) {
	p.uses[v]++
	p.user[v] = user
	p.readers[v] = append(p.readers[v], user)
}

// formOf gives a value's form before select chains are folded and before
// the inlining decision, which may turn formInline into formDeclare.
func (p *plan) formOf(v *ir.Value) form {
	switch {
	case !p.live[v]:
		return formDead
	case v.Op == ir.OpComment:
		return formComment
	case v.Op == ir.OpReturn:
		return formReturn
	case v.Op == ir.OpParam:
		return formParam
	case v.Op == ir.OpIndex:
		return formIndex
	case v.Op == ir.OpExtract:
		return formExtract
	case !v.Op.HasValue():
		return formStmt
	case v.IsConst(), v.Op == ir.OpAddr:
		return formInline // a literal or &x, even when used many times
	case v.Op == ir.OpPartials && v.Args[0].Op == ir.OpExtract:
		return formInline // the name of a call's result, however often used
	case hasEffects(v):
		switch {
		case p.uses[v] > 0:
			return formDeclare
		case v.Op == ir.OpLocalTape:
			return formDead // a tape nothing fills: var t T would be unused
		}
		return formStmt // a call whose result nobody reads
	case isArrayRef(v):
		return formInline // the array itself, not a copy: see arrayRef
	case v.Op == ir.OpCopy && isArray(v.Type):
		return formDeclare // a fresh array, which stores must not write through to the original
	case v.Op == ir.OpSelect:
		return formSelect // Go has no conditional expression
	case inClause(v.Block):
		return formInline // a for clause's condition and post hold expressions only
	case hasName(v), p.uses[v] > 1 && v.Op != ir.OpGet:
		return formDeclare
	}
	return formInline // for now: see decideInlining
}

// hasEffects reports whether v does something besides computing its
// value (calls a generated function, copies into memory, declares an
// array): such a value is computed where it is defined, once. A fresh
// slice (make, a literal) may be written into its one user in the same
// block: dm[i] = make([]float64, n).
func hasEffects(v *ir.Value) bool {
	switch v.Op {
	case ir.OpInvoke, ir.OpCopySlice, ir.OpLocalTape, ir.OpTapeBuffer:
		return true
	case ir.OpTapeSlot:
		return !v.Aux.(*ir.TapeField).IsSite() // a site's is a reference: &t.f
	case ir.OpMake, ir.OpSliceLit:
		return isArray(v.Type)
	}
	return false
}

// foldSelects turns a select that is the else operand of another select,
// and read by nothing else, into a branch of its user's if statement:
// if c1 { v = x1 } else if c2 { v = x2 }.
func (p *plan) foldSelects(fn *ir.Func) {
	fn.Walk(func(v *ir.Value) {
		if f := p.form[v]; f != formSelect && f != formFolded {
			return
		}
		e := v.Args[2]
		if e.Op == ir.OpSelect && !hasName(e) && p.uses[e] == 1 && e.Block == v.Block {
			p.form[e] = formFolded
		}
	})
}

// isArrayRef reports whether v denotes an array's storage: an unnamed get
// of an array variable or load of an array element. Stores through it
// write the variable or element, so it is written as the variable or
// element at every use: t1 := v would be a copy.
func isArrayRef(v *ir.Value) bool {
	switch {
	case !isArray(v.Type):
		return false
	case v.Op == ir.OpLoad:
		// A row of a nested array, named or not (the transforms name the
		// rows of adjoints and tangents): a copy would lose the stores.
		return true
	}
	return v.Op == ir.OpGet && !hasName(v)
}

// hasName reports whether v carries a source name the code should keep.
func hasName(v *ir.Value) bool { return sanitize(v.Name) != "" }

// inClause reports whether b is the cond or post block of a for loop,
// whose values are all written into the for clause, duplicated if need
// be: its condition is evaluated anew on each iteration.
func inClause(b *ir.Block) bool {
	part := headerPart(b)
	return part == 1 || part == 2
}

// headerPart returns 0, 1 or 2 for the init, cond or post block of a for
// loop, -1 for any other block.
func headerPart(b *ir.Block) int {
	if b.Parent == nil || b.Parent.Op != ir.OpFor {
		return -1
	}
	for i, nb := range b.Parent.Blocks[:3] {
		if nb == b {
			return i
		}
	}
	return -1
}

// checkHeaders checks that each for loop's cond block is an expression
// and its post block at most one simple statement: Go's for clause can
// hold nothing else. The init block may hold anything; if it is more than
// one simple statement it is written before the loop.
func (p *plan) checkHeaders(fn *ir.Func) error {
	var err error
	fn.Walk(func(v *ir.Value) {
		if v.Op != ir.OpFor || !p.live[v] || err != nil {
			return
		}
		for part, blk := range v.Blocks[:3] {
			if e := p.checkHeader(blk, part); e != nil {
				err = fmt.Errorf("%s: %w", describe(v), e)
				return
			}
		}
	})
	return err
}

// checkHeader checks one block of a for clause.
func (p *plan) checkHeader(blk *ir.Block, part int) error {
	names := [...]string{"init", "condition", "post statement"}
	if part == 2 && p.parallelSets(blk) != nil {
		return nil
	}
	statements := 0
	for _, v := range blk.Values {
		switch f := p.form[v]; {
		case f == formDead || f == formInline:
		case part == 0 && !exits(v):
		case part == 2 && f == formStmt && isSimpleStmtOp(v.Op) && statements == 0:
			statements++
		default:
			return fmt.Errorf("the loop's %s needs %s, which a for clause cannot hold", names[part], describe(v))
		}
	}
	return nil
}

// exits reports whether v is or holds a return, break or continue,
// which would leave the wrong place if an init were written before its
// loop.
func exits(v *ir.Value) bool {
	found := v.Op.IsExit()
	for _, nb := range v.Blocks {
		nb.Walk(func(w *ir.Value) { found = found || w.Op.IsExit() })
	}
	return found
}

// isSimpleStmtOp reports whether op's statement, when it has no declared
// result, is a simple statement (an assignment or a call), the kind a
// for loop's post statement can be.
func isSimpleStmtOp(op ir.Op) bool {
	switch op {
	case ir.OpSet, ir.OpStore, ir.OpTapeReset, ir.OpTapeSave, ir.OpTapeGrow, ir.OpAccum, ir.OpInvoke, ir.OpCopySlice:
		return true
	}
	return false
}

// parallelSets returns the sets of a post block that a parallel assignment
// writes, i, j = i+1, j-1, or nil if the block is not such an assignment:
// two or more sets of distinct variables, after which nothing is computed,
// so that every value they assign is computed before the first of them,
// as Go computes the right-hand side of a parallel assignment.
func (p *plan) parallelSets(blk *ir.Block) []*ir.Value {
	var sets []*ir.Value
	seen := make(map[any]bool)
	for _, v := range blk.Values {
		switch f := p.form[v]; {
		case f == formDead:
		case v.Op == ir.OpSet && f == formStmt && !seen[v.Aux]:
			seen[v.Aux] = true
			sets = append(sets, v)
		case f == formInline && len(sets) == 0:
		default:
			return nil
		}
	}
	if len(sets) < 2 {
		return nil
	}
	return sets
}
