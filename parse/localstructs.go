package parse

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"github.com/godiff/godiff/ir"
)

// A local variable of a struct type, of the package or another (d :=
// Normal{Mu: mu, Sigma: sigma}, var p Point, e := d, s := r3.Sub(p, q)), is
// held as its leaves, like a struct parameter (see structs.go): fb.fields
// maps each field path to the value it holds, so that d.Mu is that value
// and a call d.LogProb(x) passes the leaves. Nothing of the struct itself
// reaches the IR.
//
// The leaves are SSA values, as a number variable's are (see vars.go): an
// assignment to the variable (p = Point{...}) or to one of its fields (p.X
// = v, p.X += v) binds new values, in order. That is right while every
// assignment lies in the region that declares the variable. A struct one
// of whose fields is assigned inside a loop or a branch of its own
// (crossedStructs) keeps each number field in an ir.Var instead
// (fieldSlots), read by a fresh get at each use; its arrays and slices may
// not then be assigned. An array field is copied as Go copies it; a slice
// field refers to the memory it was given, whose elements may be written
// as a parameter's are.

// localStructType returns the struct type of a local variable godiff holds
// as its leaves: a named struct type, not a pointer.
func (fb *funcBuilder) localStructType(v *types.Var) (*types.Struct, bool) {
	if v == nil || isPackageLevel(v) || fb.inSignature(v) {
		return nil, false
	}
	st := plainStruct(v.Type())
	return st, st != nil
}

// localStruct builds the declaration of id, a local variable of a struct
// type, from rhs (nil for var p Point). It reports whether id is such a
// variable: if not, the caller builds the assignment as any other.
func (fb *funcBuilder) localStruct(id *ast.Ident, rhs ast.Expr) (handled bool) {
	v, _ := fb.info.ObjectOf(id).(*types.Var)
	def := fb.info.Defs[id] != nil
	st, ok := fb.localStructType(v)
	if !ok {
		return false
	}
	if fb.inForInit {
		fb.errorf(id.Pos(), "declaring a struct in a for loop's init statement is not supported; declare %s before the loop", id.Name)
		return true
	}
	if leaves, ok := fb.structValue(rhs, st, ""); ok {
		fb.setStruct(id, v, def, st, leaves)
	}
	return true
}

// setStruct gives the local struct v, written id, the leaves of a value
// of its type st: declaring v (def) or assigning it.
func (fb *funcBuilder) setStruct(id *ast.Ident, v *types.Var, def bool, st *types.Struct, leaves map[string]*ir.Value) {
	switch {
	case fb.crossedStructs[v] && !def:
		for _, l := range fb.structLeaves(st, "") {
			f := &structField{v: v, path: l.field}
			if !fb.assignable(f, id) {
				return
			}
			fb.write(lvalue{field: f}, leaves[l.field])
		}
	case fb.crossedStructs[v]:
		fb.nameLeaves(v, st, leaves)
		fb.fields[v] = leaves
		fb.fieldSlots[v] = make(map[string]*ir.Var)
		for _, l := range fb.structLeaves(st, "") {
			if _, basic := l.typ.(ir.Basic); basic {
				slot := &ir.Var{Name: (&structField{v: v, path: l.field}).name(), Type: l.typ}
				fb.b.Declare(slot, leaves[l.field])
				fb.fieldSlots[v][l.field] = slot
			}
		}
	default:
		fb.nameLeaves(v, st, leaves)
		fb.fields[v] = leaves
	}
}

// nameLeaves names the values of v's leaves that have no name yet after
// their fields (vX, vA), those an ir.Var of their own holds aside.
func (fb *funcBuilder) nameLeaves(v *types.Var, st *types.Struct, leaves map[string]*ir.Value) {
	for _, l := range fb.structLeaves(st, "") {
		_, basic := l.typ.(ir.Basic)
		if x := leaves[l.field]; !x.IsConst() && !(basic && fb.crossedStructs[v]) {
			leaves[l.field] = fb.b.Bind(x, (&structField{v: v, path: l.field}).name())
		}
	}
}

