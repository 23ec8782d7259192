package jacobian

import (
	"github.com/godiff/godiff/ir"
)

// gen builds the code of one function: integer arithmetic folded where
// it is constant, and walks over the floats of nested slices and arrays.
type gen struct {
	b *ir.Builder
}

func (g *gen) int(n int) *ir.Value { return g.b.Const(ir.Int, int64(n)) }

// constInt returns the value of an integer constant.
func constInt(v *ir.Value) (int, bool) {
	if !v.IsConst() {
		return 0, false
	}
	n, ok := v.Aux.(int64)
	return int(n), ok
}

func (g *gen) add(x, y *ir.Value) *ir.Value { return g.b.Add(x, y) }
func (g *gen) sub(x, y *ir.Value) *ir.Value { return g.b.Sub(x, y) }
func (g *gen) mul(x, y *ir.Value) *ir.Value { return g.b.Mul(x, y) }

// min and max are the builtins, folded on constants.
func (g *gen) min(x, y *ir.Value) *ir.Value {
	if a, ok := constInt(x); ok {
		if b, ok := constInt(y); ok {
			return g.int(min(a, b))
		}
	}
	return g.b.MinMax(ir.OpMin, x, y)
}

func (g *gen) max(x, y *ir.Value) *ir.Value {
	if a, ok := constInt(x); ok {
		if b, ok := constInt(y); ok {
			return g.int(max(a, b))
		}
	}
	return g.b.MinMax(ir.OpMax, x, y)
}

// indexes returns what a loop over the n elements of some memory ranges
// over: the memory itself when n is its length (for i := range s).
func indexes(n *ir.Value) *ir.Value {
	if n.Op == ir.OpLen && ir.IsSlice(n.Args[0].Type) {
		return n.Args[0]
	}
	return n
}

// clamp returns x limited to [0, hi].
func (g *gen) clamp(x, hi *ir.Value) *ir.Value { return g.min(g.max(x, g.int(0)), hi) }

// loop builds a range loop over n (an int, or a slice's indexes) whose
// body body fills, given the index.
func (g *gen) loop(n *ir.Value, index string, body func(i *ir.Value)) {
	if k, ok := constInt(n); ok && k <= 0 {
		return
	}
	if k, ok := constInt(n); ok && k == 1 {
		body(g.int(0))
		return
	}
	l := g.b.Range("", n)
	g.b.In(l.Blocks[0], func() { body(g.b.Index(index)) })
}

// when builds if cond { then }, or then alone (or nothing) when cond is
// a constant.
func (g *gen) when(cond *ir.Value, then func()) {
	if cond.IsConst() {
		if cond.Aux.(bool) {
			then()
		}
		return
	}
	v := g.b.If(cond)
	g.b.In(v.Blocks[0], then)
}

// count returns the number of floats in x, of type t (see staticCount).
func (g *gen) count(x *ir.Value, t ir.Type) *ir.Value {
	if n, ok := staticCount(t); ok {
		return g.int(n)
	}
	elem := ir.Elem(t)
	if n, ok := staticCount(elem); ok {
		return g.mul(g.b.Len(x), g.int(n))
	}
	sum := &ir.Var{Name: "n", Type: ir.Int}
	g.b.Declare(sum, g.int(0))
	g.loop(x, "i", func(i *ir.Value) {
		g.b.Set(sum, g.add(g.b.Get(sum), g.count(g.b.Load(x, i), elem)))
	})
	return g.b.Get(sum)
}

// runs calls visit for each innermost run of floats of x, of type t (a
// slice, an array or a pointer to one, nested or not), with the run's
// memory, its length and the flat index of its first float, x's first
// being off. x may also be the tangents of such a value (see
// forward.Widen): its runs are then of rows of tangents, one per float.
func (g *gen) runs(x *ir.Value, t ir.Type, off *ir.Value, visit func(mem, n, off *ir.Value)) {
	elem := ir.Elem(t)
	if ir.IsFloat(elem) {
		visit(x, g.length(x, t), off)
		return
	}
	if n, ok := staticCount(elem); ok {
		g.loop(indexes(g.length(x, t)), "i", func(i *ir.Value) {
			g.runs(g.b.Load(x, i), elem, g.add(off, g.mul(i, g.int(n))), visit)
		})
		return
	}
	at := &ir.Var{Name: "at", Type: ir.Int}
	g.b.Declare(at, off)
	g.loop(indexes(g.length(x, t)), "i", func(i *ir.Value) {
		row := g.b.Load(x, i)
		g.runs(row, elem, g.b.Get(at), visit)
		g.b.Set(at, g.add(g.b.Get(at), g.count(row, elem)))
	})
}

// length returns the number of elements of x, of type t: a constant for
// an array.
func (g *gen) length(x *ir.Value, t ir.Type) *ir.Value {
	switch t := t.(type) {
	case ir.Array:
		return g.int(t.Len)
	case ir.Pointer:
		if a, ok := t.Elem.(ir.Array); ok {
			return g.int(a.Len)
		}
	}
	return g.b.Len(x)
}

// zero stores 0 into the n floats of mem, whose elements are floats or,
// for a widened run, arrays of them.
func (g *gen) zero(mem, n *ir.Value) {
	elem := ir.Elem(mem.Type)
	g.loop(indexes(n), "i", func(i *ir.Value) {
		if ir.IsFloat(elem) {
			g.b.Store(mem, i, g.b.Zero(elem))
			return
		}
		row := g.b.Load(mem, i)
		g.loop(g.int(elem.(ir.Array).Len), "j", func(j *ir.Value) {
			g.b.Store(row, j, g.b.Zero(ir.Elem(elem)))
		})
	})
}

// toFloat64 converts a float to float64, the Jacobian's type.
func (g *gen) toFloat64(x *ir.Value) *ir.Value { return g.b.Convert(x, ir.Float64) }

// units writes x into the tangents d, k per float, of the inputs of type
// t in the columns c, ..., c+k-1: the tangent of the input in column col
// gets its entry col-c. The inputs of d start at column off. With x 1
// it seeds a sweep of vector mode with unit vectors; with 0 it clears
// them again.
func (g *gen) units(d *ir.Value, t ir.Type, off, c *ir.Value, k int, x float64) {
	b := g.b
	one := func(row, col *ir.Value) { b.Store(row, g.sub(col, c), b.Float(ir.Elem(row.Type), x)) }
	if ir.IsFloat(t) {
		// A float's k tangents.
		rel := g.sub(off, c)
		g.when(b.Logic(ir.OpAnd, b.Compare(ir.OpGe, rel, g.int(0)), b.Compare(ir.OpLt, rel, g.int(k))), func() {
			one(d, off)
		})
		return
	}
	g.runs(d, t, off, func(mem, n, off *ir.Value) {
		lo := g.clamp(g.sub(c, off), n)
		hi := g.clamp(g.sub(g.add(c, g.int(k)), off), n)
		g.loop(g.sub(hi, lo), "i", func(e *ir.Value) {
			i := g.add(lo, e)
			one(b.Load(mem, i), g.add(off, i))
		})
	})
}
