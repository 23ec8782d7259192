package jacobian

import (
	"slices"

	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/reverse"
)

// FJacobian, which makes a fresh Jacobian each call, runs FJacobianTo's
// computation in its own body rather than calling FJacobianTo on a work
// of its own: a buffer FJacobianTo keeps in its work escapes to the heap
// (the work is behind a pointer), so a fresh work cost one allocation
// per buffer and call, where a local variable of FJacobian's own, which
// nothing keeps, may stay on the stack (Go keeps there a make of at most
// 32 bytes that does not escape: BA's seed of its 2 outputs). The tape of
// the reverse path is FGrad's: a local variable when its size is fixed,
// else one from the pool. FJacobian builds its Jacobian itself, so it
// skips FJacobianTo's check of jac's shape and the zeroing of rows that
// are still zero.

// freshWork stands for the work in FJacobian: a local variable for each
// buffer field of the work, declared at the function's entry so that
// the sweeps of the forward path share them. The paths ask for the
// fields in the order FJacobianTo's build made them, so they are
// replayed in that order.
type freshWork struct {
	fields []*ir.TapeField
	next   int
	vars   map[*ir.TapeField]*ir.Var
	// tape is the reverse path's tape, taken at the function's entry:
	// emit gives a pooled tape back at the function's returns, which are
	// in its body.
	tape *ir.Value
}

// newFreshWork declares the variables of the buffer fields of w, and
// takes the tape of the split form sp, if any.
func newFreshWork(b *ir.Builder, w *work, sp *reverse.Split) *freshWork {
	fw := &freshWork{fields: slices.Clone(w.tape.Fields), vars: make(map[*ir.TapeField]*ir.Var)}
	if sp != nil {
		fw.tape = b.PooledTape(ir.TapeRef{Tape: sp.Tape}, "tape")
	}
	for _, fld := range fw.fields {
		if fld == w.tapeField {
			continue
		}
		x := &ir.Var{Name: fld.Name, Type: fld.Type}
		b.Declare(x, nil)
		fw.vars[fld] = x
	}
	return fw
}

// field returns the work's field for a buffer: in FJacobianTo a new field
// of the work, in FJacobian the field FJacobianTo's build made at the
// same point.
func (p *paths) field(want string, t ir.Type, kind, doc string) *ir.TapeField {
	fw := p.fresh
	if fw == nil {
		return p.bd.work.field(want, t, kind, doc)
	}
	if fw.next >= len(fw.fields) {
		panic("jacobian: FJacobian asks for more buffers than FJacobianTo has")
	}
	fld := fw.fields[fw.next]
	fw.next++
	return fld
}

// tape returns the tape of the reverse path, the work's field fld: in
// FJacobian a tape of the function's own (see ir.IsPooled).
func (p *paths) tape(fld *ir.TapeField) *ir.Value {
	p.bd.work.tapeField = fld
	if p.fresh != nil {
		return p.fresh.tape
	}
	return p.b.TapeSlot(p.work, fld)
}

// freshShaped is shaped for FJacobian: the buffer in the variable of
// field fld, made when x is larger than what it holds (once, unless a
// sweep's x differs).
func (p *paths) freshShaped(fld *ir.TapeField, x *ir.Value) *ir.Value {
	b := p.b
	v := p.fresh.vars[fld]
	n := b.Len(x)
	p.when(b.Compare(ir.OpLt, b.Cap(b.Get(v)), n), func() {
		b.Set(v, b.Make(fld.Type, n))
	})
	res := b.Subslice(b.Get(v), p.int(0), n)
	if inner, ok := ir.Elem(fld.Type).(ir.Slice); ok {
		p.loop(x, "i", func(i *ir.Value) {
			p.shapedRow(res, i, inner, b.Len(b.Load(x, i)))
		})
	}
	return res
}

// buffer returns the buffer of field fld with x's shape (see shaped): the
// work's in FJacobianTo, a local variable's in FJacobian.
func (p *paths) buffer(fld *ir.TapeField, x *ir.Value, name string) *ir.Value {
	if p.fresh != nil {
		return p.freshShaped(fld, x)
	}
	return p.shaped(p.work, fld, x, name)
}
