package parse

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/godiff/godiff/ir"
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
	name     string // the function's Go name, for messages
	sig      *types.Signature
	returned *types.Var // the parameter every return returns, left out of sig's results (returnsdst.go)
	lay      sigLayout  // how sig maps onto the IR parameters
	b        *ir.Builder
	// env holds the current value of each parameter and local variable
	// that is SSA values (see vars.go). It is keyed by object, not by
	// name, so that shadowing and Go's block scoping need no bookkeeping.
	env map[*types.Var]*ir.Value
	// fields holds the leaves of each struct parameter, by field path
	// (see structs.go).
	fields map[*types.Var]map[string]*ir.Value
	// inSlot holds the variables that live in an ir.Var, and slots their
	// ir.Var once declared.
	inSlot map[*types.Var]bool
	slots  map[*types.Var]*ir.Var
	// moving holds the slice variables that move (moving.go).
	moving map[*types.Var]*movingSlice
	// crossedStructs holds the local structs a field of which is assigned
	// outside the region declaring them (localstructs.go).
	crossedStructs map[*types.Var]bool
	// fieldSlots holds the ir.Var of each number field of such a struct,
	// by field path.
	fieldSlots map[*types.Var]map[string]*ir.Var
	// branches are the loops and switches enclosing the statement being
	// built, innermost last: the targets of break and continue.
	branches []*branchTarget
	// exit is the keyword of the last statement that left its block
	// (return, break, continue), for reporting the code after it.
	exit string
	// inForInit is set while a three-clause loop's init is built: the
	// values defined there are out of the other blocks' scope.
	inForInit bool
	failed    bool // some statement or expression could not be built
	body      *ast.BlockStmt
}

// flow says where control goes after a statement.
type flow int

const (
	goesOn       flow = iota // to the next statement
	exits                    // out of the block: a return, break or continue ends it
	leavesSwitch             // to the end of the switch whose case holds the statement
)

// buildFunc builds the IR of fd, returning nil if the body is outside the
// subset (which it reports). A function with a result godiff cannot
// compute with is not built: the directives' checks report that result.
func (c *checker) buildFunc(fd *ast.FuncDecl, sig *types.Signature, params []ir.Param, lay sigLayout, results []ir.Result, returned *types.Var) *ir.Func {
	for _, r := range results {
		if _, ok := r.Type.(ir.Basic); !ok {
			return nil
		}
	}
	f := ir.NewFunc(fd.Name.Name, params, results)
	fb := &funcBuilder{
		checker:        c,
		name:           fd.Name.Name,
		sig:            sig,
		lay:            lay,
		b:              ir.NewBuilder(f),
		env:            make(map[*types.Var]*ir.Value),
		fields:         make(map[*types.Var]map[string]*ir.Value),
		inSlot:         slotVars(c.info, fd, sig),
		slots:          make(map[*types.Var]*ir.Var),
		moving:         movingSlices(c.info, fd, sig),
		crossedStructs: crossedStructs(c.info, fd, sig),
		fieldSlots:     make(map[*types.Var]map[string]*ir.Var),
		body:           fd.Body,
		// returned is the parameter every return returns, which the
		// function built returns no longer (see returnsdst.go).
		returned: returned,
	}
	// The user's computation is kept op for op, so that the generated code
	// computes what the source computes, bit for bit.
	fb.b.Simplify = false
	before := c.count()
	fb.bindSignature(results)
	fb.stmts(fd.Body.List)
	if !fb.failed && !c.checkOrder(fd) {
		return nil
	}
	switch {
	case fb.failed && c.count() == before:
		panic(fmt.Sprintf("parse: building %s failed without a diagnostic", fd.Name.Name))
	case fb.failed:
		return nil
	case !terminates(f.Body) && len(results) == 0:
		// A function without results may end without a return.
		fb.b.Return()
	case !terminates(f.Body):
		// Unreachable in practice: Go requires a terminating statement,
		// and each of Go's that godiff builds is one for ir.Verify too.
		c.errorf(fd.Body.Rbrace, "%s must end with a return statement", fd.Name.Name)
		return nil
	}
	ir.UniqueNames(f)
	if err := ir.Verify(f); err != nil {
		panic(err)
	}
	return f
}

// terminates reports whether control cannot fall off the end of b, by the
// rule ir.Verify applies to a function's body: b ends in a return, in an
// if whose branches both terminate, or in a loop without a condition that
// no break leaves.
func terminates(b *ir.Block) bool {
	if len(b.Values) == 0 {
		return false
	}
	last := b.Values[len(b.Values)-1]
	switch last.Op {
	case ir.OpReturn:
		return true
	case ir.OpHalt:
		return last.Aux.(*ir.Halt).Ends()
	case ir.OpIf:
		return terminates(last.Blocks[0]) && terminates(last.Blocks[1])
	case ir.OpFor:
		if last.Blocks[1].Result != nil {
			return false
		}
		broken := false
		last.Blocks[3].Walk(func(v *ir.Value) {
			broken = broken || v.Op == ir.OpBreak && v.Aux == last
		})
		return !broken
	}
	return false
}

// errorf reports a problem with the function's body and marks it failed.
func (fb *funcBuilder) errorf(pos token.Pos, format string, args ...any) {
	fb.failed = true
	fb.checker.errorf(pos, format, args...)
}

