package parse

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strconv"

	"github.com/godiff/godiff/ir"
)

// A slice variable that moves is one assigned after its declaration:
// input = seq[t:t+b] walking a sequence, s = s[1:], or one declared
// without a value (var input []float64) and given one later. A slice
// value is a reference into memory and stays one SSA value (memory.go), so
// such a variable is built as a window onto one fixed slice, its base: two
// integer ir.Vars, its bounds lo and hi in the base, which every
// assignment sets, and at each read the view base[lo:hi]. Reads and writes
// through the variable are then loads and stores of the base's memory, as
// the activity analysis and the reverse pass's overwrite logic must see
// them; the bounds are integers, which reverse mode recomputes or records
// like a loop counter, and the derivative of the variable is the same
// window of the base's derivative. The views compute what Go computes: Go's
// x[a:b] of a view base[l:h] is base[l+a:l+b], and is legal under the same
// bounds (b <= cap(x) = cap(base)-l), cap(view) is cap(x).
//
// A variable's base is found before the body is built (movingSlices): the
// slice every value assigned to it is a sub-slice of, following the
// variables that move through one another (s = t[1:], t = s). A group of
// such variables over buffers the function makes (prev, cur = cur, prev,
// two buffers swapped) has them made as one slice, each a window of it
// (mergeAllocs); over other slices it is refused where it is assigned,
// with what to write instead.
//
// s = append(s, v) onto a slice the function makes with a capacity
// (s := make([]float64, 0, n)) stores v in that memory, the base, and
// grows s's window, as Go does while the values fit (appendWindow); the
// derivative's window grows alongside. Beyond the capacity Go moves s to
// new memory, which a fixed base cannot follow: the generated code stops
// there with a panic that says so.

// movingSlice is one slice variable that moves.
type movingSlice struct {
	group  *windowGroup
	lo, hi *ir.Var // its bounds in the group's base, once declared
}

// windowGroup is the variables that move through one another, and the
// slice they are all windows of.
type windowGroup struct {
	// first is the group's first variable in source order, which a
	// refusal names.
	first *types.Var
	// baseVar is the variable whose slice the windows are of: one that
	// does not move, or a parameter of the group that does (its value on
	// entry); nil when the base is an allocation.
	baseVar *types.Var
	// allocs are the values (makes or literals) declaring variables of
	// the group, when they are its memory, in source order. Several
	// (prev := make(...); cur := make(...), then swapped) are made as one
	// slice, their base, of which each is a window (merge).
	allocs []ast.Expr
	// appends is a variable of the group that some s = append(s, ...)
	// assigns, or nil.
	appends *types.Var
	// allocOf is the variable each alloc declares.
	allocOf map[*types.Var]ast.Expr
	// why says why the group is refused, "" if it is not; reported, that
	// it was said, at the first assignment to a variable of the group: it
	// is about the group, not one assignment (a, b = b, a; in := x, then
	// in = state[...] in a loop), so it is said once.
	why      string
	reported bool
	base     *ir.Value // once built
	failed   bool      // making base failed, and was reported
	// windows holds each alloc's bounds in base, once built.
	windows map[ast.Expr][2]*ir.Value
}

// merged reports whether g's memory is several allocations made as one.
func (g *windowGroup) merged() bool { return len(g.allocs) > 1 }

// movingScan collects, for each slice variable of one function, the values
// assigned to it.
type movingScan struct {
	info       *types.Info
	values     map[*types.Var][]ast.Expr // nil for a var declaration without value
	decls      map[ast.Expr]bool         // the values of declarations
	reassigned map[*types.Var]bool
	declared   map[*types.Var]bool // a local or a parameter of the function
	params     map[*types.Var]bool // the parameters and the receiver
}

// movingSlices returns the slice variables of fd that move, with their
// groups.
func movingSlices(info *types.Info, fd *ast.FuncDecl, sig *types.Signature) map[*types.Var]*movingSlice {
	s := &movingScan{
		info:       info,
		values:     make(map[*types.Var][]ast.Expr),
		decls:      make(map[ast.Expr]bool),
		reassigned: make(map[*types.Var]bool),
		declared:   make(map[*types.Var]bool),
		params:     make(map[*types.Var]bool),
	}
	for i := range sig.Params().Len() {
		s.declared[sig.Params().At(i)] = true
		s.params[sig.Params().At(i)] = true
	}
	if r := sig.Recv(); r != nil {
		s.params[r] = true
	}
	ast.Inspect(fd.Body, s.visit)
	moving := make(map[*types.Var]*movingSlice)
	for v := range s.reassigned {
		if _, isSlice := underlying(v.Type()).(*types.Slice); isSlice && s.declared[v] {
			moving[v] = &movingSlice{}
		}
	}
	s.group(moving, sig)
	return moving
}

