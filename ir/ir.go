package ir

import (
	"go/token"
	"slices"
	"strconv"
	"strings"
)

// Op is the operation that defines a value.
type Op int

// The operations. The doc comment of the package shows each one's printed
// form.
const (
	OpInvalid Op = iota
	OpParam      // Aux: int, the parameter's index in Func.Params
	OpConst      // Aux: float64 (float types), int64 (signed), uint64 (unsigned) or bool
	OpCopy       // Args[0] under another name
	OpAdd        // Args[0] + Args[1]
	OpSub        // Args[0] - Args[1]
	OpMul        // Args[0] * Args[1]
	OpDiv        // Args[0] / Args[1]
	OpRem        // Args[0] % Args[1], integers only
	OpNeg        // -Args[0]
	OpConvert    // Args[0] converted to Type
	OpCall       // Aux: Callee; a pure function of Args
	OpLt         // Args[0] < Args[1], Type Bool
	OpLe         // Args[0] <= Args[1]
	OpGt         // Args[0] > Args[1]
	OpGe         // Args[0] >= Args[1]
	OpEq         // Args[0] == Args[1]
	OpNe         // Args[0] != Args[1]
	OpSelect     // Args[1] if Args[0], else Args[2]
	OpMin        // the builtin min(Args[0], Args[1])
	OpMax        // the builtin max(Args[0], Args[1])
	OpComment    // Aux: string; no value, carried into the generated code
	OpReturn     // no value; Args are the function's results

	// Logic on bools.
	OpAnd // Args[0] && Args[1]
	OpOr  // Args[0] || Args[1]
	OpNot // !Args[0]

	// Variables: a source variable assigned more than once lives in a Var
	// rather than in SSA values.
	OpDecl // Aux: *Var; declares it, set to Args[0] (or its zero value); no value
	OpGet  // Aux: *Var; the variable's current value
	OpSet  // Aux: *Var; assigns Args[0]; no value

	// Memory: slices are references, read and written by explicit ops.
	OpLoad      // Args[0][Args[1]]
	OpStore     // Args[0][Args[1]] = Args[2]; no value
	OpLen       // len(Args[0]), Type Int
	OpMake      // make(Type, Args[0]): a fresh zeroed slice
	OpSliceLit  // Type{Args...}: a fresh slice holding the arguments
	OpSubslice  // Args[0][Args[1]:Args[2]]
	OpCopySlice // copy(Args[0], Args[1]), Type Int: the number copied
	OpCap       // cap(Args[0]), Type Int
	OpIsNil     // Args[0] == nil for a slice, Type Bool

	// Structured control flow: these own nested blocks (Value.Blocks).
	OpIf       // Args[0] the condition; Blocks[0] then, Blocks[1] else; no value
	OpFor      // Aux: *Loop; Blocks: init, cond (Block.Result), post, body; no value
	OpRange    // Aux: *Loop; Args[0] a slice or an int count; Blocks[0] body; no value
	OpIndex    // the current iteration's index of the range loop owning the block
	OpBreak    // Aux: *Value, the loop left; no value
	OpContinue // Aux: *Value, the loop continued; no value

	// The tape of reverse mode's split form; Args[0] is the tape.
	OpTapeReset // Aux: *TapeField; empties a stack field; no value
	OpTapeSave  // Aux: *TapeField; stores Args[1] in a field or pushes it on a stack; no value
	OpTapeGrow  // Aux: *TapeField; makes room on a stack for Args[1] more entries; no value
	OpTapeSlot  // Aux: *TapeField; a pointer to a fresh entry of field Aux of tape Args[0] (a new last entry of a stack, reusing the memory of an earlier run's), for a callee's forward function to fill
	OpTapeLoad  // Aux: *TapeField; a scalar field's value, or a stack field's entries
	OpAccum     // *Args[0] += Args[1], through a pointer; no value
	OpLocalTape // a tape of the function's own, Type TapeRef
	OpTapeCalls // Aux: *TapeField, a site; the number of calls recorded in the callee's tape the site holds, Type Int
	OpTapeEntry // Aux: *TapeField, a stack; a pointer to entry Args[1] of it, of tape Args[0]
	// OpTapeBuffer is make(Type, Args[1]) in memory the tape Args[0] keeps
	// from run to run, in field Aux: a fresh stretch of a stack (the
	// forward function's), or the start of a scratch buffer (Scratch: the
	// backward function's, which a later buffer of the field reuses).
	OpTapeBuffer

	// Calls of generated functions, which have effects (they fill a tape,
	// add to buffers) and may return several results.
	OpInvoke  // Aux: Callee; calls it with Args; Type nil, a result type or a Tuple
	OpExtract // Aux: int; result number Aux of the invoke Args[0]
	OpAddr    // Aux: *Var; &v, Type Pointer

	// A call differentiated by its rule (see CallRule) becomes an invoke
	// of the rule, whose results the partials op ties together.
	OpPartials // Args: y, x1..xn, d1..dn; the value y, whose partial derivative with respect to xi is di

	// A statement that ends the run (panic, log.Fatal, os.Exit), kept as
	// written: it has no derivative.
	OpHalt // Aux: *Halt; Args the values its arguments read; no value
)

