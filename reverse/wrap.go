package reverse

import (
	"fmt"
	"slices"
	"strings"

	"github.com/godiff/godiff/internal/prose"
	"github.com/godiff/godiff/ir"
)

// buildBackward builds the backward function:
//
//	FBackward(t *FTape, seeds..., adjoint buffers...)
//
// with one seed per result of F and one buffer per parameter that is
// differentiated or that F writes into with active values (an output): a
// slice of the parameter's type, or a pointer for a scalar or an array.
// The adjoints are added to the buffers. An output's buffer holds its seed
// on entry, and is used up. The map returned holds every buffer F writes
// into (an output, or a differentiated slice updated in place): each takes
// a seed.
func (s *splitter) buildBackward(name string) (*ir.Func, []int, map[int]bool, error) {
	f := s.f
	tapeT := ir.TapeRef{Tape: s.fields.tape}
	params := []ir.Param{{Name: "t", Type: tapeT}}
	taken := ir.SigNames(f.Params)
	shared := s.fields.tape.Calls != nil
	if shared {
		// Which call of the tape's: its number, from 0.
		call := ir.FreshName(taken, "call")
		taken[call] = true
		params = append(params, ir.Param{Name: call, Type: ir.Int})
	}
	first := len(params) // the first seed
	params = append(params, seedParams(f, taken)...)
	isWrt := make(map[int]bool)
	for _, p := range s.wrt {
		isWrt[p] = true
	}
	written := make(map[int]bool)
	var buffers []int
	groups := make(map[*ir.Group]*ir.Group) // a struct's buffer: a pointer to a struct of its type
	for i, p := range f.Params {
		pv := f.ParamValue(i)
		// A callee's buffers are those its callers have: see
		// NewCalleeSplit.
		out := pv != nil && ir.IsSlice(p.Type) && s.act.Written[pv] && s.act.Mem[pv] && !s.volatile
		if !isWrt[i] && !out {
			continue
		}
		written[i] = out
		n := ir.FreshName(taken, "d"+p.Name)
		taken[n] = true
		params = append(params, ir.Param{Name: n, Type: bufferType(p.Type), Group: derivedGroup(groups, p.Group, taken, true), Field: p.Field})
		buffers = append(buffers, i)
	}
	params = renameTape(params)
	g := ir.NewFunc(name, params, nil)
	g.Tape = s.fields.tape
	b := ir.NewBuilder(g)
	b.Simplify = true
	bw := &backward{
		s: s, b: b,
		frames:     make(map[*ir.Block]*frame),
		memo:       make(map[*ir.Value]*ir.Value),
		shadow:     make(map[*ir.Value]*ir.Value),
		terms:      make(map[*ir.Value][]*ir.Value),
		acc:        make(map[*ir.Value]*ir.Var),
		dvar:       make(map[*ir.Var]*ir.Var),
		counter:    make(map[*ir.Var]*ir.Value),
		pending:    make(map[*ir.Var]*ir.Value),
		cursor:     make(map[*ir.TapeField]*ir.Var),
		inserting:  make(map[*ir.Block]bool),
		hoistV:     make(map[hoistKey]*ir.Value),
		induct:     make(map[*ir.Var]*ir.Var),
		inductRead: make(map[*ir.Var]bool),
		trips:      make(map[*ir.Value]*ir.Value),
		flags:      make(map[*ir.Value]*ir.Value),
		paramAdj:   make(map[int]*ir.Value),
	}
	bw.tape = b.Param(0)
	for i := range f.Results {
		seed := b.Param(first + i)
		seed.AddNote(ir.Note{Kind: ir.NoteSeed, Result: i})
		bw.seeds = append(bw.seeds, seed)
	}
	for k, i := range buffers {
		bw.paramAdj[i] = b.Param(first + len(f.Results) + k)
		bw.paramAdj[i].AddNote(ir.Note{Kind: ir.NoteAdjoint, Of: f.ParamValue(i)})
	}
	b.Comment("Backward sweep: the chain rule, link by link, in reverse order.")
	if shared {
		bw.rec = b.TapeEntry(bw.tape, s.fields.tape.Calls, b.Param(1))
		bw.rec.Name = "c"
	}
	bw.block(f.Body)
	clear(bw.pending) // nothing reads the adjoint variables any more
	// The scalar parameters' adjoints from uses in the body's first
	// segment, summed: later uses added to the buffers themselves.
	for _, i := range buffers {
		pv := f.ParamValue(i)
		if pv == nil || ir.IsSlice(pv.Type) {
			continue
		}
		if dp := bw.adjoint(pv); dp != nil && !dp.IsFloatConst(0) {
			b.Accum(bw.paramAdj[i], dp)
		}
	}
	if bw.err != nil {
		return nil, nil, nil, bw.err
	}
	b.Return()
	bw.pruneStepsBack()
	g.Doc = backwardDoc(f, g, s, buffers, isWrt)
	strongZeros(g, bw.adjointVars())
	ir.DeadCode(g) // first, so that an unused get does not keep a store
	ir.DeadStores(g)
	ir.DeadCode(g)
	ir.FuseLoops(g)
	ir.ForwardStores(g)
	ir.DeadCode(g) // the loads forwarded
	promoteSlots(g)
	ir.UniqueNames(g)
	return g, buffers, written, nil
}