// visit records the slice values of one assignment or declaration.
func (s *movingScan) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.AssignStmt:
		if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
			return true
		}
		for i, lhs := range n.Lhs {
			id, ok := ast.Unparen(lhs).(*ast.Ident)
			if !ok {
				continue
			}
			var rhs ast.Expr
			if len(n.Rhs) == len(n.Lhs) {
				rhs = n.Rhs[i]
			}
			if v, def := s.info.Defs[id].(*types.Var); def {
				s.declared[v] = true
				s.values[v] = append(s.values[v], rhs)
				s.decls[rhs] = true
			} else if v, use := s.info.Uses[id].(*types.Var); use {
				s.reassigned[v] = true
				s.values[v] = append(s.values[v], rhs)
			}
		}
	case *ast.ValueSpec:
		for i, id := range n.Names {
			v, ok := s.info.Defs[id].(*types.Var)
			if !ok {
				continue
			}
			s.declared[v] = true
			switch {
			case len(n.Values) == 0:
				// Declared nil: it moves if it is ever given a value.
				s.values[v] = append(s.values[v], nil)
			case len(n.Values) == len(n.Names):
				s.values[v] = append(s.values[v], n.Values[i])
				s.decls[n.Values[i]] = true
			}
		}
	case *ast.RangeStmt:
		if n.Tok == token.ASSIGN {
			// Refused where it is built (movingTarget), but it moves.
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if id, ok := e.(*ast.Ident); ok {
					if v, use := s.info.Uses[id].(*types.Var); use {
						s.reassigned[v] = true
					}
				}
			}
		}
	}
	return true
}

// rootVar returns the variable e is a sub-slice of (s for s, s[a:b] and
// s[a:][:b]), nil if e is anything else.
func (s *movingScan) rootVar(e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SliceExpr:
			e = x.X
		case *ast.CallExpr:
			if !isBuiltinCall(s.info, x, "append") || len(x.Args) == 0 {
				return nil
			}
			e = x.Args[0] // s = append(s, v) keeps s's memory, up to its capacity
		case *ast.Ident:
			v, _ := s.info.Uses[x].(*types.Var)
			return v
		default:
			return nil
		}
	}
}

// group joins the moving variables assigned from one another and finds
// each group's base.
func (s *movingScan) group(moving map[*types.Var]*movingSlice, sig *types.Signature) {
	parent := make(map[*types.Var]*types.Var)
	var find func(v *types.Var) *types.Var
	find = func(v *types.Var) *types.Var {
		if p, ok := parent[v]; ok && p != v {
			r := find(p)
			parent[v] = r
			return r
		}
		return v
	}
	for v := range moving {
		for _, e := range s.values[v] {
			if r := s.rootVar(e); r != nil && moving[r] != nil {
				parent[find(v)] = find(r)
			}
		}
	}
	groups := make(map[*types.Var]*windowGroup)
	bases := make(map[*windowGroup][]string)
	// In source order, so that messages name the bases in that order.
	vars := slices.SortedFunc(maps.Keys(moving), func(a, b *types.Var) int { return cmp.Compare(a.Pos(), b.Pos()) })
	for _, v := range vars {
		m := moving[v]
		root := find(v)
		g := groups[root]
		if g == nil {
			g = &windowGroup{}
			groups[root] = g
		}
		m.group = g
		if g.first == nil {
			g.first = v
		}
		if isParam(v, sig) {
			g.addBase(v, nil, bases)
		}
		for _, e := range s.values[v] {
			r := s.rootVar(e)
			switch {
			case e == nil:
				// A nil declaration: no memory of its own.
			case r != nil && moving[r] != nil:
				// A window of the group.
				if c, isCall := ast.Unparen(e).(*ast.CallExpr); isCall && isBuiltinCall(s.info, c, "append") {
					g.appends = v
				}
			case r != nil:
				g.addBase(r, nil, bases)
			default:
				g.addBase(nil, e, bases)
				if g.allocOf == nil {
					g.allocOf = make(map[*types.Var]ast.Expr)
				}
				g.allocOf[v] = e
			}
		}
	}
	for _, g := range groups {
		slices.SortFunc(g.allocs, func(a, b ast.Expr) int { return cmp.Compare(a.Pos(), b.Pos()) })
		names := bases[g]
		switch {
		case len(names) > 1 && g.baseVar != nil:
			g.why = twoSlices(g.first, isParam(g.first, sig), names[0], names[1])
		case g.merged() && g.appends != nil:
			g.why = "appending to a buffer swapped with another is not supported: make each with its final length and assign its elements"
		case g.merged():
			g.why = s.mergeable(g)
		case g.appends != nil:
			g.why = s.appendable(g)
		}
		slices.SortFunc(g.allocs, func(a, b ast.Expr) int { return cmp.Compare(a.Pos(), b.Pos()) })
	}
}