var opNames = [...]string{
	OpInvalid: "invalid",
	OpParam:   "param",
	OpConst:   "const",
	OpCopy:    "copy",
	OpAdd:     "add",
	OpSub:     "sub",
	OpMul:     "mul",
	OpDiv:     "div",
	OpRem:     "rem",
	OpNeg:     "neg",
	OpConvert: "convert",
	OpCall:    "call",
	OpLt:      "lt",
	OpLe:      "le",
	OpGt:      "gt",
	OpGe:      "ge",
	OpEq:      "eq",
	OpNe:      "ne",
	OpSelect:  "select",
	OpMin:     "min",
	OpMax:     "max",
	OpComment: "#",
	OpReturn:  "return",

	OpAnd: "and",
	OpOr:  "or",
	OpNot: "not",

	OpDecl: "decl",
	OpGet:  "get",
	OpSet:  "set",

	OpLoad:      "load",
	OpStore:     "store",
	OpLen:       "len",
	OpMake:      "make",
	OpSliceLit:  "slicelit",
	OpSubslice:  "subslice",
	OpCopySlice: "copy",
	OpCap:       "cap",
	OpIsNil:     "isnil",

	OpIf:       "if",
	OpFor:      "for",
	OpRange:    "range",
	OpIndex:    "index",
	OpBreak:    "break",
	OpContinue: "continue",

	OpTapeReset:  "tape.reset",
	OpTapeSave:   "tape.save",
	OpTapeGrow:   "tape.grow",
	OpTapeSlot:   "tape.slot",
	OpTapeLoad:   "tape.load",
	OpAccum:      "accum",
	OpLocalTape:  "tape.local",
	OpTapeCalls:  "tape.calls",
	OpTapeEntry:  "tape.entry",
	OpTapeBuffer: "tape.buffer",

	OpInvoke:   "invoke",
	OpExtract:  "extract",
	OpPartials: "partials",
	OpAddr:     "addr",

	OpHalt: "halt",
}

// String returns the op's name as the IR printer writes it.
func (op Op) String() string {
	if op < 0 || int(op) >= len(opNames) {
		return "op?"
	}
	return opNames[op]
}

// IsBinaryArith reports whether op is one of add, sub, mul, div, rem.
func (op Op) IsBinaryArith() bool { return op >= OpAdd && op <= OpRem }

// IsCompare reports whether op is a comparison yielding a bool.
func (op Op) IsCompare() bool { return op >= OpLt && op <= OpNe }

// HasValue reports whether op defines a value. Statements (return,
// comment, assignments, stores, control flow, tape writes) do not.
func (op Op) HasValue() bool {
	switch op {
	case OpInvalid, OpReturn, OpComment, OpDecl, OpSet, OpStore, OpIf, OpFor,
		OpRange, OpBreak, OpContinue, OpTapeReset, OpTapeSave, OpTapeGrow, OpAccum, OpHalt:
		return false
	}
	return true
}

// IsPure reports whether a value of op depends on its arguments alone: it
// reads no variable, memory or tape and writes nothing, so that two such
// values with equal arguments are equal and an unused one can be dropped.
func (op Op) IsPure() bool {
	switch op {
	case OpConst, OpCopy, OpNeg, OpConvert, OpCall, OpSelect, OpMin, OpMax, OpAnd, OpOr,
		OpNot, OpLen, OpCap, OpIsNil, OpSubslice, OpPartials:
		return true
	}
	return op.IsBinaryArith() || op.IsCompare()
}

// IsExit reports whether op leaves its block: return, break, continue.
func (op Op) IsExit() bool { return op == OpReturn || op == OpBreak || op == OpContinue }

