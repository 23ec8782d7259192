package reverse

import (
	"fmt"
	"go/token"
	"slices"
	"strings"

	"github.com/godiff/godiff/ir"
)

// This file lets a loop marked //godiff:checkpoint -every=K, -snapshots=S
// or -memory=SIZE carry state in slices as well as in variables: a hidden
// vector h an RNN updates in place each step, the positions and
// velocities q, p of an integrator. Outline accepts memory the body
// writes, made outside it, that it neither only sums into nor overwrites
// whole before reading (a work buffer), as such state (B's parameters
// listed in CallRule.State) when it can copy it:
//
//   - it is one slice of numbers, used whole (no part of it is passed to
//     the body), so that a saved state is a copy of all its elements;
//   - its length does not change in the loop: a slice variable the body
//     assigns (h = next, h = append(h, x), prev, cur = cur, prev) is
//     refused at the assignment; a slice value is the same memory, of the
//     same length, in every iteration;
//   - in a loop inside others, it is the same memory in every run of the
//     loop (see slicenested.go).
//
// A saved state copies each state slice's elements, one after the other,
// onto a stack of its element type (len(h) entries a state): the forward
// sweep at the snapshots, the backward sweep into its buffer of held
// states. The backward sweep runs the body again on scratch memory of the
// slice's length (as for a work buffer), which it first fills from the
// saved state: the user's slice keeps the loop's final state, and one
// FForward serves any number of FBackward runs. Every iteration thus runs
// from the elements the forward sweep had there, by the same operations,
// and the gradient is the recorded loop's bit for bit.

// atOr returns v's position, or pos where v has none.
func atOr(v *ir.Value, pos token.Position) token.Position {
	if v != nil && v.Pos.IsValid() {
		return v.Pos
	}
	return pos
}

// sliceVarState says why a slice variable assigned in the body of a loop
// that saves its state is refused.
func sliceVarState(name string) string {
	return fmt.Sprintf("its body assigns the slice variable %s, so the memory (or the length) of the state it carries changes from one iteration to the next, and a saved state could not copy it back; update %s in place instead (%s[i] = ..., copy(%s, next) from a buffer the body fills), make it once before the loop at its final length rather than append to it, and copy rather than swap buffers (prev, cur = cur, prev)",
		name, name, name, name)
}

// sliceStateRoot returns why memory root r, which the body of loop l
// carries from one iteration to the next, cannot be saved as state, or "".
func sliceStateRoot(l, r *ir.Value) string {
	s, ok := r.Type.(ir.Slice)
	if !ok || !(ir.IsFloat(s.Elem) || ir.IsInteger(s.Elem) || s.Elem == ir.Bool) {
		return fmt.Sprintf("its body carries %s, of type %v, from one iteration to the next in memory; a saved state copies a slice of numbers only: keep the state in []float64 slices (or variables)", r.Name, r.Type)
	}
	return nestedStateRoot(l, r)
}

// stateParams returns the indexes of B's parameters that take the state
// roots.
func (p *loopPlan) stateParams(roots []*ir.Value) []int {
	var out []int
	for i, x := range p.free {
		for _, r := range roots {
			if x == r {
				out = append(out, len(p.accs)+i)
			}
		}
	}
	return out
}

// stateName is the name the fields of B's state parameter i take:
// capitalised, after the parameter's name.
func stateName(r *ir.CallRule, i int) string {
	n := r.Derived.Params[i].Name
	return strings.ToUpper(n[:1]) + n[1:]
}

// stateElem is the element type of B's state parameter i.
func stateElem(r *ir.CallRule, i int) ir.Type {
	return r.Derived.Params[i].Type.(ir.Slice).Elem
}

// saveElems builds, in the forward function, the pushes of x's elements,
// in order, onto the stack fld.
func saveElems(b *ir.Builder, refs tapeRefs, fld *ir.TapeField, x *ir.Value) {
	loop := b.Range("", x)
	b.In(loop.Blocks[0], func() {
		k := b.Index("k")
		refs.save(b, fld, b.Load(x, k))
	})
}

// copyWindow builds copy(dst, src[at·n : at·n+n]), n = len(dst): the
// state numbered at of a stack or buffer of states of n elements each.
func copyWindow(b *ir.Builder, dst, src, at *ir.Value) {
	n := b.Len(dst)
	lo := b.Mul(at, n)
	b.CopySlice(dst, b.Subslice(src, lo, b.Add(lo, n)))
}