// twoSlices says why a slice variable v that moves between the slices a
// and b is refused, and what to write instead. A variable is one window
// of one slice, its base (see above): following it into another would
// need the backward sweep to know, at each read, which slice it was then.
// A copy into memory of its own computes the same values where nothing
// writes through it, and a helper's parameter may be another slice at
// each call (the ADBench LSTM's layers pass state windows to lstmModel).
func twoSlices(v *types.Var, param bool, a, b string) string {
	n := v.Name()
	t := types.TypeString(v.Type(), types.RelativeTo(v.Pkg()))
	own := n + " := make(" + t + ", n), then copy(" + n + ", x) in place of " + n + " = x"
	if param {
		// A parameter cannot be declared again: its copy needs a name.
		own = n + "Own := make(" + t + ", n), copy(" + n + "Own, " + n + "), then copy(" + n + "Own, x) in place of " + n + " = x, and read " + n + "Own"
	}
	return "a slice variable may move only within one slice, and " + n + " moves between " + a + " and " + b +
		"; if nothing writes through " + n + ", give it memory of its own and copy into it (" + own + ")" +
		", or pass each slice to a helper function as a parameter, or take both windows from one slice made for them"
}

// mergeable returns "" if the allocations of g, several, can be made as
// one slice, each a window of it, or why not: each must be a make of a
// length the first declaration can compute already (a constant, a variable
// assigned once, len of a slice), since the one slice is made there, and
// the declaration of a variable of the group, which runs once.
func (s *movingScan) mergeable(g *windowGroup) string {
	for _, e := range g.allocs {
		call, isCall := ast.Unparen(e).(*ast.CallExpr)
		if !isCall || !s.decls[e] || !isBuiltinCall(s.info, call, "make") || len(call.Args) != 2 {
			return "the slices it moves between must each be made with make where a variable is declared (x := make([]float64, n)), so that godiff can make them as one, and " + types.ExprString(e) + " is not; copy it into such a buffer, or index it directly"
		}
		if !s.fixedLength(call.Args[1], g, e) {
			return "the buffers it moves between are made as one, where the first is declared, so their lengths must be known there: a constant, a parameter or variable assigned once, a field of a parameter, or len of a slice; compute " + types.ExprString(call.Args[1]) + " into a variable before the first make"
		}
	}
	return ""
}

// appendable returns "" if the group g, which appends, appends within
// memory it owns: the one slice made by make where a variable of g is
// declared, whose capacity its appends stay within (appendWindow). Else it
// says why not.
func (s *movingScan) appendable(g *windowGroup) string {
	name := g.appends.Name()
	fix := "make " + name + " in the function with the capacity its appends need, " + name + " := make(" + types.TypeString(g.appends.Type(), types.RelativeTo(g.appends.Pkg())) + ", 0, n), and append to it"
	if g.baseVar != nil {
		return name + " is in the memory of " + g.baseVar.Name() + ", which is not the function's own to append to (past its length it may be the caller's or another slice's); " + fix
	}
	if len(g.allocs) == 0 {
		return name + " has no memory of its own to append to; " + fix
	}
	call, isCall := ast.Unparen(g.allocs[0]).(*ast.CallExpr)
	if !isCall || !isBuiltinCall(s.info, call, "make") || !s.decls[g.allocs[0]] {
		return name + " is appended to, and its memory is made by " + types.ExprString(g.allocs[0]) + "; " + fix
	}
	return ""
}

