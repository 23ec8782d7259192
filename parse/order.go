package parse

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/godiff/godiff/ir"
)

// Go evaluates the operands of an expression in an order it does not
// specify, except that calls happen left to right: in xs[0]*x + bump(xs),
// xs[0] may be read before or after bump runs. The compiler calls bump
// first; godiff's generated code need not. When a call may write memory
// (a slice, or a struct's slice field) that something else in the same
// statement reads, the value depends on that order, so godiff refuses the
// statement and says what to write instead.
//
// Memory is named by a path: the variable it comes from, a parameter or a
// local make or literal, and the fields after it (p.W). Two different
// slice parameters are assumed not to overlap; a local slice taken from
// another (ys := xs[1:]) is the memory of the one it is taken from.

// memRef is where a statement touches memory: an element read (xs[i]), or
// an argument of a call the callee may write into while it runs
// (bump(xs)).
type memRef struct {
	node  ast.Node
	mem   []memPath
	call  *ast.CallExpr // the call writing it, or nil for a read
	stack []ast.Node    // the enclosing nodes, outermost first
}

// memPath names a piece of memory: a root variable and a field path.
type memPath struct {
	root *types.Var
	path string
}

func (m memPath) overlaps(n memPath) bool {
	return m.root == n.root && (m.path == n.path || m.path == "" || n.path == "" || strings.HasPrefix(m.path, n.path+".") || strings.HasPrefix(n.path, m.path+"."))
}

func (m memPath) String() string {
	if m.path == "" {
		return m.root.Name()
	}
	return m.root.Name() + "." + m.path
}

// orderChecker finds, statement by statement, a call that may write
// memory that the statement also reads elsewhere.
type orderChecker struct {
	*checker
	aliases map[*types.Var][]memPath // local slices, by the memory they view
}

// checkOrder reports the statements of fd whose value depends on the
// order Go leaves unspecified (see above); it returns false if there are
// any.
func (c *checker) checkOrder(fd *ast.FuncDecl) bool {
	oc := &orderChecker{checker: c, aliases: make(map[*types.Var][]memPath)}
	oc.findAliases(fd.Body)
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		stmt, isStmt := n.(ast.Stmt)
		if isStmt && !oc.stmt(stmt) {
			ok = false
		}
		return true
	})
	return ok
}

// stmt checks the expressions one statement evaluates (not those of the
// statements it contains).
func (oc *orderChecker) stmt(s ast.Stmt) bool {
	var refs []memRef
	walk := func(e ast.Expr) { refs = oc.refs(s, e, refs) }
	switch s := s.(type) {
	case *ast.AssignStmt:
		for _, e := range s.Rhs {
			walk(e)
		}
		for _, l := range s.Lhs {
			if s.Tok != token.ASSIGN && s.Tok != token.DEFINE {
				walk(l) // x op= y reads x
				continue
			}
			// The store itself happens after every operand is evaluated;
			// its index expressions are operands.
			for ix, ok := ast.Unparen(l).(*ast.IndexExpr); ok; ix, ok = ast.Unparen(ix.X).(*ast.IndexExpr) {
				walk(ix.Index)
			}
		}
	case *ast.ExprStmt:
		walk(s.X)
	case *ast.ReturnStmt:
		for _, e := range s.Results {
			walk(e)
		}
	case *ast.IfStmt:
		walk(s.Cond)
	case *ast.ForStmt:
		if s.Cond != nil {
			walk(s.Cond)
		}
	case *ast.SwitchStmt:
		if s.Tag != nil {
			walk(s.Tag)
		}
	case *ast.CaseClause:
		for _, e := range s.List {
			walk(e)
		}
	case *ast.IncDecStmt:
		walk(s.X)
	case *ast.DeclStmt:
		if gd, ok := s.Decl.(*ast.GenDecl); ok {
			for _, spec := range gd.Specs {
				if vs, ok := spec.(*ast.ValueSpec); ok {
					for _, e := range vs.Values {
						walk(e)
					}
				}
			}
		}
	}
	return oc.conflicts(s, refs)
}

// refs appends to refs the memory references of e, a part of statement s.
func (oc *orderChecker) refs(s ast.Stmt, e ast.Expr, refs []memRef) []memRef {
	stack := []ast.Node{s}
	ast.Inspect(e, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		here := append([]ast.Node(nil), stack...)
		switch n := n.(type) {
		case *ast.IndexExpr:
			// An element of an array is memory too: a call may write
			// the array through a slice of it (h(a[:])).
			if t := oc.info.TypeOf(n.X); t != nil && (isSliceType(t) || isArrayType(t)) {
				if mem := oc.memOf(n.X); mem != nil {
					refs = append(refs, memRef{node: n, mem: mem, stack: here})
				}
			}
		case *ast.CallExpr:
			refs = append(refs, oc.callRefs(n, here)...)
		}
		stack = append(stack, n)
		return true
	})
	return refs
}