// IsLoop reports whether op is a loop.
func (op Op) IsLoop() bool { return op == OpFor || op == OpRange }

// Var is a source variable that is assigned more than once (a loop
// counter, an accumulator, a value set in both branches of an if). Decl
// declares it, Get reads it, Set assigns it.
type Var struct {
	Name string
	Type Type
	// Group, if set, makes the variable field Field of a struct variable
	// of the generated code (see Group): the adjoint a wrapper returns.
	Group *Group
	Field string
	// Notes say what the variable of a derived function stands for: the
	// adjoint or tangent of a variable or value (see Note).
	Notes []Note
}

// Loop holds what a for or range loop carries besides its blocks.
type Loop struct {
	Label string // the source's label, "" if none
	// Checkpoint marks a loop the user marked //godiff:checkpoint: reverse
	// mode recomputes its iterations in the backward sweep rather than
	// record them (see reverse.Outline). Pos is where the loop's for is.
	Checkpoint bool
	Pos        token.Position
	// Every, with Checkpoint, asks for the loop's state to be saved every
	// Every iterations, and the iterations between recomputed (0: the loop
	// carries only sums and overwritten work buffers).
	Every int
	// Snapshots, with Checkpoint, asks for binomial checkpointing
	// (Revolve) with at most Snapshots states held at once; Memory, for
	// it, a budget in bytes from which reverse mode derives the count
	// (0: neither).
	Snapshots int
	Memory    int64
}

// Revolve is how the backward sweep reverses a loop marked
// //godiff:checkpoint -snapshots=S (or -memory=B): from the state saved as
// the loop began, holding at most Snapshots states at once.
type Revolve struct {
	Snapshots int
	// Counter is the body's parameter that takes the iteration's range
	// index or loop counter, which the backward sweep computes for each
	// iteration it runs again; -1 if the body takes none.
	Counter int
	// Budget is the -memory budget in bytes the count comes from, 0 if
	// the user gave the count.
	Budget int64
}

// Tape is the struct type of reverse mode's split form: the values the
// forward function keeps for the backward function.
//
// The tape of a callee's split form is shared by the calls of one call
// site: Calls is then its stack of records, one per call, which hold the
// fields of one call (those neither stacks nor sites) and where the
// call's entries of each stack and site end (the End fields); the stacks
// hold the entries of every call, one call's after the other's. Calls is
// nil for a tape of one run.
type Tape struct {
	Name   string // the Go type's name
	Doc    []string
	Fields []*TapeField
	Calls  *TapeField
}

// TapeField is one field of a tape: a single value, or a stack of the
// values one expression takes in successive iterations of a loop.
//
// A field whose type is a callee's shared tape (an Opaque with Calls) is a
// site: the tape of the calls of one call site, held by value, or through
// a pointer if Indirect (a callee whose calls lead back to this tape's
// function). An End field, in a record, holds where a call's entries of
// the stack or site End end. A Scratch field is a buffer of entries the
// backward function uses as it likes (see OpTapeBuffer).
type TapeField struct {
	Name     string
	Type     Type // the type of one entry
	Stack    bool
	Doc      string // what the field holds, for the generated comment
	End      *TapeField
	Indirect bool
	Scratch  bool
	// Fixed, on a stack, is the most entries one run pushes, when
	// FixStacks found that bound: the tape holds the stack as an array
	// of that length and a count, not a slice (see FixStacks).
	Fixed int
}

// IsSite reports whether f holds the shared tape of a callee's calls at
// one call site (see TapeField).
func (f *TapeField) IsSite() bool {
	o, ok := f.Type.(Opaque)
	return ok && o.Calls
}

// InRecord reports whether f is a field of the records of t (see Tape):
// a field of one call of a shared tape.
func (t *Tape) InRecord(f *TapeField) bool {
	return t.Calls != nil && f != t.Calls && !f.Stack && !f.IsSite() && !f.Scratch
}

// Field returns the tape field called name, creating it if need be.
func (t *Tape) Field(name string, typ Type, stack bool, doc string) *TapeField {
	for _, f := range t.Fields {
		if f.Name == name {
			return f
		}
	}
	f := &TapeField{Name: name, Type: typ, Stack: stack, Doc: doc}
	t.Fields = append(t.Fields, f)
	return f
}

