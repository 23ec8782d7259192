package emit

import (
	"errors"
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
)

// Go's operator precedences, with unary operators and operands above every
// binary operator.
const (
	precOr      = 1 // ||
	precAnd     = 2 // &&
	precCompare = 3 // == != < <= > >=
	precAdd     = 4 // + -
	precMul     = 5 // * / %
	precUnary   = 6 // -x
	precOperand = 7 // names, literals, calls, conversions, parentheses
)

// expr is a Go expression together with what its users need to know to
// place it: how tightly it binds and whether it is a literal.
type expr struct {
	code  *jen.Statement
	prec  int
	minus bool      // begins with a unary minus
	konst *ir.Value // the constant, if the expression is a literal
}

func operand(code *jen.Statement) expr { return expr{code: code, prec: precOperand} }

// paren wraps x in parentheses.
func paren(x expr) expr { return operand(jen.Parens(x.code)) }

// ref returns the expression by which a user reads v: its name, or, for a
// value written in place, its defining expression.
func (e *funcEmitter) ref(v *ir.Value) (expr, error) {
	if name, ok := e.names[v]; ok {
		if name == "_" {
			return expr{}, fmt.Errorf("reads the blank parameter %d", v.Aux.(int))
		}
		if v.Op == ir.OpLocalTape && !poolsHeap(v) || e.fieldPointer(v) {
			// The tape is a struct variable; a leaf of pointer type is the
			// address of a field, &dn.B2.
			return expr{code: jen.Op("&").Id(name), prec: precUnary}, nil
		}
		return operand(jen.Id(name)), nil
	}
	if e.plan.form[v] != formInline {
		return expr{}, fmt.Errorf("%s is read but has no name", describe(v))
	}
	return e.define(v)
}

// define returns the expression computing v from its arguments.
func (e *funcEmitter) define(v *ir.Value) (expr, error) {
	switch {
	case v.Op == ir.OpConst:
		return literal(v), nil
	case v.Op == ir.OpCopy, v.Op == ir.OpPartials:
		return e.ref(v.Args[0])
	case v.Op.IsBinaryArith():
		return e.binary(v)
	case v.Op == ir.OpNeg:
		return e.neg(v)
	case v.Op == ir.OpConvert:
		return e.convert(v)
	case v.Op == ir.OpCall:
		return e.call(v)
	case v.Op == ir.OpMin || v.Op == ir.OpMax:
		return e.minMax(v)
	case v.Op.IsCompare():
		return e.compare(v)
	case v.Op == ir.OpAnd || v.Op == ir.OpOr:
		return e.logic(v)
	case v.Op == ir.OpNot:
		return e.not(v)
	case v.Op == ir.OpGet:
		return operand(jen.Id(e.vars[v.Aux.(*ir.Var)].name)), nil
	case v.Op == ir.OpAddr:
		return expr{code: jen.Op("&").Id(e.vars[v.Aux.(*ir.Var)].name), prec: precUnary}, nil
	}
	return e.defineMore(v)
}

// defineMore returns the expressions of memory, the tape and calls with
// effects.
func (e *funcEmitter) defineMore(v *ir.Value) (expr, error) {
	switch v.Op {
	case ir.OpLoad:
		return e.load(v)
	case ir.OpLen, ir.OpCap:
		return e.length(v)
	case ir.OpIsNil:
		return e.isNil(v)
	case ir.OpMake:
		return e.makeSlice(v)
	case ir.OpSliceLit:
		return e.sliceLit(v)
	case ir.OpSubslice:
		return e.subslice(v)
	case ir.OpCopySlice:
		return e.copyCall(v)
	case ir.OpTapeLoad:
		return e.tapeLoad(v)
	case ir.OpTapeCalls:
		return e.tapeCalls(v)
	case ir.OpTapeEntry:
		return e.tapeEntry(v)
	case ir.OpTapeSlot:
		return e.siteRef(v) // a stack's slot is declared: see tapeSlot
	case ir.OpInvoke:
		return e.invokeCall(v)
	}
	return expr{}, fmt.Errorf("%v is not an expression", v.Op)
}

// args returns the expressions of v's arguments. It refuses an operation
// whose operands are all literals: Go would compute it at compile time with
// exact arithmetic, not with the machine arithmetic the IR means.
func (e *funcEmitter) args(v *ir.Value) ([]expr, error) {
	xs := make([]expr, len(v.Args))
	allConst := true
	for i, a := range v.Args {
		x, err := e.ref(a)
		if err != nil {
			return nil, err
		}
		xs[i] = x
		allConst = allConst && x.konst != nil
	}
	if allConst {
		return nil, errors.New("operation on constants only (the IR should have folded it)")
	}
	return xs, nil
}

