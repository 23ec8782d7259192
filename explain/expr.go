package explain

import (
	"fmt"
	"strings"

	"github.com/godiff/godiff/ir"
)

// term is an expression rendered twice: with the source's names (sym) and
// with the numbers they held (num), and the precedence of its outermost
// operator, for parentheses.
type term struct {
	sym, num string
	prec     int
	// memo says that the term holds a memo ∂L/∂x or a tangent, so that a
	// product with it is spaced: ∂L/∂z1 · x1 rather than ∂L/∂z1·x1.
	memo bool
}

// Precedences, as Go's, with unary and primary expressions on top.
const (
	precOr = iota + 1
	precAnd
	precCmp
	precAdd
	precMul
	precUnary
	precPrimary
)

// leaf returns a term that needs no parentheses.
func leaf(sym, num string) term { return term{sym: sym, num: num, prec: precPrimary} }

// operand renders v as an operand of the expression being written in step
// s: by the name of what it stands for where it has one (a source
// variable, a memo ∂L/∂x, a tangent dx, a partial ∂f/∂x), else by its own
// operation over its operands.
func (r *renderer) operand(s ir.Step, v *ir.Value) term {
	if v.IsConst() {
		return r.constant(v)
	}
	if v.Op == ir.OpGet {
		// A variable's value: its memo or tangent, if it holds one, is
		// named after the variable.
		if name, ok := r.derivVar(v.Aux.(*ir.Var)); ok {
			t := leaf(name, r.number(s.Of(v)))
			t.memo = true
			return t
		}
	}
	if v.Op == ir.OpLoad {
		// An element of a slice of memos, named after the slice's
		// element, though it be the memo of a use too.
		if name, ok := r.derivSlice(v.Args[0]); ok {
			idx := r.operand(s, v.Args[1])
			t := leaf(name+"["+idx.sym+"]", r.number(s.Of(v)))
			t.memo = true
			return t
		}
	}
	if name, ok := r.derivName(v); ok {
		t := leaf(name, r.number(s.Of(v)))
		t.memo = true
		return t
	}
	switch v.Op {
	case ir.OpPartials:
		return r.operand(s, v.Args[0]) // the same value, tied to its partials
	case ir.OpLoad:
		if w := storedOnce(v); w != nil {
			return r.operand(s, w)
		}
	}
	if _, ok := v.Note(ir.NotePrimal); ok {
		o := ir.Origin(v)
		if name := r.name(o); name != "" {
			return leaf(name, r.number(s.Of(v)))
		}
		if t, ok := r.loweredCall(s, v); ok {
			return r.valued(s, v, t)
		}
		if t, ok := r.invoked(s, v); ok {
			return r.valued(s, v, t)
		}
		if t, ok := r.callPart(o, s.Of(v)); ok {
			return t
		}
		if !recomputed(v, o) {
			// Read back from the tape: its expression in the source, its
			// number as a whole.
			sym := r.symbolic(o)
			return term{sym: sym.sym, num: r.number(s.Of(v)), prec: sym.prec}
		}
	}
	if v.Op == ir.OpIndex && v.Name == "" {
		return leaf("_", r.number(s.Of(v))) // for _, v := range x
	}
	if v.Op == ir.OpParam || v.Op == ir.OpTapeLoad || v.Op == ir.OpIndex {
		return leaf(v.Name, r.number(s.Of(v)))
	}
	if v.Op == ir.OpGet {
		return leaf(v.Aux.(*ir.Var).Name, r.number(s.Of(v)))
	}
	t := r.define(s, v)
	if v.Op == ir.OpCall {
		t = r.valued(s, v, t)
	}
	return t
}

// valued returns the term of a call inside an expression with its value
// for its numbers, as the chapter writes ReLU(z1) = 1.3: the line of the
// call itself shows its arguments' numbers.
func (r *renderer) valued(s ir.Step, v *ir.Value, t term) term {
	t.num = r.number(s.Of(v))
	return t
}

