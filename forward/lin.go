package forward

import (
	"slices"

	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/rules"
)

// This file holds the tangents of vector mode (see Vector): each float
// value's tangent is K numbers, one per direction, kept as a linear
// combination of arrays of K entries until something needs them in an
// array of their own.

// lin is the tangent of a float value in vector mode: the sum over its
// terms of coefficient times row, a row being K entries in memory (an
// array of the function's own, a tangent parameter, a row of a tangent
// slice or of a variable's tangent array). Building the terms costs
// scalar multiplications only; the loop over the K directions runs once,
// where the combination is written into an array (materialize). A nil
// lin is zero.
type lin struct {
	terms []term
	// mem says that some row is a view of memory that a store or a call
	// may write (an element's tangent, loaded where the element was);
	// vars lists the variables, of the function being differentiated,
	// whose tangent arrays some row is. The combination must be written
	// into an array of its own before such a write: see volatile.
	mem  bool
	vars []*ir.Var
}

// term is one coefficient times one row; a nil coefficient is 1.
type term struct {
	coef *ir.Value
	row  *ir.Value
}

// rowLin is the tangent held by row as it is, stable or not.
func rowLin(row *ir.Value, mem bool, x *ir.Var) *lin {
	l := &lin{terms: []term{{row: row}}, mem: mem}
	if x != nil {
		l.vars = []*ir.Var{x}
	}
	return l
}

// stable reports whether nothing can write the rows of l.
func (l *lin) stable() bool { return l == nil || !l.mem && len(l.vars) == 0 }

// combine returns the sum of partial_i times tangent_i, in type t: the
// chain rule of one value, on lins. Terms over one row are added into
// one.
func (t *vtangents) combine(typ ir.Type, partials []*ir.Value, ls []*lin) *lin {
	b := t.b
	out := &lin{}
	index := make(map[*ir.Value]int) // row → its term in out
	for i, l := range ls {
		if l == nil || partials[i] == nil {
			continue
		}
		out.mem = out.mem || l.mem
		for _, x := range l.vars {
			if !slices.Contains(out.vars, x) {
				out.vars = append(out.vars, x)
			}
		}
		for _, tm := range l.terms {
			c := partials[i]
			if tm.coef != nil {
				c = rules.TimesEither(b, c, b.Convert(tm.coef, typ))
			}
			if c.IsFloatConst(0) {
				continue // a zero partial: no term, as Builder.Mul drops x*0
			}
			if k, ok := index[tm.row]; ok {
				out.terms[k].coef = b.Add(coefOf(b, out.terms[k], typ), c)
				continue
			}
			index[tm.row] = len(out.terms)
			if c.IsFloatConst(1) {
				c = nil
			}
			out.terms = append(out.terms, term{coef: c, row: tm.row})
		}
	}
	// Coefficients summed over one row may fold to 0 or 1 (b - b, or
	// -(-x)): drop the first, as Builder.Mul drops x*0, and write the
	// second as nil, so that a combination that is one row as it is is
	// seen as one (see materialize and storeRow).
	out.terms = slices.DeleteFunc(out.terms, func(tm term) bool { return tm.coef != nil && tm.coef.IsFloatConst(0) })
	for k := range out.terms {
		if out.terms[k].coef != nil && out.terms[k].coef.IsFloatConst(1) {
			out.terms[k].coef = nil
		}
	}
	if len(out.terms) == 0 {
		return nil
	}
	return out
}

// coefOf returns a term's coefficient as a value of type typ.
func coefOf(b *ir.Builder, tm term, typ ir.Type) *ir.Value {
	if tm.coef == nil {
		return b.Float(typ, 1)
	}
	return b.Convert(tm.coef, typ)
}