var binaryOps = map[ir.Op]string{
	ir.OpAdd: "+", ir.OpSub: "-", ir.OpMul: "*", ir.OpDiv: "/", ir.OpRem: "%",
	ir.OpLt: "<", ir.OpLe: "<=", ir.OpGt: ">", ir.OpGe: ">=", ir.OpEq: "==", ir.OpNe: "!=",
}

// binary returns x op y for an arithmetic op.
func (e *funcEmitter) binary(v *ir.Value) (expr, error) {
	xs, err := e.args(v)
	if err != nil {
		return expr{}, err
	}
	if (v.Op == ir.OpDiv || v.Op == ir.OpRem) && isIntegerZero(xs[1]) {
		return expr{}, errors.New("integer division by a constant zero, which Go rejects")
	}
	prec := precAdd
	if v.Op == ir.OpMul || v.Op == ir.OpDiv || v.Op == ir.OpRem {
		prec = precMul
	}
	return infix(binaryOps[v.Op], prec, xs[0], xs[1]), nil
}

// compare returns the comparison x op y. A literal on the left moves to the
// right, with the operator mirrored (0 < z is written z > 0): comparisons
// have no rounding, so this is exact, NaN included.
func (e *funcEmitter) compare(v *ir.Value) (expr, error) {
	xs, err := e.args(v)
	if err != nil {
		return expr{}, err
	}
	op, x, y := v.Op, xs[0], xs[1]
	if x.konst != nil && y.konst == nil {
		op, x, y = mirror[op], y, x
	}
	return infix(binaryOps[op], precCompare, x, y), nil
}

// mirror maps a comparison to the one that holds with operands swapped.
var mirror = map[ir.Op]ir.Op{
	ir.OpLt: ir.OpGt, ir.OpGt: ir.OpLt,
	ir.OpLe: ir.OpGe, ir.OpGe: ir.OpLe,
	ir.OpEq: ir.OpEq, ir.OpNe: ir.OpNe,
}

// infix joins two operands, parenthesizing exactly what Go's left-to-right
// grouping would otherwise regroup: an operand binding more loosely, and a
// right operand binding equally ((a-b)-c is a - b - c, a-(b-c) keeps its
// parentheses). A negated right operand of + or - is parenthesized too, to
// read x - (-y) rather than x - -y; comparisons of comparisons likewise.
func infix(op string, prec int, x, y expr) expr {
	if x.prec < prec || (prec == precCompare && x.prec == precCompare) {
		x = paren(x)
	}
	if y.prec <= prec || (y.minus && (op == "+" || op == "-")) {
		y = paren(y)
	}
	return expr{code: jen.Add(x.code).Op(op).Add(y.code), prec: prec, minus: x.minus}
}

// logic returns x && y or x || y.
func (e *funcEmitter) logic(v *ir.Value) (expr, error) {
	xs, err := e.args(v)
	if err != nil {
		return expr{}, err
	}
	if v.Op == ir.OpAnd {
		return infix("&&", precAnd, xs[0], xs[1]), nil
	}
	return infix("||", precOr, xs[0], xs[1]), nil
}

// not returns !x.
func (e *funcEmitter) not(v *ir.Value) (expr, error) {
	xs, err := e.args(v)
	if err != nil {
		return expr{}, err
	}
	x := xs[0]
	if x.prec < precUnary {
		x = paren(x)
	}
	return expr{code: jen.Op("!").Add(x.code), prec: precUnary}, nil
}

// neg returns -x. A negation of a negation keeps its parentheses, -(-x):
// Go would read --x as a decrement.
func (e *funcEmitter) neg(v *ir.Value) (expr, error) {
	xs, err := e.args(v)
	if err != nil {
		return expr{}, err
	}
	x := xs[0]
	if x.prec < precUnary || x.minus {
		x = paren(x)
	}
	return expr{code: jen.Op("-").Add(x.code), prec: precUnary, minus: true}, nil
}

// convert returns T(x).
func (e *funcEmitter) convert(v *ir.Value) (expr, error) {
	xs, err := e.args(v)
	if err != nil {
		return expr{}, err
	}
	return operand(jen.Id(v.Type.String()).Call(xs[0].code)), nil
}

// minMax returns min(x, y) or max(x, y), the builtins.
func (e *funcEmitter) minMax(v *ir.Value) (expr, error) {
	xs, err := e.args(v)
	if err != nil {
		return expr{}, err
	}
	return operand(jen.Id(v.Op.String()).Call(xs[0].code, xs[1].code)), nil
}

// call returns f(args). Literal arguments are fine here: a call is
// evaluated at run time, whatever its arguments.
func (e *funcEmitter) call(v *ir.Value) (expr, error) {
	args := make([]jen.Code, len(v.Args))
	for i, a := range v.Args {
		x, err := e.ref(a)
		if err != nil {
			return expr{}, err
		}
		args[i] = x.code
	}
	return operand(callee(v.Aux.(ir.Callee)).Call(args...)), nil
}
