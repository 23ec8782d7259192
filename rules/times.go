package rules

import "github.com/godiff/godiff/ir"

// Forward mode multiplies each partial by a tangent and reverse mode each
// adjoint by a partial here, in one way: a partial that is a quotient a/c
// (or its negation), as a quotient's partial with respect to its
// denominator, −y/b, is taken with the derivative d as (d/c)·a. y/b
// underflows to 0 (or overflows) where y is tiny and b huge, while d, of
// b's own scale where it is b's tangent, divides by b safely. So the
// second derivative of log(1+exp(z)), whose gradient is e/(1+e) with
// e = exp(z), stays right past z ≈ 355, where (y/b)·db lost a whole term
// and left a derivative thousands of times too large (srcgen seed 98,
// program 678).

// TimesTangent returns partial p times tangent t, p*t.
func TimesTangent(b *ir.Builder, p, t *ir.Value) *ir.Value {
	if r := quotientTimes(b, p, t); r != nil {
		return r
	}
	return b.Mul(p, t)
}

// TimesAdjoint returns adjoint d times partial p, d*p.
func TimesAdjoint(b *ir.Builder, d, p *ir.Value) *ir.Value {
	if r := quotientTimes(b, p, d); r != nil {
		return r
	}
	return b.Mul(d, p)
}

// TimesEither returns x*y where either may be a quotient partial, or a
// product of one: vector forward mode's coefficients, each a partial or a
// product of partials along a chain of values, multiply one another before
// they multiply a direction's row, so the quotient may be on either side.
func TimesEither(b *ir.Builder, x, y *ir.Value) *ir.Value {
	if r := quotientTimes(b, x, y); r != nil {
		return r
	}
	if r := quotientTimes(b, y, x); r != nil {
		return r
	}
	return b.Mul(x, y)
}

// quotientTimes returns ±(d/c)·a for a partial p that is ±a/c, a rule's
// unnamed quotient of a non-constant by anything, else nil.
func quotientTimes(b *ir.Builder, p, d *ir.Value) *ir.Value {
	q, neg := p, false
	if q.Op == ir.OpNeg {
		q, neg = q.Args[0], true
	}
	if q.Op != ir.OpDiv || q.Name != "" || !ir.IsFloat(q.Type) || q.Args[0].IsConst() || d.Type != q.Type {
		return nil
	}
	if d.Op == ir.OpNeg {
		d, neg = d.Args[0], !neg // exact: the sign moves out
	}
	r := b.Mul(b.Div(d, q.Args[1]), q.Args[0])
	if neg {
		return b.Neg(r)
	}
	return r
}
