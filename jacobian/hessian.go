package jacobian

import (
	"fmt"
	"slices"
	"strings"

	"github.com/godiff/godiff/internal/prose"
	"github.com/godiff/godiff/ir"
)

// HessianSpec is what BuildHessian needs: F, its differentiated
// parameters, the names to generate, and FHVP, F's Hessian-vector
// product (F's parameters then one direction per differentiated one;
// F's result, the gradient, then H·v).
type HessianSpec struct {
	F        *ir.Func
	Wrt      []int
	Name, To string
	HVP      *ir.Func
	// Vector, if not nil, is the vector JVP of F's gradient (as one
	// function: reverse.Split.OneCall) with a direction per input, all
	// floats: FHessianTo calls it once, sharing one forward and one
	// backward sweep among the columns, instead of HVP per column.
	Vector *ir.Func
	// Chunked says that Vector is instead the vector JVP, HessianChunk
	// directions at once, of GradInto of F's gradient, which takes
	// slices: FHessianTo calls it once per HessianChunk columns.
	Chunked bool
	// Written are the slice parameters F writes into, differentiated or
	// not: FHessianTo copies them first and restores them before each
	// sweep (or FHVP call), so that every column is of F as it runs once
	// from the values passed, and they end as that run leaves them.
	// InPlace are the differentiated ones among them, whose directions F
	// updates in place too: each sweep zeroes them before it seeds.
	Written, InPlace []int
	// Outs are the slices F writes values varying with its inputs into,
	// not differentiated (forward.Outputs), in order: FHVP takes a
	// buffer for the derivative of each after the direction, and Vector
	// one for their tangents after the differentiated parameters'.
	// FHessianTo passes scratch buffers.
	Outs []int
}

// BuildHessian returns FHessian and FHessianTo, in that order: the dense
// Hessian of F, column j being H·e_j. With s.Vector, all columns come
// from one call of it, or, s.Chunked, HessianChunk of them from each
// call (see chunkSweeps); otherwise each is one call of FHVP along the
// j-th unit vector, so the Hessian costs n Hessian-vector products (each
// a small constant times the gradient) for n inputs.
// FHessianTo makes the matrix exactly symmetric by averaging H[i][j] and
// H[j][i], which differ by rounding only.
//
// The inputs are the differentiated parameters flattened in order, as
// the Jacobian's columns: a float is one, a slice of floats one per
// element. Other types are refused.
func BuildHessian(s *HessianSpec) ([]*ir.Func, error) {
	if err := HessianInputs(s.F, s.Wrt); err != nil {
		return nil, err
	}
	to := buildHessianFunc(s, false)
	if grouped(to.Results) {
		// A call of FHessianTo could not take its struct results apart:
		// FHessian does the same work with a matrix of its own.
		return []*ir.Func{buildHessianFunc(s, true), to}, nil
	}
	return []*ir.Func{buildHessianAlloc(s, to), to}, nil
}

// grouped reports whether some result is a field of a struct result.
func grouped(rs []ir.Result) bool {
	return slices.ContainsFunc(rs, func(r ir.Result) bool { return r.Group != nil })
}

// HessianInputs refuses the differentiated parameters BuildHessian
// cannot flatten: all but floats and slices of floats.
func HessianInputs(f *ir.Func, wrt []int) error {
	for _, i := range wrt {
		t := f.Params[i].Type
		s, isSlice := t.(ir.Slice)
		if !ir.IsFloat(t) && !(isSlice && ir.IsFloat(s.Elem)) {
			return fmt.Errorf("godiff builds Hessians with respect to float parameters and slices of floats, and %s of %s is %s; pass its floats as a []float64 (or separate float parameters)", displayName(f, i), f.Name, kindOf(t))
		}
	}
	return nil
}

// kindOf says what kind of type t is, in words: the IR passes an array
// parameter by pointer, which the user did not write.
func kindOf(t ir.Type) string {
	if p, ok := t.(ir.Pointer); ok {
		t = p.Elem
	}
	switch t.(type) {
	case ir.Array:
		return "an array"
	case ir.Slice:
		return "a slice of " + ir.Elem(t).String()
	}
	return t.String()
}