// derivedGroup returns the group of the derived parameters or results of
// the leaves of group g (nil for a plain parameter's): a struct of g's type
// named d<g>, made once per g, a pointer if pointer is set.
func derivedGroup(groups map[*ir.Group]*ir.Group, g *ir.Group, taken map[string]bool, pointer bool) *ir.Group {
	if g == nil {
		return nil
	}
	if d, ok := groups[g]; ok {
		return d
	}
	name := ir.FreshName(taken, "d"+g.Name)
	taken[name] = true
	d := g.Derived(name, pointer)
	groups[g] = d
	return d
}

// bufferType is the type of a parameter's adjoint buffer in the backward
// function: a slice is passed as is, anything else by pointer.
func bufferType(t ir.Type) ir.Type {
	if _, ok := t.(ir.Slice); ok {
		return t
	}
	return ir.Pointer{Elem: t}
}

func backwardDoc(f, g *ir.Func, s *splitter, buffers []int, isWrt map[int]bool) []string {
	first := 1 // the first seed
	if s.fields.tape.Calls != nil {
		first = 2
	}
	var addIdx, outIdx, inPlaceIdx, inPlaceParams []int
	for k, i := range buffers {
		switch pv := f.ParamValue(i); {
		case !isWrt[i]:
			outIdx = append(outIdx, first+len(f.Results)+k)
		case pv != nil && ir.IsSlice(pv.Type) && s.act.Written[pv]:
			inPlaceIdx = append(inPlaceIdx, first+len(f.Results)+k)
			inPlaceParams = append(inPlaceParams, i)
			addIdx = append(addIdx, first+len(f.Results)+k)
		default:
			addIdx = append(addIdx, first+len(f.Results)+k)
		}
	}
	adds, outs := ir.GoNames(g.Params, addIdx), ir.GoNames(g.Params, outIdx)
	inPlace := ir.GoNames(g.Params, inPlaceIdx)
	seeds := append(append([]string(nil), outs...), inPlace...)
	seeds = append(seeds, ir.GoNames(g.Params[first:], allIndexes(len(f.Results)))...)
	at := "at the point recorded in t by " + s.forwardName()
	if first == 2 {
		at = fmt.Sprintf("at the point that call number %s of %s on t recorded", g.Params[1].Name, s.forwardName())
	}
	runs := "It only reads t, so one forward run serves any number of backward runs (one per seed, from several goroutines at once)"
	if s.writesTape() {
		runs = fmt.Sprintf("It keeps buffers of its own in t, for the derivatives of slices it is not passed (those %s and its callees make), so one forward run serves any number of backward runs (one per seed), one at a time", f.Name)
	}
	doc := []string{fmt.Sprintf("%s adds to %s the vector-Jacobian product of %s with the seeds %s, %s. %s; it adds rather than sets, so one buffer can sum a mini-batch.",
		g.Name, prose.List(adds), f.Name, prose.List(seeds), at, runs)}
	if len(outs) > 0 {
		doc = append(doc, fmt.Sprintf("%s holds the seed of what %s writes into its output %s on entry, and is used up: it is zero on return.",
			prose.List(outs), f.Name, prose.Plural(len(outs), "slice", "slices")))
	}
	if len(inPlace) > 0 {
		updated := prose.List(ir.GoNames(f.Params, inPlaceParams))
		doc = append(doc, fmt.Sprintf("%s %s, on entry, the seed of what %s leaves in %s, and on return the derivative with respect to what %s held before.",
			prose.List(inPlace), prose.Plural(len(inPlace), "holds", "hold"), f.Name, updated, updated))
	}
	return doc
}

