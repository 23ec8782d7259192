package reverse

import (
	"fmt"
	"strings"

	"github.com/godiff/godiff/ir"
)

// This file fuses the forward and backward runs of the iterations of a
// loop marked //godiff:checkpoint whose iterations share one sum (see
// Outline): rather than run each iteration again in the backward sweep,
// the forward function runs it recorded on the one-iteration tape and at
// once its backward code, seeded with 1, adding into scratch adjoints of
// the tape; the backward function, once the code after the loop has
// given the sum its adjoint ā, adds ā times the scratch adjoints into the
// real ones. That is exact because the body's derivatives do not depend on
// the sum's value and its adjoint is the same in every iteration (Outline
// proves both), so the loop's contribution to every adjoint is linear in
// ā: ā·Σᵢgᵢ where the rerun computes Σᵢ(ā·gᵢ), equal up to rounding.
//
// It applies, automatically, when the body has one accumulator, a float
// (the sum), every memory it writes is a work buffer that the function
// makes and touches nowhere else, the slices it reads hold numbers, the
// tape is the run's own (not that of a callee, whose caller's backward
// sweep may pass it other slices), and no loop encloses the marked one (its
// sum's adjoint would differ from one run of the loop to the next). Other
// checkpointed loops (several sums, whose m adjoints would need m backward
// runs per iteration; sums into memory; -every, -snapshots, -memory,
// whose loops carry state) are run again in the
// backward sweep (rerun).

// fusePlan is the fusion of one checkpointed loop's body call.
type fusePlan struct {
	loop  *ir.Value
	call  *ir.Value // the call of the body, in the function being split
	site  *ir.TapeField
	names ir.SplitCallNames
	wrt   []int // the body's parameters its backward function adds adjoints to
	// per parameter of wrt, what the forward function passes the body's
	// backward function and the backward function reads back
	adj []fuseAdj
	// cur holds, while the forward function is built, the scratch
	// adjoints (slices) and variables (numbers) of adj.
	cur map[int]any
}

// fuseAdj is where the forward function sums the adjoints of one of the
// body's parameters over the iterations.
type fuseAdj struct {
	param   int
	kind    fuseKind
	scratch *ir.TapeField // slices: the buffer the forward function sums into, which the backward function reads
	ref     *ir.TapeField // numbers: the sum
}

type fuseKind int

const (
	fuseSum   fuseKind = iota // the accumulator: its adjoint passes through
	fuseRead                  // a slice the body reads
	fuseWork                  // a work buffer: its adjoints come back to 0
	fuseValue                 // a number the body reads
)

// fusion returns the plan of loop l if its body's call can be fused,
// made on first use, or nil.
func (s *splitter) fusion(l *ir.Value) *fusePlan {
	if p, ok := s.fusedLoop[l]; ok {
		return p
	}
	p := s.planFusion(l)
	s.fusedLoop[l] = p
	if p != nil {
		s.fused[p.call] = p
	}
	return p
}

