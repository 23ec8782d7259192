package parse

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/godiff/godiff/ir"
)

// A function or method returning a struct (r3.Add(p, q) Vec, a method
// Normal.Shifted(d) Normal) is built, as a callee, as a function of
// several results: its struct's leaves, in structLeaves order. A return
// statement returns the leaves of its struct value (structValue), and a
// call of it (structCall) is an invoke whose extracts are the leaves of
// the struct it gives: a local struct's declaration or assignment, an
// argument, a receiver. Such a function is differentiated through its JVP,
// as any function of several results, and always called through its twin,
// the copy taking and returning numbers, since the generated code holds a
// struct only as its fields.

// structResult returns the struct type of one of sig's results, the
// first, if one is a struct (not a pointer to one): its calls go through
// its twin, and are differentiated through its JVP.
func structResult(sig *types.Signature) *types.Struct {
	for i := range sig.Results().Len() {
		if st := plainStruct(sig.Results().At(i).Type()); st != nil {
			return st
		}
	}
	return nil
}

// calleeResults returns the IR results of a callee of signature sig: a
// struct's leaves in place of each struct result, the others as an
// annotated function has them.
func (c *checker) calleeResults(sig *types.Signature) []ir.Result {
	var out []ir.Result
	for i := range sig.Results().Len() {
		v := sig.Results().At(i)
		st := plainStruct(v.Type())
		if st == nil {
			out = append(out, c.results(types.NewSignatureType(nil, nil, nil, nil, types.NewTuple(v), false))...)
			continue
		}
		for _, l := range c.structLeaves(st, "") {
			// Named after the field (X, ActScale), for the names of the
			// partial derivatives of its calls (dr3AddXDPX).
			out = append(out, ir.Result{Name: strings.ReplaceAll(l.field, ".", ""), Type: l.typ})
		}
	}
	return out
}

// structResultErr explains why a callee of signature sig returning a
// struct cannot be built, or returns "": each of its leaves must be a
// number.
func (c *checker) structResultErr(fn *types.Func, sig *types.Signature) string {
	for i := range sig.Results().Len() {
		if st := plainStruct(sig.Results().At(i).Type()); st != nil {
			if _, msg := c.leafTypes(fn.Name(), st); msg != "" {
				return msg
			}
		}
	}
	return ""
}

// structCall builds call, of a function returning a struct of type st,
// and returns the leaves of the struct it gives, their paths starting
// with prefix.
func (fb *funcBuilder) structCall(call *ast.CallExpr, st *types.Struct, prefix string) (map[string]*ir.Value, bool) {
	fn, recv := fb.calledFunc(ast.Unparen(call.Fun))
	if fn == nil {
		fb.errorf(call.Pos(), "calls of function values and of methods of other types than structs' (here %s) are not supported in a differentiated function", types.ExprString(call.Fun))
		return nil, false
	}
	name := calleeName(fn, fb.calls.pkg)
	results, msg := fb.leafTypes(name, st)
	if msg != "" {
		fb.errorf(call.Pos(), "%s", msg)
		return nil, false
	}
	values, ok := fb.invokeResults(call, fn, recv, name, results)
	if !ok {
		return nil, false
	}
	out := make(map[string]*ir.Value)
	for i, l := range fb.structLeaves(st, "") {
		out[join(prefix, l.field)] = fb.b.Extract(values, i)
	}
	return out, true
}

// returnValues builds the values a return statement returns: each
// expression's, a struct's leaves in its place.
func (fb *funcBuilder) returnValues(exprs []ast.Expr) ([]*ir.Value, bool) {
	var out []*ir.Value
	ok := true
	for _, e := range exprs {
		st := plainStruct(fb.info.TypeOf(e))
		if st == nil {
			x, okX := fb.expr(e)
			out, ok = append(out, x), ok && okX
			continue
		}
		leaves, okL := fb.structValue(e, st, "")
		if !okL {
			ok = false
			continue
		}
		out = append(out, fb.leafValues(st, leaves)...)
	}
	return out, ok
}

