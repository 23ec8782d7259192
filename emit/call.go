package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
)

// This file writes invokes: calls of the generated functions built on the
// split form. An invoke has effects, so it is a statement of its own,
// never written into an expression: F(args) when nothing reads its
// result, y := F(args) for one result, y, _, dw := F(args) for several,
// naming the results its extracts read.

// calleeKey identifies a function of the file: two types may have methods
// of one name.
type calleeKey struct{ recv, name string }

// invokeCall returns F(args): written like any call; what differs is
// that an invoke is always a statement of its own.
func (e *funcEmitter) invokeCall(v *ir.Value) (expr, error) {
	if c, ok := v.Aux.(ir.Callee); ok && c.Path == "" {
		if fn := e.callees[calleeKey{c.Recv, c.Name}]; fn != nil && hasGroups(fn) {
			return e.invokeGroups(v, fn)
		}
	}
	return e.call(v)
}

// invokeStmt returns the statement of an invoke.
func (e *funcEmitter) invokeStmt(v *ir.Value) ([]stmt, error) {
	call, err := e.invokeCall(v)
	if err != nil {
		return nil, err
	}
	lhs, err := e.results(v)
	if err != nil {
		return nil, err
	}
	if lhs == nil {
		return one(call.code, stmtSimple), nil
	}
	return one(jen.List(lhs...).Op(":=").Add(call.code), stmtDefine), nil
}

// results returns the names an invoke's statement declares, _ for a
// result nothing reads, or nil if nothing reads any.
func (e *funcEmitter) results(v *ir.Value) ([]jen.Code, error) {
	tuple, ok := v.Type.(ir.Tuple)
	if !ok {
		if name, ok := e.names[v]; ok {
			return []jen.Code{jen.Id(name)}, nil
		}
		return nil, nil
	}
	if fn := e.calleeFunc(v); fn != nil && hasArrayResult(fn) {
		return e.arrayResults(v, fn), nil
	}
	names := make([]string, len(tuple))
	for _, x := range e.plan.extracts[v] {
		i, ok := x.Aux.(int)
		if !ok || i < 0 || i >= len(tuple) {
			return nil, fmt.Errorf("%s extracts result %v of %d", describe(x), x.Aux, len(tuple))
		}
		names[i] = e.names[x]
	}
	var lhs []jen.Code
	named := false
	for _, n := range names {
		if n == "" {
			n = "_"
		} else {
			named = true
		}
		lhs = append(lhs, jen.Id(n))
	}
	if !named {
		return nil, nil
	}
	return lhs, nil
}
