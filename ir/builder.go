package ir

import (
	"fmt"
	"go/token"
	"math"
	"slices"
)

// Builder appends values to a function's body.
//
// It numbers values as it goes and reuses an existing value for a repeated
// pure operation on the same arguments (common subexpressions are computed
// once). With Simplify set it also folds constants and applies algebraic
// identities (x*1, x+0, ...); the transforms set it while they build
// derivative code, and leave it off while they copy the user's computation,
// whose every operation must be kept so that results match the source bit
// for bit.
type Builder struct {
	Func     *Func
	Block    *Block // where values are appended: the body, or a nested block
	Simplify bool
	// Pos is stamped on every value built (Value.Pos): parse sets it to
	// the statement it builds.
	Pos  token.Position
	seen map[cseKey]*Value
	// at, when not -1, is where in Block the next value goes (see
	// InsertIn); by default values are appended.
	at int

	// Loads are shared like pure values while no write can change what
	// they read: writes counts the writes to memory built so far, and
	// loads remembers each load with the count when it was built.
	writes int
	loads  map[[2]*Value]loadSeen
	// Likewise reads of variables, while no assignment comes between.
	sets int
	gets map[*Var]loadSeen
}

type loadSeen struct {
	v      *Value
	writes int
}

// cseKey identifies a pure operation on given arguments. Constants are keyed
// by their bits so that 0 and -0 stay apart.
type cseKey struct {
	op         Op
	typ        Type
	aux        any
	a0, a1, a2 *Value
}

// NewBuilder returns a builder appending to f's body.
func NewBuilder(f *Func) *Builder {
	return &Builder{Func: f, Block: f.Body, seen: make(map[cseKey]*Value), at: -1}
}

// add appends a new value to the current block and returns it.
func (b *Builder) add(op Op, t Type, aux any, args ...*Value) *Value {
	f := b.Func
	f.nextID++
	v := &Value{ID: f.nextID, Op: op, Type: t, Aux: aux, Args: args, Block: b.Block, Pos: b.Pos}
	if b.at >= 0 {
		b.Block.Values = slices.Insert(b.Block.Values, b.at, v)
		b.at++
	} else {
		b.Block.Values = append(b.Block.Values, v)
	}
	switch op {
	case OpStore, OpCopySlice:
		b.writes++
	case OpInvoke, OpAccum: // through pointers: to memory or variables
		b.writes++
		b.sets++
	case OpSet, OpDecl:
		b.sets++
	}
	return v
}

// newBlock returns an empty block owned by op.
func (b *Builder) newBlock(op *Value) *Block {
	return &Block{Func: b.Func, Parent: op}
}

// pure appends a side-effect-free operation, or returns the existing value
// computing the same thing, or the constant it computes (see foldConst).
func (b *Builder) pure(op Op, t Type, aux any, args ...*Value) *Value {
	if val, ok := foldConst(op, t, args); ok {
		return b.Const(t, val)
	}
	if len(args) > 3 {
		return b.add(op, t, aux, args...)
	}
	key := cseKey{op: op, typ: t, aux: aux}
	switch x := aux.(type) {
	case float64:
		key.aux = math.Float64bits(x)
	case Callee:
		// Calls at two places compute the same.
		x.Pos = token.Position{}
		key.aux = x
	}
	slots := [...]**Value{&key.a0, &key.a1, &key.a2}
	for i, a := range args {
		*slots[i] = a
	}
	// A value computed in an enclosing block is in scope here; one
	// computed in a sibling block (the other branch of an if) is not.
	if v, ok := b.seen[key]; ok && b.Block.Ancestor(v.Block) && b.before(v) {
		return v
	}
	v := b.add(op, t, aux, args...)
	b.seen[key] = v
	return v
}

// before reports whether v, in the current block or one around it, stands
// before the place the next value goes: always, unless values are being
// inserted (InsertIn) and v is in the current block after that place.
func (b *Builder) before(v *Value) bool {
	if b.at < 0 || v.Block != b.Block {
		return true
	}
	return slices.Index(b.Block.Values[:b.at], v) >= 0
}