// loweredCall renders v, the value of a call of the user's function that
// a transform lowered to the callee's derivative (the first result of an
// invoke of sqGrad), as the call: sq(d).
//
// Result k of a call of several results (an array's element k) is
// cross(a, b)[k].
func (r *renderer) loweredCall(s ir.Step, v *ir.Value) (term, bool) {
	if v.Op != ir.OpExtract || v.Args[0].Op != ir.OpInvoke {
		return term{}, false
	}
	k := v.Aux.(int)
	o := ir.Origin(v.Args[0])
	if several, ok := o.Type.(ir.Tuple); ok && k < len(several) {
		t, ok := r.invoked(s, v.Args[0])
		t.sym += fmt.Sprintf("[%d]", k)
		t.num = r.number(s.Of(v))
		return t, ok
	}
	if k != 0 {
		return term{}, false
	}
	return r.invoked(s, v.Args[0])
}

// invoked renders an invoke standing for a call of the user's function:
// sq(d), with its operands' numbers.
func (r *renderer) invoked(s ir.Step, v *ir.Value) (term, bool) {
	o := ir.Origin(v)
	if v.Op != ir.OpInvoke || o == v || !r.fromUser(o) || (o.Op != ir.OpCall && o.Op != ir.OpInvoke) {
		return term{}, false
	}
	args := v.Args
	if c, ok := v.Aux.(ir.Callee); ok && c.Tape != nil && len(args) > 0 {
		args = args[1:] // the callee's tape
	}
	if len(args) > len(o.Args) {
		args = args[:len(o.Args)] // a JVP's: then the tangents
	}
	return call(r.callee(o), r.operands(s, args)...), true
}

// jvpResult renders v, the tangent of a call's result that the callee's
// JVP returns: ∂unit·(dw, db, dx), the callee's Jacobian times the
// tangents of its arguments.
func (r *renderer) jvpResult(s ir.Step, v *ir.Value) (term, bool) {
	if v.Op != ir.OpExtract || v.Args[0].Op != ir.OpInvoke {
		return term{}, false
	}
	inv := v.Args[0]
	o := ir.Origin(inv)
	types, ok := inv.Type.(ir.Tuple)
	if o == inv || !r.fromUser(o) || !ok || v.Aux.(int) < len(types)/2 {
		return term{}, false
	}
	ds := r.operands(s, inv.Args[min(len(o.Args), len(inv.Args)):])
	t := call2("", ds)
	t.sym, t.num = "∂"+r.callee(o)+"·"+t.sym, "∂"+r.callee(o)+"·"+t.num
	t.memo = true
	return t, true
}

// storedOnce returns, for a load of an element of a temporary of godiff's
// (an array a call returned, before it is assigned), the value stored
// there: c[0] = cross(c, b)[0] rather than c[0] = tmp[0].
func storedOnce(load *ir.Value) *ir.Value {
	mem, idx := load.Args[0], load.Args[1]
	if k, ok := idx.Aux.(int64); ok && idx.IsConst() && mem.Op == ir.OpSliceLit && k >= 0 && k < int64(len(mem.Args)) {
		return mem.Args[k] // an element of a literal: [3]float64{a, b, c}[1] is b
	}
	if mem.Op != ir.OpMake || mem.Name != "" || !idx.IsConst() || ir.Origin(mem).Name != "" {
		return nil
	}
	for _, n := range mem.Notes {
		if n.Kind == ir.NoteAdjoint {
			return nil // memos, reset and added to
		}
	}
	var stored []*ir.Value
	mem.Block.Func.Walk(func(w *ir.Value) {
		if w.Op == ir.OpStore && w.Args[0] == mem && w.Args[1].IsConst() && w.Args[1].Aux == idx.Aux {
			stored = append(stored, w.Args[2])
		}
	})
	if len(stored) != 1 {
		return nil
	}
	return stored[0]
}

// recomputed reports whether v, a copy of o, computes o's operation over
// copies of o's operands, so that it can be written as an expression;
// otherwise it was read back from the tape.
func recomputed(v, o *ir.Value) bool {
	return v.Op == o.Op && len(v.Args) == len(o.Args) && v.Op != ir.OpTapeLoad
}

