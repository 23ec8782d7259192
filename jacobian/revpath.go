package jacobian

import (
	"fmt"
	"slices"

	"github.com/godiff/godiff/ir"
)

// reverse builds the reverse path: F's forward function on the work's
// tape, then per row of jac its backward function, seeded with the unit
// vector of that output, its adjoints written into the row. It returns
// F's results.
func (p *paths) reverse() ([]*ir.Value, error) {
	b, f, l, sp := p.b, p.bd.f, p.bd.l, p.bd.s.Split
	buffers, written := sp.Buffers()
	for _, i := range l.rowParams {
		if !slices.Contains(buffers, i) || !written[i] {
			return nil, fmt.Errorf("internal error building the Jacobian of %s: reverse mode has no seed for its output %s", f.Name, f.Params[i].Name)
		}
	}
	fld := p.field("tape", ir.Opaque{Go: sp.Tape.Name}, kindTape, fmt.Sprintf("what %s keeps for the backward sweeps.", sp.Forward.Name))
	tape := p.tape(fld)
	tape.Name = "tape"
	outs := invoke(b, sp.Forward, append([]*ir.Value{tape}, p.args...))
	var seeds *ir.Value
	if l.results > 0 {
		seeds = b.Make(ir.Array{Len: l.results, Elem: f.Results[0].Type}, p.int(l.results))
		seeds.Name = "seeds"
	}
	bufs := make([]*buffer, len(buffers))
	for k, i := range buffers {
		bufs[k] = p.newBuffer(i, written[i])
	}
	p.loop(p.m, "r", func(r *ir.Value) {
		jr := b.Load(p.jac, r)
		jr.Name = "row"
		isResult := b.Compare(ir.OpLt, r, p.int(l.results))
		if len(l.rowParams) == 0 {
			isResult = b.Const(ir.Bool, true) // every row is a result's
		}
		if seeds != nil {
			p.when(isResult, func() { b.Store(seeds, r, b.Float(f.Results[0].Type, 1)) })
		}
		args := []*ir.Value{tape}
		for k := range f.Results {
			args = append(args, b.Load(seeds, p.int(k)))
		}
		for _, buf := range bufs {
			args = append(args, buf.prepare(p, r, jr))
		}
		b.Invoke(ir.Callee{Name: sp.Backward.Name}, nil, args...)
		if seeds != nil {
			p.when(isResult, func() { b.Store(seeds, r, b.Zero(f.Results[0].Type)) })
		}
		for _, buf := range bufs {
			buf.copyOut(p, jr)
		}
	})
	return outs, nil
}

// bufferKind says how the reverse path provides a parameter's buffer.
type bufferKind int

const (
	inRow   bufferKind = iota // a []float64: the part of jac's row of its columns
	inWork                    // a slice: a buffer of the work with its shape
	perRow                    // a float or an array: a variable of each row's
	inGroup                   // a field of a struct: a field of the struct of adjoints, made once
)

// buffer is the adjoint buffer the backward function takes for one
// parameter, as the reverse path provides it.
type buffer struct {
	kind  bufferKind
	param int
	typ   ir.Type // the parameter's type
	// col and row are the parameter's column and row blocks (by index in
	// cols and rowParams), -1 if it has none.
	col, row int
	x        *ir.Var   // perRow, inGroup
	mem      *ir.Value // inWork; per row, inRow
}

// newBuffer makes the buffer of parameter i, before the loop over rows.
func (p *paths) newBuffer(i int, written bool) *buffer {
	b, f, l := p.b, p.bd.f, p.bd.l
	prm := f.Params[i]
	buf := &buffer{param: i, typ: prm.Type, col: slices.Index(l.cols, i), row: -1}
	if written {
		buf.row = slices.Index(l.rowParams, i)
	}
	_, isSlice := prm.Type.(ir.Slice)
	switch {
	case prm.Group != nil:
		buf.kind = inGroup
		buf.x = &ir.Var{Name: "d" + prm.Name, Type: prm.Type, Group: p.derivedGroup(prm.Group), Field: prm.Field}
		if isSlice {
			fld := p.field("d"+prm.Name, prm.Type, kindBuffers, fmt.Sprintf("the adjoint of %s in a backward sweep.", prm.Group.Ref(prm.Field)))
			b.Declare(buf.x, p.buffer(fld, p.args[i], "d"+prm.Name))
		} else {
			b.Declare(buf.x, nil)
		}
	case isSlice && buf.col >= 0 && prm.Type == ir.Slice{Elem: ir.Float64}:
		buf.kind = inRow
	case isSlice:
		buf.kind = inWork
		name, doc := "d"+prm.Name, fmt.Sprintf("the adjoint of %s in a backward sweep.", prm.Name)
		if buf.col < 0 {
			name, doc = "s"+prm.Name, fmt.Sprintf("the seed of %s for a backward sweep.", prm.Name)
		}
		buf.mem = p.buffer(p.field(name, prm.Type, kindBuffers, doc), p.args[i], name)
	default:
		buf.kind = perRow
		buf.x = &ir.Var{Name: "d" + prm.Name, Type: prm.Type}
	}
	return buf
}

