package parse

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/reverse"
)

// Struct parameters and receivers are flattened: a parameter n of type
// *Net (or Net) whose struct has fields godiff computes with becomes one
// IR parameter per such field, its leaves (ir.Group), recursively through
// nested struct values and embedded structs. In the body, the selector
// n.W1 or n.Act.Scale is simply its leaf parameter; emission writes the
// group back as one Go parameter.
//
// A leaf is a field of a type godiff computes with (see localType): float,
// integer and bool fields, slices and arrays of them. Other fields (a
// string, a map, a pointer, a slice of structs) are left out: the body
// may not read them, and the adjoint leaves them zero.

// leaf is one field of a struct that the body can use.
type leaf struct {
	field string // the path of field names: "W1", "Act.Scale"
	typ   ir.Type
}

// sigLayout is how the Go signature of an annotated function maps onto its
// IR parameters.
type sigLayout struct {
	// vars are the receiver, if any, then the parameters: the names a
	// directive may list.
	vars []*types.Var
	// params holds, for each of vars, its IR parameters: one for a plain
	// parameter, a group's leaves for a struct.
	params [][]int
}

// structType returns the named struct type a parameter of type t has, if
// it is a struct godiff can flatten: a struct type T declared in the
// package (or, reading another package's source, in that package), or a
// pointer *T to one, not generic.
func (c *checker) structType(t types.Type) (named *types.Named, st *types.Struct, pointer bool) {
	named, st, pointer = namedStruct(t)
	if named == nil || !c.ownsType(named.Obj()) {
		return nil, nil, false
	}
	return named, st, pointer
}

// ownsType reports whether the struct type obj is one whose values the
// checker's functions take flattened: declared in the package being
// checked, or, for a checker reading another package's source (whose
// functions' derivatives take a struct of that package as its fields),
// in that package.
func (c *checker) ownsType(obj types.Object) bool {
	return c.inPackage(obj) || obj.Exported() || c.isForeign() && obj.Pkg() != nil && obj.Pkg().Path() == c.calls.pkg.Path()
}

// plainStruct returns the struct type of t if t is a named struct type,
// not a pointer to one: a value godiff holds as its leaves.
func plainStruct(t types.Type) *types.Struct {
	named, st, pointer := namedStruct(t)
	if named == nil || pointer {
		return nil
	}
	return st
}

// namedStruct returns the named struct type of t, or of what t points to,
// if it is one and not generic, whatever its package.
func namedStruct(t types.Type) (named *types.Named, st *types.Struct, pointer bool) {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
		pointer = true
	}
	named, ok := t.(*types.Named)
	if !ok {
		return nil, nil, false
	}
	st, ok = named.Underlying().(*types.Struct)
	if !ok || named.TypeArgs().Len() > 0 {
		return nil, nil, false
	}
	return named, st, pointer
}

// inPackage reports whether obj is declared in the package being checked.
func (c *checker) inPackage(obj types.Object) bool {
	return obj.Pkg() != nil && obj.Pkg().Scope() == c.scope
}

// structLeaves returns the fields of st the body can use, depth first in
// declaration order, their paths starting with prefix. A nested struct
// value (an embedded one too) is flattened. The unexported fields of
// another package's struct are leaves too: the package's own functions,
// whose copies godiff writes, read them (r2.Rotation's sin and cos), and
// every view of a struct must have the same leaves, since a call passes
// them one by one; the caller's code cannot name them, and a struct
// parameter holding one stays opaque (see hiddenFields).
func (c *checker) structLeaves(st *types.Struct, prefix string) []leaf {
	return c.leaves(st, prefix, false)
}

// groupLeaves returns the leaves an annotated function's struct parameter
// is flattened into: structLeaves but those the generated code cannot name
// (n.In.hidden, an unexported field of another package's struct). Passing
// such a struct whole to a function that reads them is then refused.
func (c *checker) groupLeaves(st *types.Struct) []leaf {
	return c.leaves(st, "", true)
}

// leaves returns structLeaves, or groupLeaves if nameable is set.
func (c *checker) leaves(st *types.Struct, prefix string, nameable bool) []leaf {
	var out []leaf
	for i := range st.NumFields() {
		f := st.Field(i)
		if f.Name() == "_" || nameable && !f.Exported() && !c.inPackage(f) {
			continue
		}
		path := f.Name()
		if prefix != "" {
			path = prefix + "." + path
		}
		if t, ok := localType(f.Type()); ok {
			out = append(out, leaf{field: path, typ: t})
			continue
		}
		if inner, ok := types.Unalias(f.Type()).Underlying().(*types.Struct); ok {
			out = append(out, c.leaves(inner, path, nameable)...)
		}
	}
	return out
}

