package reverse

import "github.com/godiff/godiff/ir"

// This file finds the slices the forward function can make in memory its
// tape keeps from run to run (ir.OpTapeBuffer), rather than with make:
// those that do not outlive the run except through the tape, so that the
// next run may reuse their memory. A kept tape then allocates nothing for
// them, and no slice the tape refers to escapes to the heap through a
// make of F's own.

// tapeMakes returns the makes of slices of s.f the forward function makes
// on its tape, each with the stack field whose memory it takes.
func (s *splitter) tapeMakes() map[*ir.Value]*ir.TapeField {
	made := make(map[*ir.Value]*ir.TapeField)
	seen := make(map[*ir.Func]map[int]paramState)
	s.f.Walk(func(v *ir.Value) {
		t, ok := v.Type.(ir.Slice)
		if v.Op != ir.OpMake || !ok || ir.IsSlice(t.Elem) || !confined(s.f, v, seen) {
			return
		}
		name := v.Name
		if name == "" {
			name = "buf"
		}
		fld := s.fields.add(name, t.Elem, 0, "the memory of "+shadowSubject(v)+", kept from run to run")
		fld.Stack = true
		made[v] = fld
	})
	return made
}

// confined reports whether the slice start, a value of f, never outlives
// f's run except through a tape: f and its callees only read and write
// its elements, take its length, subslices and copies, and pass it to
// functions of the package that do no more with it (whose tapes may
// keep it). It is not returned, stored in memory, passed to any other
// function, or compared with nil (a make is never nil; reused memory of
// length 0 may be). seen holds what is known of callees' parameters.
func confined(f *ir.Func, start *ir.Value, seen map[*ir.Func]map[int]paramState) bool {
	users := make(map[*ir.Value][]*ir.Value)
	gets := make(map[*ir.Var][]*ir.Value)
	f.Walk(func(v *ir.Value) {
		for _, a := range v.Args {
			users[a] = append(users[a], v)
		}
		if v.Op == ir.OpGet {
			x := v.Aux.(*ir.Var)
			gets[x] = append(gets[x], v)
		}
	})
	work := []*ir.Value{start}
	done := map[*ir.Value]bool{start: true}
	alias := func(v *ir.Value) {
		if !done[v] {
			done[v] = true
			work = append(work, v)
		}
	}
	for len(work) > 0 {
		a := work[len(work)-1]
		work = work[:len(work)-1]
		for _, u := range users[a] {
			switch u.Op {
			case ir.OpLoad, ir.OpLen, ir.OpCap, ir.OpCopySlice, ir.OpRange, ir.OpHalt:
			case ir.OpStore:
				if u.Args[2] == a {
					return false
				}
			case ir.OpSubslice, ir.OpCopy, ir.OpSelect:
				alias(u)
			case ir.OpDecl, ir.OpSet:
				for _, g := range gets[u.Aux.(*ir.Var)] {
					alias(g)
				}
			case ir.OpInvoke:
				if !confinedInCall(u, a, seen) {
					return false
				}
			default:
				return false
			}
		}
	}
	return true
}

// confinedInCall reports whether call u of a function of the package
// keeps the slice a, one of its arguments, confined (see confined).
func confinedInCall(u, a *ir.Value, seen map[*ir.Func]map[int]paramState) bool {
	c := u.Aux.(ir.Callee)
	if !ir.IsSplitCall(u) || c.Rule.Custom || c.Rule.Derived == nil {
		return false
	}
	g := c.Rule.Derived
	first := 0
	if c.Tape != nil {
		first = 1 // the callee's forward function: its tape comes first
	}
	for k, x := range u.Args {
		if x != a || k < first {
			continue
		}
		i := k - first
		switch seen[g][i] {
		case leaks:
			return false
		case checking, kept:
			continue
		}
		if seen[g] == nil {
			seen[g] = make(map[int]paramState)
		}
		seen[g][i] = checking
		if p := g.ParamValue(i); p != nil && !confined(g, p, seen) {
			seen[g][i] = leaks
			return false
		}
		seen[g][i] = kept
	}
	return true
}

// paramState is what confined knows of a callee's parameter.
type paramState int

const (
	unknown  paramState = iota
	checking            // being checked: a recursive call adds nothing
	kept                // confined
	leaks               // not confined
)
