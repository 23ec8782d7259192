package parse

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/godiff/godiff/ir"
)

// assignOps maps each arithmetic assignment operator to its operation.
var assignOps = map[token.Token]token.Token{
	token.ADD_ASSIGN:     token.ADD,
	token.SUB_ASSIGN:     token.SUB,
	token.MUL_ASSIGN:     token.MUL,
	token.QUO_ASSIGN:     token.QUO,
	token.REM_ASSIGN:     token.REM,
	token.AND_ASSIGN:     token.AND,
	token.OR_ASSIGN:      token.OR,
	token.XOR_ASSIGN:     token.XOR,
	token.SHL_ASSIGN:     token.SHL,
	token.SHR_ASSIGN:     token.SHR,
	token.AND_NOT_ASSIGN: token.AND_NOT,
}

// lvalue is what one left-hand side of an assignment writes: a variable,
// an element mem[index] of a slice or array, or nothing (the blank
// identifier: v and mem both nil).
type lvalue struct {
	v          *types.Var
	def        bool // the statement declares v
	mem, index *ir.Value
	// moves is v's window when v is a slice variable that moves
	// (moving.go), and id where the statement names it.
	moves *movingSlice
	id    *ast.Ident
	alone bool // the only left-hand side of its statement
	// field is the leaf of a local struct the statement assigns (p.X):
	// its variable and its path.
	field *structField
}

// assign builds x = e, x := e, a, b = e1, e2, s[i] = e and x op= e.
func (fb *funcBuilder) assign(s *ast.AssignStmt) {
	if op, ok := assignOps[s.Tok]; ok {
		fb.opAssign(s, op)
		return
	}
	if call, ok := ast.Unparen(s.Rhs[0]).(*ast.CallExpr); ok && len(s.Rhs) == 1 && len(s.Lhs) > 1 {
		fb.assignResults(s.Lhs, call)
		return
	}
	if len(s.Lhs) != len(s.Rhs) {
		fb.errorf(s.Pos(), "assigning %d values from one expression is not supported yet; assign each value from its own expression", len(s.Lhs))
		return
	}
	if id, ok := ast.Unparen(s.Lhs[0]).(*ast.Ident); ok && len(s.Lhs) == 1 && fb.localStruct(id, s.Rhs[0]) {
		return
	}
	fb.assignAll(s.Lhs, s.Rhs)
}

// assignAll assigns each value of rhs to the left-hand side of lhs at the
// same index, as Go does: first the operands of the indexes on the left
// and the values on the right, then the assignments, left to right. So
// a, b = b, a swaps, and so does s[i], s[j] = s[j], s[i]. A nil value
// stands for the zero value of the variable's type.
func (fb *funcBuilder) assignAll(lhs, rhs []ast.Expr) {
	lvs := make([]lvalue, len(lhs))
	okL := make([]bool, len(lhs))
	ok := true
	for i := range lhs {
		lvs[i], okL[i] = fb.lvalue(lhs[i], rhs[i])
		ok = ok && okL[i]
	}
	vals := make([]*ir.Value, len(lhs))
	wins := make([][2]*ir.Value, len(lhs))
	for i := range lhs {
		if !okL[i] {
			continue // the value's problems, if any, are reported
		}
		if lvs[i].moves != nil {
			lvs[i].alone = len(lhs) == 1
			if call, isCall := ast.Unparen(rhs[i]).(*ast.CallExpr); isCall && !lvs[i].alone && fb.isBuiltin(call, "append") {
				// It writes memory, when Go leaves unspecified.
				fb.errorf(call.Pos(), "append in an assignment of several values is not supported: Go leaves unspecified when it writes; write %s = append(...) as a statement of its own", lvs[i].v.Name())
				ok = false
				continue
			}
			lo, hi, okW := fb.window(rhs[i], lvs[i].moves.group)
			wins[i] = [2]*ir.Value{lo, hi}
			ok = ok && okW
			continue
		}
		if rhs[i] == nil {
			vals[i] = fb.zero(lvs[i])
			continue
		}
		v, okV := fb.rhs(rhs[i], len(rhs) == 1)
		vals[i] = v
		ok = ok && okV
	}
	if !ok {
		return
	}
	for i, lv := range lvs {
		if (lv.v != nil || lv.mem != nil) && vals[i] != nil && copiedArray(vals[i].Type, rhs[i]) && len(lvs) > 1 {
			// a, b = b, a: every value is read before any is written.
			vals[i] = fb.freshCopy(vals[i])
		}
	}
	for i, lv := range lvs {
		if lv.moves != nil {
			fb.writeWindow(lv, wins[i][0], wins[i][1])
			continue
		}
		fb.writeArray(lv, vals[i], rhs[i])
	}
}

