package explain

import (
	"fmt"
	"strings"

	"github.com/godiff/godiff/ir"
)

// fromUser reports whether o, the origin of a value of a derived
// function, is a value or statement of the user's function.
func (r *renderer) fromUser(o *ir.Value) bool { return o.Block != nil && o.Block.Func == r.f }

// newLine makes the line lhs op rhs whose value is x, keyed by v.
func (r *renderer) newLine(v *ir.Value, lhs, op string, rhs term, x any) *line {
	ln := &line{lhs: lhs, op: op, sym: rhs.sym, num: rhs.num, val: r.number(x), key: v}
	if f, ok := x.(float64); ok {
		ln.x, ln.isNum = f, true
	}
	return ln
}

// forwardValue writes the line of a step of the forward pass: one per
// source assignment, its formula, its numbers and its value; in forward
// mode, the tangent beside it.
func (t *tracer) forwardValue(sec *section, s ir.Step) {
	r := t.r
	v := s.Value
	if t.jvp && t.tangentLine(sec, s) {
		return
	}
	if v.Op == ir.OpReturn && v.Block.Func == sec.fn {
		t.results(sec, s)
		return
	}
	o := ir.Origin(v)
	if !r.fromUser(o) {
		return
	}
	r.pick, r.root = nil, v
	if _, several := v.Type.(ir.Tuple); several {
		return // a call lowered to its derivative: its first result is the value
	}
	var ln *line
	switch v.Op {
	case ir.OpPartials, ir.OpParam, ir.OpIndex, ir.OpGet, ir.OpComment, ir.OpLen, ir.OpCap:
		return
	case ir.OpInvoke:
		if v.Type == nil {
			t.procedure(sec, s)
			return
		}
		if o.Name == "" {
			return
		}
		ln = r.newLine(v, r.name(o), "", r.define(s, v), s.Of(v))
	case ir.OpDecl, ir.OpSet:
		x := v.Aux.(*ir.Var)
		rhs, val := r.constant(&ir.Value{Op: ir.OpConst, Aux: 0.0}), any(0.0)
		if len(v.Args) == 1 {
			r.root = v.Args[0]
			rhs, val = r.operand(s, v.Args[0]), s.Of(v.Args[0])
		}
		ln = r.newLine(v, x.Name, "", rhs, val)
	case ir.OpStore:
		if r.name(ir.Origin(ir.Root(v.Args[0]))) == "" {
			return // into a temporary of godiff's (an array assigned whole)
		}
		x, i := r.operand(s, v.Args[0]), r.operand(s, v.Args[1])
		r.root = v.Args[2]
		ln = r.newLine(v, x.sym+"["+i.sym+"]", "", r.operand(s, v.Args[2]), s.Of(v.Args[2]))
	default:
		if o.Name == "" || !v.Op.HasValue() {
			return
		}
		ln = r.newLine(v, r.name(o), "", r.define(s, v), s.Of(v))
		ln.note = t.reluNote(s, o)
	}
	if ln.note == "" {
		ln.note = t.pickNote(s, nil)
	}
	sec.add(ln)
	if t.jvp {
		t.aliasTangent(sec, s)
	}
}

// procedure writes the line of a call without results, which writes
// into slices it is passed: the call, and what it wrote.
func (t *tracer) procedure(sec *section, s ir.Step) {
	r := t.r
	call, ok := r.invoked(s, s.Value)
	if !ok {
		return
	}
	var wrote []string
	for _, x := range ir.Written(s.Value) {
		w := r.operand(s, x)
		wrote = append(wrote, w.sym+" = "+r.number(s.Of(x)))
	}
	text := call.sym
	if len(wrote) > 0 {
		text += "   writes " + strings.Join(wrote, ", ")
	}
	sec.add(&line{text: text, key: s.Value})
}

// results writes the lines of the function's results: L = e·e, and in
// forward mode their tangents.
func (t *tracer) results(sec *section, s ir.Step) {
	r := t.r
	v := s.Value
	n := len(r.f.Results)
	for i, a := range v.Args {
		if i >= n {
			break
		}
		r.pick = nil
		ln := r.newLine(v, r.resultName(i), "", r.operand(s, a), s.Of(a))
		sec.add(ln)
		if t.jvp && n+i < len(v.Args) {
			d := v.Args[n+i]
			sec.add(r.newLine(nil, r.tangent(r.resultName(i)), "", r.operand(s, d), s.Of(d)))
		}
	}
}