// isBuiltinCall reports whether call calls the builtin name.
func isBuiltinCall(info *types.Info, call *ast.CallExpr, name string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, builtin := info.Uses[id].(*types.Builtin)
	return builtin && b.Name() == name
}

// fixedLength reports whether the length e has the same value anywhere
// after its variables are declared: a constant, a variable nothing
// reassigns, a field of a parameter (paramField), or len of one.
// The length of a buffer of g made before alloc, len(prev), is its
// make's.
func (s *movingScan) fixedLength(e ast.Expr, g *windowGroup, alloc ast.Expr) bool {
	if tv, ok := s.info.Types[e]; ok && tv.Value != nil {
		return true
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := s.info.Uses[x].(*types.Var)
		return ok && !s.reassigned[v] && !isPackageLevel(v)
	case *ast.SelectorExpr:
		return s.paramField(x)
	case *ast.CallExpr:
		if arg := lenOf(s.info, x); arg != nil {
			if prior := g.earlierAlloc(s.info, arg, alloc); prior != nil {
				return true
			}
			return s.fixedLength(arg, g, alloc)
		}
	}
	return false
}

// paramField reports whether sel is a field of a parameter or of the
// receiver that nothing reassigns, reached through the fields of structs
// it holds (m.NH, m.Cfg.N; not through a pointer field). Such a field
// keeps its value through the function: godiff refuses a differentiated
// function, or a callee, that assigns a field of its parameters.
func (s *movingScan) paramField(sel *ast.SelectorExpr) bool {
	var e ast.Expr = sel
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			fs := s.info.Selections[x]
			if fs == nil || fs.Kind() != types.FieldVal {
				return false
			}
			inner, isIdent := ast.Unparen(x.X).(*ast.Ident)
			if _, direct := embeddedPath(fs); !direct || fs.Indirect() && !isIdent {
				return false // through a pointer other than the parameter
			}
			if isIdent {
				v, _ := s.info.Uses[inner].(*types.Var)
				return v != nil && s.params[v] && !s.reassigned[v]
			}
			e = x.X
		default:
			return false
		}
	}
}

// lenOf returns x if call is len(x), else nil.
func lenOf(info *types.Info, call *ast.CallExpr) ast.Expr {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) != 1 {
		return nil
	}
	if _, builtin := info.Uses[id].(*types.Builtin); builtin && id.Name == "len" {
		return call.Args[0]
	}
	return nil
}

// earlierAlloc returns the make declaring x, if x names a variable of g
// made by one of its allocs before alloc.
func (g *windowGroup) earlierAlloc(info *types.Info, x ast.Expr, alloc ast.Expr) ast.Expr {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.Uses[id].(*types.Var)
	if prior, ok := g.allocOf[v]; ok && prior.Pos() < alloc.Pos() {
		return prior
	}
	return nil
}

// addBase records that the group's windows are of the variable v or of
// the allocation e.
func (g *windowGroup) addBase(v *types.Var, e ast.Expr, bases map[*windowGroup][]string) {
	switch {
	case v != nil && g.baseVar == v:
		return
	case v != nil:
		g.baseVar = v
		bases[g] = append(bases[g], v.Name())
	default:
		g.allocs = append(g.allocs, e)
		bases[g] = append(bases[g], types.ExprString(e))
	}
}

// isParam reports whether v is a parameter of sig.
func isParam(v *types.Var, sig *types.Signature) bool { return paramIndex(sig, v) >= 0 }

// movingTarget checks an assignment to the moving variable v at id.
func (fb *funcBuilder) movingTarget(id *ast.Ident, v *types.Var, def bool, rhs ast.Expr) (lvalue, bool) {
	m := fb.moving[v]
	if rhs == nil && !def {
		// for _, s = range rows: each row is a slice of its own.
		fb.errorf(id.Pos(), "ranging into the slice variable %s, declared outside the loop, is not supported; declare it in the loop (for _, %s := range ...)", id.Name, id.Name)
		return lvalue{}, false
	}
	if m.group.why != "" {
		if m.group.reported {
			_, _ = fb.silent()
			return lvalue{}, false
		}
		m.group.reported = true
		fb.errorf(id.Pos(), "assigning %s: %s", id.Name, m.group.why)
		return lvalue{}, false
	}
	if fb.inForInit {
		fb.errorf(id.Pos(), "declaring a slice in a for loop's init statement is not supported; declare %s before the loop", id.Name)
		return lvalue{}, false
	}
	if _, ok := localType(v.Type()); !ok {
		fb.errorf(id.Pos(), "%s has type %s", id.Name, fb.unsupportedType(v.Type()))
		return lvalue{}, false
	}
	return lvalue{v: v, def: def, moves: m, id: id}, true
}