// callRefs returns the memory call e may write: the slices it passes,
// and the slice fields of the structs it passes, that the callee writes
// into. The memory it only reads is no concern: calls happen in order.
func (oc *orderChecker) callRefs(e *ast.CallExpr, stack []ast.Node) []memRef {
	if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok {
		if b, ok := oc.info.Uses[id].(*types.Builtin); ok {
			if b.Name() == "copy" && len(e.Args) == 2 {
				return oc.writeRefs(e, stack, e.Args[0], []string{""})
			}
			return nil
		}
	}
	fn, recv := oc.calledFunc(ast.Unparen(e.Fun))
	if fn == nil || fn.Signature().Variadic() || fn.Pkg() != oc.calls.pkg || oc.calls.decls[fn] == nil {
		return nil // takes no memory, or refused where the call is built
	}
	var args []ast.Expr
	if recv != nil {
		args = append(args, recv.expr)
	}
	args = append(args, e.Args...)
	var refs []memRef
	for k, fields := range oc.written(fn) {
		if k >= len(args) {
			break
		}
		if k == 0 && recv != nil && recv.embedded != "" {
			for i := range fields {
				fields[i] = strings.TrimSuffix(recv.embedded+"."+fields[i], ".")
			}
		}
		refs = append(refs, oc.writeRefs(e, stack, args[k], fields)...)
	}
	return refs
}

// written returns, for each parameter of fn (the receiver first), the
// fields of it that a call may write into: "" for a slice parameter, W
// for the field W of a struct.
func (oc *orderChecker) written(fn *types.Func) [][]string {
	r := oc.ruleFor(fn)
	params, lay := oc.flatSignature(fn.Signature(), true)
	out := make([][]string, len(lay.params))
	if r == nil || !r.Split {
		return out // takes no memory
	}
	for k, idx := range lay.params {
		for _, i := range idx {
			// Unknown while a recursive callee is built: any slice may be
			// written.
			if _, isArray := params[i].Type.(ir.Array); isArray {
				continue // passed by value: the callee writes a copy
			}
			if r.Writes == nil && ir.IsSlice(params[i].Type) || i < len(r.Writes) && r.Writes[i] {
				out[k] = append(out[k], params[i].Field)
			}
		}
	}
	return out
}

// writeRefs returns the references to the fields of argument a of call e
// that e may write.
func (oc *orderChecker) writeRefs(e *ast.CallExpr, stack []ast.Node, a ast.Expr, fields []string) []memRef {
	var refs []memRef
	for _, f := range fields {
		var mem []memPath
		for _, m := range oc.memOf(a) {
			m.path = strings.TrimPrefix(m.path+"."+f, ".")
			m.path = strings.TrimSuffix(m.path, ".")
			mem = append(mem, m)
		}
		if mem != nil {
			refs = append(refs, memRef{node: a, mem: mem, call: e, stack: stack})
		}
	}
	return refs
}

// holdsMemory reports whether a value of type t gives access to memory: a
// slice, or a struct with a slice among its fields.
func (oc *orderChecker) holdsMemory(t types.Type) bool {
	if t == nil {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Slice:
		return true
	case *types.Pointer:
		return oc.holdsMemory(u.Elem())
	case *types.Struct:
		for i := range u.NumFields() {
			if oc.holdsMemory(u.Field(i).Type()) {
				return true
			}
		}
	}
	return false
}

// memOf returns the memory e views: xs, xs[1:], a row xs[i] of a slice of
// slices, p.W, p; local slices stand for the memory they were taken from.
// It returns nil for anything else (a fresh make, say).
func (oc *orderChecker) memOf(e ast.Expr) []memPath {
	return oc.resolve(e, make(map[*types.Var]bool))
}