// reluNote says whether a ReLU, math.Max(0, z), passed its input on.
func (t *tracer) reluNote(s ir.Step, o *ir.Value) string {
	in := t.reluInput(o)
	if in == nil {
		return ""
	}
	for _, a := range s.Value.Args {
		if ir.Origin(a) != in {
			continue
		}
		z, _ := s.Of(a).(float64)
		name := t.r.inputName(in)
		if z > 0 {
			return fmt.Sprintf("ReLU, alive: %s > 0", name)
		}
		return fmt.Sprintf("ReLU, dead: %s = %s ≤ 0", name, t.r.number(z))
	}
	return ""
}

// inputName names the input of a ReLU: z, or a·b for max(0, a·b).
func (r *renderer) inputName(in *ir.Value) string {
	if name := r.name(in); name != "" {
		return name
	}
	return r.symbolic(in).sym
}

// reluInput returns the input z of a ReLU o = math.Max(0, z) of the
// user's function, or nil.
func (t *tracer) reluInput(o *ir.Value) *ir.Value {
	for in, out := range t.relu {
		if out == o {
			return in
		}
	}
	return nil
}

// findReLUs maps the input of each ReLU of f to it: math.Max(0, z),
// math.Max(z, 0), max(0, z), max(z, 0).
func findReLUs(f *ir.Func) map[*ir.Value]*ir.Value {
	relu := make(map[*ir.Value]*ir.Value)
	f.Walk(func(v *ir.Value) {
		isMax := v.Op == ir.OpMax
		if c, ok := v.Aux.(ir.Callee); ok && v.Op == ir.OpCall && c.Path == "math" && c.Name == "Max" {
			isMax = true
		}
		if !isMax || len(v.Args) != 2 {
			return
		}
		switch {
		case v.Args[0].IsFloatConst(0) && !v.Args[1].IsConst():
			relu[v.Args[1]] = v
		case v.Args[1].IsFloatConst(0) && !v.Args[0].IsConst():
			relu[v.Args[0]] = v
		}
	})
	return relu
}

// branch writes the line of an if: which branch the forward pass took, and
// in the backward pass which one it replays.
func (t *tracer) branch(sec *section, s ir.Step) {
	r := t.r
	o := ir.Origin(s.Value)
	if !r.fromUser(o) {
		return
	}
	cond := r.operand(s, s.Value.Args[0])
	taken := "then"
	if !s.Then {
		taken = "else"
	}
	if sec.backward {
		t.replay(sec, o, s.Then)
		return
	}
	sym := r.symbolic(o.Args[0]).sym
	text := fmt.Sprintf("if %s: %v, the %s branch", sym, s.Then, taken)
	if cond.num != "" && cond.num != sym && cond.num != fmt.Sprint(s.Then) {
		text = fmt.Sprintf("if %s: %s is %v, the %s branch", sym, cond.num, s.Then, taken)
	}
	sec.add(&line{text: text, key: s.Value})
}

// replay writes the line of an if the backward pass replays, when the
// branch the forward pass took cut a chain: it set a variable to a
// constant (h = 0), or the other branch would have set it from a value
// (h = z), so no memo flows back through the variable.
func (t *tracer) replay(sec *section, o *ir.Value, then bool) {
	taken, other := o.Blocks[1], o.Blocks[0]
	if then {
		taken, other = other, taken
	}
	var why []string
	for _, v := range taken.Values {
		if floatSet(v) && v.Args[0].IsConst() {
			why = append(why, fmt.Sprintf("%s = %s ran, a constant", v.Aux.(*ir.Var).Name, t.r.number(v.Args[0].Aux)))
		}
	}
	for _, v := range other.Values {
		if floatSet(v) && !v.Args[0].IsConst() {
			why = append(why, fmt.Sprintf("%s = %s did not run", v.Aux.(*ir.Var).Name, t.r.symbolic(v.Args[0]).sym))
		}
	}
	if len(why) == 0 {
		return
	}
	sym := t.r.symbolic(o.Args[0]).sym
	text := fmt.Sprintf("if %s was %v: %s, so no memo flows back through that assignment: the chain is cut", sym, then, strings.Join(why, "; "))
	if isReLUIf(o, then) {
		text += " (a dead ReLU)"
	}
	sec.add(&line{text: text, key: o})
	t.cuts = append(t.cuts, cut{at: o, name: "if " + sym})
}

// floatSet reports whether v assigns a float variable a value.
func floatSet(v *ir.Value) bool {
	return (v.Op == ir.OpSet || v.Op == ir.OpDecl) && len(v.Args) == 1 && ir.IsFloat(v.Args[0].Type)
}