func (s *splitter) planFusion(l *ir.Value) *fusePlan {
	if s.fields.tape.Calls != nil || s.volatile || l.Block.Depth() > 0 {
		return nil
	}
	body := loopBody(l)
	var call *ir.Value
	for _, v := range body.Values {
		if v.Op == ir.OpInvoke && ir.IsSplitCall(v) && v.Aux.(ir.Callee).Rule.Recompute {
			if call != nil {
				return nil
			}
			call = v
		}
	}
	if call == nil {
		return nil
	}
	c := call.Aux.(ir.Callee)
	r := c.Rule
	g := r.Derived
	if r.Every > 0 || r.Revolve != nil || isRevolve(l) || r.Custom || len(g.Results) != 1 || !ir.IsFloat(g.Results[0].Type) || call.Type != g.Results[0].Type {
		return nil
	}
	p := &fusePlan{loop: l, call: call, names: r.SplitVariant(ir.ParseWrt(c.Wrt), ir.ParseWrt(c.Fixed)), wrt: ir.ParseWrt(c.Wrt)}
	for _, i := range p.wrt {
		x, t := call.Args[1+i], g.Params[i].Type
		if _, isArray := t.(ir.Array); isArray {
			return nil
		}
		a := fuseAdj{param: i}
		if ir.IsSlice(t) && !ir.IsFloat(ir.Elem(t)) {
			return nil // rows of a scratch buffer would need making too
		}
		switch {
		case i == 0:
			a.kind = fuseSum
		case ir.IsSlice(t) && r.Writes[i]:
			root := ir.Root(x)
			// Outline proved it a work buffer or a sum into memory;
			// only a work buffer's adjoints come back to 0.
			pr := g.ParamValue(i)
			if root != x || root.Op != ir.OpMake || pr == nil || (&outliner{f: g, uses: usesOf(g)}).accumSlice(g.Body, pr) || s.touchedOutside(root, body) {
				return nil // a sum into memory, or memory read after the loop
			}
			a.kind = fuseWork
		case ir.IsSlice(t):
			a.kind = fuseRead
		case ir.IsFloat(t):
			a.kind = fuseValue
		default:
			return nil
		}
		if a.kind != fuseSum && x.Block.Ancestor(body) && !(a.kind == fuseValue && x.Op == ir.OpGet) {
			return nil
		}
		p.adj = append(p.adj, a)
	}
	return p
}

// touchedOutside reports whether a value outside body, other than r's
// make, reads or writes the memory of root r.
func (s *splitter) touchedOutside(r *ir.Value, body *ir.Block) bool {
	hit := false
	s.f.Walk(func(v *ir.Value) {
		if hit || v == r || v.Block.Ancestor(body) || len(v.Blocks) > 0 && v.Blocks[len(v.Blocks)-1] == body {
			return
		}
		for _, a := range v.Args {
			if ir.IsSlice(a.Type) && ir.Root(a) == r && v.Op != ir.OpLen && v.Op != ir.OpCap {
				hit = true
			}
		}
	})
	return hit
}

// fusedCall builds the backward code of a fused body call v: the sum's
// adjoint passes through to the sum; every other adjoint gets the sum's
// adjoint times what the forward function summed for it.
func (bw *backward) fusedCall(v *ir.Value, p *fusePlan) {
	b := bw.b
	c := v.Aux.(ir.Callee)
	r := c.Rule
	p.site = bw.s.tapeField(c.Tape)
	p.site.Doc = fmt.Sprintf("%s: the tape of one iteration of %s (//godiff:checkpoint): the forward sweep empties it before each iteration, runs the iteration on it and at once the iteration's backward code, so that it holds one iteration's entries whatever the number of iterations.",
		p.site.Name, r.Source)
	bw.s.rerun[p.site] = v
	seed := bw.adjoint(v)
	for k, a := range p.adj {
		x := v.Args[1+a.param]
		name := r.Derived.Params[a.param].Name
		word := strings.ToUpper(name[:1]) + name[1:]
		switch a.kind {
		case fuseSum:
			if seed != nil && bw.s.act.Value[x] {
				bw.addAdj(v, x, seed)
			}
		case fuseWork:
			a.scratch = bw.s.fields.add("fusedD"+word, ir.Elem(x.Type), 0,
				fmt.Sprintf("the derivatives of %s, which the loop overwrites before it reads it, as the forward sweep runs each iteration's backward code (they come back to 0)", name))
			a.scratch.Scratch = true
		case fuseRead:
			a.scratch = bw.s.fields.add("fusedD"+word, ir.Elem(x.Type), 0,
				fmt.Sprintf("the derivatives of %s, summed over the iterations, per unit of the sum's derivative", name))
			a.scratch.Scratch = true
			if seed != nil && bw.s.act.Mem[ir.Root(x)] {
				bw.flushElems(func(elem) bool { return true })
				ds := bw.shadowOf(x)
				// The buffer itself, as the forward sweep left it.
				sc := b.TapeLoad(bw.tape, a.scratch)
				loop := b.Range("", sc)
				b.In(loop.Blocks[0], func() {
					i := b.Index("k")
					b.Store(ds, i, b.Add(b.Load(ds, i), b.Mul(seed, b.Load(sc, i))))
				})
			}
		case fuseValue:
			a.ref = bw.s.fields.add("fusedD"+word, x.Type, 0,
				fmt.Sprintf("the derivative of %s, summed over the iterations, per unit of the sum's derivative", name))
			if seed != nil && bw.s.act.Value[x] {
				bw.addAdj(v, x, b.Mul(seed, bw.readTape(a.ref)))
			}
		}
		p.adj[k] = a
	}
}

