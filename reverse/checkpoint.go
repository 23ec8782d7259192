package reverse

import (
	"fmt"
	"go/token"
	"slices"
	"strings"

	"github.com/godiff/godiff/ir"
)

// This file outlines the loops the user marked //godiff:checkpoint. The
// body of such a loop becomes a function of its own (B), and the loop a
// call of it per iteration, marked Recompute (see ir.CallRule): the
// forward function calls B as it is and records nothing for it; the
// backward function, iteration by iteration, last first, runs B's forward
// function on a tape of one iteration, then B's backward function. The
// tape therefore holds one iteration's entries, whatever the trip count.
//
// That is exact only if the backward sweep can run iteration i again
// without the state that iterations before i left, and Outline proves
// it on the IR before it outlines, or refuses:
//
//   - a variable the body assigns, declared outside it, is an
//     accumulator: every read of it is x + e (or x - e) assigned back to
//     x at once, so that B's derivatives do not depend on its value (the
//     backward sweep passes 0), and its adjoint is the same in every
//     iteration;
//   - memory the body writes, made outside it, is an accumulator (each
//     read is s[i] + e stored back into s[i]) or a work buffer, which
//     each iteration overwrites whole before it reads it: a loop over all
//     its indexes that stores each element first, or a call of a
//     function that does so (the backward sweep gives B scratch memory
//     of the same length in their place, so as not to change them);
//   - the slices the body only reads are written neither after the loop
//     nor in a loop around it, so that the backward sweep reads them as
//     the forward sweep did;
//   - the body does not leave the loop (return, break or continue it).

// CheckpointError is a checkpointed loop Outline refuses, at the loop.
type CheckpointError struct {
	Pos token.Position
	Msg string
}

// Error returns the message after the loop's position.
func (e *CheckpointError) Error() string { return e.Pos.String() + ": " + e.Msg }

// Outline returns f with the body of each loop marked //godiff:checkpoint
// outlined into a function of its own, and those functions; f itself and
// none if no loop is marked.
func Outline(f *ir.Func) (*ir.Func, []*ir.Func, error) {
	var marked []*ir.Value
	f.Walk(func(v *ir.Value) {
		if l, ok := v.Aux.(*ir.Loop); ok && v.Op.IsLoop() && l.Checkpoint {
			marked = append(marked, v)
		}
	})
	if len(marked) == 0 {
		return f, nil, nil
	}
	o := &outliner{f: f, uses: usesOf(f), order: programOrder(f)}
	plans := make(map[*ir.Value]*loopPlan)
	for k, l := range marked {
		p, err := o.plan(l, ir.CheckpointBody(f.RecvType(), f.Name, k+1))
		if err != nil {
			return nil, nil, err
		}
		plans[l] = p
	}
	g := ir.NewFunc(f.Name, f.Params, f.Results)
	g.Doc = f.Doc
	b := ir.NewBuilder(g)
	b.Simplify = false
	c := ir.NewCopier(b)
	var bodies []*ir.Func
	c.Before = func(old *ir.Value) bool {
		body := old.Block
		p := plans[body.Parent]
		if p == nil || body != loopBody(body.Parent) {
			return false
		}
		if old.Op == ir.OpIndex {
			return false
		}
		if !p.called {
			p.called = true
			p.call(b, c)
			bodies = append(bodies, p.fn)
		}
		return true
	}
	c.Block(f.Body)
	ir.UniqueNames(g)
	return g, bodies, nil
}

// outliner holds what the plans of one function's marked loops share.
type outliner struct {
	f     *ir.Func
	uses  map[*ir.Value][]*ir.Value
	order map[*ir.Value]int // each value's place in the function's text
}

// loopPlan is the outlining of one marked loop.
type loopPlan struct {
	loop   *ir.Value
	fn     *ir.Func     // B
	free   []*ir.Value  // the values B's parameters stand for, after the accumulators
	consts []*ir.Value  // the constants from outside the body it uses, which B makes again
	vars   []*ir.Var    // the variables read only, one parameter each, after free
	accs   []*ir.Var    // the accumulator variables: B's first parameters and its results
	index  *ir.Value    // a range loop's index, B's last parameter
	rule   *ir.CallRule // the rule of B's calls
	called bool
}

