package parse

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/godiff/godiff/ir"
)

// This file accepts gonum's way of writing into a slice: a function that
// writes its output into a parameter and returns that parameter,
//
//	func AddScaledTo(dst, y []float64, alpha float64, s []float64) []float64 {
//		...
//		return dst
//	}
//
// Its result is its parameter dst, so for //godiff:vjp, //godiff:jvp and
// //godiff:jacobian it is the function that writes dst and returns
// nothing: the derivatives take dst's seeds or tangents as for any output
// slice, and do not return dst again. A return of a call of such a
// function passed dst (return f64.CumSum(dst, s)) returns dst too: the
// call is built for what it writes, and the function returns nothing.

// targetReturnedParam is returnedParam for an annotated function: only
// directives that can differentiate an output slice look through its
// result; with //godiff:grad and its kin the function keeps its slice
// result, which they refuse.
func (c *checker) targetReturnedParam(fn *types.Func, fd *ast.FuncDecl, sig *types.Signature, raws []rawDirective) *types.Var {
	for _, d := range raws {
		if d.mode != VJP && d.mode != JVP && d.mode != Jacobian {
			return nil
		}
	}
	return c.returnedParam(fn, fd, sig)
}

// returnedParam returns the slice parameter that fn (declared by fd)
// returns, if its one result is a slice and every return statement of its
// body returns that parameter (returnedBy), which the body never assigns;
// nil otherwise. A call of such a function is differentiated as the call
// of one that writes into its arguments: as a statement, or as the value
// of the argument it returns (returnedArg).
func (c *checker) returnedParam(fn *types.Func, fd *ast.FuncDecl, sig *types.Signature) *types.Var {
	if sig.Results().Len() != 1 || !isSliceType(sig.Results().At(0).Type()) || fd.Body == nil {
		return nil
	}
	if c.calls.returning[fn] {
		return nil // a recursive return: the call returns what fn does
	}
	c.calls.returning[fn] = true
	defer delete(c.calls.returning, fn)
	var p *types.Var
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its returns are its own
		case *ast.ReturnStmt:
			var v *types.Var
			if len(n.Results) == 1 {
				v = c.returnedBy(sig, n.Results[0])
			}
			ok = ok && v != nil && (p == nil || v == p)
			p = v
		}
		return ok
	})
	if !ok || p == nil || assigned(c.info, fd.Body, p) {
		return nil
	}
	return p
}

// returnedBy returns the parameter of sig that expression e, returned
// alone, is: the parameter by name, or a call of a function (not a
// method) that returns the parameter it is passed it for, as gonum's
// floats.CumSum ends with return f64.CumSum(dst, s). nil if e is anything
// else.
func (c *checker) returnedBy(sig *types.Signature, e ast.Expr) *types.Var {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, _ := c.info.Uses[e].(*types.Var); v != nil && isParam(v, sig) {
			return v
		}
	case *ast.CallExpr:
		fn := typeutil.StaticCallee(c.info, e)
		if fn == nil || fn.Signature().Recv() != nil || e.Ellipsis.IsValid() {
			return nil
		}
		r := c.ruleFor(fn)
		if r == nil || !r.ReturnsParam || r.Returned >= len(e.Args) {
			return nil
		}
		return c.returnedBy(sig, e.Args[r.Returned])
	}
	return nil
}

// assigned reports whether body assigns p or takes its address, in it or
// in a function literal inside it.
func assigned(info *types.Info, body *ast.BlockStmt, p *types.Var) bool {
	is := func(e ast.Expr) bool {
		id, isIdent := ast.Unparen(e).(*ast.Ident)
		return isIdent && info.Uses[id] == p
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				found = found || is(l)
			}
		case *ast.RangeStmt:
			found = found || n.Key != nil && is(n.Key) || n.Value != nil && is(n.Value)
		case *ast.UnaryExpr:
			found = found || n.Op == token.AND && is(n.X)
		}
		return !found
	})
	return found
}

// withoutResults returns sig with no results.
func withoutResults(sig *types.Signature) *types.Signature {
	return types.NewSignatureType(sig.Recv(), nil, nil, sig.Params(), types.NewTuple(), sig.Variadic())
}

// returnsParam reports whether calls of fn are differentiated as
// statements though fn returns a slice: the one it writes (see
// ir.CallRule's ReturnsParam).
func (fb *funcBuilder) returnsParam(fn *types.Func) bool {
	res := fn.Signature().Results()
	if res.Len() != 1 || !isSliceType(res.At(0).Type()) {
		return false
	}
	r := fb.ruleFor(fn)
	return r != nil && r.ReturnsParam
}

// returnedArg builds a call e of fn, which returns the slice parameter it
// writes, used as a value (d := floats.SubTo(buf, s, t)): the call of a
// function writing into its arguments, whose value is the argument passed
// for that parameter.
func (fb *funcBuilder) returnedArg(e *ast.CallExpr, fn *types.Func, recv *receiver, name string) (*ir.Value, bool) {
	sig := fn.Signature()
	if recv != nil || len(e.Args) != sig.Params().Len() {
		return fb.fail(e.Pos(), "%s returns the slice it writes; use its result only in a call of a function, not a method, with its arguments written one by one, or call it as a statement", name)
	}
	args, _, ok := fb.callArgs(e, fn, recv, name)
	if !ok {
		return fb.silent()
	}
	r := fb.ruleFor(fn)
	if len(args) != sig.Params().Len() {
		return fb.fail(e.Pos(), "%s returns the slice it writes and takes a struct; call it as a statement and use the slice you pass it", name)
	}
	fb.b.Invoke(fb.callee(e, fn), nil, args...)
	return args[r.Returned], true
}

// paramIndex returns the index of v among sig's parameters, -1 if it is
// none of them.
func paramIndex(sig *types.Signature, v *types.Var) int {
	for i := range sig.Params().Len() {
		if sig.Params().At(i) == v {
			return i
		}
	}
	return -1
}