// InsertIn runs fill with the builder putting values into blk at index at,
// one after the other, instead of appending them, and returns the index
// after the last. Reads are not shared inside (see ForgetReads).
func (b *Builder) InsertIn(blk *Block, at int, fill func()) int {
	savedBlock, savedAt := b.Block, b.at
	b.Block, b.at = blk, at
	b.ForgetReads()
	fill()
	end := b.at
	b.Block, b.at = savedBlock, savedAt
	b.ForgetReads()
	return end
}

// Param defines the value of parameter i.
func (b *Builder) Param(i int) *Value {
	p := b.Func.Params[i]
	v := b.add(OpParam, p.Type, i)
	v.Name = p.Name
	return v
}

// Const returns an unnamed constant of type t. val is a float64 for float
// types, an int64 for signed integers, a uint64 for unsigned ones and a bool
// for Bool.
func (b *Builder) Const(t Type, val any) *Value {
	if t == Float32 {
		val = float64(float32(val.(float64)))
	}
	return b.pure(OpConst, t, val)
}

// Nil returns the nil slice of type t, an argument of a call (vecs.Mean(x,
// nil)).
func (b *Builder) Nil(t Slice) *Value { return b.pure(OpConst, t, nil) }

// Float returns an unnamed float constant of type t.
func (b *Builder) Float(t Type, c float64) *Value { return b.Const(t, c) }

// Zero returns the zero of float type t.
func (b *Builder) Zero(t Type) *Value { return b.Float(t, 0) }

// ZeroOf returns the zero of a basic type: 0, 0.0 or false.
func (b *Builder) ZeroOf(t Type) *Value {
	switch {
	case IsFloat(t):
		return b.Zero(t)
	case IsSigned(t):
		return b.Const(t, int64(0))
	case IsInteger(t):
		return b.Const(t, uint64(0))
	}
	return b.Const(t, false)
}

// Bind gives v the source name name and returns the value the name now
// denotes. An unnamed value takes the name. A value that has a name already
// keeps it: the new name is an alias (y := x). An unnamed constant is
// copied into a fresh named constant, since a named constant is a variable.
func (b *Builder) Bind(v *Value, name string) *Value {
	switch {
	case name == "" || name == "_":
		return v
	case v.IsConst():
		n := b.add(OpConst, v.Type, v.Aux)
		n.Name = name
		return n
	case v.Name == "" && v.Op != OpParam:
		v.Name = name
		return v
	}
	return v
}

// Partials returns args[0] tied to its partial derivatives: see
// OpPartials.
func (b *Builder) Partials(t Type, args ...*Value) *Value {
	return b.add(OpPartials, t, nil, args...)
}

// Copy defines a new value equal to x under the given name.
func (b *Builder) Copy(x *Value, name string) *Value {
	v := b.add(OpCopy, x.Type, nil, x)
	v.Name = name
	return v
}

// Comment appends a comment line for the generated code.
func (b *Builder) Comment(text string) {
	b.add(OpComment, nil, text)
}

// Return appends the function's return.
func (b *Builder) Return(results ...*Value) *Value {
	return b.add(OpReturn, nil, nil, results...)
}

// Halt adds the statement h, which ends the run, reading args.
func (b *Builder) Halt(h *Halt, args ...*Value) *Value {
	return b.add(OpHalt, nil, h, args...)
}

// Binary returns x op y for an arithmetic op.
func (b *Builder) Binary(op Op, x, y *Value) *Value {
	if !op.IsBinaryArith() {
		panic(fmt.Sprintf("ir: Binary with %v", op))
	}
	if b.Simplify {
		if v := b.simplifyBinary(op, x, y); v != nil {
			return v
		}
	}
	return b.pure(op, x.Type, nil, x, y)
}

// Add returns x + y.
func (b *Builder) Add(x, y *Value) *Value { return b.Binary(OpAdd, x, y) }

// Sub returns x - y.
func (b *Builder) Sub(x, y *Value) *Value { return b.Binary(OpSub, x, y) }

// Mul returns x * y.
func (b *Builder) Mul(x, y *Value) *Value { return b.Binary(OpMul, x, y) }