// hgen builds the code of FHessian or FHessianTo.
type hgen struct {
	*gen
	s    *HessianSpec
	args []*ir.Value // F's parameters
	offs []*ir.Value // the first input of each differentiated parameter
	cnts []*ir.Value // its number of inputs
	n    *ir.Value   // the number of inputs
	// saved holds copies of the slices F writes, by parameter (see
	// HessianSpec.Written).
	saved map[int]*ir.Value
}

// newHgen starts g's body, whose parameters from first on are F's, with
// the number of inputs.
func newHgen(s *HessianSpec, g *ir.Func, first int) *hgen {
	b := ir.NewBuilder(g)
	b.Simplify = true
	h := &hgen{gen: &gen{b: b}, s: s}
	for i := range s.F.Params {
		h.args = append(h.args, b.Param(first+i))
	}
	off := h.int(0)
	for _, i := range s.Wrt {
		c := h.count(h.args[i], s.F.Params[i].Type)
		h.offs, h.cnts = append(h.offs, off), append(h.cnts, c)
		off = h.add(off, c)
	}
	h.n = off
	h.n.Name = nameIfNotConst(h.n, "n")
	return h
}

// buildHessianFunc builds FHessianTo(h, params) (result, gradient...),
// or, alloc, FHessian(params) (result, gradient..., h), which makes h
// itself.
func buildHessianFunc(s *HessianSpec, alloc bool) *ir.Func {
	f := s.F
	taken := ir.SigNames(f.Params)
	hName := ir.FreshName(taken, "h")
	mat := ir.Slice{Elem: ir.Slice{Elem: ir.Float64}}
	params := append([]ir.Param{{Name: hName, Type: mat}}, f.Params...)
	results := slices.Clone(s.HVP.Results[:1+len(s.Wrt)])
	first := 1
	if alloc {
		params, first = slices.Clone(f.Params), 0
		results = append(results, ir.Result{Type: mat})
	}
	name := s.To
	if alloc {
		name = s.Name
	}
	g := ir.NewFunc(name, params, results)
	hg := newHgen(s, g, first)
	b := hg.b
	var h *ir.Value
	if alloc {
		h = hg.matrix(taken)
	} else {
		h = b.Param(0)
		hg.checkShape(h)
	}
	hg.saveWritten()
	vars := make([]*ir.Var, 1+len(s.Wrt))
	for k, r := range g.Results[:len(vars)] {
		vars[k] = &ir.Var{Name: fmt.Sprintf("r%d", k+1), Type: r.Type}
		if k > 0 {
			vars[k].Name = "d" + f.Params[s.Wrt[k-1]].Name
		}
		if r.Group != nil {
			// A field of the gradient's struct: FHVP's result names it.
			vars[k].Name, vars[k].Group, vars[k].Field = r.Name, r.Group, r.Field
		}
		b.Declare(vars[k], nil)
	}
	switch {
	case s.Chunked:
		outs := hg.chunkSweeps(h)
		for k, x := range vars {
			b.Set(x, outs[k])
		}
	case s.Vector != nil:
		outs := hg.vectorSweep(h)
		for k, x := range vars {
			b.Set(x, outs[k])
		}
	default:
		hg.columns(h, vars)
	}
	hg.symmetrize(h)
	outs := make([]*ir.Value, len(vars))
	for k, x := range vars {
		outs[k] = b.Get(x)
	}
	if alloc {
		outs = append(outs, h)
	}
	b.Return(outs...)
	g.Doc = hessianToDoc(s, g)
	if alloc {
		g.Doc = append(allocDoc(s, false), g.Doc[2:]...)
	}
	ir.DeadCode(g)
	ir.UniqueNames(g)
	return g
}

