package parse

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/rules"
)

// exprs builds each expression, all of them even if one fails, so that
// each one's problems are reported.
func (fb *funcBuilder) exprs(es []ast.Expr) ([]*ir.Value, bool) {
	vals := make([]*ir.Value, len(es))
	ok := true
	for i, e := range es {
		v, okE := fb.expr(e)
		vals[i] = v
		ok = ok && okE
	}
	return vals, ok
}

// expr builds the value of e. It returns false if e cannot be built, which
// it reports unless the cause is reported already.
func (fb *funcBuilder) expr(e ast.Expr) (*ir.Value, bool) {
	// The type checker has folded every constant expression, literals,
	// named constants and math.Pi included, and recorded its final type.
	tv := fb.info.Types[e]
	if tv.Value != nil {
		return fb.constant(e, tv)
	}
	if tv.Type == nil || tv.Type == types.Typ[types.Invalid] {
		if id := nameOf(e); id != nil && fb.info.ObjectOf(id) != nil && fb.info.ObjectOf(id).Type() == types.Typ[types.Invalid] {
			return fb.invalid(id)
		}
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return fb.expr(e.X)
	case *ast.Ident:
		return fb.ident(e)
	case *ast.BinaryExpr:
		return fb.binary(e)
	case *ast.UnaryExpr:
		return fb.unary(e)
	case *ast.CallExpr:
		return fb.call(e)
	case *ast.SelectorExpr:
		return fb.selector(e)
	case *ast.IndexExpr:
		return fb.indexExpr(e)
	case *ast.SliceExpr:
		return fb.sliceExpr(e)
	case *ast.CompositeLit:
		return fb.compositeLit(e)
	}
	return fb.fail(e.Pos(), "%s", unsupportedExpr(e))
}

// invalid reports an expression the type checker could not type, although
// no error lies in the function: it names something whose declaration
// elsewhere does not type-check (godiff leaves errors outside annotated
// functions to the compiler, see loadDir).
func (fb *funcBuilder) invalid(id *ast.Ident) (*ir.Value, bool) {
	return fb.fail(id.Pos(), "%s has no valid type: its declaration at %s does not type-check; fix that first",
		id.Name, fb.position(fb.info.ObjectOf(id).Pos()))
}

// nameOf returns the identifier an expression names (x, or Sel in pkg.Sel),
// or nil.
func nameOf(e ast.Expr) *ast.Ident {
	switch x := e.(type) {
	case *ast.Ident:
		return x
	case *ast.SelectorExpr:
		return x.Sel
	}
	return nil
}

// fail reports a problem at pos and fails the expression.
func (fb *funcBuilder) fail(pos token.Pos, format string, args ...any) (*ir.Value, bool) {
	fb.errorf(pos, format, args...)
	return nil, false
}

// silent fails an expression whose problem is reported already.
func (fb *funcBuilder) silent() (*ir.Value, bool) {
	fb.failed = true
	return nil, false
}

// constant builds the constant value of e.
func (fb *funcBuilder) constant(e ast.Expr, tv types.TypeAndValue) (*ir.Value, bool) {
	t, ok := basicOf(tv.Type)
	if !ok {
		return fb.fail(e.Pos(), "constant %s has type %s, which is not supported in a differentiated function",
			types.ExprString(e), fb.typeString(tv.Type))
	}
	return fb.b.Const(t, constValue(t, tv.Value)), true
}

// ident builds the current value of a parameter or local variable: its
// value, or a fresh read of its ir.Var (never reused across statements:
// a set in between changes it).
func (fb *funcBuilder) ident(id *ast.Ident) (*ir.Value, bool) {
	switch obj := fb.info.Uses[id].(type) {
	case *types.Var:
		if pv := fb.calls.vars[obj]; pv != nil {
			if _, local := localType(obj.Type()); local {
				return fb.pkgValue(obj, pv)
			}
		}
		if isPackageLevel(obj) {
			return fb.fail(id.Pos(), "%s reads package variable %s; pass it as a parameter", fb.name, id.Name)
		}
		if slot, ok := fb.slots[obj]; ok {
			return fb.b.Get(slot), true
		}
		if fb.moving[obj] != nil {
			return fb.movingRead(id, obj)
		}
		if _, isStruct := fb.fields[obj]; isStruct {
			return fb.wholeStruct(id, obj)
		}
		v, ok := fb.env[obj]
		if !ok {
			// Its declaration failed, and was reported.
			return fb.silent()
		}
		if _, opaque := v.Type.(ir.Opaque); opaque {
			return fb.fail(id.Pos(), "%s has type %s", id.Name, fb.unsupportedType(obj.Type()))
		}
		return v, true
	case *types.Func:
		return fb.fail(id.Pos(), "using the function %s as a value is not supported in a differentiated function", id.Name)
	case *types.Nil:
		return fb.fail(id.Pos(), "nil is not supported in a differentiated function: godiff computes with numbers only")
	}
	return fb.fail(id.Pos(), "%s is not supported in a differentiated function", id.Name)
}

