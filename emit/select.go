package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
)

// branch is one "if cond { v = val }" of a select chain.
type branch struct {
	cond, val *ir.Value
}

// selectStmts writes a select, and the selects folded into it, as a
// variable holding the final else value and an if (else-if) statement
// overwriting it:
//
//	var v float64        or   v := y
//	if c1 {
//		v = x1
//	} else if c2 {
//		v = x2
//	}
func (e *funcEmitter) selectStmts(v *ir.Value) ([]stmt, error) {
	name := e.names[v]
	branches, final := e.chain(v)
	decl, err := e.selectDecl(name, final)
	if err != nil {
		return nil, err
	}
	var code *jen.Statement
	for _, b := range branches {
		c, err := e.ref(b.cond)
		if err != nil {
			return nil, err
		}
		x, err := e.ref(b.val)
		if err != nil {
			return nil, err
		}
		assign := jen.Id(name).Op("=").Add(x.code)
		if code == nil {
			code = jen.If(c.code).Block(assign)
		} else {
			code.Else().If(c.code).Block(assign)
		}
	}
	return []stmt{decl, {code: code, kind: stmtIf}}, nil
}

// chain follows the else operands through the folded selects, returning
// the branches in order and the value when no condition holds.
func (e *funcEmitter) chain(v *ir.Value) ([]branch, *ir.Value) {
	var bs []branch
	for {
		bs = append(bs, branch{cond: v.Args[0], val: v.Args[1]})
		next := v.Args[2]
		if e.plan.form[next] != formFolded {
			return bs, next
		}
		v = next
	}
}

// selectDecl declares the select's variable: with var when the final else
// value is +0, the zero value Go starts a variable with, and with := and
// the final value otherwise.
func (e *funcEmitter) selectDecl(name string, final *ir.Value) (stmt, error) {
	if isPositiveZero(final) {
		return stmt{code: jen.Var().Id(name).Id(final.Type.String()), kind: stmtOther}, nil
	}
	y, err := e.ref(final)
	if err != nil {
		return stmt{}, err
	}
	return stmt{code: jen.Id(name).Op(":=").Add(typed(y).code), kind: stmtDefine}, nil
}