// plan checks loop l and builds its B, named name.
func (o *outliner) plan(l *ir.Value, name string) (*loopPlan, error) {
	pos := l.Aux.(*ir.Loop).Pos
	fail := func(format string, args ...any) (*loopPlan, error) {
		return nil, &CheckpointError{Pos: pos, Msg: "this loop cannot be checkpointed: " + fmt.Sprintf(format, args...)}
	}
	body := loopBody(l)
	p := &loopPlan{loop: l}
	if l.Op == ir.OpRange {
		p.index = body.Values[0]
	}
	inBody := func(v *ir.Value) bool { return v.Block != nil && v.Block.Ancestor(body) }
	seenFree := make(map[*ir.Value]bool)
	seenVar := make(map[*ir.Var]bool)
	var setVars, readVars []*ir.Var
	declared := make(map[*ir.Var]bool)
	written := make(map[*ir.Value]bool)  // roots the body writes
	setAt := make(map[*ir.Var]*ir.Value) // each variable's first assignment in the body
	var bad string
	body.Walk(func(v *ir.Value) {
		if bad != "" {
			return
		}
		switch v.Op {
		case ir.OpReturn:
			bad = "its body returns; assign the result to a variable and return after the loop"
			return
		case ir.OpBreak, ir.OpContinue:
			if t := v.Aux.(*ir.Value); !inBody(t) {
				bad = fmt.Sprintf("its body has a %v of the loop itself (or of one around it), so the iterations that run depend on each other; compute a condition per iteration instead", v.Op)
				return
			}
		case ir.OpDecl:
			declared[v.Aux.(*ir.Var)] = true
		case ir.OpGet, ir.OpSet:
			x := v.Aux.(*ir.Var)
			if !seenVar[x] {
				seenVar[x] = true
			}
			if v.Op == ir.OpSet && !slices.Contains(setVars, x) {
				setVars = append(setVars, x)
				setAt[x] = v
			}
			if v.Op == ir.OpGet && !slices.Contains(readVars, x) {
				readVars = append(readVars, x)
			}
		case ir.OpStore, ir.OpCopySlice:
			written[ir.Root(v.Args[0])] = true
		case ir.OpInvoke:
			c := v.Aux.(ir.Callee)
			if c.Rule == nil || c.Rule.Derived == nil {
				for _, x := range v.Args {
					if ir.IsSlice(x.Type) {
						bad = fmt.Sprintf("its body passes a slice to %s, which godiff cannot read to know what it writes", c)
						return
					}
				}
			}
			for _, x := range ir.Written(v) {
				written[ir.Root(x)] = true
			}
		}
		for _, a := range v.Args {
			if !inBody(a) && !seenFree[a] {
				seenFree[a] = true
				if a.IsConst() {
					p.consts = append(p.consts, a)
				} else {
					p.free = append(p.free, a)
				}
			}
		}
	})
	if bad != "" {
		return fail("%s", bad)
	}
	every := l.Aux.(*ir.Loop).Every
	revolve := isRevolve(l)
	if every > 0 && l.Op != ir.OpRange {
		return fail("-every is supported on range loops only yet (for i := range n, or over a slice); write the loop as one")
	}
	if every > 0 && l.Block.Depth() > 0 {
		return fail("%s", everyNested)
	}
	for _, x := range setVars {
		if declared[x] {
			continue
		}
		if every > 0 || revolve {
			if ir.IsSlice(x.Type) {
				return nil, &CheckpointError{Pos: atOr(setAt[x], pos), Msg: "this loop cannot be checkpointed: " + sliceVarState(x.Name)}
			}
			p.accs = append(p.accs, x) // state the snapshots save
			continue
		}
		if why := o.accumulator(body, x); why != "" {
			return fail("it carries %s from one iteration to the next %s; only sums into a variable (%s += ...) or into memory (s[i] += ...) may cross iterations of a checkpointed loop, unless it saves its state with -every=K (//godiff:checkpoint -every=100 on a range loop)", x.Name, why, x.Name)
		}
		p.accs = append(p.accs, x)
	}
	for _, x := range readVars {
		if !declared[x] && !slices.Contains(p.accs, x) {
			p.vars = append(p.vars, x)
		}
	}
	var rootsW []*ir.Value
	for r := range written {
		if !inBody(r) {
			rootsW = append(rootsW, r)
		}
	}
	slices.SortFunc(rootsW, func(a, b *ir.Value) int { return o.order[a] - o.order[b] })
	var stateRoots []*ir.Value // memory the body carries to the next iteration (-every, -snapshots)
	for _, r := range rootsW {
		if _, isArray := r.Type.(ir.Array); isArray {
			return fail("its body writes into the array %s; only slices may be accumulators or work buffers of a checkpointed loop", r.Name)
		}
		if !o.accumSlice(body, r) && !freshBlock(body, r) {
			if every > 0 || revolve {
				if msg := sliceStateRoot(l, r); msg != "" {
					return fail("%s", msg)
				}
				stateRoots = append(stateRoots, r)
				continue
			}
			return fail("its body reads %s before it has overwritten all of it in the same iteration, so an iteration reads what an earlier one left there; a work buffer must be overwritten whole (a loop over all its indexes, storing each element first) before the iteration reads it, and other memory may only be summed into (s[i] += ...)", r.Name)
		}
		for _, x := range p.free {
			if ir.IsSlice(x.Type) && ir.Root(x) == r && x != r {
				return fail("its body uses %s, a part of %s, which the body writes; use %s itself in the loop", x.Name, r.Name, r.Name)
			}
		}
	}
	for _, x := range p.free {
		if !ir.IsSlice(x.Type) {
			continue
		}
		r := ir.Root(x)
		if written[r] {
			continue
		}
		if _, isArray := x.Type.(ir.Array); isArray {
			return fail("its body reads the array %s; pass a slice of it", x.Name)
		}
		if w := o.writtenLater(l, r); w != "" {
			return fail("%s is written %s, and the backward sweep reads it again as the loop read it; write into a copy", r.Name, w)
		}
	}
	for _, x := range p.free {
		switch {
		case ir.IsSlice(x.Type), ir.IsFloat(x.Type), ir.IsInteger(x.Type), x.Type == ir.Bool:
		default:
			return fail("its body uses %s, of type %v, which a function of its own cannot take yet", x.Name, x.Type)
		}
	}
	for _, x := range append(slices.Clone(p.accs), p.vars...) {
		if !ir.IsFloat(x.Type) && !ir.IsInteger(x.Type) && x.Type != ir.Bool {
			return fail("its body uses the variable %s, of type %v, which a function of its own cannot take yet", x.Name, x.Type)
		}
	}
	if len(stateRoots) > 0 {
		if h, name := appendIn(body); h != nil {
			return nil, &CheckpointError{Pos: atOr(h, pos), Msg: "this loop cannot be checkpointed: " + appendState(name)}
		}
	}
	for _, r := range stateRoots {
		for _, x := range p.free {
			if ir.IsSlice(x.Type) && ir.Root(x) == r && x != r {
				return fail("its body uses %s, a part of %s, which it carries to the next iteration; use %s itself in the loop, so that a saved state copies all of it", x.Name, r.Name, r.Name)
			}
		}
	}
	p.build(name, written, o.f, body)
	p.rule.Every = every
	p.rule.State = p.stateParams(stateRoots)
	if revolve {
		if msg := p.planRevolve(); msg != "" {
			return fail("%s", msg)
		}
	}
	return p, nil
}

