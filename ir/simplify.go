package ir

// The algebra a Builder applies with Simplify set. Derivative code is built
// from rules that multiply by partials such as 1, -1 or a select of 1 and 0;
// these identities fold them away so that the generated code reads like the
// chain rule written by hand. Every rewrite is exact except that a sum with
// a zero term may lose the sign of a zero result.

// simplifyBinary returns a simpler value equal to x op y, or nil.
func (b *Builder) simplifyBinary(op Op, x, y *Value) *Value {
	if x.IsConst() && y.IsConst() && IsFloat(x.Type) {
		return b.Float(x.Type, foldFloat(op, x.Type, x.Float(), y.Float()))
	}
	if IsSigned(x.Type) {
		return b.simplifyInt(op, x, y)
	}
	if !IsFloat(x.Type) {
		return nil
	}
	switch op {
	case OpAdd:
		switch {
		case x.IsFloatConst(0):
			return y
		case y.IsFloatConst(0):
			return x
		case y.Op == OpNeg:
			return b.Sub(x, y.Args[0])
		case x.Op == OpNeg:
			return b.Sub(y, x.Args[0]) // exact: -a + b == b - a
		case x == y:
			return b.Mul(x, b.Float(x.Type, 2)) // exact: x+x == 2x
		}
		return b.mergeSelects(x, y)
	case OpSub:
		switch {
		case y.IsFloatConst(0):
			return x
		case x.IsFloatConst(0):
			return b.Neg(y)
		case y.Op == OpNeg:
			return b.Add(x, y.Args[0])
		}
	case OpMul:
		switch {
		case x.IsConst() && !y.IsConst():
			return b.Mul(y, x) // constants to the right: dz * 2
		case y.IsFloatConst(1):
			return x
		case y.IsFloatConst(-1):
			return b.Neg(x)
		case y.IsFloatConst(0):
			return y
		case y.Op == OpSelect && y.Args[1].IsConst() && y.Args[2].IsConst():
			return b.Select(y.Args[0], b.Mul(x, y.Args[1]), b.Mul(x, y.Args[2]))
		case x.Op == OpSelect && x.Args[1].IsConst() && x.Args[2].IsConst():
			return b.Select(x.Args[0], b.Mul(x.Args[1], y), b.Mul(x.Args[2], y))
		case y.Op == OpDiv && y.Name == "" && y.Args[0].IsFloatConst(1):
			return b.Div(x, y.Args[1]) // a rule's partial 1/d: x * (1/d) is x / d
		case x.Op == OpDiv && x.Name == "" && x.Args[0].IsFloatConst(1):
			return b.Div(y, x.Args[1])
		case y.Op == OpNeg:
			return b.Neg(b.Mul(x, y.Args[0])) // exact: the sign moves out
		case x.Op == OpNeg:
			return b.Neg(b.Mul(x.Args[0], y))
		}
	case OpDiv:
		switch {
		case y.IsFloatConst(1):
			return x
		case x.IsFloatConst(0):
			return x
		}
	}
	return nil
}

// mergeSelects rewrites select(c, x, 0) + select(c, 0, y) as select(c, x, y):
// the tangent of max(a, b) when both arguments vary.
func (b *Builder) mergeSelects(x, y *Value) *Value {
	if x.Op != OpSelect || y.Op != OpSelect || x.Args[0] != y.Args[0] {
		return nil
	}
	switch {
	case x.Args[2].IsFloatConst(0) && y.Args[1].IsFloatConst(0):
		return b.Select(x.Args[0], x.Args[1], y.Args[2])
	case x.Args[1].IsFloatConst(0) && y.Args[2].IsFloatConst(0):
		return b.Select(x.Args[0], y.Args[1], x.Args[2])
	}
	return nil
}

// simplifyNeg returns a simpler value equal to -x, or nil.
func (b *Builder) simplifyNeg(x *Value) *Value {
	switch {
	case x.IsConst() && IsFloat(x.Type):
		return b.Float(x.Type, -x.Float())
	case x.Op == OpNeg:
		return x.Args[0]
	case x.Op == OpSelect && x.Args[1].IsConst() && x.Args[2].IsConst():
		return b.Select(x.Args[0], b.Neg(x.Args[1]), b.Neg(x.Args[2]))
	}
	return nil
}

// foldFloat computes x op y as the generated code would at run time, in the
// precision of type t.
func foldFloat(op Op, t Type, x, y float64) float64 {
	if t == Float32 {
		return float64(arith(op, float32(x), float32(y)))
	}
	return arith(op, x, y)
}

// arith computes x op y for op add, sub, mul or div in Go's arithmetic of
// T. (Rem, on integers only, is the caller's.)
func arith[T int64 | float32 | float64](op Op, x, y T) T {
	switch op {
	case OpAdd:
		return x + y
	case OpSub:
		return x - y
	case OpMul:
		return x * y
	}
	return x / y
}

// simplifyInt folds the index arithmetic the transforms build (loop bounds
// such as start + n - 1): constants, x + 0, x - 0, x * 1, and a constant
// added to or taken from x + c. Signed integers only, where every rewrite is
// exact (overflow wraps the same either way).
func (b *Builder) simplifyInt(op Op, x, y *Value) *Value {
	c := func(v *Value) (int64, bool) {
		i, ok := v.Aux.(int64)
		return i, ok && v.IsConst()
	}
	cx, xk := c(x)
	cy, yk := c(y)
	switch {
	case xk && yk && op != OpDiv && op != OpRem:
		return b.Const(x.Type, arith[int64](op, cx, cy))
	case op == OpAdd && xk && cx == 0, op == OpMul && xk && cx == 1:
		return y
	case (op == OpAdd || op == OpSub) && yk && cy == 0, op == OpMul && yk && cy == 1:
		return x
	case op == OpAdd && xk:
		return b.Add(y, x) // constants to the right
	case (op == OpAdd || op == OpSub) && yk && (x.Op == OpAdd || x.Op == OpSub) && x.Name == "":
		if inner, ok := c(x.Args[1]); ok {
			if x.Op == OpSub {
				inner = -inner
			}
			if op == OpSub {
				cy = -cy
			}
			return b.addConst(x.Args[0], inner+cy)
		}
	}
	return nil
}

// addConst returns x + k, written x - |k| for a negative k.
func (b *Builder) addConst(x *Value, k int64) *Value {
	switch {
	case k == 0:
		return x
	case k < 0:
		return b.Sub(x, b.Const(x.Type, -k))
	}
	return b.Add(x, b.Const(x.Type, k))
}
