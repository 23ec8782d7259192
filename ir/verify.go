package ir

import (
	"fmt"
	"strings"
)

// VerifyError reports a broken invariant: the function, the offending value
// and what is wrong with it, with the whole function printed below.
type VerifyError struct {
	Func    string
	Value   string // the offending value in printed form, "" for the signature
	Problem string
	Dump    string
}

// Error returns the function, the op and what is wrong with it.
func (e *VerifyError) Error() string {
	where := ""
	if e.Value != "" {
		where = " at " + e.Value
	}
	return fmt.Sprintf("ir: func %s%s: %s\n%s", e.Func, where, e.Problem, e.Dump)
}

// Verify checks the invariants listed in the package doc and returns the
// first violation, or nil.
func Verify(f *Func) error {
	names := DisplayNames(f)
	fail := func(v *Value, format string, args ...any) error {
		e := &VerifyError{Func: f.Name, Problem: fmt.Sprintf(format, args...), Dump: f.String()}
		if v != nil {
			e.Value = formatValue(v, names)
		}
		return e
	}
	if f.Body == nil || f.Body.Func != f {
		return fail(nil, "body missing or owned by another function")
	}
	vf := &verifier{f: f, fail: fail, defined: make(map[*Value]bool), ids: make(map[int]bool)}
	if err := vf.block(f.Body, nil); err != nil {
		return err
	}
	if !terminates(f.Body) {
		return fail(nil, "body does not end in a return")
	}
	return nil
}

// verifier checks the blocks of one function, keeping the set of values in
// scope: those defined earlier in the block or in an enclosing one.
type verifier struct {
	f       *Func
	fail    func(v *Value, format string, args ...any) error
	defined map[*Value]bool
	ids     map[int]bool
	loops   []*Value // the loops enclosing the current block, innermost last
}

func (vf *verifier) block(b *Block, parent *Value) error {
	var scoped []*Value
	defer func() {
		for _, v := range scoped {
			delete(vf.defined, v)
		}
	}()
	for i, v := range b.Values {
		if v.Block != b {
			return vf.fail(v, "value belongs to another block")
		}
		if vf.ids[v.ID] {
			return vf.fail(v, "duplicate value ID %d", v.ID)
		}
		vf.ids[v.ID] = true
		for j, a := range v.Args {
			if a == nil || !vf.defined[a] {
				return vf.fail(v, "argument %d is not defined before its use", j)
			}
		}
		if v.Op.IsExit() && i != len(b.Values)-1 {
			return vf.fail(v, "%v is not the last value of its block", v.Op)
		}
		if msg := vf.checkNested(v, b, i); msg != "" {
			return vf.fail(v, "%s", msg)
		}
		if msg := checkOp(vf.f, v); msg != "" {
			return vf.fail(v, "%s", msg)
		}
		if v.Op.IsLoop() {
			vf.loops = append(vf.loops, v)
		}
		for _, nb := range v.Blocks {
			if nb.Parent != v || nb.Func != vf.f {
				return vf.fail(v, "nested block not owned by its op")
			}
			if err := vf.block(nb, v); err != nil {
				return err
			}
		}
		if v.Op.IsLoop() {
			vf.loops = vf.loops[:len(vf.loops)-1]
		}
		if v.Op.HasValue() {
			vf.defined[v] = true
			scoped = append(scoped, v)
		}
	}
	if b.Result != nil && (!vf.defined[b.Result] || b.Result.Type != Bool) {
		return vf.fail(parent, "loop condition is not a bool of its cond block")
	}
	return nil
}

// checkNested checks the ops whose meaning depends on where they are: a
// range index comes first in its loop's body, a break or continue names an
// enclosing loop.
func (vf *verifier) checkNested(v *Value, b *Block, i int) string {
	switch v.Op {
	case OpIndex:
		if b.Parent == nil || b.Parent.Op != OpRange || i != 0 {
			return "index outside the start of a range body"
		}
	case OpBreak, OpContinue:
		target, _ := v.Aux.(*Value)
		for _, l := range vf.loops {
			if l == target {
				return ""
			}
		}
		return fmt.Sprintf("%v of a loop that does not enclose it", v.Op)
	}
	return ""
}

