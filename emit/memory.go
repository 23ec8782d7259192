package emit

import (
	"errors"

	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
)

// This file writes the expressions of memory: slices and arrays, their
// elements, lengths, fresh slices and copies.

// primary returns x as the operand of an index, slice or selector
// expression, which binds tighter than any operator: &a[i] would index a.
func primary(x expr) expr {
	if x.prec < precOperand {
		return paren(x)
	}
	return x
}

// indexed returns s as the operand of an index or slice expression. A
// pointer &a to an array variable is indexed as a itself: (&a)[i] is a[i].
func (e *funcEmitter) indexed(s *ir.Value) (expr, error) {
	if x, ok := s.Aux.(*ir.Var); ok && s.Op == ir.OpAddr && isArray(x.Type) {
		return operand(jen.Id(e.vars[x].name)), nil
	}
	if field := e.fieldOf(s); field != nil {
		return operand(field), nil // dn.Grid[i], not (&dn.Grid)[i]
	}
	if f := e.fixedLoad(s); f != nil {
		tf, err := e.fields(s.Args[0], f, 1)
		if err != nil {
			return expr{}, err
		}
		return operand(tf[0]), nil // t.f[i], not t.f[:t.fN][i]: i < t.fN
	}
	sx, err := e.ref(s)
	if err != nil {
		return expr{}, err
	}
	return primary(sx), nil
}

// element returns s[i].
func (e *funcEmitter) element(s, i *ir.Value) (*jen.Statement, error) {
	sx, err := e.indexed(s)
	if err != nil {
		return nil, err
	}
	ix, err := e.ref(i)
	if err != nil {
		return nil, err
	}
	return jen.Add(sx.code).Index(ix.code), nil
}

// load returns s[i].
func (e *funcEmitter) load(v *ir.Value) (expr, error) {
	code, err := e.element(v.Args[0], v.Args[1])
	if err != nil {
		return expr{}, err
	}
	return operand(code), nil
}

// length returns len(s).
func (e *funcEmitter) length(v *ir.Value) (expr, error) {
	if f := e.fixedLoad(v.Args[0]); f != nil && v.Op == ir.OpLen {
		n, err := e.fixedCount(v.Args[0].Args[0], f, 1)
		if err != nil {
			return expr{}, err
		}
		return operand(n[0]), nil
	}
	s, err := e.indexed(v.Args[0])
	if err != nil {
		return expr{}, err
	}
	if v.Op == ir.OpCap {
		return operand(jen.Cap(s.code)), nil
	}
	return operand(jen.Len(s.code)), nil
}

// isNil returns s == nil.
func (e *funcEmitter) isNil(v *ir.Value) (expr, error) {
	s, err := e.ref(v.Args[0])
	if err != nil {
		return expr{}, err
	}
	return infix("==", precCompare, s, operand(jen.Nil())), nil
}

// makeSlice returns make([]T, n). An array's make is a declaration, var a
// [N]T, written by declare.
func (e *funcEmitter) makeSlice(v *ir.Value) (expr, error) {
	if isArray(v.Type) {
		return expr{}, errors.New("an array's make is a declaration, not an expression")
	}
	t, err := goType(v.Type)
	if err != nil {
		return expr{}, err
	}
	n, err := e.ref(v.Args[0])
	if err != nil {
		return expr{}, err
	}
	return operand(jen.Make(t, n.code)), nil
}

// sliceLit returns []T{a, b} or [N]T{a, b}.
func (e *funcEmitter) sliceLit(v *ir.Value) (expr, error) {
	t, err := goType(v.Type)
	if err != nil {
		return expr{}, err
	}
	elems := make([]jen.Code, len(v.Args))
	for i, a := range v.Args {
		x, err := e.ref(a)
		if err != nil {
			return expr{}, err
		}
		elems[i] = x.code
	}
	return operand(t.Values(elems...)), nil
}

// subslice returns s[lo:hi], leaving out a low bound that is the literal
// 0 and a high bound that is len(s) of the same s written in place (a
// declared length stays: its name must be read).
func (e *funcEmitter) subslice(v *ir.Value) (expr, error) {
	s, lo, hi := v.Args[0], v.Args[1], v.Args[2]
	sx, err := e.indexed(s)
	if err != nil {
		return expr{}, err
	}
	bounds := [2]jen.Code{jen.Empty(), jen.Empty()}
	if !(lo.IsConst() && isZeroInt(lo)) {
		x, err := e.ref(lo)
		if err != nil {
			return expr{}, err
		}
		bounds[0] = x.code
	}
	if !(hi.Op == ir.OpLen && hi.Args[0] == s && e.plan.form[hi] == formInline) {
		x, err := e.ref(hi)
		if err != nil {
			return expr{}, err
		}
		bounds[1] = x.code
	}
	if ir.IsCapped(v) {
		// s[lo:hi:hi], hi written out even when it is len(s).
		x, err := e.ref(hi)
		if err != nil {
			return expr{}, err
		}
		return operand(jen.Add(sx.code).Index(bounds[0], x.code, x.code)), nil
	}
	return operand(jen.Add(sx.code).Index(bounds[0], bounds[1])), nil
}

// isZeroInt reports whether an integer constant is 0.
func isZeroInt(c *ir.Value) bool {
	switch a := c.Aux.(type) {
	case int64:
		return a == 0
	case uint64:
		return a == 0
	}
	return false
}

// copyCall returns copy(dst, src).
func (e *funcEmitter) copyCall(v *ir.Value) (expr, error) {
	dst, err := e.ref(v.Args[0])
	if err != nil {
		return expr{}, err
	}
	src, err := e.ref(v.Args[1])
	if err != nil {
		return expr{}, err
	}
	return operand(jen.Copy(dst.code, src.code)), nil
}