// writeArray assigns val to lv as write does, copying an array as Go
// does: into a fresh array for a declaration, into the variable's own
// elements for an assignment.
func (fb *funcBuilder) writeArray(lv lvalue, val *ir.Value, rhs ast.Expr) {
	var isArray bool
	if val != nil {
		_, isArray = val.Type.(ir.Array)
	}
	switch {
	case lv.field != nil && isArray && copiedArray(val.Type, rhs):
		// p.V = a: a copy of a's elements.
		fb.write(lv, fb.freshCopy(val))
	case lv.mem != nil && isArray:
		// g[i] = row: into the row's elements.
		fb.copyElements(fb.b.Load(lv.mem, lv.index), val)
	case lv.v == nil || !isArray:
		fb.write(lv, val)
	case !lv.def:
		fb.copyElements(fb.env[lv.v], val)
	case copiedArray(val.Type, rhs):
		fb.write(lv, fb.freshCopy(val))
	default:
		fb.write(lv, val)
	}
}

// rhs builds a value on the right of an assignment. A call of copy, which
// writes memory, may be the whole value of a single assignment; anywhere
// else Go leaves unspecified when its write happens with respect to the
// reads around it.
func (fb *funcBuilder) rhs(e ast.Expr, single bool) (*ir.Value, bool) {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && single && fb.isBuiltin(call, "copy") {
		return fb.copyCall(call)
	}
	return fb.expr(e)
}

// lvalue checks one left-hand side and evaluates the operands of its
// indexes. rhs is the value assigned, nil for a zero value or for x op= e
// and x++.
func (fb *funcBuilder) lvalue(lhs, rhs ast.Expr) (lvalue, bool) {
	switch e := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		return fb.varTarget(e, rhs)
	case *ast.IndexExpr:
		// A row of a nested array, g[i] = row, is copied into (writeArray).
		mem, index, ok := fb.element(e)
		return lvalue{mem: mem, index: index}, ok
	case *ast.SelectorExpr:
		if f, isLocal, ok := fb.localField(e); isLocal {
			return lvalue{field: f}, ok
		}
		if why := fb.fieldAssignment(e); why != "" {
			fb.errorf(lhs.Pos(), "%s", why)
			return lvalue{}, false
		}
	}
	fb.errorf(lhs.Pos(), "assigning to %s is not supported yet: only local variables and elements of slices and arrays can be assigned", types.ExprString(lhs))
	return lvalue{}, false
}

