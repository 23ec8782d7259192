package jacobian

import (
	"fmt"
	"slices"
	"strings"

	"github.com/godiff/godiff/internal/prose"
	"github.com/godiff/godiff/ir"
)

// work is the FJacobianWork type being built: an ir.Tape whose fields are
// the buffers FJacobianTo keeps across calls.
type work struct {
	tape  *ir.Tape
	taken map[string]bool
	kinds []string // what the fields hold, for the type's doc comment, in order
	// tapeField is the field of the reverse path's tape, if any.
	tapeField *ir.TapeField
}

// The kinds of fields.
const (
	kindTape     = "the tape of the reverse path"
	kindTangents = "the tangents of the forward sweeps"
	kindSaved    = "copies of the slices %s writes, which each forward sweep starts from"
	kindBuffers  = "the buffers of the backward sweeps"
)

func newWork(name string) *work {
	return &work{tape: &ir.Tape{Name: name}, taken: make(map[string]bool)}
}

// field adds a field of type t, named want or a fresh variant of it,
// holding what doc says, of the given kind.
func (w *work) field(want string, t ir.Type, kind, doc string) *ir.TapeField {
	name := ir.FreshName(w.taken, want)
	w.taken[name] = true
	if !slices.Contains(w.kinds, kind) {
		w.kinds = append(w.kinds, kind)
	}
	return w.tape.Field(name, t, false, name+": "+doc)
}

// document writes the type's doc comment, once its fields are known.
func (w *work) document(f *ir.Func, to string) {
	name := w.tape.Name
	if len(w.tape.Fields) == 0 {
		w.tape.Doc = []string{fmt.Sprintf("%s is empty: the sizes of %s's arguments are fixed by their types, so %s keeps everything it needs on the stack. It is in %s's signature so that every Jacobian takes a work.", name, f.Name, to, to)}
		return
	}
	kinds := make([]string, len(w.kinds))
	for i, k := range w.kinds {
		kinds[i] = strings.ReplaceAll(k, "%s", f.Name)
	}
	w.tape.Doc = []string{fmt.Sprintf("%s holds the buffers %s keeps across calls: %s. A zero %s is ready to use; keep one per goroutine and pass it to every call, so that %s allocates nothing once it has seen the largest arguments.",
		name, to, prose.List(kinds), name, to)}
}

// shaped returns the buffer of type fld.Type kept in field fld of the
// work wv, with x's shape: as many elements as x and, for a slice of
// slices, rows as long as x's. It grows the kept buffer when x is larger
// than any x before, so that a kept work allocates nothing once it has
// seen the largest x.
func (g *gen) shaped(wv *ir.Value, fld *ir.TapeField, x *ir.Value, name string) *ir.Value {
	b := g.b
	buf := &ir.Var{Name: name, Type: fld.Type}
	b.Declare(buf, b.TapeLoad(wv, fld))
	n := b.Len(x)
	g.when(b.Compare(ir.OpLt, b.Cap(b.Get(buf)), n), func() {
		b.Set(buf, b.Make(fld.Type, n))
		b.TapeSave(wv, fld, b.Get(buf))
	})
	res := b.Subslice(b.Get(buf), g.int(0), n)
	if inner, ok := ir.Elem(fld.Type).(ir.Slice); ok {
		g.loop(x, "i", func(i *ir.Value) {
			g.shapedRow(res, i, inner, b.Len(b.Load(x, i)))
		})
	}
	return res
}

// shapedRow makes row i of buf, of type t, n long, growing it if need be.
func (g *gen) shapedRow(buf, i *ir.Value, t ir.Slice, n *ir.Value) {
	b := g.b
	g.when(b.Compare(ir.OpLt, b.Cap(b.Load(buf, i)), n), func() {
		b.Store(buf, i, b.Make(t, n))
	})
	b.Store(buf, i, b.Subslice(b.Load(buf, i), g.int(0), n))
}