// writesTape reports whether the backward function may write into the
// tape: into scratch buffers of its own (see backward.buffer), or,
// through the callees' backward functions, into those of the tapes of its
// call sites (any site counts: which callee needs one is not known here).
func (s *splitter) writesTape() bool {
	return s.scratch || slices.ContainsFunc(s.fields.tape.Fields, (*ir.TapeField).IsSite)
}

func (s *splitter) forwardName() string {
	if s.forwardFn != "" {
		return s.forwardFn
	}
	return strings.TrimSuffix(s.backwardName, "Backward") + "Forward"
}

// Wrapper builds FGrad or FVJP on the split form: run the forward function
// on a tape of its own (reused: taken from a pool and given back), make zeroed adjoint buffers, run the backward
// function, return F's results and the adjoints. FVJP takes a seed for each
// slice F writes, after the results' seeds, and its buffer starts as that
// seed: for an output the seed of what F writes, for a differentiated slice
// updated in place the seed of its final contents (its adjoint is then the
// derivative with respect to its initial contents). FGrad's only output is
// F's result: the slices' buffers start at zero.
func (sp *Split) Wrapper(mode Mode, name string) *ir.Func {
	f := sp.f
	params := append([]ir.Param(nil), f.Params...)
	taken := ir.SigNames(params)
	var outputSeeds []int // indexes in params
	seedOf := make(map[int]*ir.Value)
	if mode == VJP {
		params = append(params, seedParams(f, taken)...)
		for _, i := range sp.buffers {
			if sp.written[i] {
				n := ir.FreshName(taken, "s"+f.Params[i].Name)
				taken[n] = true
				outputSeeds = append(outputSeeds, len(params))
				params = append(params, ir.Param{Name: n, Type: f.Params[i].Type})
			}
		}
	}
	results := append([]ir.Result(nil), f.Results...)
	groups := make(map[*ir.Group]*ir.Group) // a struct's gradient: a struct of its type
	for _, i := range sp.wrt {
		p := f.Params[i]
		n := ir.FreshName(taken, "d"+p.Name)
		taken[n] = true
		var dg *ir.Group
		if p.Group != nil {
			dg = derivedGroup(groups, p.Group, taken, p.Group.Pointer)
		}
		results = append(results, ir.Result{Name: n, Type: p.Type, Group: dg, Field: p.Field})
	}
	g := ir.NewFunc(name, params, results)
	g.Doc = append(doc(f, g, sp.wrt, mode, outputSeeds), inPlaceDoc(sp, g, mode, outputSeeds)...)
	b := ir.NewBuilder(g)
	args := make([]*ir.Value, len(params))
	for i := range params {
		args[i] = b.Param(i)
	}
	for k, i := range writtenBuffers(sp, mode) {
		seedOf[i] = args[outputSeeds[k]]
	}
	// The tape comes from a pool, reused from call to call (see ir.IsPooled).
	tape := b.PooledTape(ir.TapeRef{Tape: sp.Tape}, "t")
	outs := invokeForward(b, sp.Forward, tape, args[:len(f.Params)])
	bwdArgs := []*ir.Value{tape}
	if mode == Grad {
		bwdArgs = append(bwdArgs, b.Float(f.Results[0].Type, 1))
	} else {
		bwdArgs = append(bwdArgs, args[len(f.Params):len(f.Params)+len(f.Results)]...)
	}
	adjOf := make(map[int]func() *ir.Value)
	shared := sharedResults(b, sp, args, results, taken)
	for _, i := range sp.buffers {
		p := f.Params[i]
		// A differentiated parameter's buffer is named like its result;
		// an output's gets a fresh name.
		var name string
		if k := slices.Index(sp.wrt, i); k >= 0 {
			name = results[len(f.Results)+k].Name
		} else {
			name = ir.FreshName(taken, "d"+p.Name)
			taken[name] = true
		}
		switch k := slices.Index(sp.wrt, i); {
		case k >= 0 && results[len(f.Results)+k].Group != nil:
			// A field of a struct's gradient: dn.W1 = make(...), or
			// the zero the fresh struct holds.
			r := results[len(f.Results)+k]
			x := &ir.Var{Name: name, Type: p.Type, Group: r.Group, Field: r.Field}
			if _, isSlice := p.Type.(ir.Slice); isSlice {
				makeLikeVar(b, x, args[i])
				if seed := seedOf[i]; seed != nil {
					copyInto(b, b.Get(x), seed)
				}
				bwdArgs = append(bwdArgs, b.Get(x))
			} else {
				b.Declare(x, nil)
				bwdArgs = append(bwdArgs, b.Addr(x))
			}
			adjOf[i] = func() *ir.Value { return b.Get(x) }
			continue
		}
		switch p.Type.(type) {
		case ir.Slice:
			buf := shared[i]
			if buf == nil {
				buf = makeLike(b, args[i], name)
			}
			if seed := seedOf[i]; seed != nil {
				copyInto(b, buf, seed)
			}
			bwdArgs = append(bwdArgs, buf)
			adjOf[i] = func() *ir.Value { return buf }
		default:
			x := &ir.Var{Name: name, Type: p.Type}
			b.Declare(x, nil)
			bwdArgs = append(bwdArgs, b.Addr(x))
			adjOf[i] = func() *ir.Value { return b.Get(x) }
		}
	}
	b.Invoke(ir.Callee{Name: sp.Backward.Name}, nil, bwdArgs...)
	for _, w := range sp.wrt {
		outs = append(outs, adjOf[w]())
	}
	b.Return(outs...)
	return g
}

