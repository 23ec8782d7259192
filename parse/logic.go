package parse

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/godiff/godiff/ir"
)

// compareOps maps Go's comparison operators to IR operations.
var compareOps = map[token.Token]ir.Op{
	token.EQL: ir.OpEq,
	token.NEQ: ir.OpNe,
	token.LSS: ir.OpLt,
	token.LEQ: ir.OpLe,
	token.GTR: ir.OpGt,
	token.GEQ: ir.OpGe,
}

// compare builds a comparison of two numbers or two bools.
func (fb *funcBuilder) compare(e *ast.BinaryExpr) (*ir.Value, bool) {
	if v, ok, isNil := fb.nilCheck(e); isNil {
		return v, ok
	}
	if st := plainStruct(fb.info.TypeOf(e.X)); st != nil {
		return fb.structCompare(e, st)
	}
	x, okX := fb.expr(e.X)
	y, okY := fb.expr(e.Y)
	if !okX || !okY {
		return nil, false
	}
	return fb.comparison(e.Pos(), compareOps[e.Op], x, y)
}

// nilCheck builds s == nil and s != nil for a slice s (if w != nil, with
// an optional weights parameter), reporting whether e is one.
func (fb *funcBuilder) nilCheck(e *ast.BinaryExpr) (v *ir.Value, ok, isNil bool) {
	x, y := e.X, e.Y
	if fb.info.Types[x].IsNil() {
		x, y = y, x
	}
	if !fb.info.Types[y].IsNil() {
		return nil, false, false
	}
	if _, isSlice := underlying(fb.info.TypeOf(x)).(*types.Slice); !isSlice {
		v, ok = fb.fail(e.Pos(), "comparing %s with nil is not supported in a differentiated function: only a slice may be compared with nil", types.ExprString(x))
		return v, ok, true
	}
	if id, isID := ast.Unparen(x).(*ast.Ident); isID && fb.moving[fb.info.Uses[id].(*types.Var)] != nil {
		// Its window of its base is never nil, where Go's variable is
		// before it is first given a value.
		v, ok = fb.fail(e.Pos(), "comparing %s with nil is not supported: %s moves, and godiff keeps it as a window of the slice it moves in; test len(%s) == 0 instead", id.Name, id.Name, id.Name)
		return v, ok, true
	}
	s, ok := fb.expr(x)
	if !ok {
		return nil, false, true
	}
	v = fb.b.IsNil(s)
	if e.Op == token.NEQ {
		v = fb.b.Not(v)
	}
	return v, true, true
}

// comparison builds x op y, for a comparison at pos.
func (fb *funcBuilder) comparison(pos token.Pos, op ir.Op, x, y *ir.Value) (*ir.Value, bool) {
	if _, basic := x.Type.(ir.Basic); !basic {
		return fb.fail(pos, "comparing values of type %s is not supported in a differentiated function; compare their elements", x.Type)
	}
	if x.Type != y.Type {
		// The type checker converts untyped operands; this is a guard.
		return fb.fail(pos, "comparing a %s with a %s is not supported; convert one of them", x.Type, y.Type)
	}
	return fb.b.Compare(op, x, y), true
}

// logic builds x && y and x || y.
func (fb *funcBuilder) logic(e *ast.BinaryExpr) (*ir.Value, bool) {
	op := ir.OpAnd
	if e.Op == token.LOR {
		op = ir.OpOr
	}
	x, ok := fb.expr(e.X)
	if !ok {
		fb.expr(e.Y) // for its problems
		return nil, false
	}
	return fb.shortCircuit(op, x, func() (*ir.Value, bool) { return fb.expr(e.Y) }, fb.mayPanic(e.Y))
}

// shortCircuit builds x && y (op and) or x || y (op or), y being built by
// buildY. The IR's and and or take two computed values, but Go computes y
// only when x does not decide the result, which matters when y may panic:
// i < len(s) && s[i] > 0 must not read s[i] when i is out of range. Such
// a y is built in an if, into a variable holding the result:
//
//	decl cond %x
//	if %x { ... set cond %y }       (or: if not %x, for ||)
//	%r = get cond
func (fb *funcBuilder) shortCircuit(op ir.Op, x *ir.Value, buildY func() (*ir.Value, bool), lazy bool) (*ir.Value, bool) {
	if x.IsConst() {
		// A constant x (const debug = true; debug || ...) decides now:
		// Go computes y never (true || y) or always (false || y).
		if x.Aux.(bool) == (op == ir.OpOr) {
			return x, true
		}
		return buildY()
	}
	if !lazy {
		y, ok := buildY()
		if !ok {
			return nil, false
		}
		return fb.b.Logic(op, x, y), true
	}
	slot := &ir.Var{Name: "cond", Type: ir.Bool}
	fb.b.Declare(slot, x)
	test := x
	if op == ir.OpOr {
		test = fb.b.Not(x)
	}
	branch := fb.b.If(test)
	ok := true
	fb.b.In(branch.Blocks[0], func() {
		var y *ir.Value
		if y, ok = buildY(); ok {
			fb.b.Set(slot, y)
		}
	})
	if !ok {
		return nil, false
	}
	return fb.b.Get(slot), true
}

// mayPanic reports whether computing e may panic or write memory: it
// indexes or slices (out of range), divides integers by a value that may
// be zero, or calls anything but a conversion, a builtin that only reads
// (len, cap, min, max) or a function of package math. Such an operand of &&
// and || is computed only when Go would compute it: a call of a function
// that writes its slice (x > 1 && h(xs) > 0) must not write it when x <= 1,
// and the user's function may panic as well.
func (fb *funcBuilder) mayPanic(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			// Stop at the first finding: a later sibling must not clear it.
			return false
		}
		if x, ok := n.(ast.Expr); ok && fb.info.Types[x].Value != nil {
			return false // a constant: computed by the type checker
		}
		switch n := n.(type) {
		case *ast.IndexExpr, *ast.SliceExpr:
			found = true
		case *ast.CallExpr:
			found = !fb.readOnlyCall(n)
		case *ast.BinaryExpr:
			found = (n.Op == token.QUO || n.Op == token.REM) && isInteger(fb.info.TypeOf(n)) && fb.info.Types[n.Y].Value == nil
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}

// readOnlyBuiltins are the builtins that neither panic nor write memory.
var readOnlyBuiltins = map[string]bool{"len": true, "cap": true, "min": true, "max": true, "real": true, "imag": true, "complex": true}

// readOnlyCall reports whether call neither panics nor writes memory
// itself (its arguments are inspected on their own): a conversion between
// numbers, a builtin of readOnlyBuiltins, or a function of package math.
func (fb *funcBuilder) readOnlyCall(call *ast.CallExpr) bool {
	fun := ast.Unparen(call.Fun)
	if tv := fb.info.Types[fun]; tv.IsType() {
		return true
	}
	var id *ast.Ident
	switch f := fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	}
	switch obj := fb.info.Uses[id].(type) {
	case *types.Builtin:
		return readOnlyBuiltins[obj.Name()]
	case *types.Func:
		return obj.Pkg() != nil && obj.Pkg().Path() == "math" && obj.Signature().Recv() == nil
	}
	return false
}

// isInteger reports whether t's underlying type is an integer type.
func isInteger(t types.Type) bool {
	b, ok := underlying(t).(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}