// flatSignature returns the IR parameters of a function or method with
// signature sig, each struct parameter and the receiver flattened into
// their leaves, and how they map onto the Go signature. A struct parameter
// without leaves, a blank one and one of a type godiff cannot flatten stay
// plain (opaque) parameters: the body cannot use them. A receiver is
// always a group, held by a placeholder parameter if it has no leaf (see
// ir.Group); a blank receiver is named recv.
//
// That is the signature of an annotated function, whose generated
// functions keep the user's. A callee's (callee set) is that of its calls,
// which pass a struct's leaves (see callArgs): a struct parameter or
// receiver of the package that is blank or has no leaf (type Gaussian
// struct{}) passes nothing, and has no IR parameter.
func (c *checker) flatSignature(sig *types.Signature, callee bool) ([]ir.Param, sigLayout) {
	var lay sigLayout
	taken := make(map[string]bool)
	if r := sig.Recv(); r != nil {
		taken[r.Name()] = true
		lay.vars = append(lay.vars, r)
	}
	for i := range sig.Params().Len() {
		taken[sig.Params().At(i).Name()] = true
		lay.vars = append(lay.vars, sig.Params().At(i))
	}
	var params []ir.Param
	for k, v := range lay.vars {
		named, st, pointer := c.structType(v.Type())
		blank := v.Name() == "" || v.Name() == "_"
		isRecv := k == 0 && sig.Recv() != nil
		var ls []leaf
		switch {
		case named == nil || blank:
		case callee:
			ls = c.structLeaves(st, "") // its twin takes them one by one
		default:
			ls = c.groupLeaves(st) // the generated code names them: n.W
		}
		if callee && named != nil && len(ls) == 0 {
			lay.params = append(lay.params, nil)
			continue
		}
		if !isRecv && len(ls) == 0 {
			name := v.Name()
			if name == "" {
				name = "_"
			}
			lay.params = append(lay.params, []int{len(params)})
			params = append(params, ir.Param{Name: name, Type: irType(v.Type(), c.qual)})
			continue
		}
		name := v.Name()
		if blank {
			name = ir.FreshName(taken, "recv")
			taken[name] = true
		}
		g := &ir.Group{Name: name, Type: c.typeString(named), Qualified: qualifiedString(named, c.qual), Pointer: pointer, Recv: isRecv}
		var idx []int
		if len(ls) == 0 {
			idx = append(idx, len(params))
			params = append(params, ir.Param{Name: name, Type: ir.Opaque{Go: g.GoType()}, Group: g})
		}
		for _, l := range ls {
			leafName := ir.FreshName(taken, ir.LeafName(name, l.field))
			taken[leafName] = true
			idx = append(idx, len(params))
			params = append(params, ir.Param{Name: leafName, Type: l.typ, Group: g, Field: l.field})
		}
		lay.params = append(lay.params, idx)
	}
	return params, lay
}

// directiveSignature returns the signature the directives of a method are
// checked against: its receiver is its first parameter, which a directive
// names like the others.
func (lay sigLayout) directiveSignature(sig *types.Signature) *types.Signature {
	if sig.Recv() == nil {
		return sig
	}
	return types.NewSignatureType(nil, nil, nil, types.NewTuple(lay.vars...), sig.Results(), sig.Variadic())
}

// expandWrt turns the indexes of a directive's parameters in the Go
// signature (receiver first) into indexes of IR parameters: a struct's
// differentiable leaves, in order. A struct parameter godiff could not
// flatten is reported.
func (c *checker) expandWrt(d *Directive, lay sigLayout, params []ir.Param, raws []rawDirective) {
	raw := c.rawOf(*d, raws)
	var wrt []int
	for _, k := range d.Wrt {
		for _, i := range lay.params[k] {
			p := params[i]
			switch {
			case ir.IsDifferentiable(p.Type):
				wrt = append(wrt, i)
			case p.Group == nil && len(raw.names) > 0:
				c.errorf(raw.comment.Slash, "%v names %s, which has type %s: only named struct types (the package's, or another package's exported ones), or pointers to them, can be differentiated; declare a named struct type, or take its fields as float parameters",
					raw, lay.vars[k].Name(), c.typeString(lay.vars[k].Type()))
			}
		}
	}
	slices.Sort(wrt)
	d.Wrt = wrt
}

