package reverse

import (
	"slices"

	"github.com/godiff/godiff/ir"
)

// entryCond inserts before loop l the computation of whether l runs at
// least once, and returns it, or returns nil when it cannot tell: for a
// range loop, that its slice or count is not empty; for a for loop, its
// condition with the variables its init declares at their first values
// (an init of declarations and pure values, a condition of pure values,
// reads of variables and loads).
func entryCond(g *ir.Func, l *ir.Value) *ir.Value {
	if l.Op == ir.OpFor && (l.Blocks[1].Result == nil || !clonable(l.Blocks[0]) || !clonable(l.Blocks[1])) {
		return nil
	}
	if l.Op == ir.OpRange && !ir.IsSlice(l.Args[0].Type) && l.Args[0].Type != ir.Int {
		return nil
	}
	b := ir.NewBuilder(g)
	var out *ir.Value
	b.InsertIn(l.Block, slices.Index(l.Block.Values, l), func() {
		if l.Op == ir.OpRange {
			n := l.Args[0]
			if ir.IsSlice(n.Type) {
				n = b.Len(n)
			}
			out = b.Compare(ir.OpGt, n, b.Const(ir.Int, int64(0)))
			return
		}
		vals := make(map[*ir.Value]*ir.Value)
		first := make(map[*ir.Var]*ir.Value)
		for _, blk := range l.Blocks[:2] {
			for _, v := range blk.Values {
				cloneFirst(b, v, vals, first)
			}
		}
		out = vals[l.Blocks[1].Result]
	})
	return out
}

// clonable reports whether entryCond can compute the values of blk before
// the loop: declarations, reads of variables and loads, pure values.
func clonable(blk *ir.Block) bool {
	for _, v := range blk.Values {
		switch {
		case v.Op == ir.OpDecl && len(v.Args) == 0:
			if t := v.Aux.(*ir.Var).Type; !ir.IsFloat(t) && !ir.IsInteger(t) && t != ir.Bool {
				return false // no zero value ZeroOf can write
			}
		case v.Op == ir.OpDecl, v.Op == ir.OpGet, v.Op == ir.OpLoad:
		case v.Op.IsPure() && v.Op != ir.OpPartials:
		default:
			return false
		}
	}
	return true
}

// cloneFirst computes v, a value of a loop's init or condition block,
// before the loop, as the loop's first evaluation of it: a variable the
// init declares reads as its first value (first).
func cloneFirst(b *ir.Builder, v *ir.Value, vals map[*ir.Value]*ir.Value, first map[*ir.Var]*ir.Value) {
	args := make([]*ir.Value, len(v.Args))
	for i, a := range v.Args {
		if c, ok := vals[a]; ok {
			args[i] = c
		} else {
			args[i] = a // defined before the loop
		}
	}
	switch v.Op {
	case ir.OpDecl:
		x := v.Aux.(*ir.Var)
		if len(args) == 1 {
			first[x] = args[0]
		} else {
			first[x] = b.ZeroOf(x.Type)
		}
	case ir.OpGet:
		if f, ok := first[v.Aux.(*ir.Var)]; ok {
			vals[v] = f
		} else {
			vals[v] = b.Get(v.Aux.(*ir.Var))
		}
	case ir.OpLoad:
		vals[v] = b.Load(args[0], args[1])
	default:
		vals[v] = b.CopyOf(v, args)
	}
}
