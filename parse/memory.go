package parse

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/godiff/godiff/ir"
)

// Slices and arrays are memory: a slice value is a reference that load
// and store read and write, so a slice variable is given its value once
// and stays one SSA value (see memoryAssignment). This file builds the
// expressions on memory: indexing, slicing, len, make, copy and composite
// literals.

// indexExpr builds x[i] as a load.
func (fb *funcBuilder) indexExpr(e *ast.IndexExpr) (*ir.Value, bool) {
	if x, ok, isPkg := fb.pkgElement(e); isPkg {
		return x, ok
	}
	mem, index, ok := fb.element(e)
	if !ok {
		return nil, false
	}
	return fb.b.Load(mem, index), true
}

// element checks x[i], an element of a slice or an array, and builds x
// and i, for a load or a store.
func (fb *funcBuilder) element(e *ast.IndexExpr) (mem, index *ir.Value, ok bool) {
	if why := fb.notMemory(e.X, "indexing"); why != "" {
		fb.errorf(e.Pos(), "%s", why)
		return nil, nil, false
	}
	mem, okX := fb.expr(e.X)
	index, okI := fb.index(e.Index)
	return mem, index, okX && okI
}

// notMemory returns "" if x is a slice or an array, else why godiff cannot
// do to x what doing says ("indexing", "slicing", "ranging over", "the
// length of").
func (fb *funcBuilder) notMemory(x ast.Expr, doing string) string {
	tv := fb.info.Types[x]
	if tv.Type == nil || tv.Type == types.Typ[types.Invalid] || fb.declFailed(x) {
		return "" // building x reports it, or its declaration was
	}
	switch u := tv.Type.Underlying().(type) {
	case *types.Slice, *types.Array:
		return "" // an unsupported element type is reported where x is built
	case *types.Map:
		return doing + " a map is not supported in a differentiated function: godiff computes with numbers, slices and arrays; pass the values in a slice"
	case *types.Pointer:
		return doing + " a pointer is not supported in a differentiated function: pass a slice"
	case *types.Signature:
		if doing == "indexing" {
			return "instantiating a generic function is not supported in a differentiated function"
		}
		return doing + " a function is not supported in a differentiated function: write the loop over a slice or a count"
	case *types.Chan:
		return doing + " a channel is not supported in a differentiated function: it must be a pure computation on numbers"
	case *types.Basic:
		if u.Info()&types.IsString != 0 {
			return doing + " a string is not supported in a differentiated function: godiff computes with numbers only"
		}
	}
	return doing + " a value of type " + fb.typeString(tv.Type) + " is not supported in a differentiated function"
}

// declFailed reports whether x names a local variable whose declaration
// was reported (var m map[int]float64): it has no value, and its uses
// stay silent rather than report the same problem again.
func (fb *funcBuilder) declFailed(x ast.Expr) bool {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := fb.info.Uses[id].(*types.Var)
	if !ok || isPackageLevel(v) || fb.inSignature(v) {
		return false
	}
	_, inEnv := fb.env[v]
	_, inSlot := fb.slots[v]
	_, isStruct := fb.fields[v]
	return !inEnv && !inSlot && !isStruct && fb.moving[v] == nil
}

// index builds an index, a bound or a length: an integer. An untyped
// constant index is an int, whatever its spelling (s[2.0]).
func (fb *funcBuilder) index(e ast.Expr) (*ir.Value, bool) {
	tv := fb.info.Types[e]
	if tv.Value != nil {
		if b, ok := types.Unalias(tv.Type).(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			return fb.b.Const(ir.Int, constValue(ir.Int, tv.Value)), true
		}
	}
	v, ok := fb.expr(e)
	if ok && !ir.IsInteger(v.Type) {
		return fb.fail(e.Pos(), "an index of type %s is not supported: use an integer", v.Type)
	}
	return v, ok
}

// sliceExpr builds s[lo:hi]; a missing lo is 0 and a missing hi len(s).
func (fb *funcBuilder) sliceExpr(e *ast.SliceExpr) (*ir.Value, bool) {
	if e.Slice3 {
		return fb.fail(e.Pos(), "three-index slices are not supported: the capacity matters only to append, which godiff follows only onto a slice the function makes (s := make([]float64, 0, n)); use s[lo:hi]")
	}
	if why := fb.notMemory(e.X, "slicing"); why != "" {
		return fb.fail(e.Pos(), "%s", why)
	}
	s, okS := fb.expr(e.X)
	lo, okLo := fb.bound(e.Low, nil)
	var hi *ir.Value
	okHi := true
	if e.High != nil || okS {
		hi, okHi = fb.bound(e.High, s)
	}
	if !okS || !okLo || !okHi {
		return nil, false
	}
	v := fb.b.Subslice(s, lo, hi)
	if _, isArray := s.Type.(ir.Array); isArray {
		// arr[lo:hi]: a slice over the array's memory, as Go's.
		v.Type, _ = localType(fb.info.TypeOf(e))
	}
	return v, true
}

