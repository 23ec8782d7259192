package parse

import (
	"go/ast"
	"go/types"

	"github.com/godiff/godiff/ir"
)

// Go copies an array when it assigns one: a := b gives a its own
// elements, which later writes into b do not change, and a = b copies b's
// elements into a's. The IR holds an array as memory, like a slice, so a
// copy is built as what it does: a fresh array (a := b) or a's own
// (a = b), and a store of every element of b into it, with constant
// indexes, nested arrays element by element. The derivatives then follow
// the copy as they follow any store.

// copiedArray reports whether assigning rhs to a variable of type t copies
// an array: a value that is not a fresh one of a composite literal or of
// a call.
func copiedArray(t ir.Type, rhs ast.Expr) bool {
	if _, isArray := t.(ir.Array); !isArray || rhs == nil {
		return false
	}
	switch ast.Unparen(rhs).(type) {
	case *ast.CompositeLit, *ast.CallExpr:
		return false // a fresh array: a literal's, or a call's result
	}
	return true
}

// freshCopy returns a fresh array holding the elements of src.
func (fb *funcBuilder) freshCopy(src *ir.Value) *ir.Value {
	t := src.Type.(ir.Array)
	dst := fb.b.Make(t, fb.b.Const(ir.Int, int64(t.Len)))
	fb.copyElements(dst, src)
	return dst
}

// copyElements stores every element of the array src into dst, of the
// same type.
func (fb *funcBuilder) copyElements(dst, src *ir.Value) {
	t := src.Type.(ir.Array)
	for i := range t.Len {
		k := fb.b.Const(ir.Int, int64(i))
		if _, nested := t.Elem.(ir.Array); nested {
			fb.copyElements(fb.b.Load(dst, k), fb.b.Load(src, k))
			continue
		}
		fb.b.Store(dst, k, fb.b.Load(src, k))
	}
}

// copyWrittenArrays gives each array parameter that the body writes a
// fresh copy, as Go's call does: the memory of an IR parameter is the
// caller's (a caller's array passed to a function of the package, the
// argument of F in FForward), which the function must leave as it was.
func (fb *funcBuilder) copyWrittenArrays() {
	params := fb.sig.Params()
	for i := range params.Len() {
		p := params.At(i)
		v, bound := fb.env[p]
		if !bound {
			continue
		}
		if _, isArray := v.Type.(ir.Array); isArray && writesVar(fb.info, fb.body, p) {
			fb.env[p] = fb.b.Bind(fb.freshCopy(v), p.Name())
		}
	}
}

// writesVar reports whether body assigns v or an element of it, or slices
// it (a function passed v[:] may write into it).
func writesVar(info *types.Info, body ast.Node, v *types.Var) bool {
	found := false
	target := func(e ast.Expr) {
		for {
			switch x := ast.Unparen(e).(type) {
			case *ast.IndexExpr:
				e = x.X
				continue
			case *ast.Ident:
				found = found || info.Uses[x] == v
			}
			return
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.AssignStmt:
			for _, l := range s.Lhs {
				target(l)
			}
		case *ast.IncDecStmt:
			target(s.X)
		case *ast.SliceExpr:
			target(s.X) // v[:] may be written through
		case *ast.RangeStmt:
			if s.Key != nil {
				target(s.Key)
			}
			if s.Value != nil {
				target(s.Value)
			}
		}
		return !found
	})
	return found
}
