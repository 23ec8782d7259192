package emit

import "github.com/godiff/godiff/ir"

// This file decides where each variable (ir.Var) is declared. The IR does
// not scope variables: a decl in a branch may be read after the if, a decl
// in a loop body read by the post statement. Go scopes them by block. A
// variable whose one decl comes before, and encloses, every other use is
// declared by it (x := v, or `for x := 0; ...` in a for's init); any other
// is declared `var x T` in the innermost block enclosing all its uses,
// before the first of them, and each of its decls becomes an assignment.

// varInfo is how one variable is written.
type varInfo struct {
	name    string
	hoisted bool // declared by a var statement of its own; decls assign it
	// readElsewhere: something besides accumulations through &x reads it,
	// so that `x += d` does not leave it declared and never used
	readElsewhere bool
}

// placeVars decides where each live variable is declared and records the
// hoisted declarations before the values they precede.
func (e *funcEmitter) placeVars() {
	e.vars = make(map[*ir.Var]*varInfo)
	e.hoist = make(map[*ir.Value][]*ir.Var)
	ops := make(map[*ir.Var][]*ir.Value)
	var order []*ir.Var
	e.fn.Walk(func(v *ir.Value) {
		x, ok := v.Aux.(*ir.Var)
		if !ok || !e.plan.live[v] {
			return
		}
		if ops[x] == nil {
			order = append(order, x)
		}
		ops[x] = append(ops[x], v)
	})
	e.placeGroups(order, ops)
	for _, x := range order {
		info := &varInfo{readElsewhere: readElsewhere(ops[x], e.plan)}
		e.vars[x] = info
		if x.Group != nil {
			// A field of a struct the function makes: never declared,
			// assigned by its decls.
			info.name = x.Group.Ref(x.Field)
			info.hoisted = true
			continue
		}
		if declaredInPlace(ops[x]) {
			continue
		}
		info.hoisted = true
		at := hoistPoint(ops[x])
		e.hoist[at] = append(e.hoist[at], x)
	}
}

// readElsewhere reports whether a variable is read other than by being
// the pointer of an accum.
func readElsewhere(ops []*ir.Value, p *plan) bool {
	for _, v := range ops {
		switch v.Op {
		case ir.OpGet:
			return true
		case ir.OpAddr:
			if u := p.user[v]; p.uses[v] > 1 || u == nil || u.Op != ir.OpAccum || u.Args[0] != v {
				return true
			}
		}
	}
	return false
}

// declaredInPlace reports whether a variable's first live op is its only
// decl and every other op is in that decl's scope.
func declaredInPlace(ops []*ir.Value) bool {
	d := ops[0]
	if d.Op != ir.OpDecl {
		return false
	}
	for _, v := range ops[1:] {
		if v.Op == ir.OpDecl || !inScope(d, v) {
			return false
		}
	}
	return true
}

// inScope reports whether v, later in program order, is in the scope of
// the Go declaration written for decl d: the rest of d's block and the
// blocks nested there, or the whole for statement when d is in its init.
func inScope(d, v *ir.Value) bool {
	if v.Block.Ancestor(d.Block) {
		return true
	}
	if headerPart(d.Block) != 0 {
		return false
	}
	loop := d.Block.Parent
	for b := v.Block; b != nil; b = outer(b) {
		if b.Parent == loop {
			return true
		}
	}
	return false
}

// outer returns the block enclosing b, nil for the body.
func outer(b *ir.Block) *ir.Block {
	if b.Parent == nil {
		return nil
	}
	return b.Parent.Block
}

// hoistPoint returns the value before which a variable with the given ops
// is declared: in the innermost block enclosing them all (not a for's
// clause, which cannot hold a var statement), the first value that is or
// holds one of them.
func hoistPoint(ops []*ir.Value) *ir.Value {
	b := ops[0].Block
	for _, v := range ops[1:] {
		for !v.Block.Ancestor(b) {
			b = outer(b)
		}
	}
	for headerPart(b) >= 0 {
		b = outer(b)
	}
	first := -1
	for _, v := range ops {
		top := v
		for top.Block != b {
			top = top.Block.Parent
		}
		if i := indexIn(b, top); first < 0 || i < first {
			first = i
		}
	}
	return b.Values[first]
}

// indexIn returns v's position in b.
func indexIn(b *ir.Block, v *ir.Value) int {
	for i, w := range b.Values {
		if w == v {
			return i
		}
	}
	return -1
}
