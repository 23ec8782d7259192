package parse

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"godiff/ir"
)

// funcBuilder builds the IR of one function's body, statement by
// statement.
//
// A statement that cannot be built is reported and skipped, and building
// goes on with the next one so that a run reports every problem. Skipping
// may leave a variable without a value; a later use of it fails silently,
// since its problem is already reported.
type funcBuilder struct {
	*checker
	name string // the function's Go name, for messages
	sig  *types.Signature
	b    *ir.Builder
	// env holds the current value of each parameter and local variable.
	// It is keyed by object, not by name, so that shadowing needs no
	// bookkeeping.
	env    map[*types.Var]*ir.Value
	failed bool // some statement or expression could not be built
}

// buildFunc builds the IR of fd, returning nil if the body is outside the
// subset (which it reports). A function with a result godiff cannot
// compute with is not built: the directives' checks report that result.
func (c *checker) buildFunc(fd *ast.FuncDecl, sig *types.Signature, params []ir.Param, results []ir.Result) *ir.Func {
	for _, r := range results {
		if _, ok := r.Type.(ir.Basic); !ok {
			return nil
		}
	}
	f := ir.NewFunc(fd.Name.Name, params, results)
	fb := &funcBuilder{
		checker: c,
		name:    fd.Name.Name,
		sig:     sig,
		b:       ir.NewBuilder(f),
		env:     make(map[*types.Var]*ir.Value),
	}
	// The user's computation is kept op for op, so that the generated code
	// computes what the source computes, bit for bit.
	fb.b.Simplify = false
	before := c.count()
	fb.bindSignature(results)
	fb.body(fd.Body)
	switch {
	case fb.failed && c.count() == before:
		panic(fmt.Sprintf("parse: building %s failed without a diagnostic", fd.Name.Name))
	case fb.failed:
		return nil
	case f.Return() == nil && len(results) == 0:
		// A function without results may end without a return.
		fb.b.Return()
	case f.Return() == nil:
		// Unreachable in practice: Go requires a terminating statement, and
		// every other terminating statement is reported as unsupported.
		c.errorf(fd.Body.Rbrace, "%s must end with a return statement", fd.Name.Name)
		return nil
	}
	ir.UniqueNames(f)
	if err := ir.Verify(f); err != nil {
		panic(err)
	}
	return f
}

// errorf reports a problem with the function's body and marks it failed.
func (fb *funcBuilder) errorf(pos token.Pos, format string, args ...any) {
	fb.failed = true
	fb.checker.errorf(pos, format, args...)
}

// bindSignature defines every parameter, in order, blank ones included, and
// starts each named result at its zero value, as Go does.
func (fb *funcBuilder) bindSignature(results []ir.Result) {
	for i := range fb.sig.Params().Len() {
		fb.env[fb.sig.Params().At(i)] = fb.b.Param(i)
	}
	for i := range fb.sig.Results().Len() {
		r := fb.sig.Results().At(i)
		if r.Name() == "" {
			continue
		}
		t := results[i].Type.(ir.Basic)
		fb.env[r] = fb.b.Bind(fb.b.Const(t, zeroValue(t)), r.Name())
	}
}

// body builds the function's top-level statements. The body is straight
// line, so its return must be its last statement.
func (fb *funcBuilder) body(body *ast.BlockStmt) {
	for i, s := range body.List {
		ret, ok := s.(*ast.ReturnStmt)
		if !ok {
			fb.stmt(s)
			continue
		}
		fb.ret(ret)
		for _, after := range body.List[i+1:] {
			if _, empty := after.(*ast.EmptyStmt); !empty {
				fb.errorf(after.Pos(), "code after return is not supported: it never runs; remove it")
				break
			}
		}
		return
	}
}

// stmt builds one statement other than the body's final return.
func (fb *funcBuilder) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.AssignStmt:
		fb.assign(s)
	case *ast.IncDecStmt:
		fb.incDec(s)
	case *ast.DeclStmt:
		fb.decl(s)
	case *ast.BlockStmt:
		// A nested block only scopes names, and env is keyed by object.
		for _, s := range s.List {
			fb.stmt(s)
		}
	case *ast.EmptyStmt:
	case *ast.ReturnStmt:
		fb.errorf(s.Pos(), "return inside a nested block is not supported yet; return at the end of the function body")
	case *ast.ExprStmt:
		fb.exprStmt(s)
	default:
		fb.errorf(s.Pos(), "%s", unsupportedStmt(s))
	}
}