// structDifferentiable reports whether a parameter of type t is a struct,
// or a pointer to one, with a differentiable field: a directive may name
// it.
func structDifferentiable(t types.Type) bool {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	var visit func(st *types.Struct) bool
	visit = func(st *types.Struct) bool {
		for i := range st.NumFields() {
			ft := st.Field(i).Type()
			if lt, ok := localType(ft); ok && ir.IsDifferentiable(lt) {
				return true
			}
			if inner, ok := types.Unalias(ft).Underlying().(*types.Struct); ok && visit(inner) {
				return true
			}
		}
		return false
	}
	return visit(st)
}

// methodShape returns why a method cannot be differentiated whatever its
// body, or "": its receiver must be a struct type (or a pointer to one)
// of the package, not generic.
func (c *checker) methodShape(fd *ast.FuncDecl) string {
	obj, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok {
		return ""
	}
	sig := obj.Signature()
	if sig.RecvTypeParams().Len() > 0 {
		return "on a method of a generic type is not supported"
	}
	if named, _, _ := c.structType(sig.Recv().Type()); named == nil {
		return fmt.Sprintf("on a method of %s is not supported: the receiver must be a struct or a pointer to one; make %s a function",
			c.typeString(sig.Recv().Type()), fd.Name.Name)
	}
	return ""
}

// recvType returns the named type of a method's receiver, nil for a
// function.
func (c *checker) recvType(sig *types.Signature) *types.Named {
	if sig.Recv() == nil {
		return nil
	}
	named, _, _ := c.structType(sig.Recv().Type())
	return named
}

// splitOf names the split form of the generated function or method named
// fname (see reverse.SplitNames). For a method of Net, the tape type and
// the backward function are package-level: NetLossTape, NetLossBackward;
// the forward function is a method, LossForward. They are exported only if
// the type and the method both are.
func (c *checker) splitOf(fname string) reverse.Names {
	n := reverse.SplitNames(fname)
	if c.method == nil {
		return n
	}
	prefix := c.method.Obj().Name()
	if !c.method.Obj().Exported() || !isUpperFirst(fname) {
		prefix = lowerFirst(prefix)
	}
	return reverse.Names{Tape: prefix + upperFirst(n.Tape), Forward: n.Forward, Backward: prefix + upperFirst(n.Backward)}
}

// isUpperFirst reports whether s starts with an upper-case letter.
func isUpperFirst(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// upperFirst returns s with its first letter upper-case.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// lowerFirst returns s with its first letter lower-case.
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}

// checkFreeMember reports a generated name that is taken: for a method,
// by a field or method of its receiver's type (the new method would
// clash); for a function, by a declaration of the package.
func (c *checker) checkFreeMember(d rawDirective, name string) {
	if c.method == nil {
		c.checkFree(d, name)
		return
	}
	obj, index, _ := types.LookupFieldOrMethod(c.method, true, c.method.Obj().Pkg(), name)
	if obj == nil || len(index) != 1 {
		return // a promoted field or method is shadowed, not a clash
	}
	what := "method"
	if _, isField := obj.(*types.Var); isField {
		what = "field"
	}
	tname := c.method.Obj().Name()
	c.errorf(d.comment.Slash, "%v would generate the method %s.%s, but %s has a %s %s already (%s); rename one of them",
		d, tname, name, tname, what, name, c.position(obj.Pos()))
}

// checkGroupOutputs reports, for each directive, a field of a struct
// parameter the directive does not differentiate that fn writes values
// depending on the differentiated parameters into: its derivative would
// need a buffer of its own. Naming the struct in the directive makes the
// field an in-place update, like a differentiated slice's.
func (c *checker) checkGroupOutputs(fn *ir.Func, dirs []Directive, raws []rawDirective) {
	for _, d := range dirs {
		a := ir.Analyse(fn, d.Wrt)
		for i, p := range fn.Params {
			pv := fn.ParamValue(i)
			if p.Group == nil || pv == nil || slices.Contains(d.Wrt, i) || !a.Written[pv] || !a.Varied.Mem[pv] {
				continue
			}
			raw := c.rawOf(d, raws)
			c.errorf(raw.comment.Slash, "%v: %s writes values that depend on the differentiated parameters into %s, a field of %s, which the directive does not differentiate; name %s in the directive too",
				raw, fn.Name, p.Group.Ref(p.Field), p.Group.Name, p.Group.Name)
		}
	}
}

// rawOf returns the directive as written that d was resolved from.
func (c *checker) rawOf(d Directive, raws []rawDirective) rawDirective {
	for _, raw := range raws {
		if c.position(raw.comment.Slash) == d.Pos {
			return raw
		}
	}
	panic("parse: a directive without its comment")
}

