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
	defined := make(map[*Value]bool)
	ids := make(map[int]bool)
	vs := f.Body.Values
	for i, v := range vs {
		if v.Block != f.Body {
			return fail(v, "value belongs to another block")
		}
		if ids[v.ID] {
			return fail(v, "duplicate value ID %d", v.ID)
		}
		ids[v.ID] = true
		for j, a := range v.Args {
			if a == nil || !defined[a] {
				return fail(v, "argument %d is not defined before its use", j)
			}
		}
		if v.Op == OpReturn && i != len(vs)-1 {
			return fail(v, "return is not the last value of the body")
		}
		if msg := checkOp(f, v); msg != "" {
			return fail(v, "%s", msg)
		}
		if v.Op.HasValue() {
			defined[v] = true
		}
	}
	if f.Return() == nil {
		return fail(nil, "body does not end in a return")
	}
	return nil
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
	case op == OpSelect:
		if m := arity(3); m != "" {
			return m
		}
		if v.Args[0].Type != Bool {
			return fmt.Sprintf("select condition of type %v", v.Args[0].Type)
		}
		return sameType(v.Args[1:]...)
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
	}
	if !ok {
		return fmt.Sprintf("constant %#v of type %v", v.Aux, v.Type)
	}
	if len(v.Args) != 0 {
		return "constant with arguments"
	}
	return ""
}