// window builds the bounds, in the base of group g, of the slice e
// assigned to a moving variable (nil: a declaration without value).
func (fb *funcBuilder) window(e ast.Expr, g *windowGroup) (lo, hi *ir.Value, ok bool) {
	if e == nil {
		zero := fb.b.Const(ir.Int, int64(0))
		return zero, zero, true
	}
	if slices.Contains(g.allocs, e) {
		return fb.allocWindow(e, g)
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := fb.info.Uses[x].(*types.Var)
		if m := fb.moving[v]; m != nil && m.group == g {
			if m.lo == nil {
				return nil, nil, false // its declaration failed, and was reported
			}
			return fb.b.Get(m.lo), fb.b.Get(m.hi), true
		}
		if v != nil && v == g.baseVar && fb.moving[v] == nil {
			base, ok := fb.env[v]
			if !ok {
				return nil, nil, false // its declaration failed, and was reported
			}
			if g.base == nil {
				g.base = base
			}
			return fb.b.Const(ir.Int, int64(0)), fb.b.Len(base), true
		}
	case *ast.SliceExpr:
		return fb.subWindow(x, g)
	case *ast.CallExpr:
		if fb.isBuiltin(x, "append") {
			return fb.appendWindow(x, g)
		}
	}
	_, _ = fb.fail(e.Pos(), "%s is not a window of the slice the variable assigned it moves in: a slice variable that moves must always be a sub-slice of one slice (s = x[a:b], s = s[1:]); copy the values instead", types.ExprString(e))
	return nil, nil, false
}

// allocWindow builds the allocation e of g, the value of a declaration:
// the base itself, or, when g merges several, its window of the one slice,
// made at the first.
func (fb *funcBuilder) allocWindow(e ast.Expr, g *windowGroup) (lo, hi *ir.Value, ok bool) {
	switch {
	case g.merged():
		if g.failed {
			return nil, nil, false // reported
		}
		if g.base == nil && !fb.mergeAllocs(g) {
			g.failed = true
			return nil, nil, false
		}
		w := g.windows[e]
		return w[0], w[1], true
	case g.base != nil:
		_, _ = fb.fail(e.Pos(), "assigning a new slice to a variable that moves is not supported: make it once, where it is declared, and copy into it")
		return nil, nil, false
	}
	if call, isCall := ast.Unparen(e).(*ast.CallExpr); isCall && fb.isBuiltin(call, "make") && len(call.Args) == 3 {
		return fb.makeWithCap(call, g)
	}
	base, ok := fb.expr(e)
	if !ok {
		return nil, nil, false
	}
	g.base = base
	return fb.b.Const(ir.Int, int64(0)), fb.b.Len(base), true
}

// makeWithCap builds make([]T, n, c) of a variable that moves: its base is
// make([]T, c), all of its memory, and it is the window base[0:n], whose
// capacity is c as Go's is.
func (fb *funcBuilder) makeWithCap(call *ast.CallExpr, g *windowGroup) (lo, hi *ir.Value, ok bool) {
	t, ok := localType(fb.info.TypeOf(call))
	if !ok {
		_, _ = fb.makeCall(call) // reports it
		return nil, nil, false
	}
	n, okN := fb.index(call.Args[1])
	c, okC := fb.index(call.Args[2])
	if !okN || !okC {
		return nil, nil, false
	}
	g.base = fb.b.Bind(fb.b.Make(t, c), "buf")
	return fb.b.Const(ir.Int, int64(0)), n, true
}

