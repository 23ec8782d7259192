package ir

import "fmt"

// This file holds the Builder methods for statements: variables, memory,
// control flow and the tape. Each appends to the current block; a
// control-flow method returns its op, whose blocks the caller fills by
// setting Builder.Block.

// Declare declares v, set to init, or to its zero value if init is nil.
func (b *Builder) Declare(v *Var, init *Value) *Value {
	if init == nil {
		return b.add(OpDecl, nil, v)
	}
	return b.add(OpDecl, nil, v, init)
}

// ForgetReads makes the builder forget the reads it would share (see Load
// and Get). A caller that moves values to another place in their block
// calls it: the sharing assumes values stand in the order they were built.
func (b *Builder) ForgetReads() {
	clear(b.loads)
	clear(b.gets)
}

// Get reads variable v. A second read in the same block with no
// assignment between is the first read again.
func (b *Builder) Get(v *Var) *Value {
	if seen, ok := b.gets[v]; ok && seen.v.Block == b.Block && seen.writes == b.sets && b.at < 0 {
		return seen.v
	}
	g := b.add(OpGet, v.Type, v)
	if b.gets == nil {
		b.gets = make(map[*Var]loadSeen)
	}
	b.gets[v] = loadSeen{g, b.sets}
	return g
}

// Set assigns x to variable v.
func (b *Builder) Set(v *Var, x *Value) *Value {
	return b.add(OpSet, nil, v, x)
}

// Load reads s[i]. A second read of the same s[i] in the same block, with
// no write to memory between (to any slice: slices may overlap), is the
// first read again: x[i]*x[i] reads x[i] once.
func (b *Builder) Load(s, i *Value) *Value {
	key := [2]*Value{s, i}
	if seen, ok := b.loads[key]; ok && seen.v.Block == b.Block && seen.writes == b.writes && b.at < 0 {
		return seen.v
	}
	v := b.add(OpLoad, Elem(s.Type), nil, s, i)
	if b.loads == nil {
		b.loads = make(map[[2]*Value]loadSeen)
	}
	b.loads[key] = loadSeen{v, b.writes}
	return v
}

// Store writes x to s[i].
func (b *Builder) Store(s, i, x *Value) *Value {
	return b.add(OpStore, nil, nil, s, i, x)
}

// MinMax returns the builtin min(x, y) (op OpMin) or max(x, y) (OpMax).
func (b *Builder) MinMax(op Op, x, y *Value) *Value {
	return b.pure(op, x.Type, nil, x, y)
}

// Cap returns cap(s).
func (b *Builder) Cap(s *Value) *Value {
	return b.pure(OpCap, Int, nil, s)
}

// IsNil returns s == nil, for a slice s.
func (b *Builder) IsNil(s *Value) *Value {
	return b.pure(OpIsNil, Bool, nil, s)
}

// Len returns len(s).
func (b *Builder) Len(s *Value) *Value {
	return b.pure(OpLen, Int, nil, s)
}

// Make returns a fresh zeroed slice of type t and length n.
func (b *Builder) Make(t Type, n *Value) *Value {
	return b.add(OpMake, t, nil, n)
}

// SliceLit returns a fresh slice of type t holding elems.
func (b *Builder) SliceLit(t Type, elems ...*Value) *Value {
	return b.add(OpSliceLit, t, nil, elems...)
}

// Subslice returns s[lo:hi].
func (b *Builder) Subslice(s, lo, hi *Value) *Value {
	return b.pure(OpSubslice, s.Type, nil, s, lo, hi)
}

// CopySlice copies src into dst and returns the number of elements copied.
func (b *Builder) CopySlice(dst, src *Value) *Value {
	return b.add(OpCopySlice, Int, nil, dst, src)
}

// Logic returns x && y (OpAnd) or x || y (OpOr).
func (b *Builder) Logic(op Op, x, y *Value) *Value {
	if op != OpAnd && op != OpOr {
		panic(fmt.Sprintf("ir: Logic with %v", op))
	}
	// A constant operand decides the result or drops out: x's value is
	// computed already, so nothing is skipped that Go would compute.
	decides := op == OpOr // true || y is true; false && y is false
	for _, pair := range [][2]*Value{{x, y}, {y, x}} {
		if c := pair[0]; c.IsConst() {
			if c.Aux.(bool) == decides {
				return c
			}
			return pair[1]
		}
	}
	// An operand already in the other's chain of op drops out: x || x and
	// (a || x) || x are what their first operand is (math.IsNaN(v) ||
	// math.IsNaN(v), the call computed once); go vet reports c || c in
	// the output. Both operands are computed already and have no effect.
	if inChain(op, x, y) {
		return x
	}
	if inChain(op, y, x) {
		return y
	}
	return b.pure(op, Bool, nil, x, y)
}

// inChain reports whether v is c or an operand of the chain of op that c
// heads (a || b || c is a chain of OpOr).
func inChain(op Op, c, v *Value) bool {
	if c == v {
		return true
	}
	return c.Op == op && (inChain(op, c.Args[0], v) || inChain(op, c.Args[1], v))
}

// Not returns !x.
func (b *Builder) Not(x *Value) *Value {
	return b.pure(OpNot, Bool, nil, x)
}