// isReLUIf reports whether if o is a ReLU written as an if, whose branch
// taken set its result to zero because the input was not positive: if z
// > 0 { h = z } else { h = 0 }, or if z < 0 { h = 0 }.
func isReLUIf(o *ir.Value, then bool) bool {
	c := o.Args[0]
	if !c.Op.IsCompare() || len(c.Args) != 2 {
		return false
	}
	zeroRight := c.Args[1].IsFloatConst(0)
	zeroLeft := c.Args[0].IsFloatConst(0)
	switch c.Op {
	case ir.OpGt, ir.OpGe:
		return (zeroRight && !then) || (zeroLeft && then)
	case ir.OpLt, ir.OpLe:
		return (zeroRight && then) || (zeroLeft && !then)
	}
	return false
}

// pickNote says what a select of the line chose, for a memo of x: why the
// derivative of a kink took one side, and whether that cut the chain.
func (t *tracer) pickNote(s ir.Step, x *ir.Value) string {
	p := t.r.pick
	if p == nil {
		return ""
	}
	var in *ir.Value
	if x != nil {
		if _, ok := t.relu[ir.Origin(x)]; ok {
			in = ir.Origin(x)
		}
	}
	if in != nil {
		name := t.r.inputName(in)
		z := t.valueOf(s, p.cond, in)
		switch {
		case p.zero && t.jvp:
			return fmt.Sprintf("ReLU'(%s) = 0: %s = %s ≤ 0, so the ReLU passes no tangent on: the chain is cut here (dead ReLU)", name, name, z)
		case p.zero:
			return fmt.Sprintf("ReLU'(%s) = 0: %s = %s ≤ 0, so the ReLU passes no memo back: the chain is cut here (dead ReLU)", name, name, z)
		case t.jvp:
			return fmt.Sprintf("ReLU'(%s) = 1: %s = %s > 0, the ReLU passes the tangent on", name, name, z)
		}
		return fmt.Sprintf("ReLU'(%s) = 1: %s = %s > 0, the ReLU passes the memo on", name, name, z)
	}
	why := fmt.Sprintf("as %s is %v", p.cond.sym, p.holds)
	if p.cond.num != p.cond.sym {
		why = fmt.Sprintf("as %s is %v (%s)", p.cond.sym, p.holds, p.cond.num)
	}
	if p.zero && x != nil {
		return why + ": no memo flows back here, the chain is cut"
	}
	return why
}

// valueOf finds, among the operands of a condition term's value, the
// number of the one standing for o.
func (t *tracer) valueOf(s ir.Step, cond term, o *ir.Value) string {
	if t.r.pick == nil {
		return "?"
	}
	c := t.r.pick.condValue
	if c == nil {
		return "?"
	}
	for _, a := range c.Args {
		if ir.Origin(a) == o {
			return t.r.number(s.Of(a))
		}
	}
	return "?"
}

// backwardValue writes the line of a step of the backward pass: one per
// memo, its chain, its numbers and its value.
func (t *tracer) backwardValue(sec *section, s ir.Step) {
	r := t.r
	v := s.Value
	r.pick, r.root = nil, v
	switch v.Op {
	case ir.OpSet, ir.OpDecl:
		name, ok := r.derivVar(v.Aux.(*ir.Var))
		if ok && len(v.Args) == 1 {
			t.accumulate(sec, s, name, v.Args[0], func(a *ir.Value) bool { return a.Op == ir.OpGet && a.Aux == v.Aux })
		}
		return
	case ir.OpStore:
		name, ok := r.derivSlice(v.Args[0])
		if !ok {
			return
		}
		idx := r.operand(s, v.Args[1])
		elem := name + "[" + idx.sym + "]"
		t.accumulate(sec, s, elem, v.Args[2], func(a *ir.Value) bool {
			return a.Op == ir.OpLoad && a.Args[0] == v.Args[0] && a.Args[1] == v.Args[1]
		})
		return
	case ir.OpAccum:
		t.accum(sec, s)
		return
	case ir.OpInvoke:
		t.callBackward(sec, s)
		return
	}
	if !printsMemo(v) || ir.IsSlice(v.Type) {
		return // a slice of memos is made, not computed: its elements have lines
	}
	targets := r.memoTargets(v)
	if len(targets) == 0 {
		return
	}
	rhs := r.define(s, v)
	ln := r.newLine(v, r.memo(r.target(targets[0])), "", rhs, s.Of(v))
	ln.note = t.pickNote(s, targets[0])
	t.noteCut(s, targets[0])
	sec.add(ln)
	prev := ln.lhs
	for _, x := range targets[1:] {
		lhs := r.memo(r.target(x))
		if lhs == prev {
			continue
		}
		sec.add(r.newLine(v, lhs, "", leaf(prev, ""), s.Of(v)))
		prev = lhs
	}
}

