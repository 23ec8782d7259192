package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
)

// haltStmt writes a statement that ends the run as the source wrote it:
// panic("x must have length 2"), log.Fatalf("n = %d", n).
func (e *funcEmitter) haltStmt(v *ir.Value) ([]stmt, error) {
	h, ok := v.Aux.(*ir.Halt)
	if !ok {
		return nil, fmt.Errorf("halt without its statement")
	}
	code, err := e.haltExpr(v, h.Call)
	if err != nil {
		return nil, err
	}
	return one(code, stmtSimple), nil
}

// haltExpr writes an expression of a halt statement v.
func (e *funcEmitter) haltExpr(v *ir.Value, x ir.HaltExpr) (*jen.Statement, error) {
	switch x.Kind {
	case ir.HaltArg:
		a, err := e.ref(v.Args[x.Arg])
		if err != nil {
			return nil, err
		}
		return a.code, nil
	case ir.HaltLit:
		return jen.Op(x.Lit), nil
	case ir.HaltName:
		return callee(ir.Callee{Path: x.Path, Name: x.Name}), nil
	}
	args := make([]jen.Code, len(x.Args))
	for i, a := range x.Args {
		code, err := e.haltExpr(v, a)
		if err != nil {
			return nil, err
		}
		if x.Ellipsis && i == len(x.Args)-1 {
			code = code.Op("...")
		}
		args[i] = code
	}
	return callee(ir.Callee{Path: x.Path, Name: x.Name}).Call(args...), nil
}