// structCompare builds a == b (or a != b) of two structs of type st:
// every pair of leaves equal (or one pair not), left to right, as Go
// compares structs field by field.
func (fb *funcBuilder) structCompare(e *ast.BinaryExpr, st *types.Struct) (*ir.Value, bool) {
	if !fb.numbersOnly(st) {
		return fb.fail(e.Pos(), "comparing structs is supported only where every field is a number or a bool godiff reads (no string, array, slice or unexported field of another package): compare the fields you need")
	}
	x, okX := fb.structValue(e.X, st, "")
	y, okY := fb.structValue(e.Y, st, "")
	if !okX || !okY {
		return nil, false
	}
	op := compareOps[token.NEQ]
	if e.Op == token.EQL {
		op = compareOps[token.EQL]
	}
	var out *ir.Value
	for _, l := range fb.structLeaves(st, "") {
		c, ok := fb.comparison(e.Pos(), op, x[l.field], y[l.field])
		if !ok {
			return nil, false
		}
		switch {
		case out == nil:
			out = c
		case e.Op == token.EQL:
			out = fb.b.Logic(ir.OpAnd, out, c)
		default:
			out = fb.b.Logic(ir.OpOr, out, c)
		}
	}
	if out == nil {
		return fb.b.Const(ir.Bool, e.Op == token.EQL), true
	}
	return out, true
}

// numbersOnly reports whether every field of st, through the structs
// inside it, is a number or a bool godiff reads: a struct its leaves hold
// whole.
func (c *checker) numbersOnly(st *types.Struct) bool {
	for i := range st.NumFields() {
		f := st.Field(i)
		if f.Name() == "_" {
			return false
		}
		if inner, ok := types.Unalias(f.Type()).Underlying().(*types.Struct); ok {
			if !c.numbersOnly(inner) {
				return false
			}
			continue
		}
		if _, basic := basicOf(f.Type()); !basic {
			return false
		}
	}
	return true
}

// leafTypes returns the types of the leaves of a struct of type st that
// the function name returns, or why it cannot: a struct result must hold
// numbers only.
func (c *checker) leafTypes(name string, st *types.Struct) (ir.Tuple, string) {
	var ts ir.Tuple
	for _, l := range c.structLeaves(st, "") {
		t, ok := l.typ.(ir.Basic)
		if !ok {
			return nil, name + " returns a struct whose field " + l.field + " is not a number; godiff follows a struct result of numbers only: return the numbers, or pass a slice to write into"
		}
		ts = append(ts, t)
	}
	return ts, ""
}

// leafValues returns the values of leaves, a struct of type st's, in
// structLeaves order: the arguments or results that stand for it.
func (fb *funcBuilder) leafValues(st *types.Struct, leaves map[string]*ir.Value) []*ir.Value {
	var out []*ir.Value
	for _, l := range fb.structLeaves(st, "") {
		out = append(out, leaves[l.field])
	}
	return out
}

// structTarget reports whether lhs, assigned a struct among a call's
// results (t, q := split(q)), is one godiff can assign: the blank
// identifier or a local struct variable.
func (fb *funcBuilder) structTarget(lhs ast.Expr) bool {
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if ok && id.Name == "_" {
		return true
	}
	if ok {
		v, _ := fb.info.ObjectOf(id).(*types.Var)
		if _, local := fb.localStructType(v); local {
			return true
		}
	}
	fb.errorf(lhs.Pos(), "assigning a struct result to %s is not supported: assign it to a local variable", types.ExprString(lhs))
	return false
}

// setStructResult assigns lhs (see structTarget) the struct of type st
// whose leaves are the values of the tuple from index at.
func (fb *funcBuilder) setStructResult(lhs ast.Expr, st *types.Struct, tuple *ir.Value, at int) {
	id := ast.Unparen(lhs).(*ast.Ident)
	if id.Name == "_" {
		return
	}
	leaves := make(map[string]*ir.Value)
	for k, l := range fb.structLeaves(st, "") {
		leaves[l.field] = fb.b.Extract(tuple, at+k)
	}
	fb.setStruct(id, fb.info.ObjectOf(id).(*types.Var), fb.info.Defs[id] != nil, st, leaves)
}