// derivedGroup returns the struct of the adjoints of group g's leaves,
// made once per group, a pointer if g is one.
func (p *paths) derivedGroup(g *ir.Group) *ir.Group {
	if p.groups == nil {
		p.groups = make(map[*ir.Group]*ir.Group)
	}
	if d, ok := p.groups[g]; ok {
		return d
	}
	taken := ir.SigNames(p.b.Func.Params)
	d := g.Derived(ir.FreshName(taken, "d"+g.Name), g.Pointer)
	p.groups[g] = d
	return d
}

// prepare readies the buffer for the backward sweep of row r (jac's row
// jr): zero, holding the row's unit seed if it is an output, and returns
// the argument the backward function takes.
func (buf *buffer) prepare(p *paths, r, jr *ir.Value) *ir.Value {
	b := p.b
	var arg, mem *ir.Value // what is passed, and the memory to seed
	switch buf.kind {
	case inRow:
		lo := p.colOff[buf.col]
		buf.mem = b.Subslice(jr, lo, p.add(lo, b.Len(p.args[buf.param])))
		if p.fresh == nil { // a fresh Jacobian's row is zero until its sweep
			p.zero(buf.mem, b.Len(buf.mem))
		}
		arg, mem = buf.mem, buf.mem
	case inWork:
		p.runs(buf.mem, buf.typ, p.int(0), func(m, n, _ *ir.Value) { p.zero(m, n) })
		arg, mem = buf.mem, buf.mem
	case perRow:
		b.Declare(buf.x, nil) // a fresh zero
		arg = b.Addr(buf.x)
	case inGroup:
		switch {
		case ir.IsFloat(buf.typ):
			b.Set(buf.x, b.Zero(buf.typ))
			arg = b.Addr(buf.x)
		default:
			mem = b.Get(buf.x)
			p.runs(mem, buf.typ, p.int(0), func(m, n, _ *ir.Value) { p.zero(m, n) })
			arg = mem
			if _, isSlice := buf.typ.(ir.Slice); !isSlice {
				arg = b.Addr(buf.x)
			}
		}
	}
	if buf.row >= 0 {
		p.runs(mem, buf.typ, p.rowOff[buf.row], func(m, n, off *ir.Value) {
			rel := p.sub(r, off)
			p.when(b.Logic(ir.OpAnd, b.Compare(ir.OpGe, rel, p.int(0)), b.Compare(ir.OpLt, rel, n)), func() {
				b.Store(m, rel, b.Float(ir.Scalar(buf.typ), 1))
			})
		})
	}
	return arg
}

// copyOut writes the adjoints the backward sweep left in the buffer into
// the columns of jac's row jr: nothing for an output that is not
// differentiated, nor for a part of the row itself.
func (buf *buffer) copyOut(p *paths, jr *ir.Value) {
	if buf.col < 0 || buf.kind == inRow {
		return
	}
	b := p.b
	off := p.colOff[buf.col]
	if ir.IsFloat(buf.typ) {
		b.Store(jr, off, p.toFloat64(b.Get(buf.x)))
		return
	}
	mem := buf.mem
	if buf.x != nil {
		mem = b.Get(buf.x)
	}
	p.runs(mem, buf.typ, off, func(m, n, off *ir.Value) {
		p.loop(indexes(n), "i", func(i *ir.Value) {
			b.Store(jr, p.add(off, i), p.toFloat64(b.Load(m, i)))
		})
	})
}