// Div returns x / y.
func (b *Builder) Div(x, y *Value) *Value { return b.Binary(OpDiv, x, y) }

// Neg returns -x.
func (b *Builder) Neg(x *Value) *Value {
	if b.Simplify {
		if v := b.simplifyNeg(x); v != nil {
			return v
		}
	}
	return b.pure(OpNeg, x.Type, nil, x)
}

// Convert returns x converted to type t.
func (b *Builder) Convert(x *Value, t Type) *Value {
	if b.Simplify {
		if x.Type == t {
			return x
		}
		if x.IsConst() && IsFloat(x.Type) && IsFloat(t) {
			return b.Float(t, x.Float())
		}
	}
	return b.pure(OpConvert, t, nil, x)
}

// Call returns fn(args...) of type t. fn must be a pure function.
func (b *Builder) Call(fn Callee, t Type, args ...*Value) *Value {
	return b.pure(OpCall, t, fn, args...)
}

// Compare returns the bool x op y for a comparison op.
func (b *Builder) Compare(op Op, x, y *Value) *Value {
	if !op.IsCompare() {
		panic(fmt.Sprintf("ir: Compare with %v", op))
	}
	return b.pure(op, Bool, nil, x, y)
}

// Select returns x if c is true, else y. A constant c picks its operand
// (see foldConst).
func (b *Builder) Select(c, x, y *Value) *Value {
	if c.IsConst() {
		if c.Aux.(bool) {
			return x
		}
		return y
	}
	if b.Simplify && x == y {
		return x
	}
	return b.pure(OpSelect, x.Type, nil, c, x, y)
}

// Sum returns the sum of terms, added left to right, or the zero of type t
// when there are none. A term that occurs k times is added once, times k:
// the adjoint of x in x*x is dx*x*2, not dx*x + dx*x.
func (b *Builder) Sum(t Type, terms []*Value) *Value {
	var distinct []*Value
	count := make(map[*Value]int)
	for _, x := range terms {
		if count[x] == 0 {
			distinct = append(distinct, x)
		}
		count[x]++
	}
	var s *Value
	for _, x := range distinct {
		if k := count[x]; k > 1 {
			x = b.Mul(x, b.Float(t, float64(k)))
		}
		if s == nil {
			s = x
		} else {
			s = b.Add(s, x)
		}
	}
	if s == nil {
		return b.Zero(t)
	}
	return s
}

// CopyOf appends a value computing what v computes, on args in place of
// v's arguments, keeping v's name. The transforms use it to copy the user's
// computation into the function they build. Control-flow ops and variable
// ops are copied by [Copier], which maps blocks and variables too.
func (b *Builder) CopyOf(v *Value, args []*Value) *Value {
	var n *Value
	switch {
	case v.Op == OpParam:
		return b.Param(v.Aux.(int))
	case v.Op == OpComment:
		b.Comment(v.Aux.(string))
		return nil
	case v.Op == OpReturn:
		return b.Return(args...)
	case v.Op == OpCopy || (v.Op == OpConst && v.Name != "") || !v.Op.IsPure():
		n = b.add(v.Op, v.Type, v.Aux, args...)
	case v.Op == OpAnd || v.Op == OpOr:
		// Through Logic, which drops an operand the other has: a copy
		// may make two operands one (FHVP inlining f(a, b), whose guard
		// is Signbit(b) && b > 0 || Signbit(a) && a > 0, called as
		// f(t, t), wrote c || c, which go vet rejects; srcgen seed 14
		// program 83).
		n = b.Logic(v.Op, args[0], args[1])
	default:
		n = b.pure(v.Op, v.Type, v.Aux, args...)
	}
	if n.Name == "" {
		n.Name = v.Name
	}
	return n
}

// FreshName returns want, or want followed by the smallest number from 2 up
// that makes it differ from every name in taken.
func FreshName(taken map[string]bool, want string) string {
	name := want
	for i := 2; taken[name]; i++ {
		name = fmt.Sprintf("%s%d", want, i)
	}
	return name
}