// copyState builds copy(dst[at·n : at·n+n], src), n = len(src).
func copyState(b *ir.Builder, dst, src, at *ir.Value) {
	n := b.Len(src)
	lo := b.Mul(at, n)
	b.CopySlice(b.Subslice(dst, lo, b.Add(lo, n)), src)
}

// stateLength returns the report's name for the length of the state slice
// x (a value of the function being split): the length it was made with,
// its len as a parameter, or a symbol the report explains.
func stateLength(x *ir.Value, syms map[string]string) string {
	if x.Op == ir.OpMake {
		if n, ok := exprString(x.Args[0]); ok {
			return n
		}
	}
	if x.Op == ir.OpParam && x.Name != "" {
		return "len(" + x.Name + ")"
	}
	name := x.Name
	if name == "" {
		name = "state"
	}
	return symbol(syms, "len"+strings.ToUpper(name[:1])+name[1:], "the length of "+name)
}

// readSliceSplits builds, in the backward sweep's prologue of a loop
// checkpointed binomially, the copy of the states in slices the forward
// sweep saved for the first descent (this run's top-1 states of each
// stack, in their order) into the buffers of held states, after the entry
// state.
func (bw *backward) readSliceSplits(f *revolveFields, top *ir.Var, bufs, lens []*ir.Value) {
	b := bw.b
	one := b.Const(ir.Int, int64(1))
	for m, sf := range f.sSplit {
		k := b.Mul(b.Sub(b.Get(top), one), lens[m])
		bw.popState(sf, b.Subslice(bufs[m], lens[m], b.Add(lens[m], k)), k)
	}
}

// snapshotCount returns S, the states a loop checkpointed binomially holds
// at most: the user's count, or, for -memory with state in slices, the
// budget over the bytes of a state as the loop begins (lens are the state
// slices' lengths), computed at run time, at most the count for slices of
// one element; heldStates makes it at least 1.
func snapshotCount(b *ir.Builder, r *ir.CallRule, lens []*ir.Value) *ir.Value {
	rv := r.Revolve
	if rv.Budget == 0 || len(lens) == 0 {
		return b.Const(ir.Int, int64(rv.Snapshots))
	}
	per := b.Const(ir.Int, snapshotBytes(r))
	for m, n := range lens {
		size, _ := ir.EntryBytes(stateElem(r, r.State[m]))
		per = b.Add(per, b.Mul(n, b.Const(ir.Int, size)))
	}
	// At most rv.Snapshots, the count for slices of one element, which
	// the report's bounds use.
	return b.MinMax(ir.OpMin, b.Div(b.Const(ir.Int, rv.Budget), per), b.Const(ir.Int, int64(rv.Snapshots)))
}

// snapshotsText writes S for comments and the report: the count, or for
// -memory with state in slices its formula.
func snapshotsText(r *ir.CallRule) string {
	rv := r.Revolve
	if rv.Budget == 0 || len(r.State) == 0 {
		return fmt.Sprint(rv.Snapshots)
	}
	return fmt.Sprintf("S = ⌊%d / (%s)⌋", rv.Budget, stateBytesText(r))
}

// stateBytesText writes the bytes of one saved state of a loop with state
// in slices as a formula in their lengths: 8·len(h) + 16.
func stateBytesText(r *ir.CallRule) string {
	var parts []string
	for _, i := range r.State {
		size, _ := ir.EntryBytes(stateElem(r, i))
		parts = append(parts, fmt.Sprintf("%d·len(%s)", size, r.Derived.Params[i].Name))
	}
	return strings.Join(parts, " + ") + fmt.Sprintf(" + %d", snapshotBytes(r))
}

// stateSliceOf returns the slice (a value of the function being split)
// whose elements field f saves, if f is a stack or buffer of states of a
// checkpointed loop's state in slices; nil otherwise.
func (s *splitter) stateSliceOf(f *ir.TapeField) *ir.Value {
	for v, fs := range s.snapF {
		r := v.Aux.(ir.Callee).Rule
		nres := len(r.Derived.Results)
		for m, g := range fs {
			if g == f && m >= nres {
				return v.Args[1+r.State[m-nres]]
			}
		}
	}
	for v, rf := range s.revolveF {
		r := v.Aux.(ir.Callee).Rule
		for m := range r.State {
			if f == rf.sEntry[m] || f == rf.sSnaps[m] || m < len(rf.sSplit) && f == rf.sSplit[m] {
				return v.Args[1+r.State[m]]
			}
		}
	}
	return nil
}

