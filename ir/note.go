package ir

// A Note says what a value of a derived function stands for in the
// function it was derived from, so that godiff explain can write the
// chain rule in the source's names: ∂L/∂z1 = ∂L/∂h1 · w3 rather than
// %27 = mul %dh1 %w3. The transforms add notes as they build; nothing
// else reads them, so they change neither the printed form nor the
// generated code.
type Note struct {
	Kind NoteKind
	// Of is the value of the function differentiated (or, through a chain
	// of Primal notes, of the user's function) that the note is about.
	Of *Value
	// Var is the variable of the function differentiated that an
	// Adjoint or Tangent note of a variable is about.
	Var *Var
	// Result is the index of the result a Seed note seeds.
	Result int
	// Call, on an Adjoint note, is the call (of the function
	// differentiated) whose backward sweep passed this share of Of's
	// adjoint back.
	Call *Value
}

// NoteKind says how a noted value relates to the value it is about.
type NoteKind int

const (
	// NotePrimal: the value is Of itself, copied, recomputed or read back
	// from the tape.
	NotePrimal NoteKind = iota + 1
	// NoteAdjoint: the value (or variable, or the slice of adjoints) is
	// the adjoint of Of (or of Var): backpropagation's memo ∂L/∂Of.
	NoteAdjoint
	// NoteTangent: the value (or variable, or slice) is the tangent of Of
	// (or of Var) in forward mode.
	NoteTangent
	// NoteSeed: the value is the seed of result Result of the function
	// differentiated, the adjoint the backward sweep starts from.
	NoteSeed
)

// AddNote records n on v, once. A value can stand for several things:
// the adjoint of yhat is the adjoint of e when e = yhat - y.
func (v *Value) AddNote(n Note) {
	if v == nil || v.IsConst() {
		return // a constant is shared: it stands for nothing in particular
	}
	for _, m := range v.Notes {
		if m == n {
			return
		}
	}
	v.Notes = append(v.Notes, n)
}

// Note returns v's first note of kind k, if any.
func (v *Value) Note(k NoteKind) (Note, bool) {
	for _, n := range v.Notes {
		if n.Kind == k {
			return n, true
		}
	}
	return Note{}, false
}

// Origin follows v's Primal notes back to the value they end at: a value
// of the user's function, for a copy of one in a derived function, or v
// itself.
func Origin(v *Value) *Value {
	for i := 0; v != nil && i < 64; i++ { // notes never loop; the bound is a backstop
		n, ok := v.Note(NotePrimal)
		if !ok || n.Of == nil {
			return v
		}
		v = n.Of
	}
	return v
}

// AddNote records n on x, once.
func (x *Var) AddNote(n Note) {
	if x == nil {
		return
	}
	for _, m := range x.Notes {
		if m == n {
			return
		}
	}
	x.Notes = append(x.Notes, n)
}