// leaf returns the value the field path of the struct variable root holds
// now: a local struct's or a struct parameter's, or the constant of a
// read-only package variable's (var zero Number).
func (fb *funcBuilder) leaf(root *types.Var, path string) (*ir.Value, bool) {
	if slot := fb.fieldSlots[root][path]; slot != nil {
		return fb.b.Get(slot), true
	}
	if st := plainStruct(root.Type()); st != nil && fb.calls.vars[root] != nil {
		leaves, _ := fb.structValue(fb.calls.vars[root].init, st, "") // constants: no failure
		v, ok := leaves[path]
		return v, ok
	}
	v, ok := fb.fields[root][path]
	return v, ok
}

// holdsStruct reports whether v is a variable godiff holds as its leaves:
// a struct parameter or receiver, a local struct, or a read-only package
// variable of struct type.
func (fb *funcBuilder) holdsStruct(v *types.Var) bool {
	if _, ok := fb.fields[v]; ok {
		return true
	}
	return fb.calls.vars[v] != nil && plainStruct(v.Type()) != nil
}

// assignable reports whether the leaf f of a local struct, written at e,
// may be assigned: in a struct whose fields are assigned in a loop or a
// branch of their own (an ir.Var each), only numbers can be.
func (fb *funcBuilder) assignable(f *structField, e ast.Expr) bool {
	if fb.crossedStructs[f.v] && fb.fieldSlots[f.v][f.path] == nil {
		fb.errorf(e.Pos(), "assigning %s.%s here is not supported: where a local struct's fields are assigned inside a loop or a branch, only its number fields can be; keep the array or slice in a variable of its own",
			f.v.Name(), f.path)
		return false
	}
	return true
}

// structValue returns the leaves of a value of struct type st given by e,
// their paths starting with prefix: zeros for a nil e; the fields of a
// composite literal, of a call's struct result, of a conversion's operand,
// of a read-only package variable's initializer; or the values a struct
// variable, parameter or field holds now (arrays copied).
func (fb *funcBuilder) structValue(e ast.Expr, st *types.Struct, prefix string) (map[string]*ir.Value, bool) {
	out := make(map[string]*ir.Value)
	if e == nil {
		for _, l := range fb.structLeaves(st, prefix) {
			out[l.field] = fb.zeroLeaf(l.typ)
		}
		return out, true
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return fb.structLit(x, st, prefix)
	case *ast.CallExpr:
		if fb.info.Types[x.Fun].IsType() {
			// Rotation(q), a conversion between struct types of one
			// underlying struct: the same fields.
			return fb.structValue(x.Args[0], st, prefix)
		}
		return fb.structCall(x, st, prefix)
	case *ast.Ident, *ast.SelectorExpr:
		leaves := fb.structLeaves(st, "")
		args, ok := fb.structArg(x, "", st)
		if !ok {
			return nil, false
		}
		for i, l := range leaves {
			if _, isArray := l.typ.(ir.Array); isArray {
				args[i] = fb.freshCopy(args[i]) // Go copies the array
			}
			out[join(prefix, l.field)] = args[i]
		}
		return out, true
	}
	fb.errorf(e.Pos(), "a struct given by %s is not supported: godiff holds a local struct as the values of its fields; build it with a composite literal (%s{...}), a call returning one, or a copy of a struct variable",
		types.ExprString(e), fb.typeString(fb.info.TypeOf(e)))
	return nil, false
}