// bindParams binds each parameter of the Go signature, receiver first, to
// its IR parameters (see flatSignature): a plain one to its value, a
// struct to its leaves. A struct without leaves is bound to none, so that
// the body may pass it on to the package's functions and methods (g.y(i)
// on a type Gaussian struct{}).
func (fb *funcBuilder) bindParams() {
	params := fb.b.Func.Params
	for k, v := range fb.lay.vars {
		idx := fb.lay.params[k]
		blank := v.Name() == "" || v.Name() == "_"
		named, _, _ := fb.structType(v.Type())
		switch {
		case len(idx) > 0 && params[idx[0]].Group != nil:
			leaves := make(map[string]*ir.Value)
			for _, i := range idx {
				if params[i].Field != "" {
					leaves[params[i].Field] = fb.b.Param(i)
				}
			}
			if !blank {
				fb.fields[v] = leaves
			}
		case len(idx) > 0:
			fb.env[v] = fb.b.Param(idx[0])
			if named != nil && !blank {
				fb.fields[v] = map[string]*ir.Value{} // a struct without leaves
			}
		case named != nil && !blank:
			fb.fields[v] = map[string]*ir.Value{}
		}
	}
}

// fieldPath resolves a selector of a field of a struct parameter, n.W1 or
// n.Act.Scale, to the parameter and the field's path. It returns why the
// selector cannot be read if it reads a field of something else, and
// nothing at all if it is not a field selector.
func (fb *funcBuilder) fieldPath(e *ast.SelectorExpr) (root *types.Var, path string, why string) {
	// The selectors from the root out: n.Act, then n.Act.Scale.
	var sels []*ast.SelectorExpr
	var x ast.Expr = e
	for {
		s, ok := ast.Unparen(x).(*ast.SelectorExpr)
		if !ok {
			break
		}
		if sel, ok := fb.info.Selections[s]; !ok || sel.Kind() != types.FieldVal {
			return nil, "", ""
		}
		sels = append([]*ast.SelectorExpr{s}, sels...)
		x = s.X
	}
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		v, _ := fb.info.Uses[x].(*types.Var)
		if !fb.holdsStruct(v) {
			if v != nil && !isPackageLevel(v) && !fb.inSignature(v) {
				// A local variable of a struct type, whose declaration
				// is reported.
				return nil, "", reported
			}
			if v != nil && isPackageLevel(v) {
				return nil, "", fmt.Sprintf("%s reads package variable %s; pass it as a parameter", fb.name, x.Name)
			}
			return nil, "", fmt.Sprintf("reading %s, a field of %s (of type %s), is not supported: godiff reads the fields of parameters and receivers whose type is a struct declared in the package, or a pointer to one",
				types.ExprString(e), x.Name, fb.typeString(fb.info.TypeOf(x)))
		}
		root = v
	case *ast.IndexExpr:
		return nil, "", fmt.Sprintf("reading %s, a field of an element of %s, is not supported: godiff does not support slices and arrays of structs; use a struct of slices",
			types.ExprString(e), types.ExprString(x.X))
	default:
		return nil, "", fmt.Sprintf("reading %s is not supported: godiff reads the fields of struct parameters and receivers only", types.ExprString(e))
	}
	// The fields each selector goes through, embedded ones included, by
	// name. Only the parameter itself may be a pointer: a field reached
	// through a pointer field could alias another.
	parts := []string{root.Name()}
	for k, s := range sels {
		t := fb.info.TypeOf(s.X)
		for i, idx := range fb.info.Selections[s].Index() {
			if _, isPtr := types.Unalias(t).(*types.Pointer); isPtr && (k > 0 || i > 0) {
				ptr := strings.Join(parts, ".")
				return nil, "", fmt.Sprintf("reading %s goes through the pointer %s, which is not supported: godiff reads the fields of a struct parameter (or of a pointer to one) and of the struct values inside it; make %s a struct value",
					types.ExprString(e), ptr, ptr)
			}
			st, ok := derefStruct(t)
			if !ok {
				return nil, "", ""
			}
			f := st.Field(idx)
			parts = append(parts, f.Name())
			t = f.Type()
		}
	}
	return root, strings.Join(parts[1:], "."), ""
}

// reported is what fieldPath returns as the reason for a selector whose
// problem is reported already.
const reported = "(reported)"

// inSignature reports whether v is a parameter or the receiver of the
// function.
func (fb *funcBuilder) inSignature(v *types.Var) bool {
	if fb.sig.Recv() == v {
		return true
	}
	for i := range fb.sig.Params().Len() {
		if fb.sig.Params().At(i) == v {
			return true
		}
	}
	return false
}

// derefStruct returns the struct type of t or of what t points to.
func derefStruct(t types.Type) (*types.Struct, bool) {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return st, ok
}