// define renders v's own operation over its operands: the right-hand side
// of the line that v defines.
func (r *renderer) define(s ir.Step, v *ir.Value) term {
	arg := func(i int) term { return r.operand(s, v.Args[i]) }
	switch op := v.Op; {
	case op == ir.OpConst:
		return r.constant(v)
	case op == ir.OpCopy, op == ir.OpPartials:
		return arg(0)
	case op.IsBinaryArith(), op.IsCompare(), op == ir.OpAnd, op == ir.OpOr:
		return binary(op, arg(0), arg(1))
	case op == ir.OpNeg:
		return unary("-", arg(0))
	case op == ir.OpNot:
		return unary("!", arg(0))
	case op == ir.OpConvert:
		t := call(v.Type.String(), arg(0))
		t.num = r.number(s.Of(v))
		return t
	case op == ir.OpCall:
		return call(r.callee(v), r.operands(s, v.Args)...)
	case op == ir.OpMin, op == ir.OpMax:
		return call(op.String(), arg(0), arg(1))
	case op == ir.OpSelect:
		return r.selected(s, v)
	case op == ir.OpLoad:
		x, i := arg(0), arg(1)
		return term{sym: x.sym + "[" + i.sym + "]", num: r.number(s.Of(v)), prec: precPrimary}
	case op == ir.OpLen, op == ir.OpCap:
		return term{sym: op.String() + "(" + arg(0).sym + ")", num: r.number(s.Of(v)), prec: precPrimary}
	case op == ir.OpSubslice:
		return leaf(arg(0).sym+"["+arg(1).sym+":"+arg(2).sym+"]", r.number(s.Of(v)))
	case op == ir.OpGet:
		return leaf(v.Aux.(*ir.Var).Name, r.number(s.Of(v)))
	case op == ir.OpExtract:
		if t, ok := r.loweredCall(s, v); ok {
			return t
		}
		if t, ok := r.jvpResult(s, v); ok {
			return t
		}
		if t, ok := r.callPart(ir.Origin(v), s.Of(v)); ok {
			return t
		}
	case op == ir.OpInvoke:
		if t, ok := r.invoked(s, v); ok {
			return t
		}
		// A helper godiff generates (the digamma function for
		// math.Lgamma's derivative).
		t := call(r.callee(v), r.operands(s, v.Args)...)
		t.num = r.number(s.Of(v))
		return t
	case op == ir.OpMake:
		if a, ok := v.Type.(ir.Array); ok {
			return leaf(a.String()+"{}", r.number(s.Of(v)))
		}
		return leaf("make("+v.Type.String()+", "+arg(0).sym+")", r.number(s.Of(v)))
	case op == ir.OpSliceLit:
		var elems []string
		for _, e := range r.operands(s, v.Args) {
			elems = append(elems, e.sym)
		}
		return leaf(v.Type.String()+"{"+strings.Join(elems, ", ")+"}", r.number(s.Of(v)))
	}
	name := v.Name
	if name == "" {
		name = v.Op.String()
	}
	return leaf(name, r.number(s.Of(v)))
}

// operands renders each of vs.
func (r *renderer) operands(s ir.Step, vs []*ir.Value) []term {
	ts := make([]term, len(vs))
	for i, a := range vs {
		ts[i] = r.operand(s, a)
	}
	return ts
}

// selected renders a select by the operand it took, and notes why: the
// derivative of a kink (a ReLU's, an abs's) follows one side.
func (r *renderer) selected(s ir.Step, v *ir.Value) term {
	c, _ := s.Of(v.Args[0]).(bool)
	taken := v.Args[2]
	if c {
		taken = v.Args[1]
	}
	t := r.operand(s, taken)
	// A zero taken stops the chain when it is the line's whole value; in a
	// sum it is only a term that is not there.
	r.pick = &pick{cond: r.operand(s, v.Args[0]), condValue: v.Args[0], holds: c, taken: taken, zero: taken.IsFloatConst(0) && v == r.root}
	return t
}

// pick is what a select of the line being written chose, for its note.
type pick struct {
	cond      term
	condValue *ir.Value
	holds     bool
	taken     *ir.Value
	zero      bool // it took a constant zero: the chain stops there
}