// vectorSweep builds the one call of the gradient's vector JVP, each
// float input's tangents the unit vector of its column, and copies the
// gradient's tangents into h; it returns F's result and gradient.
func (hg *hgen) vectorSweep(h *ir.Value) []*ir.Value {
	b, s := hg.b, hg.s
	n := len(s.Wrt)
	args := slices.Clone(hg.args)
	for k, i := range s.Wrt {
		t := s.F.Params[i].Type
		d := b.Make(ir.Array{Len: n, Elem: t}, hg.int(n))
		d.Name = "v" + s.F.Params[i].Name
		b.Store(d, hg.int(k), b.Float(t, 1))
		args = append(args, d)
	}
	args = append(args, hg.outBuffers(n)...)
	rt := s.Vector.Results[0].Type
	dres := &ir.Var{Name: "dres", Type: ir.Array{Len: 1 + n, Elem: ir.Array{Len: n, Elem: rt}}}
	b.Declare(dres, nil)
	outs := invoke(b, s.Vector, append(args, b.Addr(dres)))
	hg.loop(hg.int(n), "i", func(i *ir.Value) {
		row := b.Load(b.Get(dres), hg.add(i, hg.int(1)))
		hi := b.Load(h, i)
		hg.loop(hg.int(n), "j", func(j *ir.Value) {
			b.Store(hi, j, hg.toFloat64(b.Load(row, j)))
		})
	})
	return outs
}

// columns builds the loop of FHVP calls, one per column of h, and sets
// vars to F's result and gradient.
func (hg *hgen) columns(h *ir.Value, vars []*ir.Var) {
	b, s := hg.b, hg.s
	dirs := hg.directions()
	scratch := hg.outBuffers(0)
	hg.loop(hg.max(hg.n, hg.int(1)), "j", func(j *ir.Value) {
		hg.restoreWritten()
		hg.seed(dirs, j, 1)
		args := slices.Clone(hg.args)
		for _, d := range dirs {
			args = append(args, d.value(b))
		}
		outs := invoke(b, s.HVP, append(args, scratch...))
		for k, x := range vars {
			b.Set(x, outs[k])
		}
		hg.seed(dirs, j, 0)
		hg.column(h, j, outs[1+len(s.Wrt):])
	})
}

// checkShape panics, with what is wrong, unless h is n×n.
func (hg *hgen) checkShape(h *ir.Value) {
	b, to := hg.b, hg.s.To
	hg.when(b.Compare(ir.OpNe, b.Len(h), hg.n), func() {
		hg.halt(fmt.Sprintf("%s: h has %%d rows, want %%d: one per input", to), b.Len(h), hg.n)
	})
	hg.loop(h, "i", func(i *ir.Value) {
		row := b.Load(h, i)
		hg.when(b.Compare(ir.OpNe, b.Len(row), hg.n), func() {
			hg.halt(fmt.Sprintf("%s: row %%d of h has %%d columns, want %%d: one per input", to), i, b.Len(row), hg.n)
		})
	})
}

// direction is the direction FHVP takes for one differentiated
// parameter: a float variable, or a slice of the parameter's length.
type direction struct {
	x     *ir.Var   // a float's
	slice *ir.Value // a slice's
	t     ir.Type   // the parameter's type
}

func (d direction) value(b *ir.Builder) *ir.Value {
	if d.x != nil {
		return b.Get(d.x)
	}
	return d.slice
}

// directions declares the zero directions.
func (hg *hgen) directions() []direction {
	b, f := hg.b, hg.s.F
	var dirs []direction
	for _, i := range hg.s.Wrt {
		prm := f.Params[i]
		d := direction{t: prm.Type}
		if ir.IsFloat(prm.Type) {
			d.x = &ir.Var{Name: "v" + prm.Name, Type: prm.Type}
			b.Declare(d.x, b.Zero(prm.Type))
		} else {
			d.slice = b.Make(prm.Type, b.Len(hg.args[i]))
			d.slice.Name = "v" + prm.Name
		}
		dirs = append(dirs, d)
	}
	return dirs
}

// seed sets the entry of input j, wherever it is among dirs, to c.
func (hg *hgen) seed(dirs []direction, j *ir.Value, c float64) {
	b := hg.b
	for k, d := range dirs {
		if d.x != nil {
			hg.when(b.Compare(ir.OpEq, j, hg.offs[k]), func() { b.Set(d.x, b.Float(d.t, c)) })
			continue
		}
		rel := hg.sub(j, hg.offs[k])
		in := b.Logic(ir.OpAnd, b.Compare(ir.OpGe, rel, hg.int(0)), b.Compare(ir.OpLt, rel, hg.cnts[k]))
		hg.when(in, func() { b.Store(d.slice, rel, b.Float(ir.Elem(d.t), c)) })
	}
}