// unsupportedStmt explains why statement s is outside the subset.
func unsupportedStmt(s ast.Stmt) string {
	const later = "loops and branches come in a later version"
	const pure = "a differentiated function must be a pure computation on numbers"
	switch s := s.(type) {
	case *ast.IfStmt:
		return "if statements are not supported in a differentiated function yet: " + later
	case *ast.ForStmt, *ast.RangeStmt:
		return "for loops are not supported in a differentiated function yet: " + later
	case *ast.SwitchStmt:
		return "switch statements are not supported in a differentiated function yet: " + later
	case *ast.TypeSwitchStmt:
		return "type switches are not supported in a differentiated function: " + pure
	case *ast.LabeledStmt:
		return "labeled statements are not supported in a differentiated function yet: " + later
	case *ast.BranchStmt:
		return s.Tok.String() + " statements are not supported in a differentiated function yet: " + later
	case *ast.SelectStmt:
		return "select statements are not supported in a differentiated function: " + pure
	case *ast.GoStmt:
		return "go statements are not supported in a differentiated function: " + pure
	case *ast.DeferStmt:
		return "defer statements are not supported in a differentiated function: " + pure
	case *ast.SendStmt:
		return "channel sends are not supported in a differentiated function: " + pure
	}
	return "this statement is not supported in a differentiated function"
}

// exprStmt reports an expression statement: a call or a receive whose
// result is dropped cannot contribute to the results.
func (fb *funcBuilder) exprStmt(s *ast.ExprStmt) {
	x := ast.Unparen(s.X)
	if call, ok := x.(*ast.CallExpr); ok {
		if tv := fb.info.Types[ast.Unparen(call.Fun)]; tv.IsBuiltin() {
			fb.errorf(s.Pos(), "calling %s is not supported in a differentiated function: it must be a pure computation on numbers", types.ExprString(call.Fun))
			return
		}
		fb.errorf(s.Pos(), "a call whose result is unused has no effect on the derivative; remove it")
		return
	}
	fb.errorf(s.Pos(), "%s", unsupportedExpr(x))
}

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

// assign builds x = e, x := e, a, b = e1, e2 and x op= e.
func (fb *funcBuilder) assign(s *ast.AssignStmt) {
	if op, ok := assignOps[s.Tok]; ok {
		fb.opAssign(s, op)
		return
	}
	if len(s.Lhs) != len(s.Rhs) {
		fb.errorf(s.Pos(), "assigning %d values from one expression is not supported yet; assign each value from its own expression", len(s.Lhs))
		return
	}
	fb.assignAll(s.Lhs, s.Rhs)
}

// assignAll assigns each value of rhs to the variable of lhs at the same
// index, computing every value before assigning any: a, b = b, a swaps. A
// nil value stands for the zero value of the variable's type.
func (fb *funcBuilder) assignAll(lhs, rhs []ast.Expr) {
	vars := make([]*types.Var, len(lhs))
	vals := make([]*ir.Value, len(lhs))
	ok := true
	for i := range lhs {
		v, okV := fb.target(lhs[i], rhs[i])
		switch {
		case !okV:
			ok = false
		case rhs[i] == nil:
			vars[i], vals[i] = v, fb.zero(v)
		default:
			val, okE := fb.expr(rhs[i])
			vars[i], vals[i] = v, val
			ok = ok && okE
		}
	}
	if ok {
		fb.bindAll(vars, vals)
	}
}

// opAssign builds x op= e as x = x op e.
func (fb *funcBuilder) opAssign(s *ast.AssignStmt, op token.Token) {
	v, ok := fb.target(s.Lhs[0], nil)
	if !ok {
		return
	}
	if val, ok := fb.arith(s.Pos(), op, s.Lhs[0], s.Rhs[0]); ok {
		fb.bindAll([]*types.Var{v}, []*ir.Value{val})
	}
}

