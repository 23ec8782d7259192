package emit

import (
	"math"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
)

// literal returns an unnamed constant as written in an expression whose
// other operand, call parameter or assignment gives it its type: the bare
// literal in Go's shortest round-trip form for the type (0.1 is the float32
// nearest to 0.1 when it meets a float32). The special floats have no
// literal and are written as calls.
func literal(v *ir.Value) expr {
	if ir.IsFloat(v.Type) && isSpecialFloat(v.Float()) {
		return expr{code: special(v), prec: precOperand, konst: v}
	}
	text := ir.FormatConst(v)
	x := expr{code: jen.Id(text), prec: precOperand, konst: v}
	if strings.HasPrefix(text, "-") {
		x.prec, x.minus = precUnary, true
	}
	return x
}

// special returns math.Inf(1), math.Inf(-1), math.NaN() or
// math.Copysign(0, -1), converted to float32 for a float32 value (the
// conversion keeps infinities, NaN and the sign of zero).
func special(v *ir.Value) *jen.Statement {
	f := v.Float()
	var call *jen.Statement
	switch {
	case math.IsInf(f, 1):
		call = jen.Qual("math", "Inf").Call(jen.Lit(1))
	case math.IsInf(f, -1):
		call = jen.Qual("math", "Inf").Call(jen.Lit(-1))
	case math.IsNaN(f):
		call = jen.Qual("math", "NaN").Call()
	default:
		call = jen.Qual("math", "Copysign").Call(jen.Lit(0), jen.Lit(-1))
	}
	if v.Type == ir.Float32 {
		return jen.Id("float32").Call(call)
	}
	return call
}

// typed returns x as the initializer of a new variable. A literal there
// would give the variable Go's default type for the constant (int for 2),
// so a literal gets its type spelled out: 2.0 for float64, float32(0.1),
// int32(3). Other expressions are typed already.
func typed(x expr) expr {
	c := x.konst
	if c == nil {
		return x
	}
	switch {
	case c.Type == ir.Float64:
		if isSpecialFloat(c.Float()) {
			return x // math.Inf and friends are float64 calls
		}
		text := ir.FormatConst(c)
		if !strings.ContainsAny(text, ".eE") {
			text += ".0" // 2 would be an int
		}
		x.code = jen.Id(text)
		return x
	case c.Type == ir.Int, c.Type == ir.Bool:
		return x // the default types of integer and boolean constants
	case ir.IsFloat(c.Type) && isSpecialFloat(c.Float()):
		return x // converted to float32 already
	}
	return operand(jen.Id(c.Type.String()).Call(x.code))
}

// isIntegerZero reports whether x is an integer constant zero, which Go
// refuses as a divisor. (A float constant zero is a valid divisor of a
// float that is not constant: x / 0 is +Inf for x > 0.)
func isIntegerZero(x expr) bool {
	c := x.konst
	if c == nil {
		return false
	}
	switch a := c.Aux.(type) {
	case int64:
		return a == 0
	case uint64:
		return a == 0
	}
	return false
}

// isPositiveZero reports whether v is the unnamed float constant +0, the
// value a var declaration starts with.
func isPositiveZero(v *ir.Value) bool {
	return v.IsConst() && ir.IsFloat(v.Type) && v.Float() == 0 && !math.Signbit(v.Float())
}
