package godiff

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// Mutations of valid annotated functions for FuzzMutate: each step takes
// the program, type-checked, applies one small edit at a place the fuzzer's
// bytes choose, and keeps the result if it still type-checks. The edits are
// those that broke godiff before: operators and operands swapped,
// constants changed, statements deleted, repeated, reordered and wrapped
// in conditions and loops, values overwritten, tuple swaps, in-place
// updates, early returns; and the directives of checkpointing and second
// order added (fuzzdirectives_test.go).

// choices hands out the fuzzer's bytes as choices; when they run out every
// choice is the first.
type choices struct{ b []byte }

// next returns a choice in [0, n), 0 for n <= 0.
func (c *choices) next(n int) int {
	if n <= 0 || len(c.b) == 0 {
		return 0
	}
	x := int(c.b[0])
	c.b = c.b[1:]
	if n > 256 && len(c.b) > 0 {
		x = x<<8 | int(c.b[0])
		c.b = c.b[1:]
	}
	return x % n
}

// typedFile is a parsed, type-checked program.
type typedFile struct {
	fset *token.FileSet
	file *ast.File
	info *types.Info
	pkg  *types.Package
}

// typeCheckSource parses and type-checks src alone, standard imports only;
// nil if it does not type-check.
func typeCheckSource(src []byte) *typedFile {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "f.go", src, parser.ParseComments)
	if err != nil {
		return nil
	}
	info := &types.Info{
		Types:  make(map[ast.Expr]types.TypeAndValue),
		Defs:   make(map[*ast.Ident]types.Object),
		Uses:   make(map[*ast.Ident]types.Object),
		Scopes: make(map[ast.Node]*types.Scope),
	}
	conf := types.Config{Importer: sharedImporter(), GoVersion: "go1.26"}
	pkg, err := conf.Check("example.com/f", fset, []*ast.File{file}, info)
	if err != nil {
		return nil
	}
	return &typedFile{fset: fset, file: file, info: info, pkg: pkg}
}

// mutate applies up to four edits to src as ops choose and returns the
// program. Every edit that leaves a program that does not type-check is
// dropped.
func mutate(src []byte, ops []byte) []byte {
	c := &choices{b: ops}
	steps := c.next(4) + 1
	for range steps {
		tf := typeCheckSource(src)
		if tf == nil {
			return src // only a seed can fail to type-check
		}
		m := &mutation{typedFile: tf, c: c, src: src}
		if !m.apply() {
			continue
		}
		if m.text != nil { // an edit of the text (fuzzdirectives_test.go)
			if typeCheckSource(m.text) != nil {
				src = m.text
			}
			continue
		}
		var buf bytes.Buffer
		if err := format.Node(&buf, tf.fset, tf.file); err != nil {
			continue
		}
		if typeCheckSource(buf.Bytes()) != nil {
			src = buf.Bytes()
		}
	}
	return src
}

// mutation is one edit of one function of a typed file.
type mutation struct {
	*typedFile
	c    *choices
	fn   *ast.FuncDecl
	src  []byte // the program typedFile was parsed from
	text []byte // the program after an edit of its text, which apply then leaves as it is
}

// edits are the kinds of edit, chosen by the first byte of a step.
var edits = []func(*mutation) bool{
	(*mutation).swapOperator,
	(*mutation).replaceIdent,
	(*mutation).replaceConstant,
	(*mutation).deleteStmt,
	(*mutation).duplicateStmt,
	(*mutation).swapStmts,
	(*mutation).wrapInIf,
	(*mutation).wrapInLoop,
	(*mutation).negateCondition,
	(*mutation).compoundAssign,
	(*mutation).insertOverwrite,
	(*mutation).insertTupleSwap,
	(*mutation).insertUpdate,
	(*mutation).insertSliceUpdate,
	(*mutation).insertEarlyReturn,
	(*mutation).insertCheckpoint,
	(*mutation).insertHessian,
}

