package reverse

import "github.com/godiff/godiff/ir"

// writtenArray reports whether the load v reads an array (a parameter or a
// local array, nested ones included) that the function writes. The tape
// holds an array as a copy, taken when the forward sweep saves it (a
// parameter on entry, a local array as it is made), not a reference to
// its memory as for a slice; so a load of it cannot be recomputed from the
// tape once anything writes the array: the element is recorded instead.
func (s *splitter) writtenArray(v *ir.Value) bool {
	r := ir.Root(v.Args[0])
	_, isArray := r.Type.(ir.Array)
	return isArray && s.act.Written[r]
}

// arrayLen returns the length of an array if v is len of one: a constant
// the backward sweep needs no array for.
func arrayLen(v *ir.Value) (int64, bool) {
	if v.Op != ir.OpLen {
		return 0, false
	}
	t := v.Args[0].Type
	if p, ok := t.(ir.Pointer); ok {
		t = p.Elem
	}
	a, ok := t.(ir.Array)
	return int64(a.Len), ok
}

// rangeArrayLen returns the length of the array range loop l ranges over,
// if it ranges over one.
func rangeArrayLen(l *ir.Value) (int64, bool) {
	if l.Op != ir.OpRange {
		return 0, false
	}
	return arrayLen(&ir.Value{Op: ir.OpLen, Args: l.Args})
}

// addArray adds the array of adjoints d into the adjoint array ds, element
// by element, nested arrays row by row: the adjoints a callee's backward
// function computed for its copy of an array argument.
func (bw *backward) addArray(ds, d *ir.Value) {
	b := bw.b
	t := ir.Elem(d.Type)
	n := d.Type.(ir.Array).Len
	for k := range n {
		i := b.Const(ir.Int, int64(k))
		if _, nested := t.(ir.Array); nested {
			bw.addArray(b.Load(ds, i), b.Load(d, i))
			continue
		}
		dk := b.Load(d, i)
		if bw.touch(elem{ds, i}) {
			b.Store(ds, i, dk) // it was reset: no need to add
			continue
		}
		b.Store(ds, i, b.Add(b.Load(ds, i), dk))
	}
}

// elementSeeds returns the seeds of the results of v, a call of a function
// returning an array, whose elements are its results: the adjoint of each
// extract of v, zero for one nothing reads.
func (bw *backward) elementSeeds(v *ir.Value, types ir.Tuple) []*ir.Value {
	seeds := make([]*ir.Value, len(types))
	for _, x := range v.Block.Values {
		if x.Op != ir.OpExtract || x.Args[0] != v {
			continue
		}
		k := x.Aux.(int)
		if dx := bw.adjoint(x); dx != nil {
			if seeds[k] != nil {
				dx = bw.b.Add(seeds[k], dx)
			}
			seeds[k] = dx
		}
	}
	for k, t := range types {
		if seeds[k] == nil {
			seeds[k] = bw.b.ZeroOf(t) // an int result too
		}
	}
	return seeds
}
