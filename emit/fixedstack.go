package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
)

// This file writes the stacks ir.FixStacks bounds: an array of the bound's
// length and a count of the entries pushed in this run, in place of a
// slice, so that the tape holds no memory of its own on the heap.
//
//	elem  [3]float64   // the entries
//	elemN int          // how many this run pushed
//
//	t.elemN = 0                    (reset)
//	t.elem[t.elemN] = x; t.elemN++ (push)
//	t.elem[:t.elemN]               (the entries, as a slice)

// fixedCountName is the name of the count of the fixed stack f.
func fixedCountName(f *ir.TapeField) string { return fieldName(f) + "N" }

// fixedLoad returns the fixed stack a value loads whole from its tape
// (OpTapeLoad) when the load is written inline, so that its uses can read
// the array and its count rather than the slice of them; nil otherwise.
func (e *funcEmitter) fixedLoad(v *ir.Value) *ir.TapeField {
	if v.Op != ir.OpTapeLoad {
		return nil
	}
	f := v.Aux.(*ir.TapeField)
	if f.Fixed == 0 || e.plan.form[v] != formInline {
		return nil
	}
	return f
}

// fixedCount returns n copies of t.fN, the count of the fixed stack f of
// tape.
func (e *funcEmitter) fixedCount(tape *ir.Value, f *ir.TapeField, n int) ([]*jen.Statement, error) {
	return e.fields(tape, &ir.TapeField{Name: fixedCountName(f)}, n)
}

// fixedWrite returns the statements of a reset (t.fN = 0) or a push
// (t.f[t.fN] = x; t.fN++) of the fixed stack f.
func (e *funcEmitter) fixedWrite(v *ir.Value, f *ir.TapeField) ([]stmt, error) {
	n, err := e.fixedCount(v.Args[0], f, 3)
	if err != nil {
		return nil, err
	}
	if v.Op == ir.OpTapeReset {
		return one(n[0].Op("=").Lit(0), stmtSimple), nil
	}
	tf, err := e.fields(v.Args[0], f, 1)
	if err != nil {
		return nil, err
	}
	x, err := e.ref(v.Args[1])
	if err != nil {
		return nil, err
	}
	return []stmt{
		{code: tf[0].Index(n[1]).Op("=").Add(x.code), kind: stmtSimple},
		{code: n[2].Op("++"), kind: stmtSimple},
	}, nil
}