// varTarget checks that the variable id can be assigned: a local variable
// of a type godiff computes with, and, for a slice or an array, only by its
// declaration (a slice must stay one value, a reference to its memory).
func (fb *funcBuilder) varTarget(id *ast.Ident, rhs ast.Expr) (lvalue, bool) {
	if id.Name == "_" {
		return lvalue{}, true
	}
	v, def := fb.info.Defs[id].(*types.Var)
	if !def {
		var isVar bool
		if v, isVar = fb.info.Uses[id].(*types.Var); !isVar {
			panic(fmt.Sprintf("parse: assignment to %s, which is not a variable", id.Name))
		}
	}
	if isPackageLevel(v) {
		fb.errorf(id.Pos(), "%s assigns to package variable %s; return the value instead", fb.name, id.Name)
		return lvalue{}, false
	}
	if fb.moving[v] != nil {
		return fb.movingTarget(id, v, def, rhs)
	}
	t, ok := localType(v.Type())
	if !ok {
		// The value has the variable's type, so building it fails too.
		// Report the more telling problem: the value's own (f := func()
		// ...), or the variable's type when the value is a constant or
		// absent (c = 1 with c of a named type, var e Celsius).
		if rhs != nil && fb.info.Types[rhs].Value == nil {
			if _, ok := fb.expr(rhs); !ok {
				return lvalue{}, false
			}
		}
		fb.errorf(id.Pos(), "%s has type %s", id.Name, fb.unsupportedType(v.Type()))
		return lvalue{}, false
	}
	if call, ok := ast.Unparen(rhs).(*ast.CallExpr); ok && !def && fb.isBuiltin(call, "append") {
		// s = append(s, x): append is the problem to report.
		fb.errorf(call.Pos(), "%s = append(...) is not supported in a differentiated function: godiff needs a slice's length when it is made; make %s with its final length, %s := make(%s, n), and assign %s[i] = v",
			id.Name, id.Name, id.Name, fb.typeString(v.Type()), id.Name)
		return lvalue{}, false
	}
	if why := memoryAssignment(t, def, rhs); why != "" {
		fb.errorf(id.Pos(), "%s", why)
		return lvalue{}, false
	}
	if _, basic := t.(ir.Basic); !basic && fb.inForInit {
		// A slice or an array is one SSA value, which the loop's other
		// blocks could not see (the numbers declared there are ir.Vars).
		fb.errorf(id.Pos(), "declaring a slice or an array in a for loop's init statement is not supported; declare %s before the loop", id.Name)
		return lvalue{}, false
	}
	return lvalue{v: v, def: def}, true
}

// memoryAssignment explains why assigning rhs to a variable of type t is
// refused, or returns "". A slice variable assigned after its declaration
// moves (moving.go) and does not come here; any other is given its value
// once, by its declaration, and stays one SSA value; an array variable
// stays one value too, and an assignment copies into its elements
// (writeArray).
func memoryAssignment(t ir.Type, def bool, rhs ast.Expr) string {
	switch t.(type) {
	case ir.Slice:
		switch {
		case !def:
			return "reassigning a slice variable is not supported; copy into it instead"
		case rhs == nil:
			return "declaring a slice variable without a value that is never assigned is not supported: it stays nil; declare it with make"
		}
	}
	// An array may be assigned any array: Go copies it (see copiedArray).
	return ""
}

// write assigns val to lv. A variable in an ir.Var is declared by its
// declaration (val nil: its zero value) and set by every other assignment;
// any other variable's name is bound to val.
func (fb *funcBuilder) write(lv lvalue, val *ir.Value) {
	switch {
	case lv.field != nil && fb.fieldSlots[lv.field.v][lv.field.path] != nil:
		fb.b.Set(fb.fieldSlots[lv.field.v][lv.field.path], val)
	case lv.field != nil:
		fb.fields[lv.field.v][lv.field.path] = fb.b.Bind(val, lv.field.name())
	case lv.mem != nil:
		fb.b.Store(lv.mem, lv.index, val)
	case lv.v == nil:
		// The blank identifier discards the value.
	case fb.inSlot[lv.v] && lv.def:
		fb.b.Declare(fb.newSlot(lv.v), val)
	case fb.inSlot[lv.v]:
		slot, ok := fb.slots[lv.v]
		if !ok {
			fb.failed = true // its declaration failed, and was reported
			return
		}
		fb.b.Set(slot, val)
	default:
		fb.env[lv.v] = fb.b.Bind(val, lv.v.Name())
	}
}