// build makes B: parameters the accumulators' values as the iteration
// begins, the free values, the variables read, and the range index; its
// body the loop's; its results the accumulators' values as it ends.
func (p *loopPlan) build(name string, written map[*ir.Value]bool, f *ir.Func, body *ir.Block) {
	taken := make(map[string]bool)
	fresh := func(want string) string {
		if want == "" {
			want = "v"
		}
		n := ir.FreshName(taken, want)
		taken[n] = true
		return n
	}
	var params []ir.Param
	for _, x := range p.accs {
		params = append(params, ir.Param{Name: fresh(x.Name), Type: x.Type})
	}
	for _, x := range p.free {
		params = append(params, ir.Param{Name: fresh(x.Name), Type: x.Type})
	}
	for _, x := range p.vars {
		params = append(params, ir.Param{Name: fresh(x.Name), Type: x.Type})
	}
	if p.index != nil {
		params = append(params, ir.Param{Name: fresh(indexParamName(p.index)), Type: ir.Int})
	}
	var results []ir.Result
	for _, x := range p.accs {
		results = append(results, ir.Result{Type: x.Type})
	}
	g := ir.NewFunc(name, params, results)
	g.Doc = []string{fmt.Sprintf("%s is one iteration of the loop of %s at %s:%d, which //godiff:checkpoint marks: the backward sweep runs it again, iteration by iteration, rather than record it.",
		name, f.Name, baseName(p.loop.Aux.(*ir.Loop).Pos.Filename), p.loop.Aux.(*ir.Loop).Pos.Line)}
	if len(p.accs) > 0 {
		var names []string
		for _, x := range p.accs {
			names = append(names, x.Name)
		}
		what := "which the iteration sums into"
		if p.loop.Aux.(*ir.Loop).Every > 0 || isRevolve(p.loop) {
			what = "the state the iteration carries to the next"
		}
		g.Doc = append(g.Doc, fmt.Sprintf("It takes and returns %s, %s.", strings.Join(names, ", "), what))
	}
	b := ir.NewBuilder(g)
	b.Simplify = false
	c := ir.NewCopier(b)
	k := 0
	for _, x := range p.accs {
		nx := &ir.Var{Name: x.Name, Type: x.Type}
		c.Var[x] = nx
		b.Declare(nx, b.Param(k))
		k++
	}
	for _, x := range p.free {
		c.Value[x] = b.Param(k)
		k++
	}
	varParam := make(map[*ir.Var]*ir.Value)
	for _, x := range p.vars {
		varParam[x] = b.Param(k)
		k++
	}
	if p.index != nil {
		c.Value[p.index] = b.Param(k)
	}
	for _, x := range p.consts {
		c.Value[x] = b.Const(x.Type, x.Aux)
	}
	c.Before = func(old *ir.Value) bool {
		if old == p.index {
			return true
		}
		if old.Op == ir.OpGet {
			if v := varParam[old.Aux.(*ir.Var)]; v != nil {
				c.Value[old] = b.Copy(v, old.Name)
				return true
			}
		}
		return false
	}
	c.Block(body)
	var outs []*ir.Value
	for _, x := range p.accs {
		outs = append(outs, b.Get(c.Var[x]))
	}
	b.Return(outs...)
	ir.UniqueNames(g)
	writes := make([]bool, len(params))
	for i, x := range p.free {
		writes[len(p.accs)+i] = ir.IsSlice(x.Type) && written[ir.Root(x)]
	}
	p.fn = g
	p.rule = &ir.CallRule{Split: true, Derived: g, Writes: writes, Recompute: true,
		Source:   fmt.Sprintf("the loop at %s:%d", baseName(p.loop.Aux.(*ir.Loop).Pos.Filename), p.loop.Aux.(*ir.Loop).Pos.Line),
		Names:    ir.SplitCallNames{Base: name, Tape: name + "CallTape", Forward: name + "CallForward", Backward: name + "CallBackward", JVP: name + "JVP"},
		Partials: nil}
}

