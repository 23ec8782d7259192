package parse

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/godiff/godiff/ir"
)

// Package variables a function may read: an unexported variable of a
// number, an array of numbers (a table of coefficients) or a struct of
// numbers (gonum's `var zero Number`) that nothing
// in its package assigns, changes a field of, takes the address of or
// calls a pointer method on, given no value or a constant one. No other
// package can assign it (it is unexported), so it holds its initial value
// for ever: godiff reads it as that constant, or as the struct of its
// initializer's constants. Any other package variable is refused where it
// is read: its value could change between the forward and the backward
// sweeps, or from one call to the next.

// pkgVar is a package variable a function may read, with its initializer
// (nil for the zero value).
type pkgVar struct {
	init ast.Expr
}

// readOnlyVars returns the package variables of files that functions may
// read (see above).
func readOnlyVars(info *types.Info, files []*ast.File) map[*types.Var]*pkgVar {
	out := make(map[*types.Var]*pkgVar)
	for _, f := range files {
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Values) != 0 && len(vs.Values) != len(vs.Names) {
					continue // a, b = f()
				}
				for i, id := range vs.Names {
					v, ok := info.Defs[id].(*types.Var)
					if !ok || v.Exported() || !fixedType(v.Type()) {
						continue
					}
					var init ast.Expr
					if len(vs.Values) != 0 {
						init = vs.Values[i]
						if !constantValue(info, init) {
							continue
						}
					}
					out[v] = &pkgVar{init: init}
				}
			}
		}
	}
	readOnly := readOnlyArgs(info, files)
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			if s, ok := n.(*ast.SliceExpr); ok && readOnly[s] {
				return true // tab[:] passed to a function that only reads it
			}
			for _, v := range changedVars(info, n) {
				delete(out, v)
			}
			return true
		})
	}
	return out
}

// readOnlyArgs returns the slice expressions of files (tab[:], tab[a:b])
// passed straight to a function of the package whose parameter the
// function only reads (polevl(x, lP[:], 6) in gonum's cephes): slicing a
// package array there does not change it.
func readOnlyArgs(info *types.Info, files []*ast.File) map[*ast.SliceExpr]bool {
	decls := make(map[*types.Func]*ast.FuncDecl)
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
					decls[fn] = fd
				}
			}
		}
	}
	out := make(map[*ast.SliceExpr]bool)
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			id, _ := ast.Unparen(call.Fun).(*ast.Ident)
			if id == nil {
				return true
			}
			fn, _ := info.Uses[id].(*types.Func)
			fd := decls[fn]
			if fd == nil || fn.Signature().Variadic() {
				return true
			}
			for i, arg := range call.Args {
				s, ok := ast.Unparen(arg).(*ast.SliceExpr)
				if ok && onlyRead(info, fd, fn.Signature().Params().At(i)) {
					out[s] = true
				}
			}
			return true
		})
	}
	return out
}

// onlyRead reports whether the body of fd only reads its parameter p, a
// slice: every use of p indexes it for a value, takes its length or
// ranges over it.
func onlyRead(info *types.Info, fd *ast.FuncDecl, p *types.Var) bool {
	reads := make(map[*ast.Ident]bool) // the uses of p that only read
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IndexExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && info.Uses[id] == p {
				reads[id] = true
			}
		case *ast.CallExpr:
			if b, ok := info.Uses[identOf(n.Fun)].(*types.Builtin); ok && (b.Name() == "len" || b.Name() == "cap") && len(n.Args) == 1 {
				if id, ok := ast.Unparen(n.Args[0]).(*ast.Ident); ok && info.Uses[id] == p {
					reads[id] = true
				}
			}
		case *ast.RangeStmt:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && info.Uses[id] == p {
				reads[id] = true
			}
		}
		return true
	})
	only := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if ok && info.Uses[id] == p && !reads[id] {
			only = false
		}
		for _, t := range writeTargets(info, n) {
			if rootVar(info, t) == p {
				only = false // p[i] = x
			}
		}
		return only
	})
	return only
}

