package ir

import (
	"fmt"
	"math"
)

// Eval runs f on args and returns its results, so that tests can check a
// transform's output numerically without emitting and compiling Go. A float
// argument or result is a float64 (a float32 value held exactly), an integer
// an int64, a bool a bool. Arithmetic follows Go's: float32 operations round
// to float32. Calls are to package math only.
func Eval(f *Func, args ...any) ([]any, error) {
	if len(args) != len(f.Params) {
		return nil, fmt.Errorf("eval %s: %d arguments for %d parameters", f.Name, len(args), len(f.Params))
	}
	vals := make(map[*Value]any)
	for _, v := range f.Body.Values {
		get := func(i int) any { return vals[v.Args[i]] }
		var x any
		switch {
		case v.Op == OpParam:
			x = args[v.Aux.(int)]
		case v.Op == OpConst:
			x = v.Aux
			if i, ok := x.(uint64); ok {
				x = int64(i)
			}
		case v.Op == OpCopy:
			x = get(0)
		case v.Op.IsBinaryArith():
			x = evalBinary(v.Op, v.Type, get(0), get(1))
		case v.Op == OpNeg:
			if IsFloat(v.Type) {
				x = round(v.Type, -get(0).(float64))
			} else {
				x = -get(0).(int64)
			}
		case v.Op == OpConvert:
			x = convert(get(0), v.Type)
		case v.Op == OpCall:
			y, err := callMath(v.Aux.(Callee), v.Args, vals)
			if err != nil {
				return nil, err
			}
			x = y
		case v.Op.IsCompare():
			x = compare(v.Op, get(0), get(1))
		case v.Op == OpSelect:
			if get(0).(bool) {
				x = get(1)
			} else {
				x = get(2)
			}
		case v.Op == OpComment:
			continue
		case v.Op == OpReturn:
			out := make([]any, len(v.Args))
			for i := range v.Args {
				out[i] = get(i)
			}
			return out, nil
		default:
			return nil, fmt.Errorf("eval %s: cannot evaluate %v", f.Name, v.Op)
		}
		vals[v] = x
	}
	return nil, fmt.Errorf("eval %s: no return", f.Name)
}

func round(t Type, x float64) float64 {
	if t == Float32 {
		return float64(float32(x))
	}
	return x
}

func evalBinary(op Op, t Type, a, b any) any {
	if IsFloat(t) {
		return round(t, foldFloat(op, t, a.(float64), b.(float64)))
	}
	x, y := a.(int64), b.(int64)
	if op == OpRem {
		return x % y
	}
	return arith(op, x, y)
}

func convert(x any, t Type) any {
	var f float64
	switch x := x.(type) {
	case float64:
		f = x
	case int64:
		if !IsFloat(t) {
			return x
		}
		f = float64(x)
	}
	if IsFloat(t) {
		return round(t, f)
	}
	return int64(f)
}

func compare(op Op, a, b any) bool {
	var x, y float64
	switch a := a.(type) {
	case float64:
		x, y = a, b.(float64)
	case int64:
		x, y = float64(a), float64(b.(int64))
	}
	switch op {
	case OpLt:
		return x < y
	case OpLe:
		return x <= y
	case OpGt:
		return x > y
	case OpGe:
		return x >= y
	case OpEq:
		return x == y
	}
	return x != y
}

var mathUnary = map[string]func(float64) float64{
	"Abs": math.Abs, "Acos": math.Acos, "Asin": math.Asin, "Atan": math.Atan,
	"Cbrt": math.Cbrt, "Cos": math.Cos, "Cosh": math.Cosh, "Erf": math.Erf,
	"Exp": math.Exp, "Expm1": math.Expm1, "Log": math.Log, "Log10": math.Log10,
	"Log1p": math.Log1p, "Log2": math.Log2, "Sin": math.Sin, "Sinh": math.Sinh,
	"Sqrt": math.Sqrt, "Tan": math.Tan, "Tanh": math.Tanh,
}

var mathBinary = map[string]func(float64, float64) float64{
	"Atan2": math.Atan2, "Hypot": math.Hypot, "Max": math.Max, "Min": math.Min, "Pow": math.Pow,
}

func callMath(c Callee, args []*Value, vals map[*Value]any) (any, error) {
	if c.Path == "math" {
		if fn, ok := mathUnary[c.Name]; ok && len(args) == 1 {
			return fn(vals[args[0]].(float64)), nil
		}
		if fn, ok := mathBinary[c.Name]; ok && len(args) == 2 {
			return fn(vals[args[0]].(float64), vals[args[1]].(float64)), nil
		}
	}
	return nil, fmt.Errorf("eval: cannot call %v", c)
}