// apply makes one edit in a function the choices pick, annotated ones
// first; it reports whether it changed anything.
func (m *mutation) apply() bool {
	var annotated, others []*ast.FuncDecl
	for _, d := range m.file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		if annotatedFunc(fd) {
			annotated = append(annotated, fd)
		} else {
			others = append(others, fd)
		}
	}
	funcs := append(annotated, others...)
	if len(funcs) == 0 {
		return false
	}
	kind := m.c.next(len(edits))
	// Half the choices land on the first annotated functions.
	if i := m.c.next(2 * len(funcs)); i < len(funcs) {
		m.fn = funcs[i]
	} else {
		m.fn = funcs[(i-len(funcs))%max(1, len(annotated))]
	}
	return edits[kind](m)
}

// annotatedFunc reports whether fd has a //godiff: directive that asks
// for a derivative.
func annotatedFunc(fd *ast.FuncDecl) bool {
	if fd.Doc == nil {
		return false
	}
	for _, c := range fd.Doc.List {
		if strings.HasPrefix(c.Text, "//godiff:") && !strings.HasPrefix(c.Text, "//godiff:rule") {
			return true
		}
	}
	return false
}

// nodes returns the nodes of the function's body that keep reports true for.
func nodes[T ast.Node](m *mutation, keep func(T) bool) []T {
	var out []T
	ast.Inspect(m.fn.Body, func(n ast.Node) bool {
		if x, ok := n.(T); ok && keep(x) {
			out = append(out, x)
		}
		return true
	})
	return out
}

func pick[T any](m *mutation, xs []T) (T, bool) {
	var zero T
	if len(xs) == 0 {
		return zero, false
	}
	return xs[m.c.next(len(xs))], true
}

func (m *mutation) typeOf(e ast.Expr) types.Type { return m.info.TypeOf(e) }

func isFloat64(t types.Type) bool {
	return t != nil && types.Identical(t, types.Typ[types.Float64])
}

func isArith(op token.Token) bool {
	return op == token.ADD || op == token.SUB || op == token.MUL || op == token.QUO
}

var arithOps = []token.Token{token.ADD, token.SUB, token.MUL, token.QUO}

// swapOperator changes + - * / into another of them.
func (m *mutation) swapOperator() bool {
	e, ok := pick(m, nodes(m, func(e *ast.BinaryExpr) bool { return isArith(e.Op) }))
	if !ok {
		return false
	}
	e.Op = arithOps[m.c.next(len(arithOps))]
	return true
}

// replaceIdent replaces a use of a local variable by another variable in
// scope there of the same type.
func (m *mutation) replaceIdent() bool {
	id, ok := pick(m, nodes(m, func(id *ast.Ident) bool {
		v, ok := m.info.Uses[id].(*types.Var)
		return ok && v.Parent() != m.pkg.Scope() && !v.IsField()
	}))
	if !ok {
		return false
	}
	t := m.info.Uses[id].Type()
	cands := m.inScope(id.Pos(), func(v *types.Var) bool { return v.Name() != id.Name && types.Identical(v.Type(), t) })
	v, ok := pick(m, cands)
	if !ok {
		return false
	}
	id.Name = v.Name()
	return true
}

// inScope returns the local variables visible at pos for which keep
// reports true, in a fixed order.
func (m *mutation) inScope(pos token.Pos, keep func(*types.Var) bool) []*types.Var {
	inner := m.pkg.Scope().Innermost(pos)
	if inner == nil {
		return nil
	}
	var out []*types.Var
	seen := make(map[string]bool)
	for s := inner; s != nil && s != m.pkg.Scope() && s != types.Universe; s = s.Parent() {
		for _, name := range s.Names() {
			if seen[name] || name == "_" {
				continue
			}
			seen[name] = true
			_, obj := inner.LookupParent(name, pos)
			if v, ok := obj.(*types.Var); ok && v.Parent() != m.pkg.Scope() && keep(v) {
				out = append(out, v)
			}
		}
	}
	return out
}

