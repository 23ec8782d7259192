package reverse

import (
	"fmt"
	"slices"
	"strings"

	"github.com/godiff/godiff/ir"
)

// tapeFields allocates the tape's fields, each under a name of its own.
type tapeFields struct {
	tape  *ir.Tape
	taken map[string]bool
}

func newTapeFields(name string) *tapeFields {
	// Bytes is the tape's method (emit/bytes.go), no field's name.
	return &tapeFields{tape: &ir.Tape{Name: name}, taken: map[string]bool{"Bytes": true}}
}

// shareCalls makes the tape one that the calls of a call site share (see
// ir.Tape): its first field is the stack of the calls' records, calls,
// and each record has a field end, so neither name is free.
func (tf *tapeFields) shareCalls() {
	tf.taken["calls"], tf.taken["end"] = true, true
	fld := &ir.TapeField{Name: "calls", Stack: true,
		Doc: "calls: what each call keeps that is not on a stack, one entry per call, in the order of the calls."}
	fld.Type = ir.Record{Tape: tf.tape}
	tf.tape.Calls = fld
	tf.tape.Fields = append(tf.tape.Fields, fld)
}

// endOf returns the field of a shared tape's records that holds where a
// call's entries of the stack or site fld end, creating it if need be.
// It is named like fld, in the records' end struct.
func (tf *tapeFields) endOf(fld *ir.TapeField) *ir.TapeField {
	for _, f := range tf.tape.Fields {
		if f.End == fld {
			return f
		}
	}
	f := &ir.TapeField{Name: fld.Name, Type: ir.Int, End: fld} // the record's end struct says what it holds
	tf.tape.Fields = append(tf.tape.Fields, f)
	return f
}

// add creates a field; depth > 0 makes it a stack, pushed once per
// iteration of the loops around what it records. The tape of a callee
// godiff generates is a site, one per call site, whatever the depth; a
// rule's tape is held in a slice.
func (tf *tapeFields) add(want string, t ir.Type, depth int, doc string) *ir.TapeField {
	name := ir.FreshName(tf.taken, want)
	tf.taken[name] = true
	stack := depth > 0
	callTape := isCallTape(t)
	switch {
	case callTape && t.(ir.Opaque).Calls:
		stack = false
		doc += ", for every call of it here: one record per call, and the stacks they share"
	case stack:
		doc += ", one entry per iteration of the loop around it, read back last first"
	case callTape:
		// A slice of one entry: a tape of the callee's type may hold,
		// through its callees, a tape of this one's type, which only a
		// slice lets Go declare.
		stack = true
		doc += ", in a slice of one entry"
	}
	fld := &ir.TapeField{Name: name, Type: t, Stack: stack, Doc: fmt.Sprintf("%s: %s.", name, doc)}
	tf.tape.Fields = append(tf.tape.Fields, fld)
	return fld
}

// fieldName suggests a field name for a forward value: its source name, or
// a word for what computes it.
func fieldName(v *ir.Value) string {
	switch {
	case v.Name != "":
		return v.Name
	case v.Op == ir.OpCall:
		return strings.ToLower(v.Aux.(ir.Callee).Name)
	case v.Op == ir.OpGet:
		return v.Aux.(*ir.Var).Name
	case v.Op.IsCompare() || v.Type == ir.Bool:
		return "cond"
	case v.Op == ir.OpLoad:
		return "elem"
	case v.Op == ir.OpCopySlice:
		return "copied"
	}
	if name, ok := opWords[v.Op]; ok {
		return name
	}
	return "tmp"
}

// opWords and opLong name an unnamed intermediate value by its operation.
var (
	opWords = map[ir.Op]string{ir.OpAdd: "sum", ir.OpSub: "diff", ir.OpMul: "prod", ir.OpDiv: "quo", ir.OpNeg: "neg", ir.OpConvert: "conv",
		ir.OpMin: "least", ir.OpMax: "most", ir.OpCap: "cap"}
	opLong = map[ir.Op]string{ir.OpAdd: "sum", ir.OpSub: "difference", ir.OpMul: "product", ir.OpDiv: "quotient", ir.OpNeg: "negation", ir.OpConvert: "conversion",
		ir.OpMin: "minimum", ir.OpMax: "maximum", ir.OpCap: "capacity"}
)

// describe says in words what a taped value is, for the field's comment.
func describe(v *ir.Value) string {
	switch {
	case v.Op == ir.OpParam:
		if p := v.Block.Func.Params[v.Aux.(int)]; p.Group != nil {
			return "the field " + p.Group.Ref(p.Field)
		}
		return "the parameter " + v.Name
	case v.Op == ir.OpGet && isCallTape(v.Type):
		// A callee's tape (see rules.LowerCalls): its type is named
		// after the callee's split form, fooCallTape.
		base := strings.TrimSuffix(v.Type.(ir.Opaque).Go, "Tape")
		return fmt.Sprintf("the tape %sForward fills and %sBackward reads", base, base)
	case v.Op == ir.OpGet:
		return "the value of " + v.Aux.(*ir.Var).Name + " the backward sweep reads"
	case v.Op == ir.OpExtract && v.Args[0].Op == ir.OpInvoke:
		return fmt.Sprintf("result %d of a call of %s", v.Aux.(int)+1, v.Args[0].Aux.(ir.Callee))
	case v.Name != "":
		return v.Name + " as the forward sweep computed it"
	case v.Op == ir.OpCall:
		return v.Aux.(ir.Callee).String() + " of the forward sweep"
	case v.Type == ir.Bool:
		return "the branch the forward sweep took"
	case v.Op == ir.OpLoad:
		return "an element read before it was overwritten"
	case v.Op == ir.OpCopySlice:
		return "how many elements a copy copied"
	}
	if name, ok := opWords[v.Op]; ok {
		return "a " + opLong[v.Op] + " (" + name + ") of the forward sweep"
	}
	return "an intermediate value of the forward sweep"
}

