package emit

import (
	"sort"

	"github.com/godiff/godiff/ir"
)

// This file decides which single-use values are written into their user's
// expression. Writing a value in place moves its evaluation from where the
// IR defines it to where its user's statement runs. That is harmless for
// a pure value, but a value that reads state (a variable, memory, the tape)
// would see what a statement in between wrote. So a value is declared
// where it is defined, tmp := expr, when
//
//   - its user is in another block: a loop body or a branch would evaluate
//     it again, or not at all (a loop's condition is another block too);
//   - it reads state, itself or through the values written inside it, and
//     a statement between its definition and its user's statement may
//     change that state. The outermost such value is declared, so that the
//     temporary holds the whole expression the IR computed there.
//
// A variable's value, x, reads as well as a temporary does: an unnamed get
// read several times is written at each of its readers, under the same
// conditions, rather than copied into t1 := x.
//
// Values with effects are declared by the plan already (hasEffects), and
// the values of a loop's cond and post blocks are always written in place.

// state is something a value may read and a statement may change: an
// *ir.Var, an *ir.TapeField, or a stateKind.
type state any

type stateKind int

const (
	memory  stateKind = iota // slice and array elements
	pointee                  // what a pointer points to: a variable whose address is taken
	anyTape                  // every field of every tape, which an invoke may fill
)

// effects knows what each live value reads and writes.
type effects struct {
	live      map[*ir.Value]bool
	addrTaken map[*ir.Var]bool
	pos       map[*ir.Value]int             // position of each value in its block
	written   map[*ir.Block]map[state][]int // per block and state, the ascending positions of the values that may write it, nested blocks included
}

// newEffects indexes the writes of fn's live values.
func newEffects(fn *ir.Func, live map[*ir.Value]bool) *effects {
	fx := &effects{
		live:      live,
		addrTaken: make(map[*ir.Var]bool),
		pos:       make(map[*ir.Value]int),
		written:   make(map[*ir.Block]map[state][]int),
	}
	fn.Walk(func(v *ir.Value) {
		if v.Op == ir.OpAddr && live[v] {
			fx.addrTaken[v.Aux.(*ir.Var)] = true
		}
	})
	fx.index(fn.Body)
	return fx
}

// index records where the values of b and of its nested blocks write, and
// returns everything b writes.
func (fx *effects) index(b *ir.Block) []state {
	at := make(map[state][]int)
	fx.written[b] = at
	var all []state
	for i, v := range b.Values {
		fx.pos[v] = i
		var ws []state
		if fx.live[v] {
			ws = writes(v)
		}
		for _, nb := range v.Blocks {
			ws = append(ws, fx.index(nb)...)
		}
		ws = distinct(ws)
		for _, s := range ws {
			at[s] = append(at[s], i)
		}
		all = append(all, ws...)
	}
	return distinct(all)
}

// writes returns the states v's own statement may change.
func writes(v *ir.Value) []state {
	switch v.Op {
	case ir.OpDecl, ir.OpSet:
		return []state{v.Aux.(*ir.Var)}
	case ir.OpStore, ir.OpCopySlice:
		return []state{memory}
	case ir.OpAccum:
		return []state{memory, pointee} // the pointer may point anywhere
	case ir.OpInvoke:
		return []state{memory, pointee, anyTape} // it gets pointers, slices and tapes
	case ir.OpTapeReset, ir.OpTapeSave, ir.OpTapeGrow, ir.OpTapeSlot:
		return []state{v.Aux.(*ir.TapeField)}
	case ir.OpTapeBuffer:
		return []state{v.Aux.(*ir.TapeField), memory} // it zeroes what it reuses
	}
	return nil
}

// reads returns the states v itself reads.
func (fx *effects) reads(v *ir.Value) []state {
	switch v.Op {
	case ir.OpGet:
		x := v.Aux.(*ir.Var)
		rs := []state{x}
		if fx.addrTaken[x] {
			rs = append(rs, pointee)
		}
		if isArray(x.Type) {
			rs = append(rs, memory) // an array variable is its elements
		}
		return rs
	case ir.OpLoad:
		return []state{memory}
	case ir.OpTapeLoad, ir.OpTapeCalls, ir.OpTapeEntry:
		return []state{v.Aux.(*ir.TapeField), anyTape}
	}
	return nil
}

