package reverse

import "github.com/godiff/godiff/ir"

// A callee's split form records the elements of its slice parameters that
// its backward function reads, since its caller may overwrite them once it
// returns (NewCalleeSplit). Most callers do not: a parameter of the
// caller's own that nothing writes, a slice it filled before the call and
// leaves alone after. For those, the callee's variant "with X fixed" reads
// the elements again from the slice its tape refers to, as the function
// godiff's user calls does with its own parameters. FixedArgs finds the
// arguments of a call that qualify; ReadParams the parameters of a callee
// for which it makes a difference.

// FixedArgs returns the indexes of the slice parameters of the callee of
// call, a call of a function of slices in f, whose arguments' memory f
// leaves unchanged from the call until f's own backward sweep is over:
// nothing in f writes it after the call (or in a loop around it), and it
// is f's own (made in f) or a parameter of f that fixed reports fixed
// itself. An argument sharing its memory with another the callee writes
// into does not qualify (the callee would not see that write as one into
// it).
func FixedArgs(f *ir.Func, call *ir.Value, fixed func(param int) bool) []int {
	var out []int
	for p, x := range call.Args {
		if _, ok := x.Type.(ir.Slice); !ok {
			continue
		}
		r := ir.Root(x)
		switch {
		case !plainRoot(r), r.Op == ir.OpParam && !fixed(r.Aux.(int)):
			continue
		case sharedWithWritten(call, p, r), writtenAfterIn(f, r, call):
			continue
		}
		out = append(out, p)
	}
	return out
}

// sharedWithWritten reports whether an argument of call other than the
// p-th, with the same root r, is one the callee may write into.
func sharedWithWritten(call *ir.Value, p int, r *ir.Value) bool {
	writes := call.Aux.(ir.Callee).Rule.Writes
	for q, y := range call.Args {
		if q != p && ir.Root(y) == r && ir.IsSlice(y.Type) && (writes == nil || writes[q]) {
			return true
		}
	}
	return false
}

// ReadParams returns the slice parameters of f (a callee, its calls
// lowered: see rules.LowerCalls) whose elements the backward function of
// its split form with respect to wrt would read again rather than record
// if its caller kept them fixed: those it records only because a caller
// might overwrite them. The variant with such a parameter fixed records
// less; one with any other fixed would be the same function.
func ReadParams(f *ir.Func, wrt []int) (map[int]bool, error) {
	s := newSplitter(f, wrt, f.Name+"Tape")
	s.volatile = true
	bwd, _, _, err := s.buildBackward(f.Name + "Backward")
	if err != nil {
		return nil, err
	}
	read := make(map[*ir.TapeField]bool)
	bwd.Walk(func(v *ir.Value) {
		if v.Op == ir.OpTapeLoad {
			read[v.Aux.(*ir.TapeField)] = true
		}
	})
	out := make(map[int]bool)
	note := func(v *ir.Value, fld *ir.TapeField) {
		if v.Op != ir.OpLoad || !read[fld] {
			return
		}
		r := ir.Root(v.Args[0])
		if r.Op == ir.OpParam && plainRoot(r) && !writtenAfterIn(s.f, r, v) {
			out[r.Aux.(int)] = true
		}
	}
	for v, fld := range s.taped {
		note(v, fld)
	}
	for v, fld := range s.onceF {
		note(v, fld)
	}
	return out, fixedReads(f, wrt, out)
}

// fixedReads adds to out the slice parameters of f whose elements the
// backward function reads again when every slice parameter that nothing
// in f writes is fixed. The loop above finds those the volatile split
// records; this finds also those read only in a split where others are
// fixed too: in GMM's checkpointed body, fixing them lets the backward
// sweep compute xcentered[i] = x[i] − means[i] again (see forwardedStore)
// rather than record it, a push and a pop per element a point. Naming a
// parameter here is always safe: FixedArgs still decides, call by call,
// which arguments a caller keeps fixed; at worst a variant is the same
// function under a longer name.
func fixedReads(f *ir.Func, wrt []int, out map[int]bool) error {
	s := newSplitter(f, wrt, f.Name+"Tape")
	s.volatile = true
	written := make(map[int]bool)
	f.Walk(func(v *ir.Value) {
		if v.Op != ir.OpParam || !ir.IsSlice(v.Type) {
			return
		}
		i := v.Aux.(int)
		f.Walk(func(w *ir.Value) {
			if writes(w, v) {
				written[i] = true
			}
		})
		if !plainRoot(v) {
			written[i] = true
		}
		s.fixed[i] = !written[i]
	})
	bwd, _, _, err := s.buildBackward(f.Name + "Backward")
	if err != nil {
		return err
	}
	bwd.Walk(func(v *ir.Value) {
		if v.Op != ir.OpLoad {
			return
		}
		if r := ir.Root(v.Args[0]); r.Op == ir.OpParam && s.fixed[r.Aux.(int)] {
			out[r.Aux.(int)] = true
		}
	})
	return nil
}
