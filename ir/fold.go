package ir

import "math"

// Constant folding. Every builder folds an arithmetic, comparison, logic
// or conversion op whose arguments are all unnamed constants, with Simplify
// set or not: the result is what the generated code would compute at run
// time, bit for bit, in the arithmetic of the op's type (float32 rounding,
// integer wrapping), so folding keeps the user's results. It must happen
// somewhere: Go evaluates an expression of constants only at compile time
// with exact arithmetic, where an overflow or a division by zero is an
// error and the rounding of the run time is not applied, so emit cannot
// write such an op as an expression.
//
// An op that has no defined result is left alone: an integer division by
// zero (a run-time panic) and a float-to-integer conversion out of the
// integer's range (implementation-defined in Go). Calls are not folded:
// Go computes a call at run time whatever its arguments.
//
// The int, uint and uintptr types are folded with 64-bit wrapping, the
// width they have on every 64-bit platform.

// foldInPlace makes v the constant it computes, if its arguments are all
// unnamed constants and it folds (see foldConst).
func foldInPlace(v *Value) {
	if len(v.Args) == 0 {
		return
	}
	if val, ok := foldConst(v.Op, v.Type, v.Args); ok {
		v.Op, v.Aux, v.Args = OpConst, val, nil
	}
}

// foldConst returns the constant value of op on args, in the form Const
// takes, or false if it does not fold.
func foldConst(op Op, t Type, args []*Value) (any, bool) {
	if !foldable(op) || len(args) == 0 {
		return nil, false
	}
	vals := make([]any, len(args))
	for i, a := range args {
		if !a.IsConst() {
			return nil, false
		}
		vals[i] = evalForm(a.Aux)
	}
	var r any
	switch {
	case op.IsBinaryArith():
		x, err := evalBinary(op, t, vals[0], vals[1])
		if err != nil {
			return nil, false
		}
		r = x
	case op == OpNeg && IsFloat(t):
		r = round(t, -vals[0].(float64))
	case op == OpNeg:
		r = evalWrap(t, -vals[0].(int64))
	case op == OpConvert:
		if !convertible(vals[0], t) {
			return nil, false
		}
		r = convert(vals[0], args[0].Type, t)
	case op.IsCompare():
		r = compare(op, args[0].Type, vals[0], vals[1])
	case op == OpAnd:
		r = vals[0].(bool) && vals[1].(bool)
	case op == OpOr:
		r = vals[0].(bool) || vals[1].(bool)
	case op == OpNot:
		r = !vals[0].(bool)
	case op == OpMin, op == OpMax:
		r = foldMinMax(op, t, vals[0], vals[1])
	}
	return constForm(t, r), true
}

// foldMinMax is the builtin min or max of two constants of type t in
// evalForm, as Go computes it (a NaN wins, min(-0, +0) is -0); unsigned
// integers compare as such.
func foldMinMax(op Op, t Type, a, b any) any {
	if IsInteger(t) && !IsSigned(t) {
		x, y := uint64(a.(int64)), uint64(b.(int64))
		if op == OpMin {
			return int64(min(x, y))
		}
		return int64(max(x, y))
	}
	return evalMinMax(op, a, b)
}

// foldable reports whether op is one foldConst computes.
func foldable(op Op) bool {
	switch {
	case op.IsBinaryArith(), op.IsCompare():
		return true
	}
	switch op {
	case OpNeg, OpConvert, OpAnd, OpOr, OpNot, OpMin, OpMax:
		return true
	}
	return false
}

// evalForm returns a constant's Aux as the interpreter holds it: an
// unsigned integer as the int64 of its bits.
func evalForm(aux any) any {
	if u, ok := aux.(uint64); ok {
		return int64(u)
	}
	return aux
}

// constForm returns an interpreter value of type t as a constant's Aux.
func constForm(t Type, x any) any {
	if i, ok := x.(int64); ok && IsInteger(t) && !IsSigned(t) {
		return uint64(i)
	}
	return x
}

// convertible reports whether converting x to t has a result Go defines:
// always, but from a float to an integer type too small for the float's
// integer part (or from NaN or an infinity).
func convertible(x any, t Type) bool {
	f, ok := x.(float64)
	if !ok || !IsInteger(t) {
		return true
	}
	back := convert(convert(f, Float64, t), t, Float64).(float64)
	return back == math.Trunc(f)
}