// column writes H·e_j, FHVP's last results hv, into column j of h.
func (hg *hgen) column(h, j *ir.Value, hv []*ir.Value) {
	b := hg.b
	for k, v := range hv {
		if ir.IsFloat(v.Type) {
			b.Store(b.Load(h, hg.offs[k]), j, hg.toFloat64(v))
			continue
		}
		hg.loop(v, "i", func(i *ir.Value) {
			b.Store(b.Load(h, hg.add(hg.offs[k], i)), j, hg.toFloat64(b.Load(v, i)))
		})
	}
}

// symmetrize sets H[i][j] and H[j][i], j > i, to their mean.
func (hg *hgen) symmetrize(h *ir.Value) {
	b := hg.b
	hg.loop(hg.n, "i", func(i *ir.Value) {
		next := hg.add(i, hg.int(1))
		hg.loop(hg.sub(hg.n, next), "e", func(e *ir.Value) {
			j := hg.add(next, e)
			hi, hj := b.Load(h, i), b.Load(h, j)
			m := b.Mul(b.Add(b.Load(hi, j), b.Load(hj, i)), b.Float(ir.Float64, 0.5))
			m.Name = "m"
			b.Store(hi, j, m)
			b.Store(hj, i, m)
		})
	})
}

// buildHessianAlloc builds FHessian(params) (result, gradient...,
// [][]float64): a fresh matrix, filled by FHessianTo.
func buildHessianAlloc(s *HessianSpec, to *ir.Func) *ir.Func {
	f := s.F
	taken := ir.SigNames(f.Params)
	mat := ir.Slice{Elem: ir.Slice{Elem: ir.Float64}}
	g := ir.NewFunc(s.Name, slices.Clone(f.Params), append(slices.Clone(to.Results), ir.Result{Type: mat}))
	hg := newHgen(s, g, 0)
	b := hg.b
	h := hg.matrix(taken)
	outs := invoke(b, to, append([]*ir.Value{h}, hg.args...))
	b.Return(append(outs, h)...)
	g.Doc = allocDoc(s, true)
	ir.DeadCode(g)
	ir.UniqueNames(g)
	return g
}

func hessianToDoc(s *HessianSpec, g *ir.Func) []string {
	f := s.F
	names := ir.GoNames(f.Params, s.Wrt)
	doc := []string{
		fmt.Sprintf("%s writes into h the Hessian of %s with respect to %s, and returns %s's result and its gradient as %s does. %s",
			s.To, f.Name, prose.List(names), f.Name, s.HVP.Name, inputOrder(s)),
		fmt.Sprintf("%s must be n×n for n inputs (%s allocates one). %s; the matrix is made exactly symmetric by averaging h[i][j] and h[j][i], which differ by rounding only.",
			strings.Join(ir.GoNames(g.Params, []int{0}), ""), s.Name, hessianHow(s)),
	}
	return append(doc, writtenDoc(s)...)
}

// hessianHow says how FHessianTo computes the columns.
func hessianHow(s *HessianSpec) string {
	if s.Chunked {
		return fmt.Sprintf("The columns come %d at a time from calls of %s, the gradient's JVP along %d unit vectors at once (vector forward mode over the reverse sweep), each sharing one forward and one backward sweep among them; row j of h is the product with the j-th unit vector", HessianChunk, s.Vector.Name, HessianChunk)
	}
	if s.Vector != nil {
		return fmt.Sprintf("All n columns come from one call of %s, the gradient's JVP along the n unit vectors at once (vector forward mode over the reverse sweep), which shares one forward and one backward sweep among them", s.Vector.Name)
	}
	return fmt.Sprintf("Column j is the Hessian-vector product %s along the j-th unit vector, so the Hessian costs n of them", s.HVP.Name)
}