var (
	intConstants   = []string{"0", "1", "2", "3"}
	floatConstants = []string{"0.0", "1.0", "2.0", "0.5", "1.5", "3.0", "1e-3", "100.0"}
)

// replaceConstant changes a number literal.
func (m *mutation) replaceConstant() bool {
	lit, ok := pick(m, nodes(m, func(l *ast.BasicLit) bool { return l.Kind == token.INT || l.Kind == token.FLOAT }))
	if !ok {
		return false
	}
	if lit.Kind == token.INT {
		lit.Value = intConstants[m.c.next(len(intConstants))]
	} else {
		lit.Value = floatConstants[m.c.next(len(floatConstants))]
	}
	return true
}

// stmtList is a statement list of the function: a block's or a case's.
type stmtList struct {
	list *[]ast.Stmt
	end  token.Pos // where a statement appended to it would be
}

func (m *mutation) stmtLists() []stmtList {
	var out []stmtList
	ast.Inspect(m.fn.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt:
			out = append(out, stmtList{&n.List, n.Rbrace})
		case *ast.CaseClause:
			out = append(out, stmtList{&n.Body, n.End()})
		}
		return true
	})
	return out
}

// place picks a statement list and an index in it, len included for an
// insertion at the end, and returns the position a statement put there
// would have, for scope lookups.
func (m *mutation) place(insert bool) (stmtList, int, token.Pos, bool) {
	lists := m.stmtLists()
	if !insert {
		var full []stmtList
		for _, l := range lists {
			if len(*l.list) > 0 {
				full = append(full, l)
			}
		}
		lists = full
	}
	l, ok := pick(m, lists)
	if !ok {
		return stmtList{}, 0, token.NoPos, false
	}
	n := len(*l.list)
	if insert {
		n++
	}
	i := m.c.next(n)
	if insert && i > 0 && terminates((*l.list)[i-1]) {
		i-- // not after a return, break or continue: godiff refuses dead code
	}
	pos := l.end
	if i < len(*l.list) {
		pos = (*l.list)[i].Pos()
	}
	return l, i, pos, true
}

func (m *mutation) deleteStmt() bool {
	l, i, _, ok := m.place(false)
	if !ok {
		return false
	}
	*l.list = append((*l.list)[:i], (*l.list)[i+1:]...)
	return true
}

func (m *mutation) duplicateStmt() bool {
	l, i, _, ok := m.place(false)
	if !ok || terminates((*l.list)[i]) {
		return false
	}
	*l.list = insertStmt(*l.list, i, (*l.list)[i])
	return true
}

// terminates reports whether s is a return, break or continue, after
// which a statement would be dead code.
func terminates(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok == token.BREAK || s.Tok == token.CONTINUE
	}
	return false
}

func insertStmt(list []ast.Stmt, i int, s ast.Stmt) []ast.Stmt {
	out := append([]ast.Stmt(nil), list[:i]...)
	out = append(out, s)
	return append(out, list[i:]...)
}

func (m *mutation) swapStmts() bool {
	l, i, _, ok := m.place(false)
	if !ok || len(*l.list) < 2 {
		return false
	}
	j := m.c.next(len(*l.list))
	(*l.list)[i], (*l.list)[j] = (*l.list)[j], (*l.list)[i]
	return i != j
}

// floatVar picks a float64 variable in scope at pos.
func (m *mutation) floatVar(pos token.Pos) (*types.Var, bool) {
	return pick(m, m.inScope(pos, func(v *types.Var) bool { return isFloat64(v.Type()) }))
}

func ident(name string) *ast.Ident { return ast.NewIdent(name) }

