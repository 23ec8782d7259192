package ir

// capped marks an OpSubslice whose capacity ends at its high bound,
// Go's full slice expression s[lo:hi:hi]: appending to it reallocates
// rather than writing into s past hi. FGrad and FVJP give their slice
// results one backing array that way (see reverse's sharedresults.go):
// each result is its own slice to its caller, and an append to one
// cannot overwrite the next.
type capped struct{}

// CappedSubslice returns s[lo:hi:hi].
func (b *Builder) CappedSubslice(s, lo, hi *Value) *Value {
	return b.pure(OpSubslice, s.Type, capped{}, s, lo, hi)
}

// IsCapped reports whether v is a subslice whose capacity ends at its
// high bound (see CappedSubslice).
func IsCapped(v *Value) bool {
	_, ok := v.Aux.(capped)
	return v.Op == OpSubslice && ok
}