// printsMemo reports whether the backward pass writes a line for v if
// it is a memo: a value computed, not one read (a variable's, an
// element's, the tape's).
func printsMemo(v *ir.Value) bool {
	switch v.Op {
	case ir.OpGet, ir.OpParam, ir.OpLoad, ir.OpTapeLoad, ir.OpConst:
		return false
	}
	return v.Op.HasValue()
}

// callArgs returns how many of the first arguments of the invoke v of a
// callee's backward function say which run it passes back: the callee's
// tape, and for a tape the calls of one call site share, the number of
// the call (never a seed: seeds are floats).
func callArgs(v *ir.Value) int {
	if len(v.Args) > 1 && ir.IsInteger(v.Args[1].Type) {
		return 2
	}
	return 1
}

// callBackward writes the line of the backward sweep of a call of a
// function of slices: the memo of the call's value it starts from, and
// the memos of the arguments it adds to.
func (t *tracer) callBackward(sec *section, s ir.Step) {
	r := t.r
	v := s.Value
	o := ir.Origin(v)
	if o == v || !r.fromUser(o) || len(v.Args) == 0 {
		return
	}
	rest := v.Args[callArgs(v):] // after the callee's tape (and call)
	seed, val := leaf("0", "0"), any(0.0)
	seeds := 0
	switch t := o.Type.(type) {
	case nil:
	case ir.Tuple:
		seeds = len(t)
	default:
		seeds = 1
	}
	seeds = min(seeds, len(rest))
	switch {
	case seeds == 1:
		seed, val = r.operand(s, rest[0]), s.Of(rest[0])
	case seeds > 1:
		// The memos of its results, one by one.
		ts := r.operands(s, rest[:seeds])
		seed = call2("", ts)
		if strings.Contains(seed.sym, "{}") {
			seed = leaf("", "") // held in a temporary of godiff's: the numbers say it
		}
		elems := make([]any, seeds)
		for i, a := range rest[:seeds] {
			elems[i] = s.Of(a)
		}
		val = ir.NewSlice(elems...)
	}
	rest = rest[seeds:]
	var into []string
	for _, a := range rest {
		if name, ok := r.derivSlice(a); ok {
			into = append(into, name)
		}
	}
	if seeds == 0 {
		// A call without results: it passes back the memos of what it
		// wrote.
		sec.add(&line{text: fmt.Sprintf("%s: its backward sweep adds to %s", r.symbolic(o).sym, strings.Join(into, ", ")), key: v})
		return
	}
	ln := r.newLine(v, r.memo(r.symbolic(o).sym), "", seed, val)
	if len(into) > 0 {
		ln.note = fmt.Sprintf("%s's backward sweep adds its share to %s", r.callee(o), strings.Join(into, ", "))
	}
	sec.add(ln)
}

// noteCut records a memo that a kink set to zero.
func (t *tracer) noteCut(s ir.Step, x *ir.Value) {
	if p := t.r.pick; p != nil && p.zero {
		t.cuts = append(t.cuts, cut{at: ir.Origin(x), name: t.r.target(x)})
	}
}

// accumulate writes the line of an assignment to a memo: a sum, name +=
// term (when rhs adds term to what is read by isOld), or name = rhs. A
// reset to zero (a variable assigned again) writes nothing.
func (t *tracer) accumulate(sec *section, s ir.Step, name string, rhs *ir.Value, isOld func(*ir.Value) bool) {
	r := t.r
	if rhs.IsConst() {
		return
	}
	r.root = rhs
	if rhs.Op == ir.OpAdd {
		for k, a := range rhs.Args {
			if !isOld(a) {
				continue
			}
			term := rhs.Args[1-k]
			old, _ := s.Of(a).(float64)
			ln := r.newLine(rhs, name, "+=", r.operand(s, term), s.Of(term))
			if ln.sym == name {
				// The memo of one use of an element, said already, added
				// to those of its other uses.
				if old != 0 {
					ln.op, ln.sym, ln.num, ln.val = "=", "", "", r.number(s.Of(rhs))
					ln.note = "summed over its uses so far"
					sec.add(ln)
				}
				return
			}
			if old != 0 {
				ln.note = "now " + r.number(s.Of(rhs))
			} else {
				ln.op = "="
			}
			if n := t.pickNote(s, nil); n != "" {
				ln.note = strings.TrimSpace(ln.note + "; " + n)
			}
			sec.add(ln)
			return
		}
	}
	ln := r.newLine(rhs, name, "", r.operand(s, rhs), s.Of(rhs))
	if ln.sym == name {
		return
	}
	ln.note = t.pickNote(s, nil)
	sec.add(ln)
}