// sortFields puts the tape's fields in the order the forward function
// first fills them, so that the struct reads in the order of the program;
// a shared tape's records first, the backward function's scratch buffers
// last.
func sortFields(tape *ir.Tape, fwd *ir.Func) {
	first := firstSaves(fwd)
	key := func(f *ir.TapeField) int {
		switch {
		case f == tape.Calls:
			return -1
		case f.Scratch:
			return len(tape.Fields) + len(first)
		}
		return first[f]
	}
	slices.SortStableFunc(tape.Fields, func(a, b *ir.TapeField) int { return key(a) - key(b) })
}

// loopName describes a loop for a comment: by its label, or by its index
// or counter.
func loopName(l *ir.Value) string {
	if lbl := l.Aux.(*ir.Loop).Label; lbl != "" {
		return "the loop " + lbl
	}
	if idx := indexName(l); idx != "" {
		return "the loop on " + idx
	}
	return "a loop"
}

// tripName names the trip count of a loop after its index or counter:
// trips of the loop on i is iTrips.
func tripName(l *ir.Value) string {
	if idx := indexName(l); idx != "" {
		return idx + "Trips"
	}
	return "trips"
}

func indexName(l *ir.Value) string {
	body := l.Blocks[len(l.Blocks)-1]
	if l.Op == ir.OpRange && len(body.Values) > 0 {
		return body.Values[0].Name
	}
	if l.Op == ir.OpFor {
		init := l.Blocks[0]
		if n := len(init.Values); n > 0 && init.Values[n-1].Op == ir.OpDecl {
			return init.Values[n-1].Aux.(*ir.Var).Name
		}
	}
	return ""
}

// sortLoads puts each run of reads of scalar tape fields in blk (and the
// blocks inside) in the tape's order, which is the forward function's: the
// backward function asks for values last first, and reads them in the
// order a person would. The reads depend on nothing but the tape, so any
// order of a run is correct.
func sortLoads(blk *ir.Block, tape *ir.Tape) {
	index := make(map[*ir.TapeField]int)
	for i, f := range tape.Fields {
		index[f] = i
	}
	var sortBlock func(b *ir.Block)
	sortBlock = func(b *ir.Block) {
		isLoad := func(v *ir.Value) bool {
			f, ok := v.Aux.(*ir.TapeField)
			return v.Op == ir.OpTapeLoad && ok && !f.Stack
		}
		for i := 0; i < len(b.Values); {
			j := i
			for j < len(b.Values) && isLoad(b.Values[j]) {
				j++
			}
			if j > i {
				slices.SortStableFunc(b.Values[i:j], func(x, y *ir.Value) int {
					return index[x.Aux.(*ir.TapeField)] - index[y.Aux.(*ir.TapeField)]
				})
				i = j
				continue
			}
			for _, nb := range b.Values[i].Blocks {
				sortBlock(nb)
			}
			i++
		}
	}
	sortBlock(blk)
}

// isCallTape reports whether t is the tape type of a callee's split form
// (see rules.LowerCalls).
func isCallTape(t ir.Type) bool {
	o, ok := t.(ir.Opaque)
	return ok && o.CallTape
}

// dropUnread removes from the tape the fields bwd does not read, and
// from fwd what saves into them. The backward function asks for a value
// as it builds the chain rule, before dead code elimination, which may
// then remove every read: the index of an in-place update whose adjoint
// passes through unchanged (xs[k] += 1) needs no entry per iteration.
// Callees' tapes stay: fwd fills them in place.
func dropUnread(tape *ir.Tape, fwd, bwd *ir.Func) {
	keep := make(map[*ir.TapeField]bool)
	mark := func(v *ir.Value) {
		switch v.Op {
		case ir.OpTapeLoad, ir.OpTapeSlot, ir.OpTapeCalls, ir.OpTapeEntry, ir.OpTapeBuffer:
			keep[v.Aux.(*ir.TapeField)] = true
		}
	}
	bwd.Walk(mark)
	fwd.Walk(mark)
	var dead []*ir.Value
	fwd.Walk(func(v *ir.Value) {
		switch v.Op {
		case ir.OpTapeSave, ir.OpTapeReset, ir.OpTapeGrow:
			if !keep[v.Aux.(*ir.TapeField)] {
				dead = append(dead, v)
			}
		}
	})
	for _, v := range dead {
		ir.Remove(v)
	}
	tape.Fields = slices.DeleteFunc(tape.Fields, func(f *ir.TapeField) bool { return !keep[f] })
}
