package emit

import (
	"fmt"

	"github.com/godiff/godiff/ir"
)

// checkOps checks what ir.Verify leaves unchecked and emit relies on: the
// arity, Aux and operand types of the ops of calls, memory and the tape.
// A broken one is reported as an error rather than met as a panic.
func checkOps(fn *ir.Func) error {
	var err error
	fn.Walk(func(v *ir.Value) {
		if err != nil {
			return
		}
		if msg := checkOp(v); msg != "" {
			err = fmt.Errorf("%s: %s", describe(v), msg)
		}
	})
	return err
}

// checkOp returns what is wrong with v, or "".
func checkOp(v *ir.Value) string {
	arity := func(n int) string {
		if len(v.Args) != n {
			return fmt.Sprintf("%v takes %d arguments, has %d", v.Op, n, len(v.Args))
		}
		return ""
	}
	switch v.Op {
	case ir.OpAddr:
		if _, ok := v.Aux.(*ir.Var); !ok {
			return "addr without a variable"
		}
		return arity(0)
	case ir.OpTapeReset, ir.OpTapeLoad, ir.OpTapeSlot:
		return checkTapeOp(v, arity(1))
	case ir.OpTapeSave, ir.OpTapeGrow, ir.OpTapeEntry:
		return checkTapeOp(v, arity(2))
	case ir.OpTapeBuffer:
		if m := checkTapeOp(v, arity(2)); m != "" {
			return m
		}
		if f := v.Aux.(*ir.TapeField); !f.Stack && !f.Scratch {
			return "tape.buffer of a field that is neither a stack nor scratch"
		}
	case ir.OpTapeCalls:
		if m := checkTapeOp(v, arity(1)); m != "" {
			return m
		}
		if !v.Aux.(*ir.TapeField).IsSite() {
			return "tape.calls of a field that is not a site"
		}
	case ir.OpAccum:
		if m := arity(2); m != "" {
			return m
		}
		if _, ok := v.Args[0].Type.(ir.Pointer); !ok {
			return fmt.Sprintf("accum through a %v", v.Args[0].Type)
		}
	case ir.OpInvoke:
		if _, ok := v.Aux.(ir.Callee); !ok {
			return "invoke without a callee"
		}
	case ir.OpExtract:
		if m := arity(1); m != "" {
			return m
		}
		t, ok := v.Args[0].Type.(ir.Tuple)
		i, isInt := v.Aux.(int)
		if !ok || v.Args[0].Op != ir.OpInvoke || !isInt || i < 0 || i >= len(t) {
			return fmt.Sprintf("extract %v of a %v", v.Aux, v.Args[0].Op)
		}
	case ir.OpLocalTape:
		if r, ok := v.Type.(ir.TapeRef); !ok || r.Tape == nil {
			return fmt.Sprintf("tape.local of type %v", v.Type)
		}
	case ir.OpMake:
		if !isArray(v.Type) && !ir.IsSlice(v.Type) {
			return fmt.Sprintf("make of %v", v.Type)
		}
		return arity(1)
	case ir.OpSliceLit:
		if !isArray(v.Type) && !ir.IsSlice(v.Type) {
			return fmt.Sprintf("slicelit of %v", v.Type)
		}
	case ir.OpLen, ir.OpCap, ir.OpIsNil:
		return arity(1)
	case ir.OpCopySlice:
		return arity(2)
	case ir.OpStore, ir.OpSubslice:
		return arity(3)
	case ir.OpLoad:
		return arity(2)
	}
	return ""
}

// checkTapeOp checks a tape op's field and tape, given its arity check.
func checkTapeOp(v *ir.Value, arity string) string {
	if arity != "" {
		return arity
	}
	if _, ok := v.Aux.(*ir.TapeField); !ok {
		return fmt.Sprintf("%v without a field", v.Op)
	}
	if r, ok := v.Args[0].Type.(ir.TapeRef); ok && r.Tape != nil {
		return ""
	}
	if p, ok := v.Args[0].Type.(ir.Pointer); ok && (v.Op == ir.OpTapeSave || v.Op == ir.OpTapeLoad) {
		if r, ok := p.Elem.(ir.Record); ok && r.Tape.InRecord(v.Aux.(*ir.TapeField)) {
			return "" // a field of a call's record
		}
	}
	return fmt.Sprintf("%v of a %v, not a tape", v.Op, v.Args[0].Type)
}