// materialize returns an array of K entries of type typ holding l: one
// of l's rows if l is that row alone and nothing can overwrite it (or
// copy is false), else a fresh array filled by one loop over the
// directions. name names the fresh array.
func (t *vtangents) materialize(l *lin, typ ir.Type, name string, copy bool) *ir.Value {
	if l != nil && len(l.terms) == 1 && l.terms[0].coef == nil && (!copy || l.stable()) && ir.Elem(l.terms[0].row.Type) == typ {
		return l.terms[0].row
	}
	b := t.b
	arr := b.Make(t.row(typ), b.Const(ir.Int, int64(t.k)))
	if name != "" {
		arr.Name = "d" + name
	}
	if l != nil {
		t.fill(arr, l, typ)
	}
	return arr
}

// fill writes l into the K entries of row dst, of element type typ: one
// loop over the directions, dst[j] = c1*r1[j] + c2*r2[j] + .... Each
// entry is read before it is written, so a row of l may be dst itself.
func (t *vtangents) fill(dst *ir.Value, l *lin, typ ir.Type) {
	b := t.b
	if t.unroll {
		for j := range t.k {
			t.fillEntry(dst, l, typ, b.Const(ir.Int, int64(j)))
		}
		return
	}
	loop := b.Range("", b.Const(ir.Int, int64(t.k)))
	b.In(loop.Blocks[0], func() { t.fillEntry(dst, l, typ, b.Index("j")) })
}

// fillEntry writes entry j of l into dst[j].
func (t *vtangents) fillEntry(dst *ir.Value, l *lin, typ ir.Type, j *ir.Value) {
	b := t.b
	{
		var sum []*ir.Value
		if l != nil {
			for _, tm := range l.terms {
				x := b.Load(tm.row, j)
				if x.Type != typ {
					x = b.Convert(x, typ)
				}
				if tm.coef != nil {
					// A coefficient that is a quotient's partial divides
					// the entry first (see rules.TimesEither).
					x = rules.TimesEither(b, b.Convert(tm.coef, typ), x)
				}
				sum = append(sum, x)
			}
		}
		b.Store(dst, j, b.Sum(typ, sum))
	}
}

// storeRow writes l into row i of ds, whose rows hold K entries of type
// typ: as a copy of the row when l is one row as it is (ds[i] = dx[j]),
// else by fill.
func (t *vtangents) storeRow(ds, i *ir.Value, l *lin, typ ir.Type) {
	if l != nil && len(l.terms) == 1 && l.terms[0].coef == nil && ir.Elem(l.terms[0].row.Type) == typ {
		row := l.terms[0].row
		if row.Op == ir.OpLoad && row.Args[0] == ds && sameIndex(row.Args[1], i) {
			return // x[i] += 1, or x[n-1] = c + x[1] with n = 2: the tangents stay
		}
		t.b.Store(ds, i, row)
		return
	}
	t.fill(t.b.Load(ds, i), l, typ)
}

// row returns the type of K tangents of a value of float type typ.
func (t *vtangents) row(typ ir.Type) ir.Type { return ir.Array{Len: t.k, Elem: typ} }

// Widen returns the type of the tangents of a value of type typ in
// vector mode with k directions: each float becomes an array of k
// floats, so []float64 becomes [][k]float64 and [3]float64
// [3][k]float64.
func Widen(typ ir.Type, k int) ir.Type {
	switch typ := typ.(type) {
	case ir.Slice:
		return ir.Slice{Elem: Widen(typ.Elem, k)}
	case ir.Array:
		return ir.Array{Len: typ.Len, Elem: Widen(typ.Elem, k)}
	case ir.Pointer:
		return ir.Pointer{Elem: Widen(typ.Elem, k)}
	}
	return ir.Array{Len: k, Elem: typ}
}

// sameIndex reports whether indexes a and b are one: the same value, or
// equal constants (x[1] read, x[len(x)-1] written, the length folded).
func sameIndex(a, b *ir.Value) bool {
	return a == b || a.IsConst() && b.IsConst() && a.Type == b.Type && a.Aux == b.Aux
}
