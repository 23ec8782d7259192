package parse

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/godiff/godiff/ir"
)

// This file builds control flow: if, switch (as if/else), for, range,
// break, continue, labels and return. The IR's control flow is
// structured, like Go's: each construct is an op owning its blocks.
//
// Where a condition or a range expression cannot be built (which is
// reported), a constant stands in for it so that the blocks are still
// built and their problems reported too; the function is not built.

// branchTarget is a statement that break (and, for a loop, continue) may
// leave: a loop or a switch.
type branchTarget struct {
	label string    // the loop's label, "" if none
	loop  *ir.Value // the loop's op; nil for a switch
	// caseBlock is, for a switch, the block of the case being built: a
	// break there ends the case, which ends the switch.
	caseBlock *ir.Block
	// exit is, for a switch that a break leaves from inside an if, the
	// one-trip loop built around it (see switchStmt), which that break
	// leaves; nil otherwise.
	exit *ir.Value
}

// within builds fill with t as the innermost target of break and continue.
func (fb *funcBuilder) within(t *branchTarget, fill func()) {
	fb.branches = append(fb.branches, t)
	fill()
	fb.branches = fb.branches[:len(fb.branches)-1]
}

// condition builds a bool condition, or a stand-in if it fails.
func (fb *funcBuilder) condition(e ast.Expr) *ir.Value {
	c, ok := fb.expr(e)
	if !ok {
		return fb.b.Const(ir.Bool, false)
	}
	return c
}

// ifStmt builds if init; cond { ... } else { ... }. The init statement
// runs before the if, in line; an else if is an if in the else block.
func (fb *funcBuilder) ifStmt(s *ast.IfStmt) {
	if s.Init != nil {
		fb.stmt(s.Init)
	}
	v := fb.b.If(fb.condition(s.Cond))
	fb.b.In(v.Blocks[0], func() { fb.stmts(s.Body.List) })
	if s.Else != nil {
		fb.b.In(v.Blocks[1], func() { fb.stmt(s.Else) })
	}
}

// switchStmt builds a switch as a chain of ifs, one per case in source
// order, the default (wherever it is written) in the last else. Go picks
// the default only when no case matches, and computes the case
// expressions in order until one matches, which the chain does too. The
// tag is computed once, before the chain.
func (fb *funcBuilder) switchStmt(s *ast.SwitchStmt) flow {
	if s.Init != nil {
		fb.stmt(s.Init)
	}
	sw := &switchChain{target: &branchTarget{}, tagged: s.Tag != nil}
	if s.Tag != nil {
		sw.tag, sw.tagOK = fb.expr(s.Tag)
		if sw.tagOK {
			if _, basic := sw.tag.Type.(ir.Basic); !basic {
				fb.errorf(s.Tag.Pos(), "switching on a value of type %s is not supported in a differentiated function", sw.tag.Type)
				sw.tagOK = false
			}
		}
	}
	var cases []*ast.CaseClause
	var def *ast.CaseClause
	for _, st := range s.Body.List {
		cc := st.(*ast.CaseClause) // a switch body holds nothing else
		if cc.List == nil {
			def = cc
		} else {
			cases = append(cases, cc)
		}
	}
	if !breaksFromNested(s.Body) {
		var f flow
		fb.within(sw.target, func() { f = fb.caseChain(sw, cases, def) })
		return f
	}
	// A break inside an if of a case leaves the switch from the middle of
	// the chain, which an if cannot: the chain goes in a loop of one trip,
	// for { chain; break }, and that break leaves the loop.
	loop := fb.b.For("")
	sw.target.exit = loop
	fb.b.In(loop.Blocks[3], func() {
		var f flow
		fb.within(sw.target, func() { f = fb.caseChain(sw, cases, def) })
		if f != exits {
			fb.b.Break(loop)
		}
	})
	return goesOn
}