// sliceStateLine is sliceState's line alone.
func (s *splitter) sliceStateLine(f *ir.TapeField, syms map[string]string) string {
	line, _ := s.sliceState(f, syms)
	return line
}

// sliceState returns the report's line for field f, and its terms of the
// total, if it holds states in slices of a loop checkpointed binomially:
// the entry state (len(x) entries a run), the first descent's states (at
// most S-1), or the backward sweep's buffer of S states; "" otherwise.
func (s *splitter) sliceState(f *ir.TapeField, syms map[string]string) (string, []term) {
	for v, rf := range s.revolveF {
		r := v.Aux.(ir.Callee).Rule
		// A loop inside others saves its states once a run: the loops
		// around it multiply them (see slicenested.go).
		outer, up := s.tripsOf(v.Block.Loop().Block, syms)
		for m := range r.State {
			x := v.Args[1+r.State[m]]
			n := stateLength(x, syms)
			size, _ := ir.EntryBytes(f.Type)
			S := snapshotsText(r)
			switch {
			case f == rf.sEntry[m]:
				t := term{bytes: size, trips: append(slices.Clone(outer), n), upper: up}
				return fmt.Sprintf("%s: %s (%d bytes an entry, len(%s) a run)", f.Name, formulaOf([]term{t}), size, x.Name), []term{t}
			case f == rf.sSnaps[m]:
				most := fmt.Sprintf("%d·%s bytes (len(%s) entries of %d bytes a state held, at most %d held: min(%d, the trip count))", int64(r.Revolve.Snapshots)*size, n, x.Name, size, r.Revolve.Snapshots, r.Revolve.Snapshots)
				if r.Revolve.Budget > 0 {
					most = fmt.Sprintf("S·%d·%s bytes, %s (len(%s) entries of %d bytes a state held, at most min(S, the trip count) held)", size, n, S, x.Name, size)
				}
				return fmt.Sprintf("%s: at most %s after FBackward, counted by Bytes, not in the formula", f.Name, most), nil
			case m < len(rf.sSplit) && f == rf.sSplit[m]:
				if r.Revolve.Budget > 0 {
					t := term{bytes: r.Revolve.Budget, trips: outer, upper: true}
					most := fmt.Sprintf("at most %d bytes", r.Revolve.Budget)
					if len(outer) > 0 {
						most = formulaOf([]term{t}) + " (at most the budget a run of the loop)"
					}
					return fmt.Sprintf("%s: %s ((S−1)·%d·%s, %s: the states the first descent keeps, within the budget)", f.Name, most, size, n, S), []term{t}
				}
				t := term{bytes: int64(r.Revolve.Snapshots-1) * size, trips: append(slices.Clone(outer), n), upper: true}
				return fmt.Sprintf("%s: %s (%d bytes an entry, len(%s) a state, at most %d a run of the loop: one per state held but the entry's)", f.Name, formulaOf([]term{t}), size, x.Name, r.Revolve.Snapshots-1), []term{t}
			}
		}
	}
	return "", nil
}

// appendIn returns the first append in blk (the check parse builds with
// it, that it stays within the capacity the slice was made with) and the
// slice appended to; nil if none.
func appendIn(blk *ir.Block) (*ir.Value, string) {
	const prefix = `"godiff: append to `
	var at *ir.Value
	name := ""
	blk.Walk(func(v *ir.Value) {
		h, ok := v.Aux.(*ir.Halt)
		if at != nil || v.Op != ir.OpHalt || !ok || h.Call.Name != "panic" || len(h.Call.Args) != 1 {
			return
		}
		lit := h.Call.Args[0].Lit
		if rest, found := strings.CutPrefix(lit, prefix); found {
			at = v
			name, _, _ = strings.Cut(rest, " beyond")
		}
	})
	return at, name
}

// appendState says why a loop saving its state is refused where its body
// appends to a slice.
func appendState(name string) string {
	return fmt.Sprintf("its body appends to %s, so the length of the state it carries changes from one iteration to the next: a saved state would copy all the memory %s was made with, at every snapshot; make %s at its final length before the loop and store into %s[i], or keep what the loop appends out of the checkpointed loop", name, name, name, name)
}
