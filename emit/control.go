package emit

import (
	"errors"
	"go/token"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
)

// This file writes structured control flow: if, for, range, break and
// continue, each IR block becoming a Go block.

// ifStmt returns if c { ... } else { ... }, leaving out an empty else and
// writing an else block that is a single if as else if.
func (e *funcEmitter) ifStmt(v *ir.Value) ([]stmt, error) {
	c, err := e.ref(v.Args[0])
	if err != nil {
		return nil, err
	}
	then, err := e.block(v.Blocks[0])
	if err != nil {
		return nil, err
	}
	els, err := e.block(v.Blocks[1])
	if err != nil {
		return nil, err
	}
	code := jen.If(c.code).Block(codes(then)...)
	switch {
	case len(els) == 1 && els[0].kind == stmtIf:
		code.Else().Add(els[0].code)
	case len(els) > 0:
		code.Else().Block(codes(els)...)
	}
	return one(code, stmtIf), nil
}

// forStmt returns for init; cond; post { body }, leaving out the empty
// parts. An init that is not a single simple statement is written before
// the loop instead: every name is unique in the function, so its wider
// scope changes nothing.
func (e *funcEmitter) forStmt(v *ir.Value) ([]stmt, error) {
	init, err := e.block(v.Blocks[0])
	if err != nil {
		return nil, err
	}
	var cond jen.Code
	if r := v.Blocks[1].Result; r != nil {
		c, err := e.ref(r)
		if err != nil {
			return nil, err
		}
		cond = c.code
	}
	post, err := e.postStmt(v.Blocks[2])
	if err != nil {
		return nil, err
	}
	body, err := e.block(v.Blocks[3])
	if err != nil {
		return nil, err
	}
	var out []stmt
	var first jen.Code
	if len(init) == 1 && (init[0].kind == stmtSimple || init[0].kind == stmtDefine) {
		first = init[0].code
	} else {
		out = init
	}
	var clause *jen.Statement
	switch {
	case first == nil && post == nil && cond == nil:
		clause = jen.For()
	case first == nil && post == nil:
		clause = jen.For(cond)
	default:
		clause = jen.For(orEmpty(first), orEmpty(cond), orEmpty(post))
	}
	out = append(out, e.label(v)...)
	return append(out, one(clause.Block(codes(body)...), stmtOther)...), nil
}

// postStmt returns the post statement written from a for's post block, or
// nil. The plan made sure the block holds at most one simple statement,
// or sets that a parallel assignment writes.
func (e *funcEmitter) postStmt(b *ir.Block) (jen.Code, error) {
	if sets := e.plan.parallelSets(b); sets != nil {
		return e.parallelAssign(sets)
	}
	post, err := e.block(b)
	if err != nil || len(post) == 0 {
		return nil, err
	}
	if len(post) > 1 || post[0].kind != stmtSimple {
		return nil, errors.New("the loop's post block is not one simple statement")
	}
	return post[0].code, nil
}

// orEmpty returns c, or an empty part of a for clause.
func orEmpty(c jen.Code) jen.Code {
	if c == nil {
		return jen.Empty()
	}
	return c
}

// rangeStmt returns for i := range n { body }, or for range n when nothing
// reads the index.
func (e *funcEmitter) rangeStmt(v *ir.Value) ([]stmt, error) {
	over, err := e.ref(v.Args[0])
	if err != nil {
		return nil, err
	}
	if t := v.Args[0].Type; ir.IsInteger(t) && t != ir.Int && over.konst == nil {
		// The index is an int; ranging over an int64 would make it an int64.
		over = operand(jen.Int().Call(over.code))
	}
	body, err := e.block(v.Blocks[0])
	if err != nil {
		return nil, err
	}
	clause := jen.For(jen.Range().Add(over.code))
	if name := e.indexName(v); name != "" {
		clause = jen.For(jen.Id(name).Op(":=").Range().Add(over.code))
	}
	out := e.label(v)
	return append(out, one(clause.Block(codes(body)...), stmtOther)...), nil
}

// indexName returns the name of a range loop's index, "" if nothing reads
// it.
func (e *funcEmitter) indexName(v *ir.Value) string {
	body := v.Blocks[0].Values
	if len(body) == 0 || body[0].Op != ir.OpIndex {
		return ""
	}
	return e.names[body[0]]
}

// branchStmt returns break or continue, with a label only when the loop
// is not the innermost one around the statement.
func (e *funcEmitter) branchStmt(v *ir.Value) []stmt {
	code := jen.Break()
	if v.Op == ir.OpContinue {
		code = jen.Continue()
	}
	if loop := v.Aux.(*ir.Value); loop != v.Block.Loop() {
		code.Id(e.labels[loop])
	}
	return one(code, stmtOther)
}

// label returns the label statement before a loop some break or continue
// names, or nothing.
func (e *funcEmitter) label(loop *ir.Value) []stmt {
	if name := e.labels[loop]; name != "" {
		return one(jen.Id(name).Op(":"), stmtOther)
	}
	return nil
}

// nameLabels names the loops that a live break or continue leaves from a
// nested loop: by the source's label, or outer, outer2, ... Labels have a
// name space of their own, and Go rejects one nothing uses.
func (e *funcEmitter) nameLabels() {
	e.labels = make(map[*ir.Value]string)
	needed := make(map[*ir.Value]bool)
	e.fn.Walk(func(v *ir.Value) {
		if (v.Op == ir.OpBreak || v.Op == ir.OpContinue) && e.plan.live[v] {
			if loop := v.Aux.(*ir.Value); loop != v.Block.Loop() {
				needed[loop] = true
			}
		}
	})
	taken := make(map[string]bool)
	e.fn.Walk(func(v *ir.Value) {
		if !needed[v] {
			return
		}
		base := sanitize(v.Aux.(*ir.Loop).Label)
		if base == "" || token.IsKeyword(base) {
			base = "outer"
		}
		name := base
		for i := 2; taken[name]; i++ {
			name = base + strconv.Itoa(i)
		}
		taken[name] = true
		e.labels[v] = name
	})
}

// parallelAssign returns x, y = a, b for sets of x and y.
func (e *funcEmitter) parallelAssign(sets []*ir.Value) (jen.Code, error) {
	lhs := make([]jen.Code, len(sets))
	rhs := make([]jen.Code, len(sets))
	for i, v := range sets {
		lhs[i] = jen.Id(e.vars[v.Aux.(*ir.Var)].name)
		x, err := e.ref(v.Args[0])
		if err != nil {
			return nil, err
		}
		rhs[i] = x.code
	}
	return jen.List(lhs...).Op("=").List(rhs...), nil
}
