package emit

import (
	"errors"

	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
)

// This file writes the statements that assign: return, the declaration
// and assignment of variables, stores into memory and accumulation
// through a pointer. An assignment whose value is the target combined with
// something else is written the way people write it: x += e, s[i] *= e,
// i++.

// returnStmt returns return a, b, c; nothing for the bare return ending
// a function without results, which says nothing.
func (e *funcEmitter) returnStmt(v *ir.Value) ([]stmt, error) {
	var release []stmt
	for _, t := range e.pooledTapes() {
		// The results are values and slices of the function's own,
		// never the tape's memory: it can go back to its pool first.
		release = append(release, one(jen.Id(t).Dot("release").Call(), stmtSimple)...)
	}
	if body := e.fn.Body.Values; len(v.Args) == 0 && body[len(body)-1] == v {
		return release, nil
	}
	xs, err := e.returnGroups(v)
	if err != nil {
		return nil, err
	}
	return append(release, one(jen.Return(xs...), stmtOther)...), nil
}

// pooledTapes returns the names of the function's tapes from a pool (see
// pool.go), in order.
func (e *funcEmitter) pooledTapes() []string {
	var names []string
	for _, v := range e.fn.Body.Values {
		if poolsHeap(v) && e.plan.form[v] != formDead {
			names = append(names, e.names[v])
		}
	}
	return names
}

// declStmt declares a variable: x := v, or var x T without a value. A
// variable declared earlier (see vars.go) is assigned instead, its zero
// value if the decl has none, since a decl in a loop starts afresh.
func (e *funcEmitter) declStmt(v *ir.Value) ([]stmt, error) {
	x := v.Aux.(*ir.Var)
	info := e.vars[x]
	name := jen.Id(info.name)
	if len(v.Args) == 0 && x.Group != nil {
		return nil, nil // a field of a fresh struct: zero already
	}
	if len(v.Args) == 0 {
		if info.hoisted {
			zero, err := zeroValue(x.Type)
			if err != nil {
				return nil, err
			}
			return one(name.Op("=").Add(zero), stmtSimple), nil
		}
		t, err := goType(x.Type)
		if err != nil {
			return nil, err
		}
		return one(jen.Var().Add(name).Add(t), stmtOther), nil
	}
	val, err := e.ref(v.Args[0])
	if err != nil {
		return nil, err
	}
	if info.hoisted {
		return one(name.Op("=").Add(val.code), stmtSimple), nil
	}
	return one(name.Op(":=").Add(typed(val).code), stmtDefine), nil
}

// setStmt assigns a variable: x = v, x op= e, x++ or x--.
func (e *funcEmitter) setStmt(v *ir.Value) ([]stmt, error) {
	x := v.Aux.(*ir.Var)
	isTarget := func(t *ir.Value) bool { return t.Op == ir.OpGet && t.Aux == x }
	return e.assign(jen.Id(e.vars[x].name), v.Args[0], isTarget)
}

// storeStmt writes an element: s[i] = v, s[i] op= e, s[i]++ or s[i]--.
func (e *funcEmitter) storeStmt(v *ir.Value) ([]stmt, error) {
	s, i := v.Args[0], v.Args[1]
	lhs, err := e.element(s, i)
	if err != nil {
		return nil, err
	}
	isTarget := func(t *ir.Value) bool { return t.Op == ir.OpLoad && t.Args[0] == s && t.Args[1] == i }
	return e.assign(lhs, v.Args[2], isTarget)
}

// assign writes lhs = val. isTarget recognises a value that reads lhs
// itself: when val is such a read combined with an operand, the statement
// is lhs op= operand; when val is the read alone, the assignment does
// nothing (and vet reports it), so there is no statement.
func (e *funcEmitter) assign(lhs *jen.Statement, val *ir.Value, isTarget func(*ir.Value) bool) ([]stmt, error) {
	for val.Op == ir.OpCopy && e.plan.form[val] == formInline {
		val = val.Args[0]
	}
	if e.plan.form[val] == formInline && isTarget(val) {
		return nil, nil
	}
	if op, operand, ok := e.compound(val, isTarget); ok {
		return e.opAssign(lhs, op, operand)
	}
	x, err := e.ref(val)
	if err != nil {
		return nil, err
	}
	return one(lhs.Op("=").Add(x.code), stmtSimple), nil
}

// compound returns op and e when val, written in place, is t op e for a
// read t of the target, itself written in place.
func (e *funcEmitter) compound(val *ir.Value, isTarget func(*ir.Value) bool) (ir.Op, *ir.Value, bool) {
	if !val.Op.IsBinaryArith() || e.plan.form[val] != formInline {
		return 0, nil, false
	}
	t := val.Args[0]
	if e.plan.form[t] != formInline || !isTarget(t) {
		return 0, nil, false
	}
	return val.Op, val.Args[1], true
}

// opAssign returns lhs op= operand, or lhs++ / lhs-- for an integer
// target and a literal 1.
func (e *funcEmitter) opAssign(lhs *jen.Statement, op ir.Op, operand *ir.Value) ([]stmt, error) {
	if (op == ir.OpAdd || op == ir.OpSub) && ir.IsInteger(operand.Type) && operand.IsConst() && isOne(operand) {
		inc := map[ir.Op]string{ir.OpAdd: "++", ir.OpSub: "--"}[op]
		return one(lhs.Op(inc), stmtSimple), nil
	}
	x, err := e.ref(operand)
	if err != nil {
		return nil, err
	}
	if (op == ir.OpDiv || op == ir.OpRem) && isIntegerZero(x) {
		return nil, errors.New("integer division by a constant zero, which Go rejects")
	}
	return one(lhs.Op(binaryOps[op]+"=").Add(x.code), stmtSimple), nil
}

// isOne reports whether an integer constant is 1.
func isOne(c *ir.Value) bool {
	switch a := c.Aux.(type) {
	case int64:
		return a == 1
	case uint64:
		return a == 1
	}
	return false
}

// accumStmt adds to what a pointer points to: *p += x, or v += x when p
// is &v. (&v written in place would read *&v; v += x alone is kept for a
// v something else reads, since Go counts only reads as uses.)
func (e *funcEmitter) accumStmt(v *ir.Value) ([]stmt, error) {
	p := v.Args[0]
	var lhs *jen.Statement
	if x, ok := p.Aux.(*ir.Var); ok && p.Op == ir.OpAddr && e.vars[x].readElsewhere {
		lhs = jen.Id(e.vars[x].name)
	} else if field := e.fieldOf(p); field != nil {
		lhs = field // dn.B2 += e
	} else {
		ptr, err := e.ref(p)
		if err != nil {
			return nil, err
		}
		if ptr.prec < precUnary {
			ptr = paren(ptr)
		}
		lhs = jen.Op("*").Add(ptr.code)
	}
	// *p += -e is written *p -= e.
	op, term := "+=", v.Args[1]
	if term.Op == ir.OpNeg && e.plan.form[term] == formInline {
		op, term = "-=", term.Args[0]
	}
	x, err := e.ref(term)
	if err != nil {
		return nil, err
	}
	return one(lhs.Op(op).Add(x.code), stmtSimple), nil
}
