package forward

import (
	"fmt"

	"github.com/godiff/godiff/ir"
)

// This file follows, in vector mode, the local tape of a gradient as one
// function (reverse.Split.OneCall): the values its forward sweep records
// in loops and branches for its backward sweep. As Transform's tapeOp
// does for one direction, each tape has a tangent tape beside it, pushed,
// grown and reset with it, so that a load (a pop, through the backward
// sweep's cursor) finds its tangents at the same place. Here an entry's
// tangents are k numbers: the tangent tape is of a type of its own, whose
// fields are the varied fields of the tape, widened (float64 → [k]float64,
// []float64 → [][k]float64; see Widen). Fields no varied value is saved
// into have none.

// vtapes is the tangent tapes of one vector JVP.
type vtapes struct {
	follow bool                            // VectorOptions.Tapes
	name   string                          // the vector JVP's, which names the tangent tape types
	tapes  map[*ir.Value]*ir.Value         // the copy of a local tape → its tangent tape
	types  map[*ir.Tape]*ir.Tape           // a tape type → its tangents'
	fields map[*ir.TapeField]*ir.TapeField // a varied field → its tangents'
	named  int                             // the tangent tape types made
}

// tapeType returns the type of the tangent tape of tape.
func (t *vtangents) tapeType(tape *ir.Tape) *ir.Tape {
	if d := t.tp.types[tape]; d != nil {
		return d
	}
	name := t.tp.name + "Tape"
	if t.tp.named > 0 {
		name = fmt.Sprintf("%sTape%d", t.tp.name, t.tp.named+1)
	}
	d := &ir.Tape{Name: name, Doc: []string{fmt.Sprintf("%s holds the tangents, %d per value (one per direction), of the values %s records in its %s for its backward sweep.", name, t.k, t.tp.name, tape.Name)}}
	for _, fld := range tape.Fields {
		if !t.varied.Fields[fld] {
			continue
		}
		doc := fmt.Sprintf("the tangents of %s, %d per entry", fld.Name, t.k)
		nf := &ir.TapeField{Name: fld.Name, Type: Widen(fld.Type, t.k), Stack: fld.Stack, Doc: doc}
		d.Fields = append(d.Fields, nf)
		t.tp.fields[fld] = nf
	}
	t.tp.types[tape] = d
	if len(d.Fields) > 0 {
		t.tp.named++
	}
	return d
}

// tapeOp builds the tangents of a copied tape operation old (v its copy).
func (t *vtangents) tapeOp(old, v *ir.Value) {
	b := t.b
	if v.Op == ir.OpLocalTape {
		d := t.tapeType(v.Type.(ir.TapeRef).Tape)
		if len(d.Fields) == 0 {
			return // it records no varied value
		}
		ref := ir.TapeRef{Tape: d}
		if ir.IsPooled(v) {
			t.tp.tapes[v] = b.PooledTape(ref, "d"+v.Name)
		} else {
			t.tp.tapes[v] = b.LocalTape(ref, "d"+v.Name)
		}
		return
	}
	dt := t.tp.tapes[v.Args[0]]
	fld := t.tp.fields[v.Aux.(*ir.TapeField)]
	if dt == nil || fld == nil {
		return
	}
	switch v.Op {
	case ir.OpTapeReset:
		b.TapeReset(dt, fld)
	case ir.OpTapeGrow:
		b.TapeGrow(dt, fld, v.Args[1])
	case ir.OpTapeSave:
		x := v.Args[1]
		if ir.IsSlice(x.Type) {
			d := t.mem[x]
			if d == nil {
				d = b.Make(Widen(x.Type, t.k), b.Len(x))
			}
			b.TapeSave(dt, fld, d)
			return
		}
		b.TapeSave(dt, fld, t.materialize(t.take(x), x.Type, "", false))
	case ir.OpTapeLoad:
		d := b.TapeLoad(dt, fld)
		if ir.IsSlice(v.Type) {
			t.mem[v] = d
			return
		}
		// A single entry: a later save may overwrite it.
		t.define(old, v, rowLin(d, true, nil))
	}
}
