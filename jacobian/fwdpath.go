package jacobian

import (
	"fmt"
	"slices"

	"github.com/godiff/godiff/ir"
)

// forward builds the forward path: sweeps of the vector JVP, K columns
// each, and returns F's results. With the number of inputs fixed and at
// most K it is one sweep, without a loop.
func (p *paths) forward() ([]*ir.Value, error) {
	b, k := p.b, p.bd.s.K
	if n, ok := constInt(p.n); ok && n <= k {
		return p.sweep(p.int(0))
	}
	for _, i := range p.bd.l.written {
		// copy restores a slice of numbers or arrays of them, not the
		// rows of a slice of slices.
		if s, ok := p.bd.f.Params[i].Type.(ir.Slice); !ok || !flat(s.Elem) {
			return nil, fmt.Errorf("godiff cannot build the forward Jacobian of %s in several sweeps: it writes into %s, of type %s, which it would have to restore before each; use -mode=reverse", p.bd.f.Name, displayName(p.bd.f, i), p.bd.f.Params[i].Type)
		}
	}
	saved := p.save()
	sweeps := p.max(b.Div(p.add(p.n, p.int(k-1)), p.int(k)), p.int(1))
	vars := p.resultVars()
	var err error
	p.loop(sweeps, "s", func(s *ir.Value) {
		for _, x := range saved {
			b.CopySlice(p.args[x.param], x.copy)
		}
		var outs []*ir.Value
		if outs, err = p.sweep(p.mul(s, p.int(k))); err == nil {
			for i, x := range vars {
				b.Set(x, outs[i])
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return p.getAll(vars), nil
}

// savedSlice is a copy of a slice F writes, which each sweep starts
// from.
type savedSlice struct {
	param int
	copy  *ir.Value
}

// save copies each slice F writes into a buffer of the work.
func (p *paths) save() []savedSlice {
	var out []savedSlice
	for _, i := range p.bd.l.written {
		prm := p.bd.f.Params[i]
		fld := p.field(prm.Name+"0", prm.Type, kindSaved, fmt.Sprintf("%s as the caller passed it, which each forward sweep starts from.", displayName(p.bd.f, i)))
		buf := p.buffer(fld, p.args[i], prm.Name+"0")
		p.b.CopySlice(buf, p.args[i])
		out = append(out, savedSlice{i, buf})
	}
	return out
}

// sweep builds one sweep of the vector JVP for the columns c, c+1, ...,
// c+K-1: the unit vectors of those inputs as tangents, F's results and
// the tangents of its outputs into those columns of jac.
func (p *paths) sweep(c *ir.Value) ([]*ir.Value, error) {
	b, f, l, k := p.b, p.bd.f, p.bd.l, p.bd.s.K
	var tangents []*ir.Value
	tangentOf := make(map[int]*ir.Value)
	for n, i := range l.cols {
		d := p.tangent(i)
		p.seed(d, f.Params[i].Type, p.colOff[n], c)
		tangents = append(tangents, d)
		tangentOf[i] = d
	}
	for _, i := range l.outputs {
		d := p.tangent(i)
		tangents = append(tangents, d)
		tangentOf[i] = d
	}
	var dres *ir.Var
	if l.results > 0 {
		dres = &ir.Var{Name: "dres", Type: ir.Array{Len: l.results, Elem: ir.Array{Len: k, Elem: f.Results[0].Type}}}
		b.Declare(dres, nil)
		tangents = append(tangents, b.Addr(dres))
	}
	outs := invoke(b, p.bd.s.Vector, append(slices.Clone(p.args), tangents...))
	width := p.min(p.int(k), p.sub(p.n, c))
	if dres != nil {
		p.loop(p.int(l.results), "r", func(r *ir.Value) {
			p.gather(b.Load(b.Get(dres), r), b.Load(p.jac, r), c, width)
		})
	}
	for n, i := range l.rowParams {
		d := tangentOf[i]
		p.runs(d, f.Params[i].Type, p.rowOff[n], func(mem, count, off *ir.Value) {
			p.loop(indexes(count), "i", func(e *ir.Value) {
				p.gather(b.Load(mem, e), b.Load(p.jac, p.add(off, e)), c, width)
			})
		})
	}
	return outs, nil
}

// gather copies the first width tangents of row into the columns c, ...
// of jac's row jr.
func (p *paths) gather(row, jr, c, width *ir.Value) {
	p.loop(width, "j", func(j *ir.Value) {
		p.b.Store(jr, p.add(c, j), p.toFloat64(p.b.Load(row, j)))
	})
}

// tangent returns the zeroed tangents of parameter i: an array of the
// sweep's own for a float or an array, a buffer of the work with the
// slice's shape for a slice.
func (p *paths) tangent(i int) *ir.Value {
	b, prm, k := p.b, p.bd.f.Params[i], p.bd.s.K
	t := widen(prm.Type, k)
	switch t := t.(type) {
	case ir.Slice:
		fld := p.field("d"+prm.Name, t, kindTangents, fmt.Sprintf("the tangents of %s in a forward sweep, %d per element.", displayName(p.bd.f, i), k))
		d := p.buffer(fld, p.args[i], "d"+prm.Name)
		p.runs(d, prm.Type, p.int(0), func(mem, n, _ *ir.Value) { p.zero(mem, n) })
		return d
	case ir.Pointer:
		x := &ir.Var{Name: "d" + prm.Name, Type: t.Elem}
		b.Declare(x, nil)
		return b.Addr(x)
	}
	d := b.Make(t, p.int(t.(ir.Array).Len))
	d.Name = "d" + prm.Name
	return d
}

// seed writes 1 into the tangents d of the inputs, of type t, in the
// columns c, ..., c+K-1 (see gen.units).
func (p *paths) seed(d *ir.Value, t ir.Type, off, c *ir.Value) {
	p.units(d, t, off, c, p.bd.s.K, 1)
}

// flat reports whether a value of type t holds no reference to other
// memory: a number or a bool, or an array of them, which copy copies
// whole.
func flat(t ir.Type) bool {
	switch t := t.(type) {
	case ir.Basic:
		return true
	case ir.Array:
		return flat(t.Elem)
	}
	return false
}