// writtenBuffers returns the parameters whose buffers FVJP seeds, in the
// order of their seeds: none for FGrad.
func writtenBuffers(sp *Split, mode Mode) []int {
	if mode != VJP {
		return nil
	}
	var ws []int
	for _, i := range sp.buffers {
		if sp.written[i] {
			ws = append(ws, i)
		}
	}
	return ws
}

// invokeForward calls the forward function and returns its results.
func invokeForward(b *ir.Builder, fwd *ir.Func, tape *ir.Value, args []*ir.Value) []*ir.Value {
	callee := ir.Callee{Name: fwd.Name, Recv: fwd.RecvType()}
	all := append([]*ir.Value{tape}, args...)
	switch len(fwd.Results) {
	case 0:
		b.Invoke(callee, nil, all...)
		return nil
	case 1:
		return []*ir.Value{b.Invoke(callee, fwd.Results[0].Type, all...)}
	}
	types := make(ir.Tuple, len(fwd.Results))
	for i, r := range fwd.Results {
		types[i] = r.Type
	}
	call := b.Invoke(callee, types, all...)
	outs := make([]*ir.Value, len(types))
	for i := range outs {
		outs[i] = b.Extract(call, i)
	}
	return outs
}

// makeLike returns a zeroed slice of x's shape: the same length and, for a
// slice of slices, rows of the same lengths.
func makeLike(b *ir.Builder, x *ir.Value, name string) *ir.Value {
	buf := b.Make(x.Type, b.Len(x))
	buf.Name = name
	if inner, ok := ir.Elem(x.Type).(ir.Slice); ok {
		loop := b.Range("", x)
		b.In(loop.Blocks[0], func() {
			i := b.Index("i")
			row := b.Load(x, i)
			b.Store(buf, i, b.Make(inner, b.Len(row)))
		})
	}
	return buf
}