// accum writes the line of *dp += term, the memo of a parameter added to
// its buffer, unless the line of term said it already.
func (t *tracer) accum(sec *section, s ir.Step) {
	r := t.r
	v := s.Value
	buf, term := v.Args[0], v.Args[1]
	var param *ir.Value
	if n, ok := buf.Note(ir.NoteAdjoint); ok {
		param = n.Of
	}
	if param == nil {
		return
	}
	if printsMemo(term) {
		for _, x := range r.memoTargets(term) {
			if x == param {
				return // its line said it
			}
		}
	}
	total, _ := s.Of(buf).(*ir.Box)
	tv, _ := s.Of(term).(float64)
	name := r.memo(r.target(param))
	ln := r.newLine(v, name, "+=", r.operand(s, term), tv)
	if ln.sym == name {
		return // summed in a variable of that name: its lines said it
	}
	if total != nil {
		if sum, ok := total.V.(float64); ok && sum != tv {
			ln.note = "now " + r.number(sum)
		} else {
			ln.op = "="
		}
	}
	sec.add(ln)
}

// tangentLine writes the line of a tangent in forward mode, dz1 = ...,
// and reports whether the step was one.
func (t *tracer) tangentLine(sec *section, s ir.Step) bool {
	r := t.r
	v := s.Value
	r.pick, r.root = nil, v
	switch v.Op {
	case ir.OpSet, ir.OpDecl:
		name, ok := r.derivVar(v.Aux.(*ir.Var))
		if !ok {
			return false
		}
		if len(v.Args) == 1 {
			r.root = v.Args[0]
		}
		rhs, val := leaf("0", "0"), any(0.0)
		if len(v.Args) == 1 {
			rhs, val = r.operand(s, v.Args[0]), s.Of(v.Args[0])
		}
		sec.add(r.newLine(v, name, "", rhs, val))
		return true
	case ir.OpStore:
		name, ok := r.derivSlice(v.Args[0])
		if !ok {
			return false
		}
		idx := r.operand(s, v.Args[1])
		r.root = v.Args[2]
		sec.add(r.newLine(v, name+"["+idx.sym+"]", "", r.operand(s, v.Args[2]), s.Of(v.Args[2])))
		return true
	case ir.OpGet, ir.OpLoad, ir.OpParam, ir.OpConst:
		return false
	}
	of := r.tangentOf(v)
	if of == nil || !v.Op.HasValue() {
		return false
	}
	if ir.IsSlice(v.Type) {
		return true // a slice of tangents is made, not computed: its elements have lines
	}
	if o := ir.Origin(of); !r.fromUser(o) || o.Name == "" || o.Op == ir.OpParam {
		return true // the tangent of a temporary: part of a later line
	}
	if of.ID > v.ID {
		return true // the value comes later, and its tangent with it
	}
	ln := r.newLine(v, r.tangent(r.target(of)), "", r.define(s, v), s.Of(v))
	ln.note = t.pickNote(s, t.reluInput(ir.Origin(of)))
	sec.add(ln)
	return true
}

// aliasTangent writes, after the line of a value, the line of its tangent
// when that is a value computed before (dy = dx for y := x), which has no
// step of its own.
func (t *tracer) aliasTangent(sec *section, s ir.Step) {
	v := s.Value
	d := t.tangentOf[v]
	if d == nil || d.ID > v.ID && d.Op != ir.OpParam {
		return
	}
	o := ir.Origin(v)
	name := t.r.name(o)
	if name == "" || !v.Op.HasValue() {
		return
	}
	t.r.pick, t.r.root = nil, d
	lhs := t.r.tangent(name)
	rhs := t.r.define(s, d) // computed before the value, its own line skipped
	if prev := t.r.tangentBefore(d, v); prev != "" {
		rhs = leaf(prev, t.r.number(s.Of(d))) // the tangent of the value it copies: de = dyhat
	}
	sec.add(t.r.newLine(v, lhs, "", rhs, s.Of(d)))
}
