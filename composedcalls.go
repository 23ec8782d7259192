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
// rule is r, with respect to the parameters wrt of FGradInto (those
// whose arguments carry a derivative): FGradInto, which the calls no
// derivative flows through call; F's Hessian-vector product with respect
// to the gradient's slices and F's other parameters in wrt
// (FGradCallHVP); and, for reverse-mode callers, the tape, forward and
// backward functions of the rule, or, for forward-mode ones, its JVP,
// each the variant for wrt (ir.CallRule's Variant: LogLossGradCallNoXY…
// where the data x and y carry none). done holds the names built so far.
func composedCallee(r *ir.CallRule, wrt []int, forward bool, done map[string]bool) ([]*ir.Func, error) {
	v := newVariant(r, wrt)
	var out []*ir.Func
	if !done[v.hvp] {
		hvp, err := composedHVP(r, v.h, v.hvp)
		if err != nil {
			return nil, err
		}
		done[v.hvp] = true
		out = append(out, hvp)
	}
	if !done[r.Derived.Name] {
		done[r.Derived.Name] = true
		out = append(out, r.Derived)
	}
	switch {
	case forward && !done[v.names.JVP]:
		done[v.names.JVP] = true
		out = append(out, v.jvp())
	case !forward && !done[v.names.Forward]:
		done[v.names.Forward] = true
		fwd, bwd := v.split()
		out = append(out, fwd, bwd)
	}
	return out, nil
}

// A variant is what the derivatives of the calls of FGrad with respect
// to some of FGradInto's parameters are built from.
type variant struct {
	r     *ir.CallRule
	cm    *ir.Composed
	names ir.SplitCallNames
	wrt   []int // FGradInto's parameters whose arguments carry a derivative
	// h are the parameters of F the HVP, named hvp, differentiates: the
	// gradient's slices (the direction lies along them), and those of
	// wrt (their gradients and H·v are needed).
	h   []int
	hvp string
}

// newVariant returns the variant of r's calls with respect to wrt.
func newVariant(r *ir.CallRule, wrt []int) *variant {
	cm := r.Composed
	names := r.Variant(wrt)
	h := slices.Clone(cm.Wrt)
	for _, i := range wrt {
		if i < len(cm.F.Params) && !slices.Contains(h, i) {
			h = append(h, i)
		}
	}
	slices.Sort(h)
	suffix := strings.TrimSuffix(strings.TrimPrefix(names.Forward, names.Base+"Call"), "Forward")
	return &variant{r: r, cm: cm, names: names, wrt: wrt, h: h, hvp: names.Base + "Call" + suffix + "HVP"}
}

// hvpResults are the result types of the variant's HVP (see
// composedHVP): F's value, then the gradient and H·v of each of h.
func (v *variant) hvpResults() ir.Tuple {
	out := ir.Tuple{ir.Float64}
	for range 2 {
		for _, i := range v.h {
			out = append(out, v.cm.F.Params[i].Type)
		}
	}
	return out
}

// zeroLike returns a zero of x's type: a fresh slice of x's length, or 0.
func zeroLike(b *ir.Builder, x *ir.Value) *ir.Value {
	if ir.IsSlice(x.Type) {
		return b.Make(x.Type, b.Len(x))
	}
	return b.Zero(x.Type)
}

// composedHVP builds F's Hessian-vector product with respect to every
// parameter that can carry a derivative: F's parameters, a direction
// for each of those, and F's value, its gradient and H·v. It refuses an
// F that writes into its parameters, whose HVP takes more.
func composedHVP(r *ir.CallRule, wrt []int, name string) (*ir.Func, error) {
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
	flat, err := reverse.Inline(f, wrt)
	if err != nil {
		return nil, why(err)
	}
	if outs, inPlace := writtenParams(flat, wrt); len(outs)+len(inPlace) > 0 {
		p := f.Params[append(outs, inPlace...)[0]].Name
		return nil, why(fmt.Errorf("%s writes into %s, a parameter; write into a slice %s makes instead", f.Name, p, f.Name))
	}
	hvp, _, err := buildHVP(f, parse.Directive{Mode: parse.HVP, Wrt: wrt, Name: name}, name)
	if err != nil {
		return nil, why(err)
	}
	if want := 1 + 2*len(wrt); len(hvp.Results) != want || len(hvp.Params) != len(f.Params)+len(wrt) {
		panic(fmt.Sprintf("godiff: %s has %d parameters and %d results, want %d and %d", hvp.Name, len(hvp.Params), len(hvp.Results), len(f.Params)+len(wrt), want))
	}
	hvp.Doc = append(hvp.Doc, fmt.Sprintf("The derivatives of the calls of %s in differentiated code call it.", r.Names.Base))
	return hvp, nil
}