// copyInto copies the seed src into buf, a buffer makeLike made: row by
// row for a slice of slices, so that the backward sweep, which uses the
// buffer up, neither writes into the caller's seed nor returns its rows.
func copyInto(b *ir.Builder, buf, src *ir.Value) {
	if _, ok := ir.Elem(buf.Type).(ir.Slice); !ok {
		b.CopySlice(buf, src)
		return
	}
	loop := b.Range("", buf)
	b.In(loop.Blocks[0], func() {
		i := b.Index("i")
		b.CopySlice(b.Load(buf, i), b.Load(src, i))
	})
}

// makeLikeVar declares x, the field of a struct's gradient that is the
// adjoint of the slice src, as a zeroed slice of src's shape.
func makeLikeVar(b *ir.Builder, x *ir.Var, src *ir.Value) {
	b.Declare(x, b.Make(x.Type, b.Len(src)))
	if inner, ok := ir.Elem(x.Type).(ir.Slice); ok {
		loop := b.Range("", src)
		b.In(loop.Blocks[0], func() {
			i := b.Index("i")
			row := b.Load(src, i)
			b.Store(b.Get(x), i, b.Make(inner, b.Len(row)))
		})
	}
}

// inPlaceDoc says, for FVJP, what the seed and the derivative of a
// differentiated slice that F updates in place are.
func inPlaceDoc(sp *Split, g *ir.Func, mode Mode, outputSeeds []int) []string {
	var lines []string
	for k, i := range writtenBuffers(sp, mode) {
		w := slices.Index(sp.wrt, i)
		if w < 0 {
			continue
		}
		p, r := sp.f.Params[i].Name, g.Results[len(sp.f.Results)+w]
		if g := sp.f.Params[i].Group; g != nil {
			p = g.Ref(sp.f.Params[i].Field)
		}
		d := r.Name
		if r.Group != nil {
			d = r.Group.Ref(r.Field)
		}
		lines = append(lines, fmt.Sprintf("%s is the seed of what %s leaves in %s, and %s the derivative with respect to what %s held before.",
			g.Params[outputSeeds[k]].Name, sp.f.Name, p, d, p))
	}
	return lines
}

// doc writes the doc comment of FGrad or FVJP; outputSeeds are the
// indexes in g.Params of the seeds of F's output slices.
func doc(f, g *ir.Func, wrt []int, mode Mode, outputSeeds []int) []string {
	wrtNames := ir.GoNames(f.Params, wrt)
	idx := make([]int, len(wrt))
	for i := range wrt {
		idx[i] = len(f.Results) + i
	}
	adjoints := ir.GoResultNames(g.Results, idx)
	if mode == Grad {
		return []string{fmt.Sprintf("%s returns %s's result and its gradient with respect to %s, in that order (%s), computed by reverse-mode automatic differentiation.",
			g.Name, f.Name, prose.List(wrtNames), strings.Join(adjoints, ", "))}
	}
	seedIdx := make([]int, len(f.Results))
	for i := range seedIdx {
		seedIdx[i] = len(f.Params) + i
	}
	seeds := ir.GoNames(g.Params, seedIdx)
	for _, i := range outputSeeds {
		seeds = append(seeds, g.Params[i].Name)
	}
	what := f.Name + "'s results and "
	if len(f.Results) == 0 {
		what = ""
	}
	return []string{fmt.Sprintf("%s returns %sthe vector-Jacobian product with the seeds %s: for each of %s, the sum over the outputs of seed times derivative (%s), computed by reverse-mode automatic differentiation.",
		g.Name, what, prose.List(seeds), prose.List(wrtNames), strings.Join(adjoints, ", "))}
}