// bindSignature defines every parameter, in order, blank ones included, and
// starts each named result at its zero value, as Go does. A parameter
// assigned in a branch or a loop is copied into a variable of the same
// name (which ir.UniqueNames renames: x2 := x), since a parameter's value
// is fixed in the IR.
func (fb *funcBuilder) bindSignature(results []ir.Result) {
	params := fb.sig.Params()
	fb.bindParams()
	fb.copyWrittenArrays()
	for i := range params.Len() {
		p := params.At(i)
		if fb.inSlot[p] {
			fb.b.Declare(fb.newSlot(p), fb.env[p])
			delete(fb.env, p)
		}
		if fb.moving[p] != nil {
			fb.bindMovingParam(p)
		}
	}
	for i := range fb.sig.Results().Len() {
		r := fb.sig.Results().At(i)
		if r.Name() == "" {
			continue
		}
		if fb.inSlot[r] {
			fb.b.Declare(fb.newSlot(r), nil)
			continue
		}
		switch t, _ := localType(r.Type()); t := t.(type) {
		case ir.Array:
			fb.env[r] = fb.b.Bind(fb.b.Make(t, fb.b.Const(ir.Int, int64(t.Len))), r.Name())
		case ir.Basic:
			fb.env[r] = fb.b.Bind(fb.b.Const(t, zeroValue(t)), r.Name())
		}
	}
}

// newSlot returns a new ir.Var for the variable v.
func (fb *funcBuilder) newSlot(v *types.Var) *ir.Var {
	t, _ := localType(v.Type()) // slotVars keeps basic types only
	slot := &ir.Var{Name: v.Name(), Type: t}
	fb.slots[v] = slot
	return slot
}

// stmts builds a list of statements into the current block. After a
// statement that leaves the block, the rest never runs: it is reported,
// and not built, since an exit must end its block in the IR.
func (fb *funcBuilder) stmts(list []ast.Stmt) flow {
	for i, s := range list {
		if f := fb.stmt(s); f != goesOn {
			fb.unreachable(list[i+1:])
			return f
		}
	}
	return goesOn
}

// unreachable reports the first statement of rest, which follows a
// statement that leaves its block.
func (fb *funcBuilder) unreachable(rest []ast.Stmt) {
	for _, s := range rest {
		if _, empty := s.(*ast.EmptyStmt); !empty {
			fb.errorf(s.Pos(), "code after %s is not supported: it never runs; remove it", fb.exit)
			return
		}
	}
}

// stmt builds one statement and says where control goes after it. Its
// values carry its position (ir.Value.Pos), for godiff explain.
func (fb *funcBuilder) stmt(s ast.Stmt) flow {
	outer := fb.b.Pos
	fb.b.Pos = fb.position(s.Pos())
	defer func() { fb.b.Pos = outer }()
	switch s := s.(type) {
	case *ast.AssignStmt:
		fb.assign(s)
	case *ast.IncDecStmt:
		fb.incDec(s)
	case *ast.DeclStmt:
		fb.decl(s)
	case *ast.BlockStmt:
		// A nested block only scopes names, and env is keyed by object:
		// its statements run in line.
		return fb.stmts(s.List)
	case *ast.EmptyStmt:
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok && fb.isHalt(call) {
			fb.halt(call)
			if fb.isBuiltin(call, "panic") {
				fb.exit = "panic"
				return exits
			}
			return goesOn // Go does not know that os.Exit ends the run
		}
		fb.exprStmt(s)
	case *ast.ReturnStmt:
		fb.ret(s)
		fb.exit = "return"
		return exits
	case *ast.IfStmt:
		fb.ifStmt(s)
	case *ast.SwitchStmt:
		return fb.switchStmt(s)
	case *ast.ForStmt:
		fb.forStmt(s, "")
	case *ast.RangeStmt:
		fb.rangeStmt(s, "")
	case *ast.LabeledStmt:
		return fb.labeled(s)
	case *ast.BranchStmt:
		return fb.branch(s)
	default:
		fb.errorf(s.Pos(), "%s", unsupportedStmt(s))
	}
	return goesOn
}

// unsupportedStmt explains why statement s is outside the subset.
func unsupportedStmt(s ast.Stmt) string {
	const pure = "a differentiated function must be a pure computation on numbers"
	switch s.(type) {
	case *ast.TypeSwitchStmt:
		return "type switches are not supported in a differentiated function: " + pure
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

// exprStmt builds an expression statement: a copy between slices. Any
// other call or receive whose result is dropped cannot contribute to the
// results.
func (fb *funcBuilder) exprStmt(s *ast.ExprStmt) {
	x := ast.Unparen(s.X)
	if call, ok := x.(*ast.CallExpr); ok {
		if fb.isBuiltin(call, "copy") {
			fb.copyCall(call)
			return
		}
		if fb.isBuiltin(call, "clear") {
			fb.clearCall(call)
			return
		}
		if tv := fb.info.Types[ast.Unparen(call.Fun)]; tv.IsBuiltin() {
			fb.errorf(s.Pos(), "calling %s is not supported in a differentiated function: it must be a pure computation on numbers", types.ExprString(call.Fun))
			return
		}
		fn, recv := fb.calledFunc(ast.Unparen(call.Fun))
		if fn != nil && (fn.Signature().Results().Len() == 0 || fb.returnsParam(fn)) {
			fb.procedureCall(call, fn, recv)
			return
		}
		if fn != nil && takesSlice(fn.Signature()) {
			fb.errorf(s.Pos(), "the result of %s is unused: godiff differentiates a call as a statement only if the function returns nothing, or returns the slice parameter it writes unchanged (return dst); use the result", calleeName(fn, fb.calls.pkg))
			return
		}
		fb.errorf(s.Pos(), "a call whose result is unused has no effect on the derivative; remove it")
		return
	}
	fb.errorf(s.Pos(), "%s", unsupportedExpr(x))
}