// wrapInIf puts a statement in "if v > 0 { ... }".
func (m *mutation) wrapInIf() bool {
	l, i, pos, ok := m.place(false)
	if !ok {
		return false
	}
	v, ok := m.floatVar(pos)
	if !ok {
		return false
	}
	(*l.list)[i] = &ast.IfStmt{
		Cond: &ast.BinaryExpr{X: ident(v.Name()), Op: token.GTR, Y: &ast.BasicLit{Kind: token.INT, Value: "0"}},
		Body: &ast.BlockStmt{List: []ast.Stmt{(*l.list)[i]}},
	}
	return true
}

// wrapInLoop puts a statement in "for k := 0; k < 2; k++ { ... }".
func (m *mutation) wrapInLoop() bool {
	l, i, _, ok := m.place(false)
	if !ok {
		return false
	}
	k := "k" + strconv.Itoa(m.c.next(3))
	(*l.list)[i] = &ast.ForStmt{
		Init: &ast.AssignStmt{Lhs: []ast.Expr{ident(k)}, Tok: token.DEFINE, Rhs: []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: "0"}}},
		Cond: &ast.BinaryExpr{X: ident(k), Op: token.LSS, Y: &ast.BasicLit{Kind: token.INT, Value: "2"}},
		Post: &ast.IncDecStmt{X: ident(k), Tok: token.INC},
		Body: &ast.BlockStmt{List: []ast.Stmt{(*l.list)[i]}},
	}
	return true
}

// negateCondition negates the condition of an if or a for.
func (m *mutation) negateCondition() bool {
	type cond struct{ e *ast.Expr }
	var conds []cond
	ast.Inspect(m.fn.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			conds = append(conds, cond{&n.Cond})
		case *ast.ForStmt:
			if n.Cond != nil {
				conds = append(conds, cond{&n.Cond})
			}
		}
		return true
	})
	c, ok := pick(m, conds)
	if !ok {
		return false
	}
	*c.e = &ast.UnaryExpr{Op: token.NOT, X: &ast.ParenExpr{X: *c.e}}
	return true
}

// compoundAssign turns "x = e" into "x += e" (or -=, *=) for a float x.
func (m *mutation) compoundAssign() bool {
	a, ok := pick(m, nodes(m, func(a *ast.AssignStmt) bool {
		return a.Tok == token.ASSIGN && len(a.Lhs) == 1 && len(a.Rhs) == 1 && isFloat64(m.typeOf(a.Lhs[0]))
	}))
	if !ok {
		return false
	}
	a.Tok = []token.Token{token.ADD_ASSIGN, token.SUB_ASSIGN, token.MUL_ASSIGN}[m.c.next(3)]
	return true
}

// insertOverwrite inserts "r = x" for float variables r and x in scope.
func (m *mutation) insertOverwrite() bool {
	l, i, pos, ok := m.place(true)
	if !ok {
		return false
	}
	r, ok1 := m.floatVar(pos)
	x, ok2 := m.floatVar(pos)
	if !ok1 || !ok2 {
		return false
	}
	*l.list = insertStmt(*l.list, i, &ast.AssignStmt{Lhs: []ast.Expr{ident(r.Name())}, Tok: token.ASSIGN, Rhs: []ast.Expr{ident(x.Name())}})
	return true
}

// insertTupleSwap inserts "a, b = b, a" for two variables of one type.
func (m *mutation) insertTupleSwap() bool {
	l, i, pos, ok := m.place(true)
	if !ok {
		return false
	}
	a, ok := pick(m, m.inScope(pos, func(*types.Var) bool { return true }))
	if !ok {
		return false
	}
	b, ok := pick(m, m.inScope(pos, func(v *types.Var) bool { return v != a && types.Identical(v.Type(), a.Type()) }))
	if !ok {
		return false
	}
	*l.list = insertStmt(*l.list, i, &ast.AssignStmt{
		Lhs: []ast.Expr{ident(a.Name()), ident(b.Name())}, Tok: token.ASSIGN,
		Rhs: []ast.Expr{ident(b.Name()), ident(a.Name())},
	})
	return true
}