// field builds the value of a selector that reads a field: the leaf
// parameter it names. It reports false for a selector that is not a
// field, which the caller handles.
func (fb *funcBuilder) field(e *ast.SelectorExpr) (v *ir.Value, ok, isField bool) {
	sel, found := fb.info.Selections[e]
	if !found || sel.Kind() != types.FieldVal {
		return nil, false, false
	}
	root, path, why := fb.fieldPath(e)
	switch {
	case why == reported:
		fb.failed = true
		return nil, false, true
	case why != "":
		fb.errorf(e.Pos(), "%s", why)
		return nil, false, true
	case root == nil:
		return nil, false, false
	}
	if leaf, ok := fb.leaf(root, path); ok {
		return leaf, true, true
	}
	t := fb.info.TypeOf(e)
	if _, isStruct := t.Underlying().(*types.Struct); isStruct {
		fb.errorf(e.Pos(), "using the struct %s as a whole is not supported in a differentiated function: read its fields (%s.%s)",
			types.ExprString(e), types.ExprString(e), firstField(t))
		return nil, false, true
	}
	fb.errorf(e.Pos(), "the field %s has type %s", types.ExprString(e), fb.unsupportedType(t))
	return nil, false, true
}

// firstField names the first field of a struct type, for a hint.
func firstField(t types.Type) string {
	st, ok := t.Underlying().(*types.Struct)
	if !ok || st.NumFields() == 0 {
		return "F"
	}
	return st.Field(0).Name()
}

// wholeStruct reports the use of a struct parameter as a value.
func (fb *funcBuilder) wholeStruct(id *ast.Ident, v *types.Var) (*ir.Value, bool) {
	t := v.Type()
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	return fb.fail(id.Pos(), "using the struct %s as a whole is not supported in a differentiated function: read its fields (%s.%s)",
		id.Name, id.Name, firstField(t))
}

// fieldAssignment explains why assigning to the field selector lhs is
// refused: the parameters' fields are fixed, only the elements of their
// slices and arrays can be written.
func (fb *funcBuilder) fieldAssignment(lhs *ast.SelectorExpr) string {
	name := types.ExprString(lhs)
	if _, isField := fb.info.Selections[lhs]; !isField {
		return ""
	}
	switch underlying(fb.info.TypeOf(lhs)).(type) {
	case *types.Slice, *types.Array:
		return "assigning to the field " + name + " is not supported: a differentiated function may not replace a field of its parameters; assign its elements (" + name + "[i] = v), or copy into it"
	}
	return "assigning to the field " + name + " is not supported: a differentiated function may not change a field of its parameters; keep the value in a local variable"
}

// sameTarget reports whether lhs, stripped of its indexes, denotes the
// memory x does: the same variable, or the same field of the same struct
// parameter.
func (fb *funcBuilder) sameTarget(lhs, x ast.Expr) bool {
	for {
		ix, ok := ast.Unparen(x).(*ast.IndexExpr)
		if !ok {
			break
		}
		x = ix.X // a row: any write into its array may change it
	}
	switch l := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		id, ok := ast.Unparen(x).(*ast.Ident)
		return ok && fb.info.Uses[id] != nil && fb.info.Uses[l] == fb.info.Uses[id]
	case *ast.SelectorExpr:
		s, ok := ast.Unparen(x).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		r1, p1, _ := fb.fieldPath(l)
		r2, p2, _ := fb.fieldPath(s)
		return r1 != nil && r1 == r2 && p1 == p2
	}
	return false
}

// checkDistinct reports two annotated functions of a file that would
// generate the same package-level name: the function NetLoss and the
// method Net.Loss both generate NetLossTape and NetLossBackward. The
// names of a method's methods (LossGrad, LossForward) live in its type.
func (c *checker) checkDistinct(ts []*Target) {
	first := make(map[string]*Target)
	for _, t := range ts {
		method := t.Func.Recv() != nil
		seen := make(map[string]bool) // a split form its directives share
		for _, d := range t.Directives {
			names := []string{d.Split.Tape, d.Split.Backward, d.Jacobian.Work}
			if !method {
				names = append(names, d.Name, d.Split.Forward, d.Jacobian.To, d.Jacobian.Vector)
			}
			for _, name := range names {
				if name == "" || seen[name] {
					continue
				}
				seen[name] = true
				if other, ok := first[name]; ok && other != t {
					*c.reporter.errs = append(*c.reporter.errs, Error{Pos: d.Pos, Msg: fmt.Sprintf("%s%v would generate %s, which %s at %s generates too; rename one of them",
						directivePrefix, d.Mode, name, other.Func.Name, other.Pos)})
					continue
				}
				first[name] = t
			}
		}
	}
}