// arithOps maps Go's arithmetic operators to IR operations.
var arithOps = map[token.Token]ir.Op{
	token.ADD: ir.OpAdd,
	token.SUB: ir.OpSub,
	token.MUL: ir.OpMul,
	token.QUO: ir.OpDiv,
	token.REM: ir.OpRem,
}

// binary builds a binary expression: arithmetic, a comparison, or && and
// ||.
func (fb *funcBuilder) binary(e *ast.BinaryExpr) (*ir.Value, bool) {
	switch e.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		return fb.compare(e)
	case token.LAND, token.LOR:
		return fb.logic(e)
	}
	if !fb.checkArith(e.Pos(), e.Op, e.X) {
		return nil, false
	}
	vx, okX := fb.expr(e.X)
	vy, okY := fb.expr(e.Y)
	if !okX || !okY {
		return nil, false
	}
	return fb.b.Binary(arithOps[e.Op], vx, vy), true
}

// checkArith reports, for a binary expression at pos or an assignment x
// op= y, an operator that is not arithmetic or that concatenates strings.
func (fb *funcBuilder) checkArith(pos token.Pos, op token.Token, x ast.Expr) bool {
	if _, ok := arithOps[op]; !ok {
		fb.errorf(pos, "%s", unsupportedOperator(op))
		return false
	}
	if op == token.ADD && isString(fb.info.TypeOf(x)) {
		fb.errorf(pos, "string concatenation is not supported in a differentiated function: godiff computes with numbers only")
		return false
	}
	return true
}

