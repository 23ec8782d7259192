package parse

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A variable of the source becomes either SSA values or an ir.Var.
//
// SSA values are the default, and what straight-line code has always been
// built into: each assignment binds the variable's name to a new value, so
// y := x; y *= 2 gives the values y and y2. That is only right while every
// assignment runs, in order, each time the declaration runs: then the
// binding in force at a statement is the last one before it in the source.
// An assignment in a branch or in a loop body breaks this (after the if, y
// is one value or the other; in the next iteration, the loop body reads
// what the previous one wrote), so a variable assigned in a region other
// than the one declaring it lives in an ir.Var: declared once, set by each
// assignment, read by a fresh get at each use.
//
// A region is a stretch of code that runs as one: the function body, the
// body of an if or of its else, a case of a switch, a loop's body, a
// three-clause loop's init and its post statement, a range loop's header
// (which assigns the key and value of for k, v = range x at each
// iteration). Nested plain blocks { } and the init statements of if and
// switch run in line with the code around them, so they belong to the
// enclosing region.
//
// The variables declared in a three-clause loop's init statement are
// ir.Vars whatever their assignments: the init is its own block in the IR,
// whose values the loop's other blocks cannot see.

// varScan collects, for each variable of one function, the region that
// declares it and the regions that assign it.
type varScan struct {
	info     *types.Info
	declared map[*types.Var]ast.Node
	assigned map[*types.Var][]ast.Node
	forced   map[*types.Var]bool
}

// slotVars returns the parameters, named results and local variables of fd
// that live in an ir.Var. Variables of slice and array types are never
// among them: assigning a whole one after its declaration is refused, and
// so is declaring one in a three-clause loop's init.
func slotVars(info *types.Info, fd *ast.FuncDecl, sig *types.Signature) map[*types.Var]bool {
	s := scanVars(info, fd, sig)
	slots := s.crossed()
	for v := range s.forced {
		slots[v] = true
	}
	for v := range slots {
		if _, ok := basicOf(v.Type()); !ok {
			delete(slots, v)
		}
	}
	return slots
}

// crossedStructs returns the local variables of struct type of fd one of
// whose fields is assigned in a region other than the one declaring the
// variable: fields godiff cannot hold as SSA values (see localstructs.go).
func crossedStructs(info *types.Info, fd *ast.FuncDecl, sig *types.Signature) map[*types.Var]bool {
	crossed := scanVars(info, fd, sig).crossed()
	for v := range crossed {
		if _, ok := v.Type().Underlying().(*types.Struct); !ok {
			delete(crossed, v)
		}
	}
	return crossed
}

// scanVars records the declarations and assignments of fd's variables.
func scanVars(info *types.Info, fd *ast.FuncDecl, sig *types.Signature) *varScan {
	s := &varScan{
		info:     info,
		declared: make(map[*types.Var]ast.Node),
		assigned: make(map[*types.Var][]ast.Node),
		forced:   make(map[*types.Var]bool),
	}
	for _, tuple := range []*types.Tuple{sig.Params(), sig.Results()} {
		for i := range tuple.Len() {
			s.declared[tuple.At(i)] = fd.Body
		}
	}
	s.walk(fd.Body, fd.Body)
	return s
}

// crossed returns the variables assigned in a region other than the one
// that declares them.
func (s *varScan) crossed() map[*types.Var]bool {
	crossed := make(map[*types.Var]bool)
	for v, regions := range s.assigned {
		decl, ok := s.declared[v]
		if !ok {
			continue // a package variable: refused where it is assigned
		}
		for _, r := range regions {
			if r != decl {
				crossed[v] = true
			}
		}
	}
	return crossed
}

// walk records the declarations and assignments of n, which lies in
// region.
func (s *varScan) walk(n ast.Node, region ast.Node) {
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.IfStmt:
			s.walkOpt(m.Init, region)
			s.walk(m.Cond, region)
			s.walk(m.Body, m.Body)
			s.walkOpt(m.Else, m.Else)
			return false
		case *ast.ForStmt:
			if m.Init != nil {
				s.walk(m.Init, m.Init)
				s.forceDeclared(m.Init)
			}
			s.walkOpt(m.Cond, m)
			s.walkOpt(m.Post, m.Post)
			s.walk(m.Body, m.Body)
			return false
		case *ast.RangeStmt:
			s.walk(m.X, region)
			if m.Tok == token.DEFINE {
				// Declared anew at the start of each iteration.
				s.define(m.Key, m.Body)
				s.define(m.Value, m.Body)
			} else {
				s.assign(m.Key, m)
				s.assign(m.Value, m)
			}
			s.walk(m.Body, m.Body)
			return false
		case *ast.CaseClause:
			for _, e := range m.List {
				s.walk(e, m)
			}
			for _, st := range m.Body {
				s.walk(st, m)
			}
			return false
		case *ast.CommClause:
			// Refused, like the closures below; scanned so that an
			// assignment there never makes a variable SSA by mistake.
			s.walkOpt(m.Comm, m)
			for _, st := range m.Body {
				s.walk(st, m)
			}
			return false
		case *ast.FuncLit:
			s.walk(m.Body, m)
			return false
		case *ast.AssignStmt:
			for _, lhs := range m.Lhs {
				if m.Tok == token.DEFINE {
					s.define(lhs, region)
				} else {
					s.assign(lhs, region)
				}
			}
		case *ast.IncDecStmt:
			s.assign(m.X, region)
		case *ast.ValueSpec:
			for _, id := range m.Names {
				s.define(id, region)
			}
		}
		return true
	})
}

// walkOpt walks n if it is present.
func (s *varScan) walkOpt(n ast.Node, region ast.Node) {
	if n != nil {
		s.walk(n, region)
	}
}

// define records that the identifier e, if it is one, is declared in
// region. In a := with several names, a name declared already is assigned.
func (s *varScan) define(e ast.Expr, region ast.Node) {
	id, ok := e.(*ast.Ident)
	if !ok {
		return
	}
	if v, ok := s.info.Defs[id].(*types.Var); ok {
		s.declared[v] = region
		return
	}
	s.assign(id, region)
}

// assign records that e, if it names a variable or a field of one (p.X,
// p.A.Mu: a struct's), is assigned in region.
func (s *varScan) assign(e ast.Expr, region ast.Node) {
	if e == nil {
		return
	}
	e = ast.Unparen(e)
	for {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			break
		}
		e = ast.Unparen(sel.X)
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return
	}
	if v, ok := s.info.Uses[id].(*types.Var); ok {
		s.assigned[v] = append(s.assigned[v], region)
	}
}

// forceDeclared marks every variable that the statement init declares.
func (s *varScan) forceDeclared(init ast.Stmt) {
	ast.Inspect(init, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok {
			if v, ok := s.info.Defs[id].(*types.Var); ok {
				s.forced[v] = true
			}
		}
		return true
	})
}