// Callee names the function an OpCall calls: Path is its package's import
// path ("math", "" for the function's own package), Name the function's
// name in it ("Sin").
type Callee struct {
	Path string
	Name string
	// Recv is the receiver's type of a method of the file being generated
	// (Net for func (n *Net) LossForward); "" for a function. Two types
	// may have methods of one name: a callee is (Recv, Name).
	Recv string
	// Pos is where the call is written, for diagnostics about it; zero for
	// the calls godiff makes itself.
	Pos token.Position
	// Rule says how to differentiate a call of a function outside package
	// math; nil if godiff cannot, so that an active call of it is refused.
	Rule *CallRule
	// Tape, on the invoke of a callee's forward function (see CallRule's
	// Split), is the value holding the tape that invoke fills; Wrt lists,
	// by their indexes, the callee's parameters it differentiates.
	Tape *Value
	Wrt  string
	// Fixed lists, the same way, the callee's slice parameters whose
	// memory the caller leaves as it is until its backward sweep is over,
	// so that the callee's backward function reads their elements again
	// rather than record them (see CallRule's SplitVariant).
	Fixed string
	// Lowered marks a call rules.LowerCalls made of one of several
	// results: the derivatives of its results flow through partials ops,
	// not through it (see Activity).
	Lowered bool
}

// CallRule differentiates the calls of one function f by calling another,
// Func, with the same arguments: it returns f's value and then f's partial
// derivatives. Func is a //godiff:rule the user wrote, or, for a function
// of the package godiff can see into, f's gradient, which godiff generates
// from Derived.
type CallRule struct {
	Func Callee
	// Results are Func's result types: f's value, then the partials.
	Results Tuple
	// Partials gives, for each argument of a call, the index of its
	// partial derivative among Func's results, or 0 for an argument
	// without one (an integer).
	Partials []int
	// Params are the names of f's parameters, which name the partials in
	// the generated code.
	Params []string
	// Derived is f's IR when godiff derives f's gradient itself, else nil.
	Derived *Func
	// Split says that f takes slices, so that its calls are invokes
	// (reading memory) and are differentiated through f's split form
	// rather than through partial derivatives: the caller's forward
	// sweep keeps f's tape in its own, and its backward sweep runs f's
	// backward function on it. Func, Results and Partials are unused;
	// Names names the functions godiff generates for such calls.
	Split bool
	Names SplitCallNames
	// Writes says, for each parameter of a function of slices, whether it
	// writes into the slice's memory.
	Writes []bool
	// Own says that f's own //godiff:grad generates Func, so that its
	// callers' outputs must not.
	Own bool
	// Source names f as its source does: Net.hidden for a method.
	Source string
	// Twin says that f is a method or takes a struct: its calls pass the
	// struct's fields one by one, to Derived, which godiff writes out as a
	// plain function (f's twin) for the calls that stay calls, and whose
	// derivatives take the fields one by one too.
	Twin bool
	// Custom says that the rule is the user's, for a function of slices
	// (see parse's slicerule.go): Names are the user's functions and tape
	// type, Derived a body-less stand-in holding f's parameters, and the
	// calls pass a buffer or a tangent for every differentiable parameter.
	Custom bool
	// ReturnsParam says that f's one result is a slice parameter it
	// returns unchanged (gonum's dst), parameter Returned of its Go
	// signature: Derived returns nothing, and a call of f is the call of a
	// function that writes into its arguments, whose value is that
	// argument.
	ReturnsParam bool
	Returned     int
	// Foreign says that f is a function of another package than the one
	// the generated code goes into: its derivatives and twin are named
	// after its package (vecsDot), and its Err may be that the generated
	// code cannot name it at all.
	Foreign bool
	// Recompute says that f is the body of a loop the user marked
	// //godiff:checkpoint (see reverse.Outline): the caller's forward
	// function calls Derived as it is and records nothing for the call;
	// its backward function runs the split form's forward function, then
	// its backward function, on a tape of one call.
	Recompute bool
	// Every, for Recompute, is the number of iterations between the saved
	// states of a loop that carries state from one iteration to the next
	// (its body's first results): the backward sweep runs each stretch of
	// iterations again from its saved state. 0 for a loop carrying sums only.
	Every int
	// Revolve, for Recompute, reverses the loop by binomial checkpointing
	// (see reverse/revolve.go); nil otherwise.
	Revolve *Revolve
	// State, for Every or Revolve, lists the parameters of Derived that
	// are slices the body updates in place and carries to the next
	// iteration (state in memory, beside the state in its results): the
	// saved states copy their elements (see reverse/slicestate.go).
	State []int
	// Composed, for a call of FGrad of an annotated function F of
	// slices, says how its derivatives are built (see Composed).
	Composed *Composed
	// Err, if not empty, is why f cannot be differentiated (its body is
	// outside the subset); it is reported where a call of f is active.
	Err string
}