// breaksFromNested reports whether a break of the switch whose body is
// given stands inside an if or a block of one of its cases, rather than
// directly in the case. Breaks of nested loops, switches and selects
// leave those, and are not looked at.
func breaksFromNested(body *ast.BlockStmt) bool {
	found := false
	for _, st := range body.List {
		for _, s := range st.(*ast.CaseClause).Body {
			if _, direct := s.(*ast.BranchStmt); direct {
				continue
			}
			ast.Inspect(s, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.FuncLit:
					return false
				case *ast.BranchStmt:
					if n.Tok == token.BREAK && n.Label == nil {
						found = true
					}
				}
				return !found
			})
		}
	}
	return found
}

// switchChain is a switch being built.
type switchChain struct {
	target *branchTarget
	tagged bool      // the switch has a tag
	tag    *ir.Value // its value, if tagOK
	tagOK  bool
}

// caseChain builds cases, then def, into the current block: the first
// case's if, whose else holds the rest. With no case left, the default's
// statements go in line; control may then leave the block through them.
func (fb *funcBuilder) caseChain(sw *switchChain, cases []*ast.CaseClause, def *ast.CaseClause) flow {
	if len(cases) == 0 {
		if def == nil {
			return goesOn
		}
		return fb.caseBody(sw, def)
	}
	cond, ok := fb.caseCond(sw, cases[0])
	if !ok {
		cond = fb.b.Const(ir.Bool, false)
	}
	v := fb.b.If(cond)
	fb.b.In(v.Blocks[0], func() { fb.caseBody(sw, cases[0]) })
	fb.b.In(v.Blocks[1], func() { fb.caseChain(sw, cases[1:], def) })
	return goesOn
}

// caseCond builds the condition of a case: its expression in a switch
// without a tag, else tag == e; with several expressions, their ||.
func (fb *funcBuilder) caseCond(sw *switchChain, c *ast.CaseClause) (*ir.Value, bool) {
	term := func(e ast.Expr) func() (*ir.Value, bool) {
		return func() (*ir.Value, bool) {
			if !sw.tagged {
				return fb.expr(e)
			}
			x, ok := fb.expr(e)
			if !ok || !sw.tagOK {
				return nil, false
			}
			return fb.comparison(e.Pos(), ir.OpEq, sw.tag, x)
		}
	}
	cond, ok := term(c.List[0])()
	for _, e := range c.List[1:] {
		if !ok {
			term(e)() // for its problems
			continue
		}
		cond, ok = fb.shortCircuit(ir.OpOr, cond, term(e), fb.mayPanic(e))
	}
	return cond, ok
}

// caseBody builds the statements of a case. A break directly in them ends
// the case, and so the switch: it needs no op of its own.
func (fb *funcBuilder) caseBody(sw *switchChain, c *ast.CaseClause) flow {
	sw.target.caseBlock = fb.b.Block
	if f := fb.stmts(c.Body); f != leavesSwitch {
		return f
	}
	return goesOn
}

// forStmt builds a three-clause loop, a loop on a condition and a bare
// loop: the init statement in the init block (its variables are ir.Vars,
// see vars.go), the condition in the cond block, whose Result it is, the
// post statement in the post block, then the body.
func (fb *funcBuilder) forStmt(s *ast.ForStmt, label string) {
	loop := fb.b.For(label)
	fb.markCheckpoint(s, loop)
	if s.Init != nil {
		fb.inForInit = true
		fb.b.In(loop.Blocks[0], func() { fb.stmt(s.Init) })
		fb.inForInit = false
	}
	if s.Cond != nil {
		fb.b.In(loop.Blocks[1], func() { loop.Blocks[1].Result = fb.condition(s.Cond) })
	}
	if s.Post != nil {
		fb.b.In(loop.Blocks[2], func() { fb.stmt(s.Post) })
	}
	fb.within(&branchTarget{label: label, loop: loop}, func() {
		fb.b.In(loop.Blocks[3], func() { fb.stmts(s.Body.List) })
	})
	if ir.CondNeedsStatements(loop) {
		// A lazy operand of && or ||, built in an if.
		ir.MoveCondIntoBody(fb.b.Func, loop)
	}
}

