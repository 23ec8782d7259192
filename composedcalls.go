package godiff

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/godiff/godiff/internal/prose"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/parse"
	"github.com/godiff/godiff/reverse"
)

// composedCallee builds the functions that differentiate the calls of
// FGrad of an annotated function F of slices (see ir.Composed), whose
// rule is r: FGradInto, which the calls no derivative flows through call;
// F's Hessian-vector product with respect to every parameter that can
// carry a derivative (FGradCallHVP); and, for reverse-mode callers, the
// tape, forward and backward functions of the rule, or, for forward-mode
// ones, its JVP. done holds the names built so far.
func composedCallee(r *ir.CallRule, forward bool, done map[string]bool) ([]*ir.Func, error) {
	cm := r.Composed
	var out []*ir.Func
	if !done[cm.HVP] {
		hvp, err := composedHVP(r)
		if err != nil {
			return nil, err
		}
		done[cm.HVP] = true
		out = append(out, hvp)
	}
	if !done[r.Derived.Name] {
		done[r.Derived.Name] = true
		out = append(out, r.Derived)
	}
	switch {
	case forward && !done[r.Names.JVP]:
		done[r.Names.JVP] = true
		out = append(out, composedJVP(r))
	case !forward && !done[r.Names.Forward]:
		done[r.Names.Forward] = true
		fwd, bwd := composedSplit(r)
		out = append(out, fwd, bwd)
	}
	return out, nil
}

// composedHVP builds F's Hessian-vector product with respect to every
// parameter that can carry a derivative: F's parameters, a direction
// for each of those, and F's value, its gradient and H·v. It refuses an
// F that writes into its parameters, whose HVP takes more.
func composedHVP(r *ir.CallRule) (*ir.Func, error) {
	cm := r.Composed
	f := cm.F
	why := func(err error) error {
		msg := err.Error()
		var list parse.ErrorList
		if errors.As(err, &list) && len(list) == 1 && !list[0].Pos.IsValid() {
			msg = list[0].Msg // hvpError's, at no directive
		}
		msg = strings.TrimPrefix(msg, fmt.Sprintf("//godiff:hvp cannot build the Hessian-vector product of %s: ", f.Name))
		return fmt.Errorf("the derivative of %s along a direction is %s's Hessian-vector product (forward mode over its reverse sweep), which godiff cannot build: %s", r.Names.Base, f.Name, msg)
	}
	flat, err := reverse.Inline(f, cm.All)
	if err != nil {
		return nil, why(err)
	}
	if outs, inPlace := writtenParams(flat, cm.All); len(outs)+len(inPlace) > 0 {
		p := f.Params[append(outs, inPlace...)[0]].Name
		return nil, why(fmt.Errorf("%s writes into %s, a parameter; write into a slice %s makes instead", f.Name, p, f.Name))
	}
	hvp, _, err := buildHVP(f, parse.Directive{Mode: parse.HVP, Wrt: cm.All, Name: cm.HVP}, cm.HVP)
	if err != nil {
		return nil, why(err)
	}
	if want := 1 + 2*len(cm.All); len(hvp.Results) != want || len(hvp.Params) != len(f.Params)+len(cm.All) {
		panic(fmt.Sprintf("godiff: %s has %d parameters and %d results, want %d and %d", hvp.Name, len(hvp.Params), len(hvp.Results), len(f.Params)+len(cm.All), want))
	}
	hvp.Doc = append(hvp.Doc, fmt.Sprintf("The derivatives of the calls of %s in differentiated code call it.", r.Names.Base))
	return hvp, nil
}

