package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/internal/prose"
	"github.com/godiff/godiff/ir"
)

// This file writes the pool of a tape that FGrad and FVJP reuse (see
// ir.IsPooled): a package-level sync.Pool per tape type, the tape's
// release method that gives a tape back to it, and the clearRefs method
// of every tape a pooled one may hold, which drops the caller's memory.
//
//	t := fTapes.Get().(*FTape)
//	r := FForward(t, x)
//	...
//	FBackward(t, 1, dx)
//	t.release()
//	return r, dx

// maxPooledBytes is the size, as Bytes counts it, above which a tape is
// not given back to its pool (see releaseMethod).
const maxPooledBytes = 64 << 20

// poolsHeap reports whether v, a tape of its function's own, comes from
// the pool: a pooled tape that holds heap memory of its own. A tape of
// single values stays a local variable, which costs nothing.
func poolsHeap(v *ir.Value) bool {
	if !ir.IsPooled(v) {
		return false
	}
	r, ok := v.Type.(ir.TapeRef)
	return ok && r.Tape != nil && ir.HoldsHeap(r.Tape)
}

// pooledTapes returns, by tape name, the functions of funcs that take a
// tape of that type from its pool, in order.
func pooledTapes(funcs []*ir.Func) map[string][]string {
	users := make(map[string][]string)
	for _, fn := range funcs {
		fn.Walk(func(v *ir.Value) {
			if poolsHeap(v) {
				name := v.Type.(ir.TapeRef).Tape.Name
				if u := users[name]; len(u) == 0 || u[len(u)-1] != fn.Name {
					users[name] = append(u, fn.Name)
				}
			}
		})
	}
	return users
}

// poolDecls returns the pool of tape's type and its release method;
// users are the functions taking tapes from it.
func poolDecls(tape *ir.Tape, users []string) []jen.Code {
	pool := ir.PoolName(tape.Name)
	varDoc := docComment([]string{fmt.Sprintf("%s holds the %ss that %s finished with: each call takes one (a new one if the pool is empty) and gives it back, so that calls reuse a tape's buffers instead of allocating, zeroing and collecting them each time.",
		pool, tape.Name, prose.List(users))})
	decl := varDoc.Var().Id(pool).Op("=").Qual("sync", "Pool").Values(jen.Dict{
		jen.Id("New"): jen.Func().Params().Any().Block(jen.Return(jen.New(jen.Id(tape.Name)))),
	})
	relDoc := docComment([]string{fmt.Sprintf("release gives t back to %s, emptied of the caller's memory. A tape holding more than %d MiB is left to the garbage collector instead: the pool would keep that memory alive, unused, between calls (until two collections pass), and at that size the allocation saved is small beside the run that fills it.",
		pool, maxPooledBytes>>20)})
	rel := relDoc.Func().Params(jen.Id("t").Op("*").Id(tape.Name)).Id("release").Params().Block(
		jen.If(jen.Id("t").Dot("Bytes").Call().Op(">").Lit(maxPooledBytes>>20).Op("<<").Lit(20)).Block(jen.Return()),
		jen.Id("t").Dot("clearRefs").Call(),
		jen.Id(pool).Dot("Put").Call(jen.Id("t")),
	)
	return []jen.Code{decl, rel}
}

// clearRefsMethod returns the tape's clearRefs method: it sets to nil the
// references t holds to memory not its own (the caller's slices, kept for
// the backward sweep), clears the stacks of such references in full (a
// checkpointed loop's tape may have been longer before its last refill),
// and clears the tapes of its call sites, keeping every buffer.
func clearRefsMethod(tape *ir.Tape) (jen.Code, error) {
	var body []jen.Code
	tf := func(name string) *jen.Statement { return jen.Id("t").Dot(name) }
	for _, f := range tape.Fields {
		if f.End != nil || tape.InRecord(f) {
			continue // in the records, cleared with the stack of calls
		}
		name := fieldName(f)
		switch {
		case f.IsSite() && f.Indirect:
			body = append(body, jen.If(tf(name).Op("!=").Nil()).Block(tf(name).Dot("clearRefs").Call()))
		case f.IsSite():
			body = append(body, tf(name).Dot("clearRefs").Call())
		case !ir.HasPointers(f.Type):
		case f.Stack && f.Fixed > 0:
			body = append(body, jen.Clear(tf(name).Index(jen.Empty())))
		case f.Stack || f.Scratch:
			body = append(body, jen.Clear(tf(name).Index(jen.Empty(), jen.Cap(tf(name)))))
		default:
			switch f.Type.(type) {
			case ir.Slice, ir.Pointer, ir.TapeRef:
				body = append(body, tf(name).Op("=").Nil())
			case ir.Array:
				body = append(body, jen.Clear(tf(name).Index(jen.Empty())))
			default: // a rule's tape: its zero value
				t, err := goType(f.Type)
				if err != nil {
					return nil, fmt.Errorf("emit: tape %s: field %s: %v", tape.Name, f.Name, err)
				}
				body = append(body, tf(name).Op("=").Op("*").New(t))
			}
		}
	}
	doc := docComment([]string{"clearRefs drops what t refers to outside its own memory (the caller's slices, kept for the backward sweep), keeping t's buffers, so that a tape kept for reuse keeps nothing of the caller's alive."})
	return doc.Func().Params(jen.Id("t").Op("*").Id(tape.Name)).Id("clearRefs").Params().Block(body...), nil
}