// clobbered reports whether a value of the block strictly between from and
// to may write one of states. Values in different blocks count as
// clobbered: nothing is known about what runs between them.
func (fx *effects) clobbered(states []state, from, to *ir.Value) bool {
	if len(states) == 0 {
		return false
	}
	if from.Block != to.Block {
		return true
	}
	lo, hi := fx.pos[from], fx.pos[to]
	at := fx.written[from.Block]
	for _, s := range states {
		ps := at[s]
		if i := sort.SearchInts(ps, lo+1); i < len(ps) && ps[i] < hi {
			return true
		}
	}
	return false
}

// distinct returns ss without repetitions, in order.
func distinct(ss []state) []state {
	if len(ss) < 2 {
		return ss
	}
	seen := make(map[state]bool, len(ss))
	out := ss[:0:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// candidate reports whether v is, so far, to be written into its user:
// literals, &x and the values of a for clause are always.
func (p *plan) candidate(v *ir.Value) bool {
	return p.form[v] == formInline && !v.IsConst() && v.Op != ir.OpAddr && !inClause(v.Block)
}

// decideInlining turns each candidate that cannot be written in place
// into a declaration.
func (p *plan) decideInlining(fn *ir.Func) {
	fx := newEffects(fn, p.live)
	var order []*ir.Value
	fn.Walk(func(v *ir.Value) { order = append(order, v) })
	reads := p.expressionReads(order, fx)
	at := make(map[*ir.Value]*ir.Value) // the statement whose code holds a value
	for i := len(order) - 1; i >= 0; i-- {
		v := order[i]
		switch {
		case p.form[v] == formFolded:
			at[v] = at[p.user[v]]
		case isArrayRef(v):
			// Written at every use whatever comes between; what it reads
			// itself must then be declared, unless it is written in place
			// safely (at[v] nil: no point to check against).
			at[v] = p.inlinePoint(v, at, reads[v], fx)
		case p.candidate(v):
			if point := p.inlinePoint(v, at, reads[v], fx); point != nil {
				at[v] = point
			} else {
				p.form[v] = formDeclare
				at[v] = v
			}
		default:
			at[v] = v
		}
	}
}

// inlinePoint returns the last statement whose code would hold v if v
// were written at each of its readers, or nil if it must be declared: a
// reader is in another block, or is a loop testing v on each iteration, or
// something between v and a reader's statement may change what v reads.
func (p *plan) inlinePoint(v *ir.Value, at map[*ir.Value]*ir.Value, reads []state, fx *effects) *ir.Value {
	if len(p.readers[v]) == 0 {
		return v // read by nothing: never written at all
	}
	var last *ir.Value
	for _, u := range p.readers[v] {
		point := u
		if f := p.form[u]; f == formInline || f == formFolded {
			point = at[u]
		}
		if u.Block != v.Block || u.Op == ir.OpFor || point == nil || fx.clobbered(reads, v, point) {
			return nil
		}
		if last == nil || fx.pos[point] > fx.pos[last] {
			last = point
		}
	}
	return last
}

// expressionReads returns, for each candidate, the states its expression
// would read if written in place: its own reads and those of each
// argument that can be written into it.
func (p *plan) expressionReads(order []*ir.Value, fx *effects) map[*ir.Value][]state {
	reads := make(map[*ir.Value][]state)
	for _, v := range order {
		if !p.candidate(v) {
			continue
		}
		rs := fx.reads(v)
		for _, a := range v.Args {
			if p.candidate(a) && a.Block == v.Block && !fx.clobbered(reads[a], a, v) {
				rs = append(rs, reads[a]...)
			}
		}
		reads[v] = distinct(rs)
	}
	return reads
}