// bound builds a bound of a slice expression: e, or if e is missing 0 for
// the low bound (s nil) and len(s) for the high one.
func (fb *funcBuilder) bound(e ast.Expr, s *ir.Value) (*ir.Value, bool) {
	switch {
	case e != nil:
		return fb.index(e)
	case s != nil:
		return fb.b.Len(s), true
	}
	return fb.b.Const(ir.Int, int64(0)), true
}

// builtin builds a call of a builtin function: len, make, copy.
func (fb *funcBuilder) builtin(e *ast.CallExpr, name string) (*ir.Value, bool) {
	switch name {
	case "len":
		if why := fb.notMemory(e.Args[0], "the length of"); why != "" {
			return fb.fail(e.Pos(), "%s", why)
		}
		s, ok := fb.expr(e.Args[0])
		if !ok {
			return nil, false
		}
		return fb.b.Len(s), true
	case "cap":
		if why := fb.notMemory(e.Args[0], "the capacity of"); why != "" {
			return fb.fail(e.Pos(), "%s", why)
		}
		if why := fb.mergedCap(e.Args[0]); why != "" {
			return fb.fail(e.Pos(), "%s", why)
		}
		s, ok := fb.expr(e.Args[0])
		if !ok {
			return nil, false
		}
		return fb.b.Cap(s), true
	case "make":
		return fb.makeCall(e)
	case "min", "max":
		return fb.minMax(e, name)
	}
	return fb.fail(e.Pos(), "%s", unsupportedBuiltin(name))
}

// minMax builds min(a, b, ...) or max(a, b, ...) of numbers as a chain of
// the two-argument builtin, max(max(a, b), c): the same value, NaN and
// signed zeros included, and at a tie the derivative follows the first
// of the tied arguments (see rules).
func (fb *funcBuilder) minMax(e *ast.CallExpr, name string) (*ir.Value, bool) {
	if t, ok := basicOf(fb.info.TypeOf(e)); !ok || !ir.IsNumeric(t) {
		return fb.fail(e.Pos(), "the builtin %s of %s is not supported in a differentiated function: godiff computes with numbers", name, fb.typeString(fb.info.TypeOf(e)))
	}
	args, ok := fb.exprs(e.Args)
	if !ok {
		return nil, false
	}
	op := ir.OpMin
	if name == "max" {
		op = ir.OpMax
	}
	y := args[0]
	for _, x := range args[1:] {
		y = fb.b.MinMax(op, y, x)
	}
	return y, true
}