// zero returns the zero value for lv's variable: nil for a blank or for an
// ir.Var, which is declared without a value; a fresh array for an array.
func (fb *funcBuilder) zero(lv lvalue) *ir.Value {
	if lv.v == nil || fb.inSlot[lv.v] {
		return nil
	}
	switch t, _ := localType(lv.v.Type()); t := t.(type) {
	case ir.Basic:
		return fb.b.Const(t, zeroValue(t))
	case ir.Array:
		return fb.b.Make(t, fb.b.Const(ir.Int, int64(t.Len)))
	}
	panic(fmt.Sprintf("parse: zero value of %s", lv.v.Type())) // memoryAssignment refused it
}

// opAssign builds x op= e as x = x op e, and s[i] op= e as s[i] = s[i] op
// e with s and i evaluated once.
func (fb *funcBuilder) opAssign(s *ast.AssignStmt, op token.Token) {
	lv, ok := fb.lvalue(s.Lhs[0], nil)
	if !ok || !fb.checkArith(s.Pos(), op, s.Lhs[0]) {
		return
	}
	old, okX := fb.current(lv, s.Lhs[0])
	y, okY := fb.expr(s.Rhs[0])
	if okX && okY {
		fb.write(lv, fb.b.Binary(arithOps[op], old, y))
	}
}

// incDec builds x++ and x-- as x = x ± 1, and s[i]++ as s[i] = s[i] + 1.
func (fb *funcBuilder) incDec(s *ast.IncDecStmt) {
	lv, ok := fb.lvalue(s.X, nil)
	if !ok {
		return
	}
	x, ok := fb.current(lv, s.X)
	if !ok {
		return
	}
	t, ok := x.Type.(ir.Basic) // a number: the type checker allows ++ on nothing else
	if !ok || !ir.IsNumeric(t) {
		fb.errorf(s.Pos(), "%s of a value of type %s is not supported", s.Tok, x.Type)
		return
	}
	op := ir.OpAdd
	if s.Tok == token.DEC {
		op = ir.OpSub
	}
	fb.write(lv, fb.b.Binary(op, x, fb.b.Const(t, oneValue(t))))
}

// current reads the value that lv, written as e, holds now.
func (fb *funcBuilder) current(lv lvalue, e ast.Expr) (*ir.Value, bool) {
	if lv.mem != nil {
		return fb.b.Load(lv.mem, lv.index), true
	}
	return fb.expr(e)
}

// isPackageLevel reports whether v is a package-level variable (of any
// package).
func isPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// decl builds a var declaration. Constants are folded by the type checker
// and types compute nothing, so their declarations are skipped: a use of a
// value of a local type is reported where it happens.
func (fb *funcBuilder) decl(s *ast.DeclStmt) {
	gd := s.Decl.(*ast.GenDecl) // a FuncDecl cannot be a statement
	if gd.Tok != token.VAR {
		return
	}
	for _, spec := range gd.Specs {
		fb.varSpec(spec.(*ast.ValueSpec))
	}
}

// varSpec builds var a, b T = e1, e2, and var a, b T = f(x) as a, b :=
// f(x); without values, each variable starts at its zero value.
func (fb *funcBuilder) varSpec(vs *ast.ValueSpec) {
	lhs := make([]ast.Expr, len(vs.Names))
	for i, id := range vs.Names {
		lhs[i] = id
	}
	if call, ok := ast.Unparen(onlyValue(vs.Values)).(*ast.CallExpr); ok && len(lhs) > 1 {
		fb.assignResults(lhs, call)
		return
	}
	if len(vs.Values) != 0 && len(vs.Values) != len(vs.Names) {
		fb.errorf(vs.Pos(), "assigning %d values from one expression is not supported yet; assign each value from its own expression", len(vs.Names))
		return
	}
	rhs := vs.Values
	if len(rhs) == 0 {
		rhs = make([]ast.Expr, len(lhs))
	}
	if len(lhs) == 1 && fb.localStruct(vs.Names[0], rhs[0]) {
		return
	}
	fb.assignAll(lhs, rhs)
}

// onlyValue returns the only expression of values, nil if there are none
// or several.
func onlyValue(values []ast.Expr) ast.Expr {
	if len(values) != 1 {
		return nil
	}
	return values[0]
}