// terminates reports whether control cannot fall off the end of b: it ends
// in a return, or in an if whose branches both terminate, or in a loop
// without a condition that nothing breaks.
func terminates(b *Block) bool {
	if len(b.Values) == 0 {
		return false
	}
	last := b.Values[len(b.Values)-1]
	switch last.Op {
	case OpReturn:
		return true
	case OpHalt:
		h, ok := last.Aux.(*Halt)
		return ok && h.Ends()
	case OpIf:
		return terminates(last.Blocks[0]) && terminates(last.Blocks[1])
	case OpFor:
		if last.Blocks[1].Result != nil {
			return false
		}
		broken := false
		last.Blocks[3].Walk(func(v *Value) {
			if v.Op == OpBreak && v.Aux == last {
				broken = true
			}
		})
		return !broken
	}
	return false
}

// checkOp checks one value's arity and types, returning what is wrong or "".
func checkOp(f *Func, v *Value) string {
	arity := func(n int) string {
		if len(v.Args) != n {
			return fmt.Sprintf("%v takes %d arguments, has %d", v.Op, n, len(v.Args))
		}
		return ""
	}
	sameType := func(args ...*Value) string {
		for j, a := range args {
			if a.Type != v.Type {
				return fmt.Sprintf("argument %d has type %v, want %v", j, a.Type, v.Type)
			}
		}
		return ""
	}
	switch op := v.Op; {
	case op == OpParam:
		i, ok := v.Aux.(int)
		if !ok || i < 0 || i >= len(f.Params) {
			return fmt.Sprintf("parameter index %v out of range", v.Aux)
		}
		if f.Params[i].Type != v.Type {
			return fmt.Sprintf("parameter %s has type %v, value has %v", f.Params[i].Name, f.Params[i].Type, v.Type)
		}
		return arity(0)
	case op == OpConst:
		return checkConst(v)
	case op == OpCopy:
		if m := arity(1); m != "" {
			return m
		}
		return sameType(v.Args...)
	case op == OpPartials:
		if len(v.Args)%2 != 1 || !IsFloat(v.Type) || v.Args[0].Type != v.Type {
			return fmt.Sprintf("partials of %d arguments, type %v", len(v.Args), v.Type)
		}
	case op.IsBinaryArith():
		if m := arity(2); m != "" {
			return m
		}
		if !IsNumeric(v.Type) || (op == OpRem && !IsInteger(v.Type)) {
			return fmt.Sprintf("%v of type %v", op, v.Type)
		}
		return sameType(v.Args...)
	case op == OpNeg:
		if m := arity(1); m != "" {
			return m
		}
		if !IsNumeric(v.Type) {
			return fmt.Sprintf("neg of type %v", v.Type)
		}
		return sameType(v.Args...)
	case op == OpConvert:
		if m := arity(1); m != "" {
			return m
		}
		if !IsNumeric(v.Type) || !IsNumeric(v.Args[0].Type) {
			return fmt.Sprintf("convert from %v to %v", v.Args[0].Type, v.Type)
		}
	case op == OpCall:
		if _, ok := v.Aux.(Callee); !ok {
			return "call without a callee"
		}
	case op.IsCompare():
		if m := arity(2); m != "" {
			return m
		}
		if v.Type != Bool || v.Args[0].Type != v.Args[1].Type {
			return fmt.Sprintf("comparison of %v and %v yielding %v", v.Args[0].Type, v.Args[1].Type, v.Type)
		}
	case op == OpMin || op == OpMax:
		if m := arity(2); m != "" {
			return m
		}
		if _, ok := v.Type.(Basic); !ok || !IsNumeric(v.Type) {
			return fmt.Sprintf("%v of %v", op, v.Type)
		}
		return sameType(v.Args...)
	case op == OpSelect:
		if m := arity(3); m != "" {
			return m
		}
		if v.Args[0].Type != Bool {
			return fmt.Sprintf("select condition of type %v", v.Args[0].Type)
		}
		return sameType(v.Args[1:]...)
	case op == OpHalt:
		h, ok := v.Aux.(*Halt)
		if !ok || h.Call.Kind != HaltCall {
			return "halt without a call"
		}
		if h.Call.maxArg() >= len(v.Args) {
			return "halt reads an argument it does not have"
		}
	case op == OpComment:
		if _, ok := v.Aux.(string); !ok || strings.Contains(v.Aux.(string), "\n") {
			return "comment must be one line of text"
		}
	case op == OpReturn:
		if len(v.Args) != len(f.Results) {
			return fmt.Sprintf("returns %d values, function has %d results", len(v.Args), len(f.Results))
		}
		for j, a := range v.Args {
			if a.Type != f.Results[j].Type {
				return fmt.Sprintf("result %d has type %v, want %v", j, a.Type, f.Results[j].Type)
			}
		}
	case op == OpAnd || op == OpOr || op == OpNot:
		for _, a := range v.Args {
			if a.Type != Bool {
				return fmt.Sprintf("%v of %v", op, a.Type)
			}
		}
	case op == OpDecl || op == OpGet || op == OpSet:
		x, ok := v.Aux.(*Var)
		if !ok {
			return fmt.Sprintf("%v without a variable", op)
		}
		if len(v.Args) == 1 && v.Args[0].Type != x.Type {
			return fmt.Sprintf("%v of %s (%v) with a %v", op, x.Name, x.Type, v.Args[0].Type)
		}
	case op == OpLoad || op == OpStore || op == OpSubslice:
		if !IsSlice(v.Args[0].Type) || !IsInteger(v.Args[1].Type) {
			return fmt.Sprintf("%v of %v at %v", op, v.Args[0].Type, v.Args[1].Type)
		}
		if op == OpStore && v.Args[2].Type != Elem(v.Args[0].Type) {
			return fmt.Sprintf("store of %v into %v", v.Args[2].Type, v.Args[0].Type)
		}
	case op == OpLen, op == OpCap, op == OpIsNil, op == OpMake, op == OpSliceLit, op == OpCopySlice, op == OpIndex,
		op == OpTapeReset, op == OpTapeSave, op == OpTapeLoad, op == OpTapeGrow, op == OpTapeSlot,
		op == OpTapeCalls, op == OpTapeEntry, op == OpTapeBuffer,
		op == OpAccum, op == OpLocalTape, op == OpBreak, op == OpContinue,
		op == OpInvoke, op == OpExtract, op == OpAddr:
	case op == OpIf:
		if v.Args[0].Type != Bool || len(v.Blocks) != 2 {
			return "if needs a bool condition and two blocks"
		}
	case op == OpFor:
		if len(v.Blocks) != 4 {
			return "for needs init, cond, post and body blocks"
		}
	case op == OpRange:
		if len(v.Blocks) != 1 || !(IsSlice(v.Args[0].Type) || IsInteger(v.Args[0].Type)) {
			return "range needs a slice or an integer and a body"
		}
	default:
		return fmt.Sprintf("unknown op %d", int(op))
	}
	return ""
}

// checkConst checks that a constant's value has the Go type its type needs.
func checkConst(v *Value) string {
	ok := false
	switch {
	case IsFloat(v.Type):
		_, ok = v.Aux.(float64)
	case IsSigned(v.Type):
		_, ok = v.Aux.(int64)
	case IsInteger(v.Type):
		_, ok = v.Aux.(uint64)
	case v.Type == Bool:
		_, ok = v.Aux.(bool)
	case IsSlice(v.Type):
		ok = v.Aux == nil // the nil slice
	}
	if !ok {
		return fmt.Sprintf("constant %#v of type %v", v.Aux, v.Type)
	}
	if len(v.Args) != 0 {
		return "constant with arguments"
	}
	return ""
}
