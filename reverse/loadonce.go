package reverse

import (
	"github.com/godiff/godiff/ir"
)

// A load the backward function cannot read again (its memory is written
// afterwards, or belongs to a caller: see NewCalleeSplit) but that reads
// the same element in every iteration of a loop around it, x[i] in
//
//	for j := i + 1; j < d; j++ {
//		out[j] += ltri[k] * x[i]
//	}
//
// is recorded once per run of that loop rather than once per iteration:
// the forward function keeps the value it loads in a variable and saves
// it after the loop ends (the loop may not run at all, and the element
// then need not exist, so it is not loaded before). The backward function
// reads it back before its copy of the loop.

// onceLoop returns the outermost loop around load v in every iteration of
// which v reads the same element of memory nothing writes during the
// loop, and that cannot be left early (its end, where the value is saved,
// is reached whenever it runs), or nil.
func (s *splitter) onceLoop(v *ir.Value) *ir.Value {
	r := ir.Root(v.Args[0])
	if !plainRoot(r) {
		return nil
	}
	var out *ir.Value
	for l := v.Block.Loop(); l != nil; l = l.Block.Loop() {
		if inHeader(v.Block) && l == v.Block.Parent || s.leavesEarly(l) || writesIn(l, r) || !s.sameIn(v, l) {
			break
		}
		out = l
	}
	return out
}

// plainRoot reports whether r, the root of a load, is a slice the
// function has as it is: a parameter, or one it makes. Writes into its
// memory are then stores and calls whose root is r.
func plainRoot(r *ir.Value) bool {
	_, ok := r.Type.(ir.Slice)
	return ok && (r.Op == ir.OpParam || r.Op == ir.OpMake || r.Op == ir.OpSliceLit)
}

// writesIn reports whether anything in loop l writes into the memory of
// root r.
func writesIn(l, r *ir.Value) bool {
	found := false
	walkValue(l, func(w *ir.Value) {
		if writes(w, r) {
			found = true
		}
	})
	return found
}

// sameIn reports whether v, a value inside loop l, is the same in every
// iteration of l: it depends on nothing l changes (a variable l assigns,
// l's own range index, memory l writes, the result of a call with
// effects).
func (s *splitter) sameIn(v, l *ir.Value) bool {
	switch {
	case !encloses(l, v), v.Op == ir.OpConst, v.Op == ir.OpParam:
		return true
	case v.Op == ir.OpGet:
		return !assigns(l, v.Aux.(*ir.Var))
	case v.Op == ir.OpLoad:
		if r := ir.Root(v.Args[0]); !plainRoot(r) || writesIn(l, r) {
			return false
		}
	case !v.Op.IsPure():
		return false // a range index of l or inside it, a call's result, a fresh slice
	}
	for _, a := range v.Args {
		if !s.sameIn(a, l) {
			return false
		}
	}
	return true
}

// onceField returns the field that keeps load v's value once per run of
// loop l (see onceLoop).
func (s *splitter) onceField(l, v *ir.Value) *ir.TapeField {
	if f, ok := s.onceF[v]; ok {
		return f
	}
	f := s.fields.add(fieldName(v), v.Type, l.Block.Depth(), describe(v)+", the same in every iteration of "+loopName(l)+" and saved as it ends")
	s.onceF[v] = f
	s.onceLoads[l] = append(s.onceLoads[l], v)
	return f
}

// loadOnce returns load v as the backward function has it when onceLoop
// finds a loop for it, read from the tape before the backward copy of that
// loop; nil otherwise.
func (bw *backward) loadOnce(v *ir.Value) *ir.Value {
	if v.Op != ir.OpLoad {
		return nil
	}
	l := bw.s.onceLoop(v)
	if l == nil {
		return nil
	}
	fld := bw.s.onceField(l, v)
	fr, seg := bw.frameOf(l)
	out := bw.inPrologue(fr, seg, func() *ir.Value { return bw.readTape(fld) })
	if out.Name == "" {
		out.Name = v.Name
	}
	return out
}

// onceVars declares, before loop l in the forward function, a variable
// for each load recorded once per run of l, which the load sets and the
// end of l saves.
func (s *splitter) onceVars(b *ir.Builder, l *ir.Value, vars map[*ir.Value]*ir.Var) {
	for _, v := range s.onceLoads[l] {
		x := &ir.Var{Name: s.onceF[v].Name, Type: v.Type}
		b.Declare(x, nil)
		vars[v] = x
	}
}

// saveOnce saves, after loop l in the forward function, the loads
// recorded once per run of l.
func (s *splitter) saveOnce(b *ir.Builder, refs tapeRefs, l *ir.Value, vars map[*ir.Value]*ir.Var) {
	for _, v := range s.onceLoads[l] {
		refs.save(b, s.onceF[v], b.Get(vars[v]))
	}
}