func (oc *orderChecker) resolve(e ast.Expr, seen map[*types.Var]bool) []memPath {
	switch e := ast.Unparen(e).(type) {
	case *ast.SliceExpr:
		return oc.resolve(e.X, seen)
	case *ast.IndexExpr:
		return oc.resolve(e.X, seen) // a row shares its outer slice's memory
	case *ast.StarExpr:
		return oc.resolve(e.X, seen)
	case *ast.SelectorExpr:
		var out []memPath
		for _, m := range oc.resolve(e.X, seen) {
			if m.path != "" {
				m.path += "."
			}
			m.path += e.Sel.Name
			out = append(out, m)
		}
		return out
	case *ast.Ident:
		v, ok := oc.info.Uses[e].(*types.Var)
		if !ok {
			v, ok = oc.info.Defs[e].(*types.Var)
		}
		if !ok {
			return nil
		}
		return oc.expand(memPath{root: v}, seen)
	}
	return nil
}

// expand returns the memory m stands for, following the aliases of its
// root.
func (oc *orderChecker) expand(m memPath, seen map[*types.Var]bool) []memPath {
	aliases, isAlias := oc.aliases[m.root]
	if !isAlias || seen[m.root] {
		return []memPath{m}
	}
	seen[m.root] = true
	out := []memPath{m}
	for _, a := range aliases {
		if m.path != "" {
			a.path = strings.TrimPrefix(a.path+"."+m.path, ".")
		}
		out = append(out, oc.expand(a, seen)...)
	}
	return out
}

// findAliases records, for each local variable that holds memory, the
// memory of every expression assigned to it anywhere in body: ys :=
// xs[1:], for _, row := range m.
func (oc *orderChecker) findAliases(body *ast.BlockStmt) {
	add := func(lhs, rhs ast.Expr) {
		id, ok := ast.Unparen(lhs).(*ast.Ident)
		if !ok || rhs == nil {
			return
		}
		v, ok := oc.info.Defs[id].(*types.Var)
		if !ok {
			v, ok = oc.info.Uses[id].(*types.Var)
		}
		if !ok || !oc.holdsMemory(v.Type()) {
			return
		}
		for _, m := range oc.resolveDirect(rhs) {
			oc.aliases[v] = append(oc.aliases[v], m)
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i := range n.Lhs {
					add(n.Lhs[i], n.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i := range n.Names {
					add(n.Names[i], n.Values[i])
				}
			}
		case *ast.RangeStmt:
			add(n.Value, n.X)
		}
		return true
	})
}

// resolveDirect is memOf without following aliases, which are not all
// known while they are being found.
func (oc *orderChecker) resolveDirect(e ast.Expr) []memPath {
	saved := oc.aliases
	oc.aliases = nil
	defer func() { oc.aliases = saved }()
	return oc.memOf(e)
}

// conflicts reports the first write of a call that an element read of
// statement s, outside the call, may come before or after, at the
// smallest expression holding both. Two calls are no conflict: Go makes
// calls in lexical left-to-right order, and so does the generated code.
func (oc *orderChecker) conflicts(s ast.Stmt, refs []memRef) bool {
	for _, w := range refs {
		if w.call == nil {
			continue
		}
		for _, r := range refs {
			if r.call != nil || inside(r, w.call) || slices.Contains(w.stack, r.node) {
				// A call's own arguments are evaluated before it, and
				// x[f(x)] reads x[i] once the index is known.
				continue
			}
			m, ok := overlap(w.mem, r.mem)
			if !ok {
				continue
			}
			oc.errorf(commonNode(w.stack, r.stack, s).Pos(), "this expression reads %s and also calls %s, which writes %s; Go does not specify which happens first: assign the call's result to a variable in a statement before",
				m, types.ExprString(w.call.Fun), m)
			return false
		}
	}
	return true
}

// overlap returns a piece of memory both lists name.
func overlap(a, b []memPath) (memPath, bool) {
	for _, m := range a {
		for _, n := range b {
			if m.overlaps(n) {
				if len(n.path) > len(m.path) {
					return n, true
				}
				return m, true
			}
		}
	}
	return memPath{}, false
}

// inside reports whether r is part of call's arguments.
func inside(r memRef, call *ast.CallExpr) bool {
	return slices.Contains(r.stack, ast.Node(call))
}

// commonNode returns the innermost node both stacks share, or s.
func commonNode(a, b []ast.Node, s ast.Stmt) ast.Node {
	var at ast.Node = s
	for i := 0; i < len(a) && i < len(b) && a[i] == b[i]; i++ {
		at = a[i]
	}
	return at
}

// isSliceType reports whether t is a slice type.
func isSliceType(t types.Type) bool {
	_, ok := t.Underlying().(*types.Slice)
	return ok
}

func isArrayType(t types.Type) bool {
	_, ok := t.Underlying().(*types.Array)
	return ok
}