// symbolic renders a value of the user's function (or of a function a
// transform built from it) with names only.
func (r *renderer) symbolic(v *ir.Value) term {
	if v.IsConst() {
		return r.constant(v)
	}
	if name := r.name(v); name != "" {
		return leaf(name, "")
	}
	if t, ok := r.callPart(v, nil); ok {
		return t
	}
	arg := func(i int) term { return r.symbolic(v.Args[i]) }
	switch op := v.Op; {
	case op == ir.OpCopy, op == ir.OpPartials:
		return arg(0)
	case op.IsBinaryArith(), op.IsCompare(), op == ir.OpAnd, op == ir.OpOr:
		return binary(op, arg(0), arg(1))
	case op == ir.OpNeg:
		return unary("-", arg(0))
	case op == ir.OpNot:
		return unary("!", arg(0))
	case op == ir.OpConvert:
		return call(v.Type.String(), arg(0))
	case op == ir.OpCall:
		args := make([]term, len(v.Args))
		for i := range v.Args {
			args[i] = arg(i)
		}
		return call(r.callee(v), args...)
	case op == ir.OpMin, op == ir.OpMax:
		return call(op.String(), arg(0), arg(1))
	case op == ir.OpLoad:
		return leaf(arg(0).sym+"["+arg(1).sym+"]", "")
	case op == ir.OpLen, op == ir.OpCap:
		return leaf(op.String()+"("+arg(0).sym+")", "")
	case op == ir.OpSubslice:
		return leaf(arg(0).sym+"["+arg(1).sym+":"+arg(2).sym+"]", "")
	case op == ir.OpIndex && v.Name == "":
		return leaf("_", "")
	case op == ir.OpGet:
		return leaf(v.Aux.(*ir.Var).Name, "")
	case op == ir.OpSelect:
		return call("select", arg(0), arg(1), arg(2))
	case op == ir.OpInvoke && r.fromUser(v):
		args := make([]term, len(v.Args))
		for i := range v.Args {
			args[i] = arg(i)
		}
		return call(r.callee(v), args...)
	}
	return leaf(v.Op.String(), "")
}

// callPart renders o, a value of a transform's copy of the user's
// function, when it is part of a call lowered to the callee's derivative:
// the call's value, sq(x), or one of its partial derivatives, ∂sq/∂x.
// x is o's number (nil for symbols only).
func (r *renderer) callPart(o *ir.Value, x any) (term, bool) {
	if o.Op != ir.OpExtract || o.Args[0].Op != ir.OpInvoke {
		return term{}, false
	}
	call := ir.Origin(o.Args[0])
	c, ok := call.Aux.(ir.Callee)
	if !ok || call.Op != ir.OpCall || c.Rule == nil {
		return term{}, false
	}
	k := o.Aux.(int)
	num := r.number(x)
	if x == nil {
		num = ""
	}
	if k == 0 {
		args := make([]term, len(call.Args))
		for i, a := range call.Args {
			args[i] = r.symbolic(a)
		}
		t := call2(r.callee(call), args)
		t.num = num
		return t, true
	}
	floats := 0
	for _, p := range c.Rule.Partials {
		if p > 0 {
			floats++
		}
	}
	for i, p := range c.Rule.Partials {
		if p != k || i >= len(c.Rule.Params) {
			continue
		}
		var t term
		if floats == 1 {
			// A function of one number: its derivative at the argument,
			// sq'(d), which tells two calls apart.
			t = leaf(r.calleeName(c)+"'("+r.symbolic(call.Args[i]).sym+")", num)
		} else {
			name := c.Rule.Params[i]
			if d := c.Rule.Derived; d != nil && i < len(d.Params) && d.Params[i].Group != nil {
				name = d.Params[i].Group.Ref(d.Params[i].Field) // f.A of a method's receiver f
			}
			if name == "" || name == "_" {
				name = fmt.Sprintf("x%d", i+1)
			}
			t = leaf("∂"+r.calleeName(c)+"/∂"+name, num)
		}
		t.memo = true
		return t, true
	}
	return term{}, false
}