// If appends an if statement on cond with empty then and else blocks.
func (b *Builder) If(cond *Value) *Value {
	v := b.add(OpIf, nil, nil, cond)
	v.Blocks = []*Block{b.newBlock(v), b.newBlock(v)}
	return v
}

// For appends a for loop with empty init, cond, post and body blocks. A
// cond block without a Result loops until a break.
func (b *Builder) For(label string) *Value {
	v := b.add(OpFor, nil, &Loop{Label: label})
	v.Blocks = []*Block{b.newBlock(v), b.newBlock(v), b.newBlock(v), b.newBlock(v)}
	return v
}

// Range appends a loop over the indexes of a slice, or over 0..n-1 for an
// int n, with an empty body.
func (b *Builder) Range(label string, over *Value) *Value {
	v := b.add(OpRange, nil, &Loop{Label: label}, over)
	v.Blocks = []*Block{b.newBlock(v)}
	return v
}

// Index returns the index of the current iteration of the range loop
// whose body is the current block. It is defined once, first in the body.
func (b *Builder) Index(name string) *Value {
	v := b.add(OpIndex, Int, nil)
	v.Name = name
	return v
}

// Break leaves loop.
func (b *Builder) Break(loop *Value) *Value { return b.add(OpBreak, nil, loop) }

// Continue goes on with loop's next iteration.
func (b *Builder) Continue(loop *Value) *Value { return b.add(OpContinue, nil, loop) }

// TapeReset empties stack field fld of tape.
func (b *Builder) TapeReset(tape *Value, fld *TapeField) *Value {
	return b.add(OpTapeReset, nil, fld, tape)
}

// TapeSave stores x in field fld of tape, or pushes it if fld is a stack.
func (b *Builder) TapeSave(tape *Value, fld *TapeField, x *Value) *Value {
	return b.add(OpTapeSave, nil, fld, tape, x)
}

// TapeGrow makes room on stack field fld of tape for n more entries, so
// that the pushes of a loop whose trip count is known allocate at most
// once.
func (b *Builder) TapeGrow(tape *Value, fld *TapeField, n *Value) *Value {
	return b.add(OpTapeGrow, nil, fld, tape, n)
}

// TapeSlot returns a pointer to a fresh entry of field fld of tape: see
// OpTapeSlot.
func (b *Builder) TapeSlot(tape *Value, fld *TapeField) *Value {
	return b.add(OpTapeSlot, Pointer{Elem: fld.Type}, fld, tape)
}

// TapeLoad reads field fld of tape: its value, for a stack the slice of
// its entries, oldest first, and for a scratch buffer the buffer as the
// last TapeBuffer of it left it (the same memory).
func (b *Builder) TapeLoad(tape *Value, fld *TapeField) *Value {
	t := fld.Type
	if fld.Stack || fld.Scratch {
		t = Slice{Elem: t}
	}
	return b.add(OpTapeLoad, t, fld, tape)
}

// TapeCalls returns the number of calls recorded in the callee's tape
// that site field fld of tape holds.
func (b *Builder) TapeCalls(tape *Value, fld *TapeField) *Value {
	return b.add(OpTapeCalls, Int, fld, tape)
}

// TapeEntry returns a pointer to entry i of stack field fld of tape.
func (b *Builder) TapeEntry(tape *Value, fld *TapeField, i *Value) *Value {
	return b.add(OpTapeEntry, Pointer{Elem: fld.Type}, fld, tape, i)
}

// TapeBuffer returns a zeroed slice of type t and length n in the memory of
// field fld of tape: see OpTapeBuffer.
func (b *Builder) TapeBuffer(tape *Value, fld *TapeField, t Slice, n *Value) *Value {
	return b.add(OpTapeBuffer, t, fld, tape, n)
}

// Accum adds x to *p.
func (b *Builder) Accum(p, x *Value) *Value {
	return b.add(OpAccum, nil, nil, p, x)
}

// LocalTape returns a tape of the function's own, of type t.
func (b *Builder) LocalTape(t TapeRef, name string) *Value {
	v := b.add(OpLocalTape, t, nil)
	v.Name = name
	return v
}

// PooledTape returns a tape of the function's own, of type t, that the
// function takes from the package's pool of such tapes and gives back
// before it returns (see IsPooled).
func (b *Builder) PooledTape(t TapeRef, name string) *Value {
	v := b.LocalTape(t, name)
	v.Aux = pooled{}
	return v
}

// In runs fill with the builder appending to blk, then restores the
// current block (and the insertion place, if any).
func (b *Builder) In(blk *Block, fill func()) {
	savedBlock, savedAt := b.Block, b.at
	b.Block, b.at = blk, -1
	fill()
	b.Block, b.at = savedBlock, savedAt
}

// Invoke calls fn, a generated function with effects, and returns the call:
// its value if t is a single type, the source of Extract if t is a Tuple.
func (b *Builder) Invoke(fn Callee, t Type, args ...*Value) *Value {
	return b.add(OpInvoke, t, fn, args...)
}

// Extract returns result i of a call with several results.
func (b *Builder) Extract(call *Value, i int) *Value {
	return b.add(OpExtract, call.Type.(Tuple)[i], i, call)
}

// Addr returns a pointer to variable v.
func (b *Builder) Addr(v *Var) *Value {
	return b.add(OpAddr, Pointer{Elem: v.Type}, v)
}