// rangeStmt builds a loop over the indexes of a slice or an array, or
// over 0..n-1 for an integer n. The body starts with the index; the value
// variable, if any, is the element at the index, loaded at the start of
// each iteration.
func (fb *funcBuilder) rangeStmt(s *ast.RangeStmt, label string) {
	key, okK := fb.rangeTarget(s, s.Key)
	value, okV := fb.rangeTarget(s, s.Value)
	over, ok := fb.rangeOver(s)
	ok = ok && okK && okV
	if !ok {
		over = fb.b.Const(ir.Int, int64(0))
	}
	loop := fb.b.Range(label, over)
	fb.markCheckpoint(s, loop)
	fb.within(&branchTarget{label: label, loop: loop}, func() {
		fb.b.In(loop.Blocks[0], func() {
			if !ok {
				fb.b.Index("")
			} else {
				fb.rangeVars(over, key, value)
			}
			fb.stmts(s.Body.List)
		})
	})
}

// rangeOver checks and builds the value a range loop ranges over.
func (fb *funcBuilder) rangeOver(s *ast.RangeStmt) (*ir.Value, bool) {
	if !isInteger(fb.info.TypeOf(s.X)) {
		if why := fb.notMemory(s.X, "ranging over"); why != "" {
			return fb.fail(s.X.Pos(), "%s", why)
		}
	}
	over, ok := fb.expr(s.X)
	if !ok {
		return nil, false
	}
	if _, isArray := over.Type.(ir.Array); isArray && s.Value != nil && !isBlank(s.Value) {
		// Go ranges over a copy of an array; the loads of the value
		// variable read the array itself, which the body may change.
		if fb.writesTo(s.Body, s.X) {
			x := types.ExprString(s.X)
			return fb.fail(s.X.Pos(), "ranging over the array %s with a value variable while the loop assigns its elements (or slices it, which a call may write through) is not supported: Go ranges over a copy; range over the indexes (for i := range %s) and read %s[i]",
				x, x, x)
		}
		if _, nested := over.Type.(ir.Array).Elem.(ir.Array); nested {
			x := types.ExprString(s.X)
			return fb.fail(s.Value.Pos(), "ranging over the nested array %s with a value variable is not supported: the variable would be a copy of each row; range over the indexes (for i := range %s) and read %s[i][j]",
				x, x, x)
		}
	}
	return over, true
}

// isBlank reports whether e is the blank identifier.
func isBlank(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "_"
}

// rangeTarget checks the key or value variable e of a range loop, nil if
// absent.
func (fb *funcBuilder) rangeTarget(s *ast.RangeStmt, e ast.Expr) (lvalue, bool) {
	if e == nil || isBlank(e) {
		return lvalue{}, true
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		fb.errorf(e.Pos(), "ranging into %s is not supported; range into local variables", types.ExprString(e))
		return lvalue{}, false
	}
	if s.Tok == token.DEFINE {
		// Its type is the index's or the element's: one godiff handles.
		// (The type checker defines it; without an object, as for _, the
		// value is discarded.)
		v, _ := fb.info.Defs[id].(*types.Var)
		return lvalue{v: v, def: v != nil}, true
	}
	return fb.varTarget(id, nil)
}

// rangeVars starts a range loop's body: the index, then the key and value
// variables. The index is named after the key, and converted to its type
// when ranging over an integer type other than int.
func (fb *funcBuilder) rangeVars(over *ir.Value, key, value lvalue) {
	name := ""
	if key.v != nil {
		name = key.v.Name()
	}
	index := fb.b.Index(name)
	if key.v != nil {
		k := index
		if ir.IsInteger(over.Type) && over.Type != ir.Int {
			k = fb.b.Convert(index, over.Type)
		}
		fb.write(key, k)
	}
	if value.v != nil {
		fb.write(value, fb.b.Load(over, index))
	}
}

