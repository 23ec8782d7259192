package emit

import (
	"errors"
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
)

// stmtKind tells what a statement is, where Go restricts statements: a for
// clause holds simple statements only, and `else if` needs an if.
type stmtKind int

const (
	stmtOther  stmtKind = iota // var declarations, for, return, branches, comments, labels
	stmtSimple                 // an assignment or a call: fits a for's init or post
	stmtDefine                 // a short variable declaration: fits a for's init
	stmtIf                     // an if statement
)

// stmt is one Go statement.
type stmt struct {
	code jen.Code
	kind stmtKind
}

// one returns a single statement.
func one(code jen.Code, kind stmtKind) []stmt { return []stmt{{code: code, kind: kind}} }

// codes returns the code of statements, for a jennifer block.
func codes(ss []stmt) []jen.Code {
	out := make([]jen.Code, len(ss))
	for i, s := range ss {
		out[i] = s.code
	}
	return out
}

// block returns the statements of b in IR order, each hoisted variable's
// declaration before the statement that first uses it.
func (e *funcEmitter) block(b *ir.Block) ([]stmt, error) {
	var out []stmt
	for _, v := range b.Values {
		for _, g := range e.groupDecl[v] {
			out = append(out, groupDeclStmt(g))
		}
		for _, x := range e.hoist[v] {
			t, err := goType(x.Type)
			if err != nil {
				return nil, err
			}
			out = append(out, one(jen.Var().Id(e.vars[x].name).Add(t), stmtOther)...)
		}
		ss, err := e.statements(v)
		if err != nil {
			return nil, at(v, err)
		}
		out = append(out, ss...)
	}
	return out, nil
}

// statements returns the statements v stands for: none for a value
// written in place or not at all.
func (e *funcEmitter) statements(v *ir.Value) ([]stmt, error) {
	switch e.plan.form[v] {
	case formComment:
		return one(lineComment(v.Aux.(string)), stmtOther), nil
	case formReturn:
		return e.returnStmt(v)
	case formDeclare:
		return e.declare(v)
	case formSelect:
		return e.selectStmts(v)
	case formStmt:
		return e.statement(v)
	}
	return nil, nil
}

// statement returns the statement of an op without a declared result.
func (e *funcEmitter) statement(v *ir.Value) ([]stmt, error) {
	switch v.Op {
	case ir.OpDecl:
		return e.declStmt(v)
	case ir.OpSet:
		return e.setStmt(v)
	case ir.OpStore:
		return e.storeStmt(v)
	case ir.OpIf:
		return e.ifStmt(v)
	case ir.OpFor:
		return e.forStmt(v)
	case ir.OpRange:
		return e.rangeStmt(v)
	case ir.OpBreak, ir.OpContinue:
		return e.branchStmt(v), nil
	case ir.OpTapeReset, ir.OpTapeSave, ir.OpTapeGrow:
		return e.tapeWrite(v)
	case ir.OpTapeSlot:
		return e.tapeSlot(v) // a new entry nothing writes into: a call's empty record
	case ir.OpTapeBuffer:
		return e.tapeBuffer(v) // memory nothing reads: the stretch is taken all the same
	case ir.OpAccum:
		return e.accumStmt(v)
	case ir.OpHalt:
		return e.haltStmt(v)
	case ir.OpInvoke:
		return e.invokeStmt(v)
	case ir.OpCopySlice:
		x, err := e.define(v)
		if err != nil {
			return nil, err
		}
		return one(x.code, stmtSimple), nil
	}
	return nil, fmt.Errorf("%v is not a statement", v.Op)
}

// declare returns the statements declaring v.
func (e *funcEmitter) declare(v *ir.Value) ([]stmt, error) {
	switch v.Op {
	case ir.OpInvoke:
		return e.invokeStmt(v)
	case ir.OpLocalTape:
		return e.localTape(v)
	case ir.OpTapeSlot:
		return e.tapeSlot(v)
	case ir.OpTapeBuffer:
		return e.tapeBuffer(v)
	case ir.OpMake:
		if isArray(v.Type) {
			return one(jen.Var().Id(e.names[v]).Id(v.Type.String()), stmtOther), nil
		}
	}
	x, err := e.define(v)
	if err != nil {
		return nil, err
	}
	return one(jen.Id(e.names[v]).Op(":=").Add(typed(x).code), stmtDefine), nil
}

// valueError is an error at one value of the function.
type valueError struct {
	v   *ir.Value
	err error
}

func (e *valueError) Error() string { return describe(e.v) + ": " + e.err.Error() }
func (e *valueError) Unwrap() error { return e.err }

// at places err at v, unless a value nested in v's blocks has it already.
func at(v *ir.Value, err error) error {
	var ve *valueError
	if errors.As(err, &ve) {
		return err
	}
	return &valueError{v: v, err: err}
}
