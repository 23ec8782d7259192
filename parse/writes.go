package parse

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Which slices a function outside the subset may write.
//
// A call passing a slice that carries a derivative may stay a call (it is
// inactive: sort.Float64sAreSorted(x), an argmax) only if godiff knows the
// callee cannot write into that slice. For a callee whose IR godiff
// builds, the IR says (paramWrites). For one outside the subset (generic,
// using maps, strings...) astWrites reads its syntax instead, following
// the slice through the calls it is passed to, in any package godiff can
// load: a use of the slice that is not a read of an element, len, cap, a
// range over it, a nil test or an argument of a function that does not
// write it counts as a write.

// writeKey names one parameter of one function across the analysis.
type writeKey struct {
	fn *types.Func
	i  int
}

// astWrites returns, for each parameter of fn (declared by fd and read by
// c), whether fn may write into its memory; done memoises the answers and
// holds false for those being worked out (a recursive call adds nothing).
func (c *checker) astWrites(fn *types.Func, fd *ast.FuncDecl, done map[writeKey]bool) []bool {
	params := fn.Signature().Params()
	out := make([]bool, params.Len())
	for i := range out {
		out[i] = c.paramMayWrite(fn, fd, i, done)
	}
	return out
}

// paramMayWrite reports whether fn may write into the memory of its
// parameter i.
func (c *checker) paramMayWrite(fn *types.Func, fd *ast.FuncDecl, i int, done map[writeKey]bool) bool {
	key := writeKey{fn, i}
	if w, ok := done[key]; ok {
		return w
	}
	done[key] = false
	p := fn.Signature().Params().At(i)
	_, slice := p.Type().Underlying().(*types.Slice)
	_, generic := types.Unalias(p.Type()).(*types.TypeParam) // S ~[]E
	if !slice && !generic {
		return false
	}
	w := fd.Body == nil || c.usesMayWrite(fd.Body, p, done)
	done[key] = w
	return w
}

// usesMayWrite reports whether a use of v in body may write into its
// memory.
func (c *checker) usesMayWrite(body *ast.BlockStmt, v *types.Var, done map[writeKey]bool) bool {
	var stack []ast.Node
	writes := false
	ast.Inspect(body, func(n ast.Node) bool {
		if writes {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if id, ok := n.(*ast.Ident); ok && c.info.Uses[id] == v {
			writes = !c.readOnlyUse(id, stack, done)
		}
		stack = append(stack, n)
		return true
	})
	return writes
}

// readOnlyUse reports whether the use id of a slice, under the nodes
// stack (innermost last), only reads it.
func (c *checker) readOnlyUse(id *ast.Ident, stack []ast.Node, done map[writeKey]bool) bool {
	if len(stack) == 0 {
		return false
	}
	parent := stack[len(stack)-1]
	switch p := parent.(type) {
	case *ast.IndexExpr:
		return p.X == id && !written(p, stack[:len(stack)-1])
	case *ast.RangeStmt:
		return p.X == id
	case *ast.BinaryExpr:
		other := p.X
		if other == id {
			other = p.Y
		}
		return (p.Op == token.EQL || p.Op == token.NEQ) && c.info.Types[other].IsNil()
	case *ast.CallExpr:
		return c.readOnlyArg(p, id, done)
	}
	return false
}

// written reports whether the element x, under stack, is assigned,
// incremented or has its address taken.
func written(x ast.Expr, stack []ast.Node) bool {
	if len(stack) == 0 {
		return false
	}
	switch p := stack[len(stack)-1].(type) {
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == x {
				return true
			}
		}
	case *ast.IncDecStmt:
		return p.X == x
	case *ast.UnaryExpr:
		return p.Op == token.AND
	case *ast.RangeStmt:
		return p.Key == x || p.Value == x
	}
	return false
}

// readOnlyArg reports whether call only reads its argument id: len or cap
// of it, copy from it, or a function that does not write its parameter.
func (c *checker) readOnlyArg(call *ast.CallExpr, id *ast.Ident, done map[writeKey]bool) bool {
	k := -1
	for i, a := range call.Args {
		if a == id {
			k = i
		}
	}
	if k < 0 {
		return false // the function called, or a method's receiver
	}
	fun := ast.Unparen(call.Fun)
	if ix, ok := fun.(*ast.IndexExpr); ok {
		fun = ix.X // an explicit instantiation, slices.IsSorted[[]float64]
	}
	if ix, ok := fun.(*ast.IndexListExpr); ok {
		fun = ix.X
	}
	var obj types.Object
	switch f := fun.(type) {
	case *ast.Ident:
		obj = c.info.Uses[f]
	case *ast.SelectorExpr:
		if c.info.Selections[f] != nil {
			return false // a method
		}
		obj = c.info.Uses[f.Sel]
	}
	switch obj := obj.(type) {
	case *types.Builtin:
		switch obj.Name() {
		case "len", "cap":
			return true
		case "copy":
			return k == 1
		}
		return false
	case *types.Func:
		if obj.Signature().Variadic() && k >= obj.Signature().Params().Len()-1 || call.Ellipsis.IsValid() {
			return false
		}
		oc, fn, fd := c.declOf(obj.Origin())
		return fd != nil && !oc.paramMayWrite(fn, fd, k, done)
	}
	return false
}

// declOf returns the declaration of fn, a function of c's package or of
// one godiff can load, with the checker that reads it; nil if it has no
// Go body godiff can see.
func (c *checker) declOf(fn *types.Func) (*checker, *types.Func, *ast.FuncDecl) {
	if fn.Pkg() == nil || fn.Signature().Recv() != nil {
		return nil, nil, nil
	}
	if fn.Pkg() == c.calls.pkg {
		return c, fn, c.calls.decls[fn]
	}
	if c.calls.foreign == nil {
		return nil, nil, nil
	}
	cs := c.calls.foreign.callees(c.calls, fn.Pkg().Path())
	if cs == nil {
		return nil, nil, nil
	}
	obj, _ := cs.pkg.Scope().Lookup(fn.Name()).(*types.Func)
	if obj == nil || cs.decls[obj] == nil {
		return nil, nil, nil
	}
	return cs.check, obj, cs.decls[obj]
}