// callee names the function v calls as the source does.
func (r *renderer) callee(v *ir.Value) string {
	c, ok := v.Aux.(ir.Callee)
	if !ok {
		return v.Op.String()
	}
	return r.calleeName(c)
}

func (r *renderer) calleeName(c ir.Callee) string {
	switch {
	case c.Rule != nil && c.Rule.Source != "":
		return c.Rule.Source
	case c.Path == "math":
		return "math." + c.Name
	}
	return c.Name
}

// constant renders an unnamed constant.
func (r *renderer) constant(v *ir.Value) term {
	s := r.number(v.Aux)
	if v.Aux == nil {
		s = "nil"
	}
	if strings.HasPrefix(s, "-") {
		return term{sym: s, num: s, prec: precUnary}
	}
	return leaf(s, s)
}

// binary renders x op y.
func binary(op ir.Op, x, y term) term {
	var sym string
	prec := precAdd
	switch op {
	case ir.OpAdd:
		sym = "+"
	case ir.OpSub:
		sym = "-"
	case ir.OpMul:
		sym, prec = "·", precMul
	case ir.OpDiv:
		sym, prec = "/", precMul
	case ir.OpRem:
		sym, prec = "%", precMul
	case ir.OpLt:
		sym, prec = "<", precCmp
	case ir.OpLe:
		sym, prec = "<=", precCmp
	case ir.OpGt:
		sym, prec = ">", precCmp
	case ir.OpGe:
		sym, prec = ">=", precCmp
	case ir.OpEq:
		sym, prec = "==", precCmp
	case ir.OpNe:
		sym, prec = "!=", precCmp
	case ir.OpAnd:
		sym, prec = "&&", precAnd
	case ir.OpOr:
		sym, prec = "||", precOr
	}
	// Go's operators are left-associative: the right operand needs
	// parentheses at the same precedence (a - (b - c)).
	l := paren(x, prec)
	rt := paren(y, prec+1)
	sep := " " + sym + " "
	if sym == "·" && !x.memo && !y.memo {
		sep = sym
	}
	numSep := sep
	if sym == "·" {
		numSep = " · "
		if sep == "·" {
			numSep = "·"
		}
	}
	return term{
		sym:  l.sym + sep + rt.sym,
		num:  l.num + numSep + negParen(rt.num),
		prec: prec,
		memo: x.memo || y.memo,
	}
}

// negParen puts a negative number that follows an operator in
// parentheses, as the chapter writes 1.0·1.3 + (-0.5)·0.7.
func negParen(num string) string {
	if strings.HasPrefix(num, "-") {
		end := strings.IndexAny(num, " ·/+*")
		if end < 0 {
			return "(" + num + ")"
		}
		return "(" + num[:end] + ")" + num[end:]
	}
	return num
}

// unary renders op x.
func unary(op string, x term) term {
	x = paren(x, precUnary)
	num := x.num
	if strings.HasPrefix(num, "-") {
		num = "(" + num + ")"
	}
	return term{sym: op + x.sym, num: op + num, prec: precUnary, memo: x.memo}
}

// call renders f(args).
func call(f string, args ...term) term { return call2(f, args) }

func call2(f string, args []term) term {
	syms := make([]string, len(args))
	nums := make([]string, len(args))
	for i, a := range args {
		syms[i], nums[i] = a.sym, a.num
	}
	return term{sym: f + "(" + strings.Join(syms, ", ") + ")", num: f + "(" + strings.Join(nums, ", ") + ")", prec: precPrimary}
}

// paren wraps t in parentheses if its operator binds less tightly than
// prec; its numbers only if they are an expression too, not the one
// number a temporary read back from the tape had.
func paren(t term, prec int) term {
	if t.prec >= prec {
		return t
	}
	num := t.num
	if strings.ContainsAny(num, " ·/+*(") || strings.HasPrefix(num, "-") {
		num = "(" + num + ")"
	}
	return term{sym: "(" + t.sym + ")", num: num, prec: precPrimary, memo: t.memo}
}