// labeled builds a labeled loop. A label elsewhere, which only goto could
// use, is refused.
func (fb *funcBuilder) labeled(s *ast.LabeledStmt) flow {
	switch st := s.Stmt.(type) {
	case *ast.ForStmt:
		fb.forStmt(st, s.Label.Name)
		return goesOn
	case *ast.RangeStmt:
		fb.rangeStmt(st, s.Label.Name)
		return goesOn
	}
	fb.errorf(s.Pos(), "the label %s is not on a for loop: godiff supports labels only on loops, for break and continue; remove it", s.Label.Name)
	return fb.stmt(s.Stmt)
}

// branch builds break and continue, and refuses goto and fallthrough.
func (fb *funcBuilder) branch(s *ast.BranchStmt) flow {
	switch s.Tok {
	case token.GOTO:
		fb.errorf(s.Pos(), "goto statements are not supported in a differentiated function: use if, for, break and continue")
		return goesOn
	case token.FALLTHROUGH:
		fb.errorf(s.Pos(), "fallthrough is not supported in a differentiated function: godiff builds a switch as if/else; repeat the next case's statements, or list both cases' values in one case")
		return goesOn
	}
	fb.exit = s.Tok.String()
	t := fb.branchTarget(s)
	switch {
	case t == nil:
		// The label is on a statement other than a loop: reported.
		fb.failed = true
		return goesOn
	case t.loop == nil && fb.b.Block != t.caseBlock:
		// Inside an if of a case: the switch is in a one-trip loop.
		fb.b.Break(t.exit)
		return exits
	case t.loop == nil:
		return leavesSwitch
	case s.Tok == token.BREAK:
		fb.b.Break(t.loop)
	default:
		fb.b.Continue(t.loop)
	}
	return exits
}

// branchTarget returns the statement that s leaves or continues: the
// innermost loop or switch for break, the innermost loop for continue, or
// the loop with s's label. It returns nil for a label godiff refused.
func (fb *funcBuilder) branchTarget(s *ast.BranchStmt) *branchTarget {
	for i := len(fb.branches) - 1; i >= 0; i-- {
		t := fb.branches[i]
		switch {
		case s.Label != nil:
			if t.label == s.Label.Name {
				return t
			}
		case s.Tok == token.CONTINUE:
			if t.loop != nil {
				return t
			}
		default:
			return t
		}
	}
	return nil
}

// ret builds a return. A bare return returns the named results' current
// values.
func (fb *funcBuilder) ret(s *ast.ReturnStmt) {
	if fb.returned != nil {
		// return dst: the parameter, left out (see returnsdst.go); return
		// g(dst, x) calls g for what it writes into dst.
		if _, isCall := ast.Unparen(s.Results[0]).(*ast.CallExpr); isCall {
			if _, ok := fb.expr(s.Results[0]); !ok {
				return
			}
		}
		fb.b.Return()
		return
	}
	results := fb.sig.Results()
	if len(s.Results) == 0 {
		vals := make([]*ir.Value, results.Len())
		for i := range vals {
			r := results.At(i)
			if slot, ok := fb.slots[r]; ok {
				vals[i] = fb.b.Get(slot)
			} else {
				vals[i] = fb.env[r] // named results are always bound
			}
		}
		fb.b.Return(fb.flattenResults(vals)...)
		return
	}
	if len(s.Results) != results.Len() {
		fb.errorf(s.Pos(), "returning the %d results of one call is not supported yet; return each value from its own expression", results.Len())
		return
	}
	vals, ok := fb.returnValues(s.Results)
	if ok {
		fb.b.Return(fb.flattenResults(vals)...)
	}
}