// isBuiltin reports whether call calls the builtin function name.
func (fb *funcBuilder) isBuiltin(call *ast.CallExpr, name string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := fb.info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

// makeCall builds make([]T, n).
func (fb *funcBuilder) makeCall(e *ast.CallExpr) (*ir.Value, bool) {
	goType := fb.info.TypeOf(e)
	if _, isSlice := underlying(goType).(*types.Slice); !isSlice {
		return fb.fail(e.Pos(), "making a %s is not supported in a differentiated function: godiff computes with numbers, slices and arrays", fb.typeString(goType))
	}
	t, ok := localType(goType)
	if !ok {
		return fb.fail(e.Pos(), "make of type %s", fb.unsupportedType(goType))
	}
	if len(e.Args) == 3 {
		// Dropping the capacity would be safe only if nothing reached past
		// the length: s[:cap] may.
		return fb.fail(e.Args[2].Pos(), "make with a capacity is supported only for a slice the function appends to (s = append(s, v)); drop it")
	}
	n, ok := fb.index(e.Args[1])
	if !ok {
		return nil, false
	}
	return fb.b.Make(t, n), true
}

// clearCall builds clear(s) for a slice of numbers as the loop it is,
// for i := range s { s[i] = 0 }: stores, whose adjoints reverse mode
// drops as for any overwrite.
func (fb *funcBuilder) clearCall(e *ast.CallExpr) {
	t, ok := localType(fb.info.TypeOf(e.Args[0]))
	sl, isSlice := t.(ir.Slice)
	if !ok || !isSlice {
		fb.errorf(e.Pos(), "clear of %s is not supported in a differentiated function: godiff clears slices of numbers", fb.typeString(fb.info.TypeOf(e.Args[0])))
		return
	}
	et, isNumber := sl.Elem.(ir.Basic)
	if !isNumber {
		fb.errorf(e.Pos(), "clear of %s is not supported in a differentiated function: godiff clears slices of numbers; clear each row", fb.typeString(fb.info.TypeOf(e.Args[0])))
		return
	}
	s, ok := fb.expr(e.Args[0])
	if !ok {
		return
	}
	l := fb.b.Range("", s)
	fb.b.In(l.Blocks[0], func() {
		i := fb.b.Index("i")
		fb.b.Store(s, i, fb.b.Const(et, zeroValue(et)))
	})
}

// copyCall builds copy(dst, src), a statement or the whole value of an
// assignment.
func (fb *funcBuilder) copyCall(e *ast.CallExpr) (*ir.Value, bool) {
	for _, a := range e.Args {
		if isString(fb.info.TypeOf(a)) {
			return fb.fail(a.Pos(), "copying from a string is not supported in a differentiated function: godiff computes with numbers only")
		}
	}
	dst, okD := fb.expr(e.Args[0])
	src, okS := fb.expr(e.Args[1])
	if !okD || !okS {
		return nil, false
	}
	return fb.b.CopySlice(dst, src), true
}

// compositeLit builds []T{a, b} and [N]T{a, b}; the missing elements of an
// array literal are written as zeros, so that every element has a value.
func (fb *funcBuilder) compositeLit(e *ast.CompositeLit) (*ir.Value, bool) {
	goType := fb.info.TypeOf(e)
	switch underlying(goType).(type) {
	case *types.Slice, *types.Array:
	default:
		return fb.fail(e.Pos(), "composite literals of type %s are not supported in a differentiated function: godiff computes with numbers, slices and arrays",
			fb.typeString(goType))
	}
	t, ok := localType(goType)
	if !ok {
		return fb.fail(e.Pos(), "a composite literal of type %s", fb.unsupportedType(goType))
	}
	for _, elt := range e.Elts {
		if kv, keyed := elt.(*ast.KeyValueExpr); keyed {
			return fb.fail(kv.Pos(), "keyed elements in composite literals are not supported; list every element in order")
		}
	}
	if a, isArray := t.(ir.Array); isArray {
		if _, nested := a.Elem.(ir.Array); nested {
			return fb.nestedArrayLit(e, a)
		}
	}
	elems, ok := fb.exprs(e.Elts)
	if !ok {
		return nil, false
	}
	if a, isArray := t.(ir.Array); isArray {
		et := a.Elem.(ir.Basic)
		for len(elems) < a.Len {
			elems = append(elems, fb.b.Const(et, zeroValue(et)))
		}
	}
	return fb.b.SliceLit(t, elems...), true
}

// nestedArrayLit builds a literal of a nested array, [2][3]float64{{a, b},
// {c}}, as a fresh zero array and a store of each element written, once
// every element is computed: the rows are part of the array's memory, as
// they are for a make (see localType).
func (fb *funcBuilder) nestedArrayLit(e *ast.CompositeLit, t ir.Array) (*ir.Value, bool) {
	type elem struct {
		path []int
		v    *ir.Value
	}
	var elems []elem
	ok := true
	var walk func(lit *ast.CompositeLit, path []int, t ir.Array)
	walk = func(lit *ast.CompositeLit, path []int, t ir.Array) {
		for i, elt := range lit.Elts {
			p := append(append([]int(nil), path...), i)
			if kv, keyed := elt.(*ast.KeyValueExpr); keyed {
				fb.errorf(kv.Pos(), "keyed elements in composite literals are not supported; list every element in order")
				ok = false
				continue
			}
			if row, isArray := t.Elem.(ir.Array); isArray {
				inner, isLit := ast.Unparen(elt).(*ast.CompositeLit)
				if isLit && inner.Type == nil {
					walk(inner, p, row)
					continue
				}
				// A row given as an array value (a variable, a call): its
				// elements, read now, as Go copies the row.
				v, okE := fb.expr(elt)
				ok = ok && okE
				if !okE {
					continue
				}
				for _, l := range arrayLeaves(row) {
					x := v
					for _, k := range l.path {
						x = fb.b.Load(x, fb.b.Const(ir.Int, int64(k)))
					}
					elems = append(elems, elem{append(append([]int(nil), p...), l.path...), x})
				}
				continue
			}
			v, okE := fb.expr(elt)
			ok = ok && okE
			elems = append(elems, elem{p, v})
		}
	}
	walk(e, nil, t)
	if !ok {
		return nil, false
	}
	arr := fb.b.Make(t, fb.b.Const(ir.Int, int64(t.Len)))
	for _, el := range elems {
		mem := arr
		for _, i := range el.path[:len(el.path)-1] {
			mem = fb.b.Load(mem, fb.b.Const(ir.Int, int64(i)))
		}
		fb.b.Store(mem, fb.b.Const(ir.Int, int64(el.path[len(el.path)-1])), el.v)
	}
	return arr, true
}

// writesTo reports whether body assigns an element of x, a variable or a
// field of a struct parameter (x[i] = e, x[i] += e, x[i]++), or may write
// it through a slice of it (x[:] passed to a function that writes its
// slice, copy(x[:], s), clear(x[lo:hi])): any slice of x counts.
func (fb *funcBuilder) writesTo(body ast.Node, x ast.Expr) bool {
	found := false
	mark := func(lhs ast.Expr) {
		for {
			ix, ok := ast.Unparen(lhs).(*ast.IndexExpr)
			if !ok {
				break
			}
			lhs = ix.X
		}
		if fb.sameTarget(lhs, x) {
			found = true
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, lhs := range n.Lhs {
					mark(lhs)
				}
			}
		case *ast.IncDecStmt:
			mark(n.X)
		case *ast.SliceExpr:
			mark(n.X)
		}
		return !found
	})
	return found
}