// composedSplit builds the tape, forward and backward functions of r's
// calls for reverse-mode callers, in the shape of a custom rule of a
// function of slices (see parse's slicerule.go). The forward function
// keeps copies of F's arguments (and FVJP's seed), which the caller may
// overwrite, and calls FGradInto. The backward function, given the seed
// s of F's value and the adjoints of the gradient buffers ḡ, adds s·∇F +
// H·(ḡ on the differentiated slices, 0 elsewhere) into the adjoint of
// every argument (the gradient's transposed Jacobian is H's rows, H being
// symmetric), the second term times FVJP's seed, whose own adjoint is
// ḡ·∇F; and it zeroes ḡ: the call overwrites the buffers, so their
// contents before it have no derivative.
func composedSplit(r *ir.CallRule) (fwd, bwd *ir.Func) {
	cm := r.Composed
	into := r.Derived
	n := len(cm.F.Params)
	tape := &ir.Tape{Name: r.Names.Tape, Doc: []string{fmt.Sprintf("%s keeps the arguments of a call of %s for %s: copies of the slices.", r.Names.Tape, r.Names.Base, r.Names.Backward)}}
	kept := cm.Bufs() // F's arguments, and FVJP's seed
	fields := make([]*ir.TapeField, kept)
	for i, p := range into.Params[:kept] {
		fields[i] = tape.Field(p.Name, p.Type, false, fmt.Sprintf("the argument %s", p.Name))
	}
	taken := ir.SigNames(into.Params)
	tname := ir.FreshName(taken, "t")
	taken[tname] = true

	fwd = ir.NewFunc(r.Names.Forward, append([]ir.Param{{Name: tname, Type: ir.TapeRef{Tape: tape}}}, into.Params...), []ir.Result{{Type: ir.Float64}})
	fwd.Tape = tape
	fwd.Doc = []string{fmt.Sprintf("%s runs a call of %s in the forward sweep of a differentiated caller, writing the gradient into the buffers, and keeps the arguments in t for %s.", fwd.Name, r.Names.Base, r.Names.Backward)}
	b := ir.NewBuilder(fwd)
	t := b.Param(0)
	args := make([]*ir.Value, len(into.Params))
	for i := range into.Params {
		args[i] = b.Param(1 + i)
	}
	for i := range kept {
		x := args[i]
		if ir.IsSlice(x.Type) {
			cp := b.Make(x.Type, b.Len(x))
			b.CopySlice(cp, x)
			x = cp
		}
		b.TapeSave(t, fields[i], x)
	}
	b.Return(b.Invoke(ir.Callee{Name: into.Name}, ir.Float64, args...))

	// The backward function: the tape, the seed, a buffer per
	// differentiable parameter of FGradInto (a pointer for a float).
	params := []ir.Param{{Name: tname, Type: ir.TapeRef{Tape: tape}}, {Name: ir.FreshName(taken, "s"), Type: ir.Float64}}
	taken[params[1].Name] = true
	var diff []int // FGradInto's parameters with a buffer
	for i, p := range into.Params {
		if !ir.IsDifferentiable(p.Type) {
			continue
		}
		t := p.Type
		if !ir.IsSlice(t) {
			t = ir.Pointer{Elem: t}
		}
		name := ir.FreshName(taken, "d"+p.Name)
		taken[name] = true
		params = append(params, ir.Param{Name: name, Type: t})
		diff = append(diff, i)
	}
	bwd = ir.NewFunc(r.Names.Backward, params, nil)
	times := ""
	if cm.Seeded {
		times = " and the seed"
	}
	bwd.Doc = []string{fmt.Sprintf("%s adds into the buffers the derivatives of a call of %s, given the seed %s of its value and the adjoints of the gradient it wrote (which it zeroes): %s times %s's gradient plus its Hessian times those adjoints%s, by %s.",
		bwd.Name, r.Names.Base, params[1].Name, params[1].Name, cm.F.Name, times, cm.HVP)}
	b = ir.NewBuilder(bwd)
	t = b.Param(0)
	s := b.Param(1)
	buf := make(map[int]*ir.Value) // FGradInto's parameter → its buffer
	for k, i := range diff {
		buf[i] = b.Param(2 + k)
	}
	xs := make([]*ir.Value, kept)
	for i := range kept {
		xs[i] = b.TapeLoad(t, fields[i])
	}
	dirs := make([]*ir.Value, len(cm.All))
	for j, i := range cm.All {
		if k := slices.Index(cm.Wrt, i); k >= 0 {
			dirs[j] = buf[cm.Bufs()+k] // the gradient's adjoint
			continue
		}
		if ir.IsSlice(xs[i].Type) {
			dirs[j] = b.Make(xs[i].Type, b.Len(xs[i]))
		} else {
			dirs[j] = b.Zero(xs[i].Type)
		}
	}
	call := b.Invoke(ir.Callee{Name: cm.HVP}, hvpResults(cm), append(slices.Clone(xs[:n]), dirs...)...)
	var seed *ir.Value // FVJP's: the gradient is seed·∇F
	if cm.Seeded {
		seed = xs[n]
	}
	for j, i := range cm.All {
		grad, hv := b.Extract(call, 1+j), b.Extract(call, 1+len(cm.All)+j)
		d := buf[i]
		// d += s·grad + seed·hv
		add := func(grad, hv *ir.Value) *ir.Value {
			if seed != nil {
				hv = b.Mul(seed, hv)
			}
			return b.Add(b.Mul(s, grad), hv)
		}
		if !ir.IsSlice(xs[i].Type) {
			b.Accum(d, add(grad, hv))
			continue
		}
		loop := b.Range("", d)
		b.In(loop.Blocks[0], func() {
			at := b.Index("i")
			b.Store(d, at, b.Add(b.Load(d, at), add(b.Load(grad, at), b.Load(hv, at))))
		})
	}
	if seed != nil {
		// The seed's adjoint: ḡ·∇F over the gradient's slices.
		sum := &ir.Var{Name: ir.FreshName(taken, "ds"), Type: ir.Float64}
		b.Declare(sum, b.Zero(ir.Float64))
		for k, i := range cm.Wrt {
			grad, d := b.Extract(call, 1+slices.Index(cm.All, i)), buf[cm.Bufs()+k]
			loop := b.Range("", d)
			b.In(loop.Blocks[0], func() {
				at := b.Index("i")
				b.Set(sum, b.Add(b.Get(sum), b.Mul(b.Load(d, at), b.Load(grad, at))))
			})
		}
		b.Accum(buf[n], b.Get(sum))
	}
	for k := range cm.Wrt {
		d := buf[cm.Bufs()+k]
		loop := b.Range("", d)
		b.In(loop.Blocks[0], func() {
			b.Store(d, b.Index("i"), b.Zero(ir.Float64))
		})
	}
	b.Return()
	return fwd, bwd
}