// fuseBefore prepares, in the forward function, just before loop l, the
// scratch adjoints of its fused body call: zeroed buffers on the tape for
// slices, variables for numbers.
func (s *splitter) fuseBefore(b *ir.Builder, refs tapeRefs, c *ir.Copier, l *ir.Value) {
	p := s.fusedLoop[l]
	if p == nil || p.site == nil {
		return
	}
	p.cur = make(map[int]any)
	for _, a := range p.adj {
		x := p.call.Args[1+a.param]
		switch a.kind {
		case fuseSum, fuseValue:
			d := &ir.Var{Name: "d" + p.call.Aux.(ir.Callee).Rule.Derived.Params[a.param].Name, Type: x.Type}
			b.Declare(d, b.Zero(x.Type))
			p.cur[a.param] = d
		case fuseRead, fuseWork:
			buf := b.TapeBuffer(refs.tape, a.scratch, x.Type.(ir.Slice), b.Len(c.Value[x]))
			buf.Name = "d" + p.call.Aux.(ir.Callee).Rule.Derived.Params[a.param].Name
			p.cur[a.param] = buf
		}
	}
}

// fusedIteration builds, in the forward function, one iteration of the
// fused body call old with arguments args: on the emptied site, the body's
// forward function, then its backward function seeded with 1 into the
// scratch adjoints. It returns the forward function's result.
func (s *splitter) fusedIteration(b *ir.Builder, refs tapeRefs, old *ir.Value, args []*ir.Value) *ir.Value {
	p := s.fused[old]
	b.TapeReset(refs.tape, p.site)
	res := b.Invoke(ir.Callee{Name: p.names.Forward}, old.Type, append([]*ir.Value{b.TapeSlot(refs.tape, p.site)}, args...)...)
	bargs := []*ir.Value{b.TapeSlot(refs.tape, p.site), b.Const(ir.Int, int64(0)), b.Float(old.Type, 1)}
	for _, a := range p.adj {
		switch d := p.cur[a.param].(type) {
		case *ir.Var:
			bargs = append(bargs, b.Addr(d))
		case *ir.Value:
			bargs = append(bargs, d)
		}
	}
	b.Invoke(ir.Callee{Name: p.names.Backward}, nil, bargs...)
	return res
}

// fuseAfter saves, in the forward function, just after loop l, the sums
// of the adjoints of the numbers its fused body call reads.
func (s *splitter) fuseAfter(b *ir.Builder, refs tapeRefs, l *ir.Value) {
	p := s.fusedLoop[l]
	if p == nil || p.cur == nil {
		return
	}
	for _, a := range p.adj {
		if a.kind == fuseValue {
			refs.save(b, a.ref, b.Get(p.cur[a.param].(*ir.Var)))
		}
	}
}

// fusedScratch reports whether f is a scratch buffer of a fused loop.
func (s *splitter) fusedScratch(f *ir.TapeField) bool {
	for _, p := range s.fused {
		for _, a := range p.adj {
			if a.scratch == f {
				return true
			}
		}
	}
	return false
}

// hoistScratch builds, with build, the scratch memory a checkpointed
// loop's body call v writes as its iteration runs again, in the prologue
// of the loop's own block, so that it is made (and zeroed) once per run of
// the loop rather than once per iteration: each iteration overwrites a
// work buffer before it reads it, and only sums into other memory, whose
// value its derivatives do not read (Outline proves both).
func (bw *backward) hoistScratch(v *ir.Value, build func() *ir.Value) *ir.Value {
	l := loopAround(v)
	fr, seg := bw.frameOf(l)
	return bw.inPrologue(fr, seg, build)
}