// identOf returns e as an identifier, or nil.
func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// fixedType reports whether a package variable of type t can be read as
// a constant: a number or a bool, an array of them (a table of
// coefficients), or a struct of numbers.
func fixedType(t types.Type) bool {
	if _, ok := basicOf(t); ok {
		return true
	}
	if a, ok := t.Underlying().(*types.Array); ok {
		_, isArray := localType(a)
		return isArray
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if !fixedType(st.Field(i).Type()) {
			return false
		}
	}
	return true
}

// constantValue reports whether e is a constant, or a composite literal
// of constants (a struct's).
func constantValue(info *types.Info, e ast.Expr) bool {
	if tv := info.Types[e]; tv.Value != nil {
		return true
	}
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return false
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			elt = kv.Value
		}
		if !constantValue(info, elt) {
			return false
		}
	}
	return true
}

// changedVars returns the package variables n may change: those it
// assigns (a field of too), increments, takes the address of, slices, or
// calls a method with a pointer receiver on.
func changedVars(info *types.Info, n ast.Node) []*types.Var {
	var out []*types.Var
	for _, t := range writeTargets(info, n) {
		if v := rootVar(info, t); v != nil && isPackageLevel(v) {
			out = append(out, v)
		}
	}
	return out
}

// writeTargets returns the expressions n may change the memory of (see
// changedVars).
func writeTargets(info *types.Info, n ast.Node) []ast.Expr {
	var targets []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		if n.Tok != token.DEFINE {
			targets = n.Lhs
		}
	case *ast.IncDecStmt:
		targets = []ast.Expr{n.X}
	case *ast.RangeStmt:
		if n.Tok == token.ASSIGN {
			targets = []ast.Expr{n.Key, n.Value}
		}
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			targets = []ast.Expr{n.X}
		}
	case *ast.SliceExpr:
		targets = []ast.Expr{n.X} // arr[:], which a callee may write through
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[n]; ok && sel.Kind() == types.MethodVal {
			if sig, ok := sel.Obj().Type().(*types.Signature); ok {
				if _, ptr := sig.Recv().Type().(*types.Pointer); ptr {
					targets = []ast.Expr{n.X}
				}
			}
		}
	}
	return targets
}

// rootVar returns the variable at the root of e, through fields and
// indexes (v.X, v[i]), or nil.
func rootVar(info *types.Info, e ast.Expr) *types.Var {
	for e != nil {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			return v
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return nil
		}
	}
	return nil
}

// pkgValue builds the value of the read-only package variable v, a
// number or an array: its initializer (a fresh array for an array), or
// zero.
func (fb *funcBuilder) pkgValue(v *types.Var, pv *pkgVar) (*ir.Value, bool) {
	if pv.init != nil {
		return fb.expr(pv.init)
	}
	t, _ := localType(v.Type())
	return fb.zeroLeaf(t), true
}

// pkgElement returns the element e, tab[k] of a read-only package array
// at a constant index, as the constant its initializer gives it (zero if
// it gives none), and whether e is one: a table of coefficients read at
// fixed places costs no array.
func (fb *funcBuilder) pkgElement(e *ast.IndexExpr) (*ir.Value, bool, bool) {
	id, ok := ast.Unparen(e.X).(*ast.Ident)
	if !ok {
		return nil, false, false
	}
	v, _ := fb.info.Uses[id].(*types.Var)
	pv := fb.calls.vars[v]
	k := fb.info.Types[e.Index].Value
	et, basic := basicOf(fb.info.TypeOf(e))
	if pv == nil || k == nil || !basic {
		return nil, false, false
	}
	i, exact := constant.Int64Val(constant.ToInt(k))
	if !exact {
		return nil, false, false
	}
	lit, _ := ast.Unparen(pv.init).(*ast.CompositeLit)
	switch {
	case pv.init == nil || lit != nil && int(i) >= len(lit.Elts):
		return fb.b.Const(et, zeroValue(et)), true, true
	case lit == nil:
		return nil, false, false
	}
	elt := lit.Elts[i]
	if _, keyed := elt.(*ast.KeyValueExpr); keyed {
		return nil, false, false
	}
	x, ok := fb.expr(elt)
	return x, ok, true
}