// appendWindow builds s = append(s, v1, ..., vk) onto the memory the
// function made for s's group: Go stores the values after s's elements,
// in the same memory while they fit in its capacity, and s's window grows
// by k. Beyond the capacity Go would move s to new memory, which godiff
// cannot follow: the generated code stops there with a panic saying so.
func (fb *funcBuilder) appendWindow(call *ast.CallExpr, g *windowGroup) (lo, hi *ir.Value, ok bool) {
	if call.Ellipsis.IsValid() {
		_, _ = fb.fail(call.Pos(), "append(s, t...) is not supported in a differentiated function; append the elements one by one, or copy(s[len(s):n], t) into a longer window")
		return nil, nil, false
	}
	l, h, ok := fb.window(call.Args[0], g)
	if !ok {
		return nil, nil, false
	}
	vals := make([]*ir.Value, len(call.Args)-1)
	for i, a := range call.Args[1:] {
		v, okV := fb.expr(a)
		vals[i], ok = v, ok && okV
	}
	if !ok {
		return nil, nil, false
	}
	end := fb.b.Add(h, fb.b.Const(ir.Int, int64(len(vals))))
	over := fb.b.If(fb.b.Compare(ir.OpGt, end, fb.b.Len(g.base)))
	fb.b.In(over.Blocks[0], func() {
		msg := strconv.Quote("godiff: append to " + types.ExprString(call.Args[0]) + " beyond the capacity it was made with: the generated code cannot follow a slice to new memory; make it with a larger capacity")
		fb.b.Halt(&ir.Halt{Call: ir.HaltExpr{Kind: ir.HaltCall, Name: "panic", Args: []ir.HaltExpr{{Kind: ir.HaltLit, Lit: msg}}}})
	})
	for i, v := range vals {
		at := h
		if i > 0 {
			at = fb.b.Add(h, fb.b.Const(ir.Int, int64(i)))
		}
		fb.b.Store(g.base, at, v)
	}
	return l, end, true
}

// mergeAllocs makes g's allocations as one slice, buf := make([]T, n1+n2),
// each allocation the window buf[n1:n1+n2] of it. Each is zeroed, as its
// make would be, and the swaps between them are changes of bounds.
func (fb *funcBuilder) mergeAllocs(g *windowGroup) bool {
	var t ir.Type
	lens := make([]*ir.Value, len(g.allocs))
	for i, e := range g.allocs {
		call := ast.Unparen(e).(*ast.CallExpr)
		tt, ok := localType(fb.info.TypeOf(call))
		if !ok {
			_, _ = fb.makeCall(call) // reports it
			return false
		}
		if t == nil {
			t = tt
		}
		if n, isCall := ast.Unparen(call.Args[1]).(*ast.CallExpr); isCall && lenOf(fb.info, n) != nil {
			if prior := g.earlierAlloc(fb.info, lenOf(fb.info, n), e); prior != nil {
				// len(prev), prev made by an earlier alloc of g.
				lens[i] = lens[slices.Index(g.allocs, prior)]
				continue
			}
		}
		if late := fb.unbound(call.Args[1]); late != "" {
			fb.errorf(call.Args[1].Pos(), "%s is computed after the first of the buffers it swaps with is made, and godiff makes them as one slice there; compute %s before it", late, late)
			return false
		}
		if lens[i], ok = fb.index(call.Args[1]); !ok {
			return false
		}
	}
	total := lens[0]
	for _, n := range lens[1:] {
		total = fb.b.Add(total, n)
	}
	g.base = fb.b.Bind(fb.b.Make(t, total), "buf")
	g.windows = make(map[ast.Expr][2]*ir.Value)
	off := fb.b.Const(ir.Int, int64(0))
	for i, e := range g.allocs {
		end := fb.offset(off, lens[i])
		g.windows[e] = [2]*ir.Value{off, end}
		off = end
	}
	return true
}

// subWindow builds the bounds of x[a:b] in g's base, from those of x:
// base[l:h][a:b] is base[l+a:l+b].
func (fb *funcBuilder) subWindow(x *ast.SliceExpr, g *windowGroup) (lo, hi *ir.Value, ok bool) {
	if x.Slice3 {
		_, _ = fb.fail(x.Pos(), "three-index slices are not supported: the capacity matters only to append, which godiff follows only onto a slice the function makes (s := make([]float64, 0, n)); use s[lo:hi]")
		return nil, nil, false
	}
	l, h, ok := fb.window(x.X, g)
	if !ok {
		return nil, nil, false
	}
	lo, hi = l, h
	okLo, okHi := true, true
	if x.Low != nil {
		var a *ir.Value
		a, okLo = fb.index(x.Low)
		lo = fb.offset(l, a)
	}
	if x.High != nil {
		var b *ir.Value
		b, okHi = fb.index(x.High)
		hi = fb.offset(l, b)
	}
	return lo, hi, okLo && okHi
}