// String returns the callee as the IR printer writes it.
func (c Callee) String() string {
	if c.Path == "" {
		return c.Name
	}
	return c.Path + "." + c.Name
}

// SplitCallNames names what godiff generates for the calls of a function
// of slices (see CallRule's Split): a split form that records every
// element of its arguments it reads, since its callers may overwrite
// them, and a JVP, with respect to all its differentiable parameters. A
// function of numbers has a JVP only: forward mode calls it where a
// derivative flows through its call.
// A call that differentiates fewer uses a variant: see Variant.
type SplitCallNames struct {
	Base                         string // the callee's name, or its twin's
	Tape, Forward, Backward, JVP string
	// OwnJVP says that the function's own //godiff:jvp generates JVP.
	OwnJVP bool
}

// Variant returns the names of the functions that differentiate f (a
// function of slices, with rule r) with respect to the parameters wrt
// only: the plain names if wrt holds every differentiable parameter, else
// the names with the parameters' appended (dotCallATape for dot(a, b) with
// respect to a), or those of the ones left out, if fewer (layerCallNoXTape
// for layer(out, w, b, x) with respect to all but x, and hCallNoABTape
// for h(a, b) with respect to none: never the plain names, which a call
// with respect to all would then find taken). A call passes no adjoint or
// tangent buffer for a slice that carries no derivative.
func (r *CallRule) Variant(wrt []int) SplitCallNames {
	if r.Custom && r.Composed == nil {
		return r.Names // one set of functions, which take every buffer
	}
	var without []int
	for i, p := range r.Derived.Params {
		if IsDifferentiable(p.Type) && !slices.Contains(wrt, i) {
			without = append(without, i)
		}
	}
	if len(without) == 0 {
		return r.Names
	}
	suffix := r.paramWords(wrt)
	if len(without) < len(wrt) || len(wrt) == 0 {
		suffix = "No" + r.paramWords(without)
	}
	base := r.Names.Base
	return SplitCallNames{
		Base:     base,
		Tape:     base + "Call" + suffix + "Tape",
		Forward:  base + "Call" + suffix + "Forward",
		Backward: base + "Call" + suffix + "Backward",
		JVP:      base + suffix + "JVP",
	}
}

// SplitVariant returns the names of the split form of f (a function of
// slices, with rule r) with respect to the parameters wrt, for callers
// that leave the memory of the slice parameters fixed unchanged until
// their backward sweep is over: its backward function reads their
// elements again, and its forward function records none of them. Their
// names are appended (qTimesXCallFixedQdiagLtriTape); with none fixed, the
// names are Variant's.
func (r *CallRule) SplitVariant(wrt, fixed []int) SplitCallNames {
	names := r.Variant(wrt)
	if r.Custom || len(fixed) == 0 {
		return names
	}
	suffix := "Fixed" + r.paramWords(fixed)
	for _, n := range []*string{&names.Tape, &names.Forward, &names.Backward} {
		for _, end := range []string{"Tape", "Forward", "Backward"} {
			if base, ok := strings.CutSuffix(*n, end); ok {
				*n = base + suffix + end
				break
			}
		}
	}
	return names
}

// paramWords spells the parameters idx of f as words of a Go name: AB
// for a and b.
func (r *CallRule) paramWords(idx []int) string {
	s := ""
	for _, i := range idx {
		p := r.Derived.Params[i].Name
		if p == "" || p == "_" {
			p = strconv.Itoa(i + 1)
		}
		s += strings.ToUpper(p[:1]) + p[1:]
	}
	return s
}

// WrtString and ParseWrt write and read Callee's Wrt.
func WrtString(wrt []int) string {
	s := make([]string, len(wrt))
	for i, p := range wrt {
		s[i] = strconv.Itoa(p)
	}
	return strings.Join(s, ",")
}

// ParseWrt reads a Callee's Wrt.
func ParseWrt(s string) []int {
	var wrt []int
	for _, f := range strings.Split(s, ",") {
		if i, err := strconv.Atoi(f); err == nil {
			wrt = append(wrt, i)
		}
	}
	return wrt
}

