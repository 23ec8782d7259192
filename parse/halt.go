package parse

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strconv"
	"strings"

	"github.com/godiff/godiff/ir"
)

// haltFuncs are the functions of other packages that end the run, by
// package path: log.Fatal and log.Panic and their f and ln forms, os.Exit.
var haltFuncs = map[string]map[string]bool{
	"log": {"Fatal": true, "Fatalf": true, "Fatalln": true, "Panic": true, "Panicf": true, "Panicln": true},
	"os":  {"Exit": true},
}

// isHalt reports whether call ends the run: a call of the builtin panic or
// of one of haltFuncs.
func (fb *funcBuilder) isHalt(call *ast.CallExpr) bool {
	if fb.isBuiltin(call, "panic") {
		return true
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	fn, ok := fb.info.Uses[sel.Sel].(*types.Func)
	return ok && fn.Pkg() != nil && fn.Signature().Recv() == nil && haltFuncs[fn.Pkg().Path()][fn.Name()]
}

// halt builds a statement that ends the run, a guard's panic("x must have
// length 2"): it is kept as written, with no derivative (see ir.Halt).
func (fb *funcBuilder) halt(call *ast.CallExpr) {
	var args []*ir.Value
	e, ok := fb.haltExpr(call, call, &args)
	if !ok {
		return
	}
	fb.b.Halt(&ir.Halt{Call: e}, args...)
}

// haltExpr builds e, an expression inside the statement top that ends the
// run, adding the values of the function it reads to args.
func (fb *funcBuilder) haltExpr(top *ast.CallExpr, e ast.Expr, args *[]*ir.Value) (ir.HaltExpr, bool) {
	e = ast.Unparen(e)
	tv := fb.info.Types[e]
	if name, ok := fb.haltName(e); ok {
		return name, true
	}
	switch {
	case tv.Value != nil:
		if lit, ok := constLit(tv); ok {
			return ir.HaltExpr{Kind: ir.HaltLit, Lit: lit}, true
		}
	case tv.IsNil():
		return ir.HaltExpr{Kind: ir.HaltLit, Lit: "nil"}, true
	}
	if call, ok := e.(*ast.CallExpr); ok && !fb.valueOfFunction(tv.Type) {
		return fb.haltCall(top, call, args)
	}
	if fb.valueOfFunction(tv.Type) {
		x, ok := fb.expr(e)
		if !ok {
			return ir.HaltExpr{}, false
		}
		*args = append(*args, x)
		return ir.HaltExpr{Kind: ir.HaltArg, Arg: len(*args) - 1}, true
	}
	what := types.ExprString(e)
	if _, lit := e.(*ast.FuncLit); lit {
		what = "a function literal"
	}
	fb.errorf(e.Pos(), "%s in %s is not supported: a statement that ends the run may pass constants, package-level names, the function's numbers and slices, and calls of functions of those (fmt.Sprintf, errors.New)",
		what, types.ExprString(top.Fun))
	return ir.HaltExpr{}, false
}

// valueOfFunction reports whether a value of type t is one the function
// computes with: a number, a bool or a slice.
func (fb *funcBuilder) valueOfFunction(t types.Type) bool {
	if t == nil {
		return false
	}
	if _, ok := basicOf(t); ok {
		return true
	}
	lt, ok := localType(t)
	_, isSlice := lt.(ir.Slice)
	return ok && isSlice
}

// haltCall builds a call inside a statement that ends the run: the
// statement's own call (panic, os.Exit), or a call of a function that
// computes its message, a function of no receiver.
func (fb *funcBuilder) haltCall(top, call *ast.CallExpr, args *[]*ir.Value) (ir.HaltExpr, bool) {
	out := ir.HaltExpr{Kind: ir.HaltCall, Ellipsis: call.Ellipsis.IsValid()}
	fun := ast.Unparen(call.Fun)
	if sel, ok := fun.(*ast.SelectorExpr); ok && fb.info.Selections[sel] != nil {
		fb.errorf(call.Pos(), "the method call %s in %s is not supported: a statement that ends the run may call functions, not methods; compute the message with fmt.Sprintf", types.ExprString(call), types.ExprString(top.Fun))
		return out, false
	}
	switch obj := fb.objectOf(fun).(type) {
	case *types.Builtin:
		if obj.Name() != "panic" || call != top {
			fb.errorf(call.Pos(), "the builtin %s in %s is not supported; compute the value before the statement", obj.Name(), types.ExprString(top.Fun))
			return out, false
		}
		out.Name = "panic"
	case *types.Func:
		if obj.Signature().Recv() != nil {
			fb.errorf(call.Pos(), "the method call %s in %s is not supported: a statement that ends the run may call functions, not methods; compute the message with fmt.Sprintf", types.ExprString(call), types.ExprString(top.Fun))
			return out, false
		}
		out.Name = obj.Name()
		path, ok := fb.namable(obj)
		if !ok {
			fb.unnamable(call.Fun, obj)
			return out, false
		}
		out.Path = path
	default:
		fb.errorf(call.Pos(), "%s in %s is not supported: a statement that ends the run may call functions by name (fmt.Sprintf, errors.New)", types.ExprString(call), types.ExprString(top.Fun))
		return out, false
	}
	ok := true
	for _, a := range call.Args {
		x, okA := fb.haltExpr(top, a, args)
		out.Args = append(out.Args, x)
		ok = ok && okA
	}
	return out, ok
}

// objectOf returns the object an identifier or a qualified identifier
// names, or nil.
func (fb *funcBuilder) objectOf(e ast.Expr) types.Object {
	switch e := e.(type) {
	case *ast.Ident:
		return fb.info.Uses[e]
	case *ast.SelectorExpr:
		if _, isSel := fb.info.Selections[e]; isSel {
			return nil // a field or a method
		}
		return fb.info.Uses[e.Sel]
	}
	return nil
}

// haltName returns e as a package-level name, a constant or a variable
// (panic(errLength), panic(ErrShape), io.EOF), which the generated code,
// in the same package, names as the source does.
func (fb *funcBuilder) haltName(e ast.Expr) (ir.HaltExpr, bool) {
	obj := fb.objectOf(e)
	switch obj.(type) {
	case *types.Const, *types.Var:
	default:
		return ir.HaltExpr{}, false
	}
	if obj.Pkg() == nil || obj.Parent() != obj.Pkg().Scope() {
		return ir.HaltExpr{}, false // a local, or true, false
	}
	path, ok := fb.namable(obj)
	if !ok {
		if _, isConst := obj.(*types.Const); isConst {
			return ir.HaltExpr{}, false // copied as a literal
		}
		fb.unnamable(e, obj)
		return ir.HaltExpr{Kind: ir.HaltLit, Lit: "nil"}, true // reported
	}
	return ir.HaltExpr{Kind: ir.HaltName, Name: obj.Name(), Path: path}, true
}

// unnamable reports e, naming obj, an unexported name of another package
// that the generated code would have to name: it is in the body of a
// function of that package that godiff differentiates.
func (fb *funcBuilder) unnamable(e ast.Expr, obj types.Object) {
	fb.errorf(e.Pos(), "%s names %s, which is unexported in package %s: the generated code, in package %s, cannot name it; write a //godiff:rule for %s.%s if it is a function of numbers (see the README), or write the computation in package %s",
		fb.name, obj.Name(), obj.Pkg().Name(), fb.calls.home.Name(), obj.Pkg().Name(), fb.name, fb.calls.home.Name())
}

// constLit writes a constant as a Go literal of its type: the literal
// alone where it has that type by default ("x", 2, 2.5, true), else
// converted, int64(2); false for a type it has no literal for.
func constLit(tv types.TypeAndValue) (string, bool) {
	b, ok := types.Unalias(tv.Type).(*types.Basic)
	if !ok {
		return "", false // a named type's constant: see haltName
	}
	v := tv.Value
	var lit string
	var def types.BasicKind
	switch v.Kind() {
	case constant.String:
		lit, def = strconv.Quote(constant.StringVal(v)), types.String
	case constant.Bool:
		lit, def = strconv.FormatBool(constant.BoolVal(v)), types.Bool
	case constant.Int:
		lit, def = v.ExactString(), types.Int
	case constant.Float:
		f, _ := constant.Float64Val(v)
		lit, def = strconv.FormatFloat(f, 'g', -1, 64), types.Float64
		if !strings.ContainsAny(lit, ".eIN") {
			lit += ".0"
		}
	default:
		return "", false
	}
	if b.Info()&types.IsUntyped != 0 || b.Kind() == def {
		return lit, true
	}
	return b.Name() + "(" + lit + ")", true
}
