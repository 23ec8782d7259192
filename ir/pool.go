package ir

// pooled marks a tape.local value whose tape comes from a pool (see
// Builder.PooledTape).
type pooled struct{}

// IsPooled reports whether v is a tape of its function's own that the
// function takes from the package-level pool of its type, PoolName(the
// tape's name), and gives back, emptied of the caller's memory, before it
// returns: FGrad and FVJP reuse one tape's buffers from call to call
// instead of allocating, zeroing and leaving to the garbage collector a
// fresh tape each call.
func IsPooled(v *Value) bool {
	_, ok := v.Aux.(pooled)
	return v.Op == OpLocalTape && ok
}

// PoolName is the name of the package-level pool of the tapes named tape,
// unexported and distinct for distinct tapes: poolObjectiveTape for
// ObjectiveTape.
func PoolName(tape string) string { return "pool" + tape }

// HoldsHeap reports whether a tape of type t holds memory of its own on
// the heap: a stack, a buffer, the tape of a call site, or a rule's tape
// (whose contents godiff does not know). A tape of single values and
// references needs none, and a local variable of its type costs nothing.
func HoldsHeap(t *Tape) bool {
	for _, f := range t.Fields {
		if f.Stack && f.Fixed == 0 || f.Scratch || f.IsSite() {
			return true
		}
		if _, ok := f.Type.(Opaque); ok {
			return true
		}
	}
	return false
}

// HasPointers reports whether a value of type t may refer to memory: a
// slice, a pointer, a tape, an opaque type (not known, so it may), or an
// array or record holding one. Clearing a tape of the caller's memory
// clears the fields of such types only.
func HasPointers(t Type) bool {
	switch t := t.(type) {
	case Basic:
		return false
	case Array:
		return HasPointers(t.Elem)
	case Record:
		for _, f := range t.Tape.Fields {
			if (f.End != nil || t.Tape.InRecord(f)) && HasPointers(f.Type) {
				return true
			}
		}
		return false
	}
	return true
}