// insertUpdate inserts "r = r op x" for float variables r and x.
func (m *mutation) insertUpdate() bool {
	l, i, pos, ok := m.place(true)
	if !ok {
		return false
	}
	r, ok1 := m.floatVar(pos)
	x, ok2 := m.floatVar(pos)
	if !ok1 || !ok2 {
		return false
	}
	op := arithOps[m.c.next(3)] // not /: a zero divisor is not the point
	*l.list = insertStmt(*l.list, i, &ast.AssignStmt{
		Lhs: []ast.Expr{ident(r.Name())}, Tok: token.ASSIGN,
		Rhs: []ast.Expr{&ast.BinaryExpr{X: ident(r.Name()), Op: op, Y: ident(x.Name())}},
	})
	return true
}

// insertSliceUpdate inserts "s[0] += x", "s[len(s)-1] = x" or
// "s[len(s)-1] += 1" for a []float64 s in scope.
func (m *mutation) insertSliceUpdate() bool {
	l, i, pos, ok := m.place(true)
	if !ok {
		return false
	}
	s, ok := pick(m, m.inScope(pos, func(v *types.Var) bool {
		sl, ok := v.Type().(*types.Slice)
		return ok && isFloat64(sl.Elem())
	}))
	if !ok {
		return false
	}
	last := &ast.BinaryExpr{X: &ast.CallExpr{Fun: ident("len"), Args: []ast.Expr{ident(s.Name())}}, Op: token.SUB, Y: &ast.BasicLit{Kind: token.INT, Value: "1"}}
	var rhs ast.Expr = &ast.BasicLit{Kind: token.INT, Value: "1"}
	if x, ok := m.floatVar(pos); ok {
		rhs = ident(x.Name())
	}
	var st ast.Stmt
	switch m.c.next(3) {
	case 0:
		st = &ast.AssignStmt{Lhs: []ast.Expr{&ast.IndexExpr{X: ident(s.Name()), Index: &ast.BasicLit{Kind: token.INT, Value: "0"}}}, Tok: token.ADD_ASSIGN, Rhs: []ast.Expr{rhs}}
	case 1:
		st = &ast.AssignStmt{Lhs: []ast.Expr{&ast.IndexExpr{X: ident(s.Name()), Index: last}}, Tok: token.ASSIGN, Rhs: []ast.Expr{rhs}}
	default:
		st = &ast.AssignStmt{Lhs: []ast.Expr{&ast.IndexExpr{X: ident(s.Name()), Index: last}}, Tok: token.ADD_ASSIGN, Rhs: []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: "1"}}}
	}
	// An empty slice would panic; guard as a user would.
	guard := &ast.IfStmt{
		Cond: &ast.BinaryExpr{X: &ast.CallExpr{Fun: ident("len"), Args: []ast.Expr{ident(s.Name())}}, Op: token.GTR, Y: &ast.BasicLit{Kind: token.INT, Value: "0"}},
		Body: &ast.BlockStmt{List: []ast.Stmt{st}},
	}
	*l.list = insertStmt(*l.list, i, guard)
	return true
}

// insertEarlyReturn inserts "if c > 0 { return x }" in a function of one
// float64 result.
func (m *mutation) insertEarlyReturn() bool {
	res := m.fn.Type.Results
	if res == nil || res.NumFields() != 1 || !isFloat64(m.typeOf(res.List[0].Type)) {
		return false
	}
	l, i, pos, ok := m.place(true)
	if !ok {
		return false
	}
	c, ok1 := m.floatVar(pos)
	x, ok2 := m.floatVar(pos)
	if !ok1 || !ok2 {
		return false
	}
	*l.list = insertStmt(*l.list, i, &ast.IfStmt{
		Cond: &ast.BinaryExpr{X: ident(c.Name()), Op: token.GTR, Y: &ast.BasicLit{Kind: token.INT, Value: "0"}},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{ident(x.Name())}}}},
	})
	return true
}
