package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
)

// bytesMethod returns the tape's Bytes method: the bytes a filled tape
// holds, counted as the tape report's formula counts them (ir.EntryBytes:
// each value's size, a slice's header where the tape keeps a reference, a
// stack's entries by its length, the records of a shared tape's calls,
// the sites' own Bytes; not Go's padding nor spare capacity), so that
// after a run it equals the formula of the tape's doc comment.
func bytesMethod(tape *ir.Tape) jen.Code {
	var fixed int64
	var body []jen.Code
	for _, f := range tape.Fields {
		if f.End != nil || tape.InRecord(f) {
			continue // in the records, counted by the stack of calls
		}
		name := fieldName(f)
		switch {
		case f.IsSite() && f.Indirect:
			body = append(body, jen.If(jen.Id("t").Dot(name).Op("!=").Nil()).Block(
				jen.Id("n").Op("+=").Id("t").Dot(name).Dot("Bytes").Call()))
			continue
		case f.IsSite():
			body = append(body, jen.Id("n").Op("+=").Id("t").Dot(name).Dot("Bytes").Call())
			continue
		}
		size, ok := ir.EntryBytes(f.Type)
		switch {
		case !ok:
			// a rule's tape: its size is not known here (the report says so)
		case f.Stack && f.Fixed > 0:
			body = append(body, jen.Id("n").Op("+=").Id("t").Dot(fixedCountName(f)).Op("*").Lit(int(size)))
		case f.Stack || f.Scratch:
			body = append(body, jen.Id("n").Op("+=").Len(jen.Id("t").Dot(name)).Op("*").Lit(int(size)))
		default:
			fixed += size
		}
	}
	stmts := []jen.Code{jen.Return(jen.Lit(int(fixed)))}
	if len(body) > 0 {
		stmts = append([]jen.Code{jen.Id("n").Op(":=").Lit(int(fixed))}, body...)
		stmts = append(stmts, jen.Return(jen.Id("n")))
	}
	doc := docComment([]string{fmt.Sprintf("Bytes returns the bytes t holds after a run, as the formula in %s's comment counts them: each value's size, 24 for a slice the tape refers to, a stack's entries by its length, the tapes of its call sites; not Go's padding nor spare capacity.", tape.Name)})
	return doc.Func().Params(jen.Id("t").Op("*").Id(tape.Name)).Id("Bytes").Params().Int().Block(stmts...)
}