// isString reports whether t's underlying type is a string type.
func isString(t types.Type) bool {
	b, ok := underlying(t).(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// unsupportedOperator explains why the binary operator op is outside the
// subset.
func unsupportedOperator(op token.Token) string {
	switch op {
	case token.SHL, token.SHR:
		return "shifts are not supported in a differentiated function: they have no derivative"
	}
	return "the bitwise operator " + op.String() + " is not supported in a differentiated function: it has no derivative"
}

// unary builds -x, +x and !x.
func (fb *funcBuilder) unary(e *ast.UnaryExpr) (*ir.Value, bool) {
	switch e.Op {
	case token.SUB, token.ADD:
		x, ok := fb.expr(e.X)
		if !ok || e.Op == token.ADD {
			return x, ok
		}
		return fb.b.Neg(x), true
	case token.NOT:
		x, ok := fb.expr(e.X)
		if !ok {
			return nil, false
		}
		return fb.b.Not(x), true
	case token.XOR:
		return fb.fail(e.Pos(), "the bitwise operator ^ is not supported in a differentiated function: it has no derivative")
	case token.AND:
		return fb.fail(e.Pos(), "taking an address is not supported in a differentiated function: godiff computes with numbers only")
	case token.ARROW:
		return fb.fail(e.Pos(), "channel receives are not supported in a differentiated function: it must be a pure computation on numbers")
	}
	return fb.fail(e.Pos(), "the operator %s is not supported in a differentiated function", e.Op)
}

// call builds a conversion, a call of a builtin, or a call of a function:
// one of package math's that has a derivative rule, or any other (see
// userCall).
func (fb *funcBuilder) call(e *ast.CallExpr) (*ir.Value, bool) {
	fun := ast.Unparen(e.Fun)
	tv := fb.info.Types[fun]
	switch {
	case tv.IsType():
		return fb.conversion(e, tv.Type)
	case tv.IsBuiltin():
		return fb.builtin(e, types.ExprString(fun))
	}
	fn, recv := fb.calledFunc(fun)
	switch {
	case fn == nil:
		return fb.fail(e.Pos(), "calls of function values and of methods of other types than the package's structs (here %s) are not supported in a differentiated function", types.ExprString(fun))
	case fb.calls.rules[fn] == nil && fn.Pkg().Path() == "math" && rules.Math(fn.Name()):
		return fb.mathCall(e, fn)
	}
	return fb.userCall(e, fn, recv)
}

// unsupportedBuiltin explains why a call of the builtin name is outside
// the subset.
func unsupportedBuiltin(name string) string {
	switch name {
	case "append":
		return "append is supported only as s = append(s, v, ...) onto a slice the function makes with the capacity its appends need (s := make([]float64, 0, n)); otherwise allocate the slice with make and assign its elements by index"
	case "copy":
		return "copy inside a larger expression is not supported: Go leaves unspecified when it writes; call copy in a statement of its own (n := copy(dst, src))"
	}
	return "the builtin " + name + " is not supported in a differentiated function"
}

// conversion builds T(x) for a numeric type T.
func (fb *funcBuilder) conversion(e *ast.CallExpr, to types.Type) (*ir.Value, bool) {
	t, ok := basicOf(to)
	if !ok || !ir.IsNumeric(t) {
		return fb.fail(e.Pos(), "conversion to %s is not supported in a differentiated function yet: godiff computes with float64, float32 and integer types",
			fb.typeString(to))
	}
	x, ok := fb.expr(e.Args[0]) // a conversion has one argument
	switch {
	case !ok:
		return nil, false
	case x.Type == t:
		// float64(y) of a float64 y is y: no operation in the source's
		// computation.
		return x, true
	case !ir.IsNumeric(x.Type):
		return fb.fail(e.Args[0].Pos(), "conversion from %s is not supported in a differentiated function", x.Type)
	}
	return fb.b.Convert(x, t), true
}

// mathCall builds a call of fn, a function of package math with a
// derivative rule.
func (fb *funcBuilder) mathCall(e *ast.CallExpr, fn *types.Func) (*ir.Value, bool) {
	args, ok := fb.exprs(e.Args)
	if !ok {
		return nil, false
	}
	if msg := fb.helperTaken(fn); msg != "" {
		return fb.fail(e.Pos(), "%s", msg)
	}
	return fb.b.Call(ir.Callee{Path: "math", Name: fn.Name(), Pos: fb.position(e.Pos())}, ir.Float64, args...), true
}

// selector reports a selector that is not a constant: a field, a method
// value, or another package's variable or function.
func (fb *funcBuilder) selector(e *ast.SelectorExpr) (*ir.Value, bool) {
	if v, ok, isField := fb.field(e); isField {
		return v, ok
	}
	name := types.ExprString(e)
	if sel, ok := fb.info.Selections[e]; ok {
		if sel.Kind() == types.FieldVal {
			return fb.fail(e.Pos(), "field selection %s is not supported yet in a differentiated function: pass the field as a parameter", name)
		}
		return fb.fail(e.Pos(), "method value %s is not supported in a differentiated function", name)
	}
	switch fb.info.Uses[e.Sel].(type) {
	case *types.Var:
		return fb.fail(e.Pos(), "%s reads package variable %s; pass it as a parameter", fb.name, name)
	case *types.Func:
		return fb.fail(e.Pos(), "using the function %s as a value is not supported in a differentiated function", name)
	}
	return fb.fail(e.Pos(), "%s is not supported in a differentiated function", name)
}

// unsupportedExpr explains why expression e is outside the subset.
func unsupportedExpr(e ast.Expr) string {
	const numbers = "godiff computes with numbers only"
	switch e.(type) {
	case *ast.IndexListExpr:
		return "instantiating a generic function is not supported in a differentiated function"
	case *ast.FuncLit:
		return "function literals are not supported in a differentiated function yet; write the computation inline"
	case *ast.TypeAssertExpr:
		return "type assertions are not supported in a differentiated function: " + numbers
	case *ast.StarExpr:
		return "pointer dereferences are not supported in a differentiated function: pass the value as a parameter"
	case *ast.UnaryExpr:
		// unary reports the others; this one is reached from a statement <-c.
		return "channel receives are not supported in a differentiated function: it must be a pure computation on numbers"
	}
	return "this expression is not supported in a differentiated function"
}