// split builds the tape, forward and backward functions of the
// variant's calls for reverse-mode callers, in the shape of a custom rule
// of a function of slices (see parse's slicerule.go), but with buffers
// for the parameters of wrt only. The forward function keeps copies of
// F's arguments (and FVJP's seed), which the caller may overwrite, and
// calls FGradInto. The backward function, given the seed s of F's value
// and the adjoints of the gradient buffers ḡ, adds s·∇F + H·(ḡ on the
// differentiated slices, 0 elsewhere) into the adjoint of every argument
// of wrt (the gradient's transposed Jacobian is H's rows, H being
// symmetric), the second term times FVJP's seed, whose own adjoint is
// ḡ·∇F; and it zeroes ḡ: the call overwrites the buffers, so their
// contents before it have no derivative.
func (v *variant) split() (fwd, bwd *ir.Func) {
	cm, names := v.cm, v.names
	into := v.r.Derived
	n := len(cm.F.Params)
	tape := &ir.Tape{Name: names.Tape, Doc: []string{fmt.Sprintf("%s keeps the arguments of a call of %s for %s: copies of the slices.", names.Tape, names.Base, names.Backward)}}
	kept := cm.Bufs() // F's arguments, and FVJP's seed
	fields := make([]*ir.TapeField, kept)
	for i, p := range into.Params[:kept] {
		fields[i] = tape.Field(p.Name, p.Type, false, fmt.Sprintf("the argument %s", p.Name))
	}
	taken := ir.SigNames(into.Params)
	tname := ir.FreshName(taken, "t")
	taken[tname] = true

	fwd = ir.NewFunc(names.Forward, append([]ir.Param{{Name: tname, Type: ir.TapeRef{Tape: tape}}}, into.Params...), []ir.Result{{Type: ir.Float64}})
	fwd.Tape = tape
	fwd.Doc = []string{fmt.Sprintf("%s runs a call of %s in the forward sweep of a differentiated caller, writing the gradient into the buffers, and keeps the arguments in t for %s.", fwd.Name, names.Base, names.Backward)}
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

	// The backward function: the tape, the seed, a buffer per parameter
	// of wrt (a pointer for a float).
	params := []ir.Param{{Name: tname, Type: ir.TapeRef{Tape: tape}}, {Name: ir.FreshName(taken, "s"), Type: ir.Float64}}
	taken[params[1].Name] = true
	for _, i := range v.wrt {
		p := into.Params[i]
		t := p.Type
		if !ir.IsSlice(t) {
			t = ir.Pointer{Elem: t}
		}
		name := ir.FreshName(taken, "d"+p.Name)
		taken[name] = true
		params = append(params, ir.Param{Name: name, Type: t})
	}
	bwd = ir.NewFunc(names.Backward, params, nil)
	times := ""
	if cm.Seeded {
		times = " and the seed"
	}
	bwd.Doc = []string{fmt.Sprintf("%s adds into the buffers the derivatives of a call of %s, given the seed %s of its value and the adjoints of the gradient it wrote (which it zeroes): %s times %s's gradient plus its Hessian times those adjoints%s, by %s.",
		bwd.Name, names.Base, params[1].Name, params[1].Name, cm.F.Name, times, v.hvp)}
	b = ir.NewBuilder(bwd)
	t = b.Param(0)
	s := b.Param(1)
	buf := make(map[int]*ir.Value) // FGradInto's parameter → its buffer
	for k, i := range v.wrt {
		buf[i] = b.Param(2 + k)
	}
	xs := make([]*ir.Value, kept)
	for i := range kept {
		xs[i] = b.TapeLoad(t, fields[i])
	}
	dirs := make([]*ir.Value, len(v.h))
	for j, i := range v.h {
		if d := buf[cm.Bufs()+slices.Index(cm.Wrt, i)]; slices.Contains(cm.Wrt, i) && d != nil {
			dirs[j] = d // the gradient's adjoint
		} else {
			dirs[j] = zeroLike(b, xs[i])
		}
	}
	call := b.Invoke(ir.Callee{Name: v.hvp}, v.hvpResults(), append(slices.Clone(xs[:n]), dirs...)...)
	var seed *ir.Value // FVJP's: the gradient is seed·∇F
	if cm.Seeded {
		seed = xs[n]
	}
	for j, i := range v.h {
		d := buf[i]
		if d == nil {
			continue // no derivative goes to the argument
		}
		grad, hv := b.Extract(call, 1+j), b.Extract(call, 1+len(v.h)+j)
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
	if ds := buf[n]; seed != nil && ds != nil {
		// The seed's adjoint: ḡ·∇F over the gradient's slices.
		sum := &ir.Var{Name: ir.FreshName(taken, "ds"), Type: ir.Float64}
		b.Declare(sum, b.Zero(ir.Float64))
		for k, i := range cm.Wrt {
			d := buf[cm.Bufs()+k]
			if d == nil {
				continue
			}
			grad := b.Extract(call, 1+slices.Index(v.h, i))
			loop := b.Range("", d)
			b.In(loop.Blocks[0], func() {
				at := b.Index("i")
				b.Set(sum, b.Add(b.Get(sum), b.Mul(b.Load(d, at), b.Load(grad, at))))
			})
		}
		b.Accum(ds, b.Get(sum))
	}
	for k := range cm.Wrt {
		d := buf[cm.Bufs()+k]
		if d == nil {
			continue
		}
		loop := b.Range("", d)
		b.In(loop.Blocks[0], func() {
			b.Store(d, b.Index("i"), b.Zero(ir.Float64))
		})
	}
	b.Return()
	return fwd, bwd
}

// jvp builds the variant's JVP for forward-mode callers, in the shape of
// a custom rule's JVP but with tangents for the parameters of wrt only:
// FGradInto's parameters and those tangents. It writes the gradient into
// the buffers and its tangent, H·v (for FVJP: dseed·∇F + seed·H·v), into
// the buffers' tangents, and returns F's value and its tangent ∇F·v.
func (v *variant) jvp() *ir.Func {
	cm := v.cm
	into := v.r.Derived
	n := len(cm.F.Params)
	params := slices.Clone(into.Params)
	taken := ir.SigNames(params)
	tangent := make(map[int]int) // FGradInto's parameter → its tangent's
	for _, i := range v.wrt {
		p := into.Params[i]
		name := ir.FreshName(taken, "d"+p.Name)
		taken[name] = true
		tangent[i] = len(params)
		params = append(params, ir.Param{Name: name, Type: p.Type})
	}
	g := ir.NewFunc(v.names.JVP, params, []ir.Result{{Type: ir.Float64}, {Type: ir.Float64}})
	bufs := make([]int, len(cm.Wrt))
	for k := range bufs {
		bufs[k] = cm.Bufs() + k
	}
	g.Doc = []string{fmt.Sprintf("%s runs a call of %s in a forward-mode caller: it writes the gradient into %s and its derivative along the direction (the Hessian-vector product, by %s) into their tangents, and returns %s's value and its derivative.",
		g.Name, v.names.Base, prose.List(ir.GoNames(params, bufs)), v.hvp, cm.F.Name)}
	b := ir.NewBuilder(g)
	ps := make([]*ir.Value, len(params))
	for i := range params {
		ps[i] = b.Param(i)
	}
	tan := func(i int) *ir.Value { // the tangent of FGradInto's parameter i, or nil
		if k, ok := tangent[i]; ok {
			return ps[k]
		}
		return nil
	}
	dirs := make([]*ir.Value, len(v.h))
	for j, i := range v.h {
		if dirs[j] = tan(i); dirs[j] == nil {
			dirs[j] = zeroLike(b, ps[i])
		}
	}
	call := b.Invoke(ir.Callee{Name: v.hvp}, v.hvpResults(), append(slices.Clone(ps[:n]), dirs...)...)
	taken[g.Name] = true
	df := &ir.Var{Name: ir.FreshName(taken, "df"), Type: ir.Float64}
	b.Declare(df, b.Zero(ir.Float64))
	for j, i := range v.h {
		grad, d := b.Extract(call, 1+j), tan(i)
		if d == nil {
			continue
		}
		if !ir.IsSlice(grad.Type) {
			b.Set(df, b.Add(b.Get(df), b.Mul(grad, d)))
			continue
		}
		loop := b.Range("", grad)
		b.In(loop.Blocks[0], func() {
			at := b.Index("i")
			b.Set(df, b.Add(b.Get(df), b.Mul(b.Load(grad, at), b.Load(d, at))))
		})
	}
	// The gradient and F's value are the HVP's where it differentiates
	// what FGrad does, the same sweeps; else FGradInto's: FVJP's seed·∇F
	// computed here, or a gradient with respect to more, might differ
	// from FGrad's in the last bits.
	exact := cm.Seeded || !slices.Equal(v.h, cm.Wrt)
	for k, i := range cm.Wrt {
		j := slices.Index(v.h, i)
		grad, hv := b.Extract(call, 1+j), b.Extract(call, 1+len(v.h)+j)
		buf, dbuf := ps[cm.Bufs()+k], tan(cm.Bufs()+k)
		if !exact {
			b.CopySlice(buf, grad)
		}
		if dbuf == nil {
			continue
		}
		if !cm.Seeded {
			b.CopySlice(dbuf, hv)
			continue
		}
		// The tangent of FVJP's gradient seed·∇F: dseed·∇F + seed·H·v.
		seed, dseed := ps[n], tan(n)
		loop := b.Range("", buf)
		b.In(loop.Blocks[0], func() {
			at := b.Index("i")
			d := b.Mul(seed, b.Load(hv, at))
			if dseed != nil {
				d = b.Add(b.Mul(dseed, b.Load(grad, at)), d)
			}
			b.Store(dbuf, at, d)
		})
	}
	if exact {
		b.Return(b.Invoke(ir.Callee{Name: into.Name}, ir.Float64, ps[:len(into.Params)]...), b.Get(df))
		return g
	}
	b.Return(b.Extract(call, 0), b.Get(df))
	return g
}