// incDec builds x++ and x-- as x = x ± 1.
func (fb *funcBuilder) incDec(s *ast.IncDecStmt) {
	v, ok := fb.target(s.X, nil)
	if !ok {
		return
	}
	x, ok := fb.expr(s.X)
	if !ok {
		return
	}
	t := x.Type.(ir.Basic) // a number: the type checker allows ++ on nothing else
	op := ir.OpAdd
	if s.Tok == token.DEC {
		op = ir.OpSub
	}
	fb.bindAll([]*types.Var{v}, []*ir.Value{fb.b.Binary(op, x, fb.b.Const(t, oneValue(t)))})
}

// target returns the variable that lhs assigns, nil for the blank
// identifier, checking that it can hold a value in IR: it is a local
// variable of a basic type. rhs is the value assigned, nil for a zero value
// or an assignment x op= e.
func (fb *funcBuilder) target(lhs, rhs ast.Expr) (*types.Var, bool) {
	id, isIdent := ast.Unparen(lhs).(*ast.Ident)
	if !isIdent {
		fb.errorf(lhs.Pos(), "assigning to %s is not supported yet: only local variables can be assigned", types.ExprString(lhs))
		return nil, false
	}
	if id.Name == "_" {
		return nil, true
	}
	v, isVar := fb.info.ObjectOf(id).(*types.Var)
	if !isVar {
		panic(fmt.Sprintf("parse: assignment to %s, which is not a variable", id.Name))
	}
	if isPackageLevel(v) {
		fb.errorf(id.Pos(), "%s assigns to package variable %s; return the value instead", fb.name, id.Name)
		return nil, false
	}
	if _, ok := basicOf(v.Type()); ok {
		return v, true
	}
	// The value has the variable's type, so building it fails too. Report
	// the more telling problem: the value's own (f := func() ...), or the
	// variable's type when the value is a constant or absent (c = 1 with c
	// of a named type, var e Celsius).
	if rhs != nil && fb.info.Types[rhs].Value == nil {
		if _, ok := fb.expr(rhs); !ok {
			return nil, false
		}
	}
	fb.errorf(id.Pos(), "%s has type %s, which is not supported yet in a differentiated function", id.Name, fb.typeString(v.Type()))
	return nil, false
}

// isPackageLevel reports whether v is a package-level variable (of any
// package).
func isPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// bindAll gives each variable its new value, nil variables (blanks)
// discarding theirs.
func (fb *funcBuilder) bindAll(vars []*types.Var, vals []*ir.Value) {
	for i, v := range vars {
		if v != nil {
			fb.env[v] = fb.b.Bind(vals[i], v.Name())
		}
	}
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

// varSpec builds var a, b T = e1, e2; without values, each variable starts
// at its zero value.
func (fb *funcBuilder) varSpec(vs *ast.ValueSpec) {
	if len(vs.Values) != 0 && len(vs.Values) != len(vs.Names) {
		fb.errorf(vs.Pos(), "assigning %d values from one expression is not supported yet; assign each value from its own expression", len(vs.Names))
		return
	}
	lhs := make([]ast.Expr, len(vs.Names))
	for i, id := range vs.Names {
		lhs[i] = id
	}
	rhs := vs.Values
	if len(rhs) == 0 {
		rhs = make([]ast.Expr, len(lhs))
	}
	fb.assignAll(lhs, rhs)
}

// zero returns the zero value of v's type, nil if v is nil (a blank).
func (fb *funcBuilder) zero(v *types.Var) *ir.Value {
	if v == nil {
		return nil
	}
	t, _ := basicOf(v.Type()) // target checked it
	return fb.b.Const(t, zeroValue(t))
}

// ret builds the body's final return. A bare return returns the named
// results' current values.
func (fb *funcBuilder) ret(s *ast.ReturnStmt) {
	results := fb.sig.Results()
	if len(s.Results) == 0 {
		vals := make([]*ir.Value, results.Len())
		for i := range vals {
			vals[i] = fb.env[results.At(i)] // named results are always bound
		}
		fb.b.Return(vals...)
		return
	}
	if len(s.Results) != results.Len() {
		fb.errorf(s.Pos(), "returning the %d results of one call is not supported yet; return each value from its own expression", results.Len())
		return
	}
	vals, ok := fb.exprs(s.Results)
	if ok {
		fb.b.Return(vals...)
	}
}