// call builds, in the copy of the loop's body, the call of B and the
// assignments of its results to the accumulators.
func (p *loopPlan) call(b *ir.Builder, c *ir.Copier) {
	var args []*ir.Value
	for _, x := range p.accs {
		args = append(args, b.Get(c.CopyVar(x)))
	}
	for _, x := range p.free {
		args = append(args, c.Value[x])
	}
	for _, x := range p.vars {
		args = append(args, b.Get(c.CopyVar(x)))
	}
	if p.index != nil {
		args = append(args, c.Value[p.index])
	}
	var t ir.Type
	switch len(p.accs) {
	case 0:
	case 1:
		t = p.accs[0].Type
	default:
		var tt ir.Tuple
		for _, x := range p.accs {
			tt = append(tt, x.Type)
		}
		t = tt
	}
	call := b.Invoke(ir.Callee{Name: p.fn.Name, Rule: p.rule, Pos: p.loop.Aux.(*ir.Loop).Pos}, t, args...)
	switch len(p.accs) {
	case 0:
	case 1:
		b.Set(c.CopyVar(p.accs[0]), call)
	default:
		for k, x := range p.accs {
			b.Set(c.CopyVar(x), b.Extract(call, k))
		}
	}
}

// accumulator returns "" if every read of x in body is x + e or x - e
// assigned back to x at once, and every assignment of x there is one such;
// otherwise how x is used.
func (o *outliner) accumulator(body *ir.Block, x *ir.Var) string {
	why := ""
	body.Walk(func(v *ir.Value) {
		if why != "" || v.Aux != x {
			return
		}
		switch v.Op {
		case ir.OpGet:
			u := o.uses[v]
			if len(u) != 1 || !sumOf(u[0], v) || len(o.uses[u[0]]) != 1 || !isSetOf(o.uses[u[0]][0], x) {
				why = "(it reads " + x.Name + " other than to add to it)"
			}
		case ir.OpSet:
			s := v.Args[0]
			if !(s.Op == ir.OpAdd || s.Op == ir.OpSub) || !slices.ContainsFunc(s.Args, func(a *ir.Value) bool { return a.Op == ir.OpGet && a.Aux == x && sumOf(s, a) }) {
				why = "(it assigns " + x.Name + " other than by adding to it)"
			}
		}
	})
	return why
}

// sumOf reports whether v is g + e, e + g or g - e, where e is not a read
// of the same state as g (another get of its variable, another load of its
// memory): x + x doubles x, it does not add to it.
func sumOf(v, g *ir.Value) bool {
	same := func(e *ir.Value) bool {
		return e == g || g.Op == ir.OpGet && e.Op == ir.OpGet && e.Aux == g.Aux ||
			g.Op == ir.OpLoad && e.Op == ir.OpLoad && ir.Root(e.Args[0]) == ir.Root(g.Args[0])
	}
	switch v.Op {
	case ir.OpAdd:
		return v.Args[0] == g && !same(v.Args[1]) || v.Args[1] == g && !same(v.Args[0])
	case ir.OpSub:
		return v.Args[0] == g && !same(v.Args[1])
	}
	return false
}

func isSetOf(v *ir.Value, x *ir.Var) bool { return v.Op == ir.OpSet && v.Aux == x }

// accumSlice reports whether every access to the memory of root r in
// body is s[i] = s[i] + e (or - e), the load read by that sum only.
func (o *outliner) accumSlice(body *ir.Block, r *ir.Value) bool {
	ok := true
	body.Walk(func(v *ir.Value) {
		if !ok {
			return
		}
		switch v.Op {
		case ir.OpLoad:
			if ir.Root(v.Args[0]) != r {
				return
			}
			u := o.uses[v]
			if len(u) != 1 || !sumOf(u[0], v) || len(o.uses[u[0]]) != 1 {
				ok = false
				return
			}
			st := o.uses[u[0]][0]
			ok = st.Op == ir.OpStore && st.Args[0] == v.Args[0] && st.Args[1] == v.Args[1] && st.Args[2] == u[0]
		case ir.OpStore:
			if ir.Root(v.Args[0]) != r {
				return
			}
			s := v.Args[2]
			ok = slices.ContainsFunc(s.Args, func(a *ir.Value) bool {
				return a.Op == ir.OpLoad && a.Args[0] == v.Args[0] && a.Args[1] == v.Args[1] && sumOf(s, a)
			})
		case ir.OpCopySlice, ir.OpInvoke:
			for _, a := range v.Args {
				if ir.IsSlice(a.Type) && ir.Root(a) == r {
					ok = false
				}
			}
		}
	})
	return ok
}

