package forward

import "github.com/godiff/godiff/ir"

// tapeOp builds the tangent of an op of a local tape, which the gradient
// as one function holds (reverse.Split.OneCall) when this transform
// differentiates it for Hessian-vector products. The tangent of a tape
// is a second tape of its type, dt, holding the tangent of each varied
// value saved: a stack's tangent is a parallel stack, pushed, grown and
// reset with it, so a load (a pop, through the backward sweep's cursor)
// finds its tangent at the same place of dt. Fields no varied value is
// saved into have no tangent, and dt leaves them empty.
func (t *tangents) tapeOp(old, v *ir.Value) {
	b := t.b
	if v.Op == ir.OpLocalTape {
		if ir.IsPooled(v) {
			t.tapes[v] = b.PooledTape(v.Type.(ir.TapeRef), "d"+v.Name) // from the same pool
		} else {
			t.tapes[v] = b.LocalTape(v.Type.(ir.TapeRef), "d"+v.Name)
		}
		return
	}
	fld := v.Aux.(*ir.TapeField)
	dt := t.tapes[v.Args[0]]
	if dt == nil || !t.varied.Fields[fld] {
		return
	}
	switch v.Op {
	case ir.OpTapeReset:
		b.TapeReset(dt, fld)
	case ir.OpTapeGrow:
		b.TapeGrow(dt, fld, v.Args[1])
	case ir.OpTapeSave:
		if ir.IsSlice(v.Args[1].Type) {
			// A slice the gradient records (memory made in a loop or a
			// branch, or a view of it): its tangent memory, which a
			// load of it finds as the tangent of what it loads.
			b.TapeSave(dt, fld, t.ofResult(old.Args[1], v.Args[1]))
			return
		}
		b.TapeSave(dt, fld, t.of(old.Args[1], v.Args[1]))
	case ir.OpTapeLoad:
		d := b.TapeLoad(dt, fld)
		if ir.IsSlice(v.Type) {
			t.mem[v] = d
		} else {
			t.value[v] = d
		}
	}
}