// offset returns l+a, or a when l is the constant 0.
func (fb *funcBuilder) offset(l, a *ir.Value) *ir.Value {
	if a == nil {
		return nil
	}
	if l.IsConst() && l.Aux == int64(0) {
		return a
	}
	return fb.b.Add(l, a)
}

// ensureBase finds the base of g at the declaration, at id, of its first
// variable: the variable it moves in must be declared already, and an
// allocation be that declaration's value (window built it).
func (fb *funcBuilder) ensureBase(id *ast.Ident, g *windowGroup) bool {
	switch {
	case g.base != nil:
		return true
	case g.baseVar != nil:
		base, ok := fb.env[g.baseVar]
		if !ok {
			fb.errorf(id.Pos(), "%s is declared before %s, the slice it moves in; declare %s after %s", id.Name, g.baseVar.Name(), id.Name, g.baseVar.Name())
			return false
		}
		g.base = base
		return true
	}
	fb.errorf(id.Pos(), "%s moves in a slice made after its declaration; declare it with that slice's make", id.Name)
	return false
}

// writeWindow gives the moving variable of lv the bounds lo and hi,
// declaring them at its declaration.
func (fb *funcBuilder) writeWindow(lv lvalue, lo, hi *ir.Value) {
	m := lv.moves
	if lv.def && !fb.ensureBase(lv.id, m.group) {
		return
	}
	if lv.def || m.lo == nil {
		m.lo = &ir.Var{Name: lv.v.Name() + "Lo", Type: ir.Int}
		m.hi = &ir.Var{Name: lv.v.Name() + "Hi", Type: ir.Int}
		fb.b.Declare(m.lo, lo)
		fb.b.Declare(m.hi, hi)
		return
	}
	// s = s[1:] leaves hi as it is: a set of the value just read would
	// make the bound look assigned in the loop, and recorded at each
	// iteration. (In a, b = ..., the same variable may be set twice.)
	if !lv.alone || !isGetOf(lo, m.lo) {
		fb.b.Set(m.lo, lo)
	}
	if !lv.alone || !isGetOf(hi, m.hi) {
		fb.b.Set(m.hi, hi)
	}
}

// isGetOf reports whether x reads the variable v.
func isGetOf(x *ir.Value, v *ir.Var) bool { return x.Op == ir.OpGet && x.Aux == v }

// movingRead builds a read of the moving variable v at id: its view of the
// base.
func (fb *funcBuilder) movingRead(id *ast.Ident, v *types.Var) (*ir.Value, bool) {
	m := fb.moving[v]
	if m.lo == nil || m.group.base == nil {
		return fb.silent() // its declaration failed, and was reported
	}
	return fb.b.Subslice(m.group.base, fb.b.Get(m.lo), fb.b.Get(m.hi)), true
}

// bindMovingParam makes the parameter p, which moves, the window of all of
// itself.
func (fb *funcBuilder) bindMovingParam(p *types.Var) {
	m := fb.moving[p]
	if m.group.why != "" {
		return // refused where it is assigned
	}
	base := fb.env[p]
	m.group.base = base
	fb.writeWindow(lvalue{v: p, def: true, moves: m, id: ast.NewIdent(p.Name())}, fb.b.Const(ir.Int, int64(0)), fb.b.Len(base))
}

// mergedCap explains why cap(x) is refused, or returns "": the capacity of
// a buffer made as a window of one slice with others (mergeAllocs) is not
// the one its make gave it.
func (fb *funcBuilder) mergedCap(x ast.Expr) string {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return ""
	}
	v, _ := fb.info.Uses[id].(*types.Var)
	if m := fb.moving[v]; m == nil || !m.group.merged() {
		return ""
	}
	return "the capacity of " + id.Name + " is not supported: godiff makes the buffers it moves between as one slice, so its capacity is not its make's; use len(" + id.Name + ")"
}

// unbound returns the name of the first variable e reads that has no value
// yet, or "".
func (fb *funcBuilder) unbound(e ast.Expr) string {
	late := ""
	ast.Inspect(e, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || late != "" {
			return late == ""
		}
		v, isVar := fb.info.Uses[id].(*types.Var)
		if !isVar || v.IsField() {
			return true // a field is bound where its struct is
		}
		_, inEnv := fb.env[v]
		_, inSlot := fb.slots[v]
		_, isStruct := fb.fields[v]
		if !inEnv && !inSlot && !isStruct {
			late = id.Name
		}
		return true
	})
	return late
}
