package jacobian

import (
	"slices"

	"github.com/godiff/godiff/ir"
)

// HessianChunk is the number of Hessian columns one sweep of the
// gradient's vector JVP computes when the inputs include slices: the
// forward and backward sweeps of the gradient, which do not depend on
// the direction, run once per HessianChunk columns, and each active
// operation costs HessianChunk multiply-adds more.
const HessianChunk = 8

// ChunkVector reports whether vec, forward.Vector of GradInto(grad)
// with HessianChunk directions, has the signature chunkSweeps calls:
// F's parameters, the gradient buffers, a tangent per differentiated
// parameter, one per slice F writes (outs, see HessianSpec.Outs), one per
// buffer (each buffer an output), and the results' tangents. A buffer no varied value is written into is no output, and
// the Hessian then takes FHVP's columns.
func ChunkVector(f, into, vec *ir.Func, wrt, outs []int) bool {
	bufs := len(into.Params) - len(f.Params)
	return len(vec.Params) == len(into.Params)+len(wrt)+len(outs)+bufs+1
}

// chunkSweeps builds the loop of sweeps of s.Vector, HessianChunk
// columns each, writing H·e_j into row j of h (the Hessian is
// symmetric); it returns F's result and gradient. The gradient buffers,
// the directions and the tangents are made once and reused by every
// sweep.
func (hg *hgen) chunkSweeps(h *ir.Value) []*ir.Value {
	b, s, f, k := hg.b, hg.s, hg.s.F, HessianChunk
	var bufs, dirs, touts []*ir.Value
	for _, i := range s.Wrt {
		prm := f.Params[i]
		wide := widen(prm.Type, k)
		if ir.IsFloat(prm.Type) {
			d := b.Make(wide, hg.int(k))
			d.Name = "v" + prm.Name
			dirs = append(dirs, d)
			continue
		}
		g := b.Make(prm.Type, b.Len(hg.args[i]))
		g.Name = "d" + prm.Name
		bufs = append(bufs, g)
		d := b.Make(wide, b.Len(hg.args[i]))
		d.Name = "v" + prm.Name
		dirs = append(dirs, d)
		t := b.Make(wide, b.Len(hg.args[i]))
		t.Name = "hv" + prm.Name
		touts = append(touts, t)
	}
	scratch := hg.outBuffers(k)
	floats := len(s.Vector.Results)
	dres := &ir.Var{Name: "dres", Type: ir.Array{Len: floats, Elem: ir.Array{Len: k, Elem: s.Vector.Results[0].Type}}}
	b.Declare(dres, nil)
	vars := make([]*ir.Var, floats)
	for q, r := range s.Vector.Results {
		vars[q] = &ir.Var{Name: "r", Type: r.Type}
		b.Declare(vars[q], nil)
	}
	sweeps := hg.max(b.Div(hg.add(hg.n, hg.int(k-1)), hg.int(k)), hg.int(1))
	hg.loop(sweeps, "c", func(c *ir.Value) {
		c0 := hg.mul(c, hg.int(k))
		hg.restoreWritten()
		for q, g := range bufs {
			hg.zero(g, b.Len(g))
			hg.zero(touts[q], b.Len(touts[q]))
		}
		for _, o := range scratch {
			hg.zero(o, b.Len(o))
		}
		for q, i := range s.Wrt {
			if slices.Contains(s.InPlace, i) {
				// F updated it in place last sweep, as it did x.
				hg.zero(dirs[q], b.Len(dirs[q]))
			}
		}
		hg.unitDirs(dirs, c0, 1)
		args := append(slices.Clone(hg.args), bufs...)
		args = append(append(append(args, dirs...), scratch...), touts...)
		outs := invoke(b, s.Vector, append(args, b.Addr(dres)))
		for q, x := range vars {
			b.Set(x, outs[q])
		}
		hg.unitDirs(dirs, c0, 0)
		hg.loop(hg.min(hg.int(k), hg.sub(hg.n, c0)), "k", func(e *ir.Value) {
			row := b.Load(h, hg.add(c0, e))
			hg.gatherRow(row, e, b.Get(dres), touts)
		})
	})
	// F's result and gradient, in the order of FHVP's.
	var outs []*ir.Value
	fl, sl := 1, 0
	outs = append(outs, b.Get(vars[0]))
	for _, i := range s.Wrt {
		if ir.IsFloat(f.Params[i].Type) {
			outs = append(outs, b.Get(vars[fl]))
			fl++
			continue
		}
		outs = append(outs, bufs[sl])
		sl++
	}
	return outs
}

// unitDirs writes x into the directions' entries of the columns c0, ...,
// c0+HessianChunk-1.
func (hg *hgen) unitDirs(dirs []*ir.Value, c0 *ir.Value, x float64) {
	for q, i := range hg.s.Wrt {
		hg.units(dirs[q], hg.s.F.Params[i].Type, hg.offs[q], c0, HessianChunk, x)
	}
}

// gatherRow writes direction e's tangents of the gradient into row: a
// float's from dres (row 0 is F's result's, dropped), a slice's from its
// buffer's tangents touts.
func (hg *hgen) gatherRow(row, e, dres *ir.Value, touts []*ir.Value) {
	b, s := hg.b, hg.s
	fl, sl := 1, 0
	for q, i := range s.Wrt {
		if ir.IsFloat(s.F.Params[i].Type) {
			b.Store(row, hg.offs[q], hg.toFloat64(b.Load(b.Load(dres, hg.int(fl)), e)))
			fl++
			continue
		}
		t := touts[sl]
		hg.loop(t, "i", func(i *ir.Value) {
			b.Store(row, hg.add(hg.offs[q], i), hg.toFloat64(b.Load(b.Load(t, i), e)))
		})
		sl++
	}
}