// freshBlock reports whether no statement of blk reads the memory of root
// r as it was before blk began: each that reads it comes after one that
// overwrites all of it.
func freshBlock(blk *ir.Block, r *ir.Value) bool {
	for _, v := range blk.Values {
		switch {
		case overwrites(v, r):
			return true
		case !touches(v, r):
		case v.Op == ir.OpIf:
			if !freshBlock(v.Blocks[0], r) || !freshBlock(v.Blocks[1], r) {
				return false
			}
		case v.Op.IsLoop():
			for i, b := range v.Blocks {
				if v.Op == ir.OpFor && i < 3 && touchesBlock(b, r) {
					return false
				}
			}
			if !freshBlock(loopBody(v), r) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// overwrites reports whether statement v writes every element of the
// memory of root r before it reads any: a loop over all of r's indexes
// whose body stores into r[i] first and reads r nowhere, or a call of a
// function whose body does that to the parameter r is passed as.
func overwrites(v, r *ir.Value) bool {
	if v.Op == ir.OpInvoke {
		c, ok := v.Aux.(ir.Callee)
		if !ok || c.Rule == nil || c.Rule.Derived == nil {
			return false
		}
		g := c.Rule.Derived
		args := v.Args[len(v.Args)-len(g.Params):]
		for i, a := range args {
			if a != r {
				continue
			}
			pr := g.ParamValue(i)
			if pr == nil {
				return false
			}
			// The arguments of the other uses of r must not read it
			// before: only this parameter may be r.
			for j, b := range args {
				if j != i && ir.IsSlice(b.Type) && ir.Root(b) == r {
					return false
				}
			}
			for _, w := range g.Body.Values {
				if fillLoop(w, pr, func(n *ir.Value) bool {
					if n.Op == ir.OpParam {
						return sameLength(args[n.Aux.(int)], r)
					}
					return n.Op == ir.OpLen && n.Args[0] == pr
				}) {
					return true
				}
				if touches(w, pr) || leaves(w) {
					return false // it may read pr, or return before the loop
				}
			}
		}
		return false
	}
	return fillLoop(v, r, func(n *ir.Value) bool { return sameLength(n, r) || n.Op == ir.OpLen && n.Args[0] == r })
}

// sameLength reports whether the int n is len(r) as the IR shows it: r
// was made with length n.
func sameLength(n, r *ir.Value) bool {
	return r.Op == ir.OpMake && r.Args[0] == n
}

// fillLoop reports whether l is a loop over 0..n-1 (a range over n or
// over r itself, or for i := 0; i < n; i++), with length(n) true, whose
// body's first access to r is r[i] = e, unconditional, and which reads r
// nowhere.
func fillLoop(l, r *ir.Value, length func(n *ir.Value) bool) bool {
	var idx func(v *ir.Value) bool
	switch l.Op {
	case ir.OpRange:
		over := l.Args[0]
		if !(over == r || ir.IsInteger(over.Type) && length(over)) {
			return false
		}
		index := l.Blocks[0].Values[0]
		idx = func(v *ir.Value) bool { return v == index }
	case ir.OpFor:
		x, n, ok := countedZeroTo(l)
		if !ok || !length(n) {
			return false
		}
		idx = func(v *ir.Value) bool { return v.Op == ir.OpGet && v.Aux == x }
	default:
		return false
	}
	body := loopBody(l)
	stored := false
	clean := true
	body.Walk(func(v *ir.Value) {
		switch {
		case v.Op == ir.OpLoad && ir.Root(v.Args[0]) == r,
			v.Op.IsExit(),
			v.Op == ir.OpCopySlice && slices.ContainsFunc(v.Args, func(a *ir.Value) bool { return ir.Root(a) == r }),
			v.Op == ir.OpInvoke && slices.ContainsFunc(v.Args, func(a *ir.Value) bool { return ir.IsSlice(a.Type) && ir.Root(a) == r }):
			clean = false
		case v.Op == ir.OpStore && ir.Root(v.Args[0]) == r:
			if !stored && v.Block == body && v.Args[0] == r && idx(v.Args[1]) {
				stored = true
			}
		}
	})
	return stored && clean
}

// countedZeroTo matches for x := 0; x < n; x++ and returns x and n.
func countedZeroTo(l *ir.Value) (*ir.Var, *ir.Value, bool) {
	init, cond, post := l.Blocks[0], l.Blocks[1], l.Blocks[2]
	var d *ir.Value
	for _, v := range init.Values {
		switch {
		case v.Op == ir.OpDecl && d == nil && len(v.Args) == 1:
			d = v
		case v.Op != ir.OpConst:
			return nil, nil, false
		}
	}
	if d == nil {
		return nil, nil, false
	}
	x := d.Aux.(*ir.Var)
	if z := d.Args[0]; z.Op != ir.OpConst || z.Aux != int64(0) {
		return nil, nil, false
	}
	c := cond.Result
	if c == nil || c.Op != ir.OpLt || c.Args[0].Op != ir.OpGet || c.Args[0].Aux != x || c.Args[1].Block == cond && c.Args[1].Op != ir.OpLen {
		return nil, nil, false
	}
	steps := 0
	for _, v := range post.Values {
		switch v.Op {
		case ir.OpSet:
			a := v.Args[0]
			if v.Aux != x || a.Op != ir.OpAdd || a.Args[0].Op != ir.OpGet || a.Args[0].Aux != x || a.Args[1].Op != ir.OpConst || a.Args[1].Aux != int64(1) {
				return nil, nil, false
			}
			steps++
		case ir.OpGet, ir.OpConst, ir.OpAdd:
		default:
			return nil, nil, false
		}
	}
	if steps != 1 {
		return nil, nil, false
	}
	// The body must not assign x.
	assigned := false
	loopBody(l).Walk(func(v *ir.Value) {
		if v.Op == ir.OpSet && v.Aux == x {
			assigned = true
		}
	})
	return x, c.Args[1], !assigned
}

// touches reports whether v, or a value nested in it, reads or writes the
// memory of root r.
func touches(v, r *ir.Value) bool {
	hit := false
	visit := func(w *ir.Value) {
		for _, a := range w.Args {
			if ir.IsSlice(a.Type) && ir.Root(a) == r && w.Op != ir.OpLen && w.Op != ir.OpCap && w.Op != ir.OpSubslice {
				hit = true
			}
		}
	}
	visit(v)
	for _, b := range v.Blocks {
		b.Walk(visit)
	}
	return hit
}

func touchesBlock(b *ir.Block, r *ir.Value) bool {
	hit := false
	b.Walk(func(v *ir.Value) { hit = hit || touches(v, r) })
	return hit
}

// writtenLater returns where the memory of root r is written after loop
// l begins, or in a loop around l, or "".
func (o *outliner) writtenLater(l, r *ir.Value) string {
	outer := l
	for p := l.Block.Parent; p != nil; p = p.Block.Parent {
		if p.Op.IsLoop() {
			outer = p
		}
	}
	where := ""
	o.f.Walk(func(v *ir.Value) {
		if where != "" || !writes(v, r) {
			return
		}
		switch {
		case v.Block.Ancestor(loopBody(l)):
		case o.order[v] > o.order[l]:
			where = "after the loop"
		case v.Block.Ancestor(loopBody(outer)):
			where = "in a loop around it"
		}
	})
	return where
}

// loopBody returns loop l's body block.
func loopBody(l *ir.Value) *ir.Block {
	if l == nil || !l.Op.IsLoop() {
		return nil
	}
	return l.Blocks[len(l.Blocks)-1]
}

// loopAround returns the innermost loop whose blocks hold v (the loop of
// a checkpointed body's call); v must be inside one.
func loopAround(v *ir.Value) *ir.Value {
	l := v.Block.Parent
	for !l.Op.IsLoop() {
		l = l.Block.Parent
	}
	return l
}

// usesOf maps each value of f to the values that use it as an argument.
func usesOf(f *ir.Func) map[*ir.Value][]*ir.Value {
	uses := make(map[*ir.Value][]*ir.Value)
	f.Walk(func(v *ir.Value) {
		for _, a := range v.Args {
			uses[a] = append(uses[a], v)
		}
		for _, b := range v.Blocks {
			if b.Result != nil {
				uses[b.Result] = append(uses[b.Result], v)
			}
		}
	})
	return uses
}

// programOrder numbers f's values in the order of its text.
func programOrder(f *ir.Func) map[*ir.Value]int {
	order := make(map[*ir.Value]int)
	f.Walk(func(v *ir.Value) { order[v] = len(order) })
	return order
}

// indexParamName names B's parameter for a range loop's index.
func indexParamName(idx *ir.Value) string {
	if idx.Name != "" {
		return idx.Name
	}
	return "i"
}

func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

// rerunCalls finds, in the function being split, the calls of the bodies
// of checkpointed loops (true) and the tape variables' decl, addr and get
// around them (false), which the forward function leaves out.
func (s *splitter) rerunCalls() map[*ir.Value]bool {
	out := make(map[*ir.Value]bool)
	s.f.Walk(func(v *ir.Value) {
		// A call rules.LowerCalls left as it was (no derivative flows
		// through the loop: it only counts, or tests) has no tape and
		// runs as it is.
		if !ir.IsSplitCall(v) || !v.Aux.(ir.Callee).Rule.Recompute || v.Aux.(ir.Callee).Tape == nil {
			return
		}
		out[v] = true
		c := v.Aux.(ir.Callee)
		out[c.Tape] = false
		addr := v.Args[0]
		out[addr] = false
		tape := addr.Aux.(*ir.Var)
		s.f.Walk(func(w *ir.Value) {
			if w.Op == ir.OpDecl && w.Aux == tape {
				out[w] = false
			}
		})
	})
	return out
}

// rerun builds, in the backward sweep of a checkpointed loop's iteration,
// the run of the body's forward function v stands for (a call of it, see
// Outline) on the site's tape, emptied first, and returns the first
// arguments of the body's backward function: the tape and the number of
// the call, 0. The accumulators' values go in as 0, which the body's
// derivatives do not read; the memory it writes is scratch memory of the
// same length, which the body overwrites before it reads it, or only
// sums into.
func (bw *backward) rerun(v *ir.Value) []*ir.Value {
	if bw.stepwise(v) {
		return bw.rerunStep(v)
	}
	b := bw.b
	c := v.Aux.(ir.Callee)
	r := c.Rule
	fld := bw.s.tapeField(c.Tape)
	fld.Doc = fmt.Sprintf("%s: the tape of one iteration of %s (//godiff:checkpoint): the backward sweep empties it and runs the iteration again before its backward code, last iteration first, so that it holds one iteration's entries whatever the number of iterations.",
		fld.Name, r.Source)
	if r.Every > 0 {
		fld.Doc = fmt.Sprintf("%s: the tape of one stretch of %d iterations of %s (//godiff:checkpoint -every=%d): as the backward sweep reaches the last iteration of a stretch, it empties it and runs the stretch again from the state saved before it, so that it holds at most %d iterations' entries whatever the number of iterations.",
			fld.Name, r.Every, r.Source, r.Every, r.Every)
	}
	bw.s.rerun[fld] = v
	if r.Every == 0 {
		b.TapeReset(bw.tape, fld)
	}
	args := append([]*ir.Value{b.TapeSlot(bw.tape, fld)}, bw.rerunArgs(v)...)
	names := r.SplitVariant(ir.ParseWrt(c.Wrt), ir.ParseWrt(c.Fixed))
	if r.Every > 0 {
		return bw.rerunStretch(v, fld, args, names.Forward)
	}
	if r.Revolve != nil {
		fld.Doc = revolveSiteDoc(fld.Name, r)
		args = bw.revolveArgs(v, args)
	}
	b.Invoke(ir.Callee{Name: names.Forward}, v.Type, args...)
	return []*ir.Value{b.TapeSlot(bw.tape, fld), b.Const(ir.Int, int64(0))}
}

// rerunArgs returns the arguments of the forward function of the body
// whose call v is, for an iteration the backward sweep runs again: the
// accumulators 0, scratch memory for the memory the body writes, the
// other arguments' values.
func (bw *backward) rerunArgs(v *ir.Value) []*ir.Value {
	b := bw.b
	r := v.Aux.(ir.Callee).Rule
	var args []*ir.Value
	params := r.Derived.Params
	accs := len(r.Derived.Results)
	for i, x := range v.Args[1:] {
		t := params[i].Type
		switch {
		case i < accs:
			args = append(args, b.ZeroOf(t))
		case ir.IsSlice(t) && r.Writes[i]:
			// Made once, before the loop's backward code: no iteration
			// reads what an earlier one left there (see hoistScratch).
			what := fmt.Sprintf("the memory of %s, which the checkpointed loop overwrites before it reads it (or sums into), as its iteration runs again", params[i].Name)
			if slices.Contains(r.State, i) {
				what = fmt.Sprintf("the memory of %s, the state the checkpointed loop carries, which the backward sweep fills from a saved state and runs iterations again on", params[i].Name)
			}
			args = append(args, bw.hoistScratch(v, func() *ir.Value {
				return bw.buffer(t, b.Len(bw.prim(x)), "scratch"+strings.ToUpper(params[i].Name[:1])+params[i].Name[1:], what)
			}))
		default:
			args = append(args, bw.prim(x))
		}
	}
	return args
}

// rerunStretch is rerun for a loop that carries state (-every=K, a range
// loop): the iterations from one saved state to the next run again, on
// the site's tape, as the backward sweep reaches the last of them, from
// the state saved before the first; each iteration's backward function
// then reads its call's record. args are the forward function's
// arguments as rerun made them for the current iteration; the state (the
// first ones) and the index (the last) are replaced.
func (bw *backward) rerunStretch(v *ir.Value, fld *ir.TapeField, args []*ir.Value, forward string) []*ir.Value {
	b := bw.b
	r := v.Aux.(ir.Callee).Rule
	l := loopAround(v)
	snaps := bw.s.snapshotFields(v)
	i, seg, first, last := bw.stretchOf(v, l)
	one := b.Const(ir.Int, int64(1))
	ifop := b.If(last)
	b.In(ifop.Blocks[0], func() {
		b.Comment("The last iteration of a stretch: run the stretch again from the state saved before it.")
		b.TapeReset(bw.tape, fld)
		nres := len(r.Derived.Results)
		state := make([]*ir.Var, nres)
		for m, f := range snaps[:nres] {
			state[m] = &ir.Var{Name: r.Derived.Params[m].Name, Type: f.Type}
			b.Declare(state[m], b.Load(b.TapeLoad(bw.tape, f), seg))
		}
		for m, f := range snaps[nres:] {
			copyWindow(b, args[1+r.State[m]], b.TapeLoad(bw.tape, f), seg)
		}
		j := &ir.Var{Name: "j", Type: ir.Int}
		loop := b.For("")
		b.In(loop.Blocks[0], func() { b.Declare(j, first) })
		b.In(loop.Blocks[1], func() { loop.Blocks[1].Result = b.Compare(ir.OpLe, b.Get(j), i) })
		b.In(loop.Blocks[2], func() { b.Set(j, b.Add(b.Get(j), one)) })
		b.In(loop.Blocks[3], func() {
			call := slices.Clone(args)
			call[0] = b.TapeSlot(bw.tape, fld)
			for m, x := range state {
				call[1+m] = b.Get(x)
			}
			call[len(call)-1] = b.Get(j)
			res := b.Invoke(ir.Callee{Name: forward}, v.Type, call...)
			setState(b, state, res)
		})
	})
	return []*ir.Value{b.TapeSlot(bw.tape, fld), b.Sub(i, first)}
}

// setState sets the state variables to res, the result of a call of a
// loop's body: the state itself if it is one variable, else its parts.
func setState(b *ir.Builder, state []*ir.Var, res *ir.Value) {
	for m, x := range state {
		if len(state) == 1 {
			b.Set(x, res)
		} else {
			b.Set(x, b.Extract(res, m))
		}
	}
}

// stretchOf returns, in the backward code of the call v of the body of
// loop l with -every=K, the iteration i, the number of its stretch (i/K),
// the stretch's first iteration, and whether i is the stretch's last (the
// loop's last, or K−1 past its first), where the backward sweep runs the
// stretch again from its snapshot.
func (bw *backward) stretchOf(v, l *ir.Value) (i, seg, first, last *ir.Value) {
	b := bw.b
	k := b.Const(ir.Int, int64(v.Aux.(ir.Callee).Rule.Every))
	one := b.Const(ir.Int, int64(1))
	i = bw.prim(v.Args[len(v.Args)-1])
	n := bw.trip(l)
	seg = b.Div(i, k)
	seg.Name = "stretch"
	first = b.Mul(seg, k)
	last = b.Logic(ir.OpOr, b.Compare(ir.OpEq, i, b.Sub(n, one)), b.Compare(ir.OpEq, b.Binary(ir.OpRem, b.Add(i, one), k), b.Const(ir.Int, int64(0))))
	return i, seg, first, last
}

// snapshotFields returns the stacks of the state the call v of a loop
// body with -every saves, made on first use.
func (s *splitter) snapshotFields(v *ir.Value) []*ir.TapeField {
	if f, ok := s.snapF[v]; ok {
		return f
	}
	r := v.Aux.(ir.Callee).Rule
	var out []*ir.TapeField
	for m := range r.Derived.Results {
		p := r.Derived.Params[m]
		f := s.fields.add("snap"+strings.ToUpper(p.Name[:1])+p.Name[1:], p.Type, 1,
			fmt.Sprintf("%s as iteration 0, %d, %d, ... of %s began (//godiff:checkpoint -every=%d)", p.Name, r.Every, 2*r.Every, r.Source, r.Every))
		out = append(out, f)
	}
	for _, i := range r.State {
		p := r.Derived.Params[i]
		f := s.fields.add("snap"+stateName(r, i), stateElem(r, i), 1,
			fmt.Sprintf("the elements of %s, len(%s) entries a state, as iteration 0, %d, %d, ... of %s began (//godiff:checkpoint -every=%d)", p.Name, p.Name, r.Every, 2*r.Every, r.Source, r.Every))
		out = append(out, f)
	}
	s.snapF[v] = out
	return out
}

// saveSnapshot saves, in the forward function, the state the call old of
// a loop body with -every takes (the first of args, the copies of its
// arguments), when its index (the last) is a multiple of the interval.
func (s *splitter) saveSnapshot(b *ir.Builder, refs tapeRefs, old *ir.Value, args []*ir.Value) {
	r := old.Aux.(ir.Callee).Rule
	snaps := s.snapF[old]
	if r.Every == 0 || len(snaps) == 0 {
		return
	}
	idx := args[len(args)-1]
	due := b.Compare(ir.OpEq, b.Binary(ir.OpRem, idx, b.Const(ir.Int, int64(r.Every))), b.Const(ir.Int, int64(0)))
	ifop := b.If(due)
	nres := len(r.Derived.Results)
	b.In(ifop.Blocks[0], func() {
		for m, f := range snaps {
			if m >= nres {
				saveElems(b, refs, f, args[r.State[m-nres]])
				continue
			}
			refs.save(b, f, args[m])
		}
	})
}

// leaves reports whether v is, or holds, a return.
func leaves(v *ir.Value) bool {
	found := v.Op == ir.OpReturn
	for _, b := range v.Blocks {
		b.Walk(func(w *ir.Value) { found = found || w.Op == ir.OpReturn })
	}
	return found
}