// structLit returns the leaves of the composite literal lit of struct type
// st: each field's value, or its zero value where lit leaves it out.
func (fb *funcBuilder) structLit(lit *ast.CompositeLit, st *types.Struct, prefix string) (map[string]*ir.Value, bool) {
	given := make(map[string]ast.Expr) // the field's name: its value
	for i, elt := range lit.Elts {
		if kv, keyed := elt.(*ast.KeyValueExpr); keyed {
			given[kv.Key.(*ast.Ident).Name] = kv.Value
		} else {
			given[st.Field(i).Name()] = elt
		}
	}
	out := make(map[string]*ir.Value)
	ok := true
	for i := range st.NumFields() {
		f := st.Field(i)
		path := join(prefix, f.Name())
		value := given[f.Name()]
		if t, isLocal := localType(f.Type()); isLocal && f.Name() != "_" {
			if value == nil {
				out[path] = fb.zeroLeaf(t)
				continue
			}
			x, okX := fb.expr(value)
			if okX && copiedArray(t, value) {
				x = fb.freshCopy(x) // Go copies the array
			}
			out[path], ok = x, ok && okX
			continue
		}
		if inner, isStruct := types.Unalias(f.Type()).Underlying().(*types.Struct); isStruct {
			leaves, okL := fb.structValue(value, inner, path)
			for k, x := range leaves {
				out[k] = x
			}
			ok = ok && okL
			continue
		}
		if value != nil && !fb.constantOrNil(value) {
			fb.errorf(value.Pos(), "the field %s has type %s, which godiff does not compute with: give it a constant or leave it out", f.Name(), fb.typeString(f.Type()))
			ok = false
		}
	}
	return out, ok
}

// constantOrNil reports whether e is a constant or nil: a value of a field
// the body cannot read, dropped with nothing lost.
func (fb *funcBuilder) constantOrNil(e ast.Expr) bool {
	tv := fb.info.Types[e]
	return tv.Value != nil || tv.IsNil()
}

// zeroLeaf returns the zero value of a leaf: a constant for a number or a
// bool, nil for a slice, a zeroed array.
func (fb *funcBuilder) zeroLeaf(t ir.Type) *ir.Value {
	switch t := t.(type) {
	case ir.Basic:
		return fb.b.Const(t, zeroValue(t))
	case ir.Array:
		return fb.b.Make(t, fb.b.Const(ir.Int, int64(t.Len)))
	case ir.Slice:
		return fb.b.Nil(t)
	}
	panic(fmt.Sprintf("parse: zero value of the leaf type %s", t)) // localType gives no other
}

// join returns the field path prefix.name, or name at the top.
func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// structField is a leaf of a local struct that a statement assigns.
type structField struct {
	v    *types.Var
	path string // "X", "A.Mu"
}

// name returns the name the assigned value takes: pX, qAMu.
func (f *structField) name() string {
	return f.v.Name() + strings.ReplaceAll(f.path, ".", "")
}

// valueStruct reports whether v, a parameter or the receiver, is a struct
// value (not a pointer), Go's own copy: assigning its fields (join's
// uv.Real = w in gonum's quat) changes nothing of the caller's, so godiff
// binds the new values as a local struct's.
func (fb *funcBuilder) valueStruct(v *types.Var) bool {
	named, _, pointer := namedStruct(v.Type())
	return named != nil && !pointer && fb.fields[v] != nil
}

// localField returns the leaf that assigning to the selector e writes,
// if e is a field of a local struct (isLocal); ok is false where that
// assignment is refused, and reported.
func (fb *funcBuilder) localField(e *ast.SelectorExpr) (f *structField, isLocal, ok bool) {
	root, path, why := fb.fieldPath(e)
	if why != "" || root == nil || fb.inSignature(root) && !fb.valueStruct(root) {
		return nil, false, false
	}
	name := types.ExprString(e)
	if fb.inSignature(root) && fb.crossedStructs[root] {
		fb.errorf(e.Pos(), "assigning to %s here is not supported: a field of a struct parameter may be assigned only in the function's body, outside loops and branches; copy %s into a local struct first (%s2 := %s)",
			name, root.Name(), root.Name(), root.Name())
		return nil, true, false
	}
	if _, isLeaf := fb.fields[root][path]; !isLeaf {
		if _, isStruct := fb.info.TypeOf(e).Underlying().(*types.Struct); isStruct {
			fb.errorf(e.Pos(), "assigning to %s, a struct inside the struct %s, is not supported: assign its fields one by one (%s.%s = v)",
				name, root.Name(), name, firstField(fb.info.TypeOf(e)))
		} else {
			fb.errorf(e.Pos(), "the field %s has type %s", name, fb.unsupportedType(fb.info.TypeOf(e)))
		}
		return nil, true, false
	}
	f = &structField{v: root, path: path}
	return f, true, fb.assignable(f, e)
}