// hvpResults are the result types of F's HVP (see composedHVP).
func hvpResults(cm *ir.Composed) ir.Tuple {
	out := ir.Tuple{ir.Float64}
	for range 2 {
		for _, i := range cm.All {
			out = append(out, cm.F.Params[i].Type)
		}
	}
	return out
}

// composedJVP builds FGradJVP for forward-mode callers, in the shape of
// a custom rule's JVP: FGradInto's parameters and a tangent for each
// differentiable one; it writes the gradient into the buffers and its
// tangent, H·v (for FVJP: dseed·∇F + seed·H·v), into the buffers'
// tangents, and returns F's value and its tangent ∇F·v.
func composedJVP(r *ir.CallRule) *ir.Func {
	cm := r.Composed
	into := r.Derived
	n := len(cm.F.Params)
	params := slices.Clone(into.Params)
	taken := ir.SigNames(params)
	tangent := make(map[int]int) // FGradInto's parameter → its tangent's
	for i, p := range into.Params {
		if !ir.IsDifferentiable(p.Type) {
			continue
		}
		name := ir.FreshName(taken, "d"+p.Name)
		taken[name] = true
		tangent[i] = len(params)
		params = append(params, ir.Param{Name: name, Type: p.Type})
	}
	g := ir.NewFunc(r.Names.JVP, params, []ir.Result{{Type: ir.Float64}, {Type: ir.Float64}})
	var bufs []int
	for k := range cm.Wrt {
		bufs = append(bufs, n+k)
	}
	g.Doc = []string{fmt.Sprintf("%s runs a call of %s in a forward-mode caller: it writes the gradient into %s and its derivative along the direction (the Hessian-vector product, by %s) into their tangents, and returns %s's value and its derivative.",
		g.Name, r.Names.Base, prose.List(ir.GoNames(params, bufs)), cm.HVP, cm.F.Name)}
	b := ir.NewBuilder(g)
	ps := make([]*ir.Value, len(params))
	for i := range params {
		ps[i] = b.Param(i)
	}
	dirs := make([]*ir.Value, len(cm.All))
	for j, i := range cm.All {
		dirs[j] = ps[tangent[i]]
	}
	call := b.Invoke(ir.Callee{Name: cm.HVP}, hvpResults(cm), append(slices.Clone(ps[:n]), dirs...)...)
	df := &ir.Var{Name: ir.FreshName(taken, "df"), Type: ir.Float64}
	b.Declare(df, b.Zero(ir.Float64))
	for j := range cm.All {
		grad, v := b.Extract(call, 1+j), dirs[j]
		if !ir.IsSlice(grad.Type) {
			b.Set(df, b.Add(b.Get(df), b.Mul(grad, v)))
			continue
		}
		loop := b.Range("", grad)
		b.In(loop.Blocks[0], func() {
			at := b.Index("i")
			b.Set(df, b.Add(b.Get(df), b.Mul(b.Load(grad, at), b.Load(v, at))))
		})
	}
	for k, i := range cm.Wrt {
		j := slices.Index(cm.All, i)
		grad, hv := b.Extract(call, 1+j), b.Extract(call, 1+len(cm.All)+j)
		buf, dbuf := ps[cm.Bufs()+k], ps[tangent[cm.Bufs()+k]]
		if !cm.Seeded {
			b.CopySlice(buf, grad)
			b.CopySlice(dbuf, hv)
			continue
		}
		// The tangent of FVJP's gradient seed·∇F: dseed·∇F + seed·H·v.
		// The gradient itself is FGradInto's, below: seed·∇F computed
		// here would differ from FVJP's in the last bits.
		seed, dseed := ps[n], ps[tangent[n]]
		loop := b.Range("", buf)
		b.In(loop.Blocks[0], func() {
			at := b.Index("i")
			b.Store(dbuf, at, b.Add(b.Mul(dseed, b.Load(grad, at)), b.Mul(seed, b.Load(hv, at))))
		})
	}
	if cm.Seeded {
		b.Return(b.Invoke(ir.Callee{Name: into.Name}, ir.Float64, ps[:len(into.Params)]...), b.Get(df))
		return g
	}
	b.Return(b.Extract(call, 0), b.Get(df))
	return g
}