// Value is one operation and, unless the op is return or comment, the value
// it defines.
type Value struct {
	ID    int  // unique within the function
	Op    Op   // what defines the value
	Type  Type // nil for return and comment
	Args  []*Value
	Aux   any    // op-specific; see Op
	Name  string // the source variable's name, "" for a temporary
	Block *Block // the block holding the value

	// Blocks are the nested blocks of a control-flow op.
	Blocks []*Block

	// Pos is where the source writes the statement the value belongs to,
	// zero for a value godiff made; Notes say what a value of a derived
	// function stands for (see Note). Only godiff explain reads them.
	Pos   token.Position
	Notes []Note
}

// IsConst reports whether v is an unnamed constant: a literal, which code
// emission may write in place and folding may compute with. A named constant
// (x := 0.5) is a variable that happens to start constant and is kept as one.
func (v *Value) IsConst() bool { return v.Op == OpConst && v.Name == "" }

// Float returns the value of a float constant.
func (v *Value) Float() float64 {
	f, _ := v.Aux.(float64)
	return f
}

// IsFloatConst reports whether v is an unnamed float constant equal to c.
func (v *Value) IsFloatConst(c float64) bool {
	return v.IsConst() && IsFloat(v.Type) && v.Float() == c
}

// Block is an ordered list of values.
type Block struct {
	Values []*Value
	Func   *Func
	Parent *Value // the control-flow op owning the block, nil for the body
	Result *Value // a loop's cond block: the bool that continues the loop
}

// Ancestor reports whether a is b or a block enclosing b.
func (b *Block) Ancestor(a *Block) bool {
	for ; b != nil; b = parentBlock(b) {
		if b == a {
			return true
		}
	}
	return false
}

func parentBlock(b *Block) *Block {
	if b.Parent == nil {
		return nil
	}
	return b.Parent.Block
}

// Loop returns the innermost loop op enclosing the block, or nil.
func (b *Block) Loop() *Value {
	for ; b != nil && b.Parent != nil; b = b.Parent.Block {
		if b.Parent.Op.IsLoop() {
			return b.Parent
		}
	}
	return nil
}

// Depth returns the number of loops enclosing the block.
func (b *Block) Depth() int {
	n := 0
	for l := b.Loop(); l != nil; l = l.Block.Loop() {
		n++
	}
	return n
}

// Param is one parameter of a function's signature.
type Param struct {
	Name string
	Type Type
	// Group, if set, makes the parameter field Field ("W1", "Act.Scale")
	// of a struct parameter or receiver of the Go signature: a leaf (see
	// Group). Field "" stands for the whole struct.
	Group *Group
	Field string
}

// Result is one result of a function's signature; Name may be empty.
type Result struct {
	Name string
	Type Type
	// Group, if set, makes the result field Field of a struct result of
	// the Go signature (see Group).
	Group *Group
	Field string
}

// Func is one function in IR form.
type Func struct {
	Name    string
	Doc     []string // paragraphs of the doc comment emitted above the function
	Params  []Param
	Results []Result
	Body    *Block
	Tape    *Tape // the tape the split form's functions share, or nil
	nextID  int
}

// NewFunc returns an empty function with the given signature.
func NewFunc(name string, params []Param, results []Result) *Func {
	f := &Func{Name: name, Params: params, Results: results}
	f.Body = &Block{Func: f}
	return f
}

// Return returns the return ending the function's body, or nil.
func (f *Func) Return() *Value {
	vs := f.Body.Values
	if len(vs) == 0 || vs[len(vs)-1].Op != OpReturn {
		return nil
	}
	return vs[len(vs)-1]
}

// ParamValue returns the value of parameter i, or nil if the body has none.
func (f *Func) ParamValue(i int) *Value {
	for _, v := range f.Body.Values {
		if v.Op == OpParam && v.Aux == i {
			return v
		}
	}
	return nil
}

// Walk calls visit on every value of f in program order: a control-flow op
// before the values of its blocks, its blocks in order.
func (f *Func) Walk(visit func(*Value)) { f.Body.Walk(visit) }

// Walk calls visit on every value of the block and of its nested blocks,
// in program order.
func (b *Block) Walk(visit func(*Value)) {
	for _, v := range b.Values {
		visit(v)
		for _, nb := range v.Blocks {
			nb.Walk(visit)
		}
	}
}
