package ir

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Eval runs f on args and returns its results, so that tests can check a
// transform's output numerically without emitting and compiling Go. It is
// EvalWith without callees: an invoke fails.
//
// A float argument or result is a float64 (a float32 value held exactly), an
// integer an int64, a bool a bool. Arithmetic follows Go's: float32
// operations round to float32, integer operations wrap at their type's
// width. Calls are to package math only.
//
// A slice, an array or a pointer to an array is a [SliceVal]; a pointer to
// anything else is a *[Box]; a tape is a *[TapeVal]. Slices are references:
// a store through a slice argument is seen by the caller. Arrays are
// values: an array parameter, variable or result is a copy.
func Eval(f *Func, args ...any) ([]any, error) { return EvalWith(nil, f, args...) }

// EvalWith runs f on args like [Eval], resolving the callees of invoke by
// name in funcs (keyed by Callee.Name). An invoke whose type is a Tuple
// yields a []any of its results, which extract indexes.
//
// Errors (a failed bounds check, an integer division by zero, a pop of an
// empty stack, an argument of the wrong kind, a loop still running after
// evalMaxSteps steps, ...) are returned, naming the
// function and the value at fault; Eval does not panic.
func EvalWith(funcs map[string]*Func, f *Func, args ...any) (out []any, err error) {
	return evalWith(funcs, f, nil, args)
}

func evalWith(funcs map[string]*Func, f *Func, observe func(Step), args []any) (out []any, err error) {
	defer func() {
		// A backstop for IR that Verify would reject (a value used before
		// its definition, a type mismatch): never a panic.
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("eval %s: %v", f.Name, r)
		}
	}()
	ev := &evalState{funcs: funcs, observe: observe}
	return ev.call(f, nil, args)
}

// SliceVal is the runtime value of a slice, of an array and of a pointer to
// an array: a window onto shared storage. Subslices alias their parent, so
// a store through one is seen through the other. The zero SliceVal is a nil
// slice. SliceVals are comparable: two are equal if they are the same
// window of the same storage.
type SliceVal struct {
	mem    *[]any
	off    int
	n, cap int
}

// NewSlice returns a fresh slice holding elems.
func NewSlice(elems ...any) SliceVal {
	mem := make([]any, len(elems))
	copy(mem, elems)
	return SliceVal{mem: &mem, n: len(mem), cap: len(mem)}
}

// Len returns the slice's length.
func (s SliceVal) Len() int { return s.n }

// Cap returns the slice's capacity.
func (s SliceVal) Cap() int { return s.cap }

// IsNil reports whether s is a nil slice.
func (s SliceVal) IsNil() bool { return s.mem == nil }

// At returns s[i]. Like Go's indexing it panics if i is out of range.
func (s SliceVal) At(i int) any {
	if err := s.check(i); err != nil {
		panic("ir: " + err.Error())
	}
	return (*s.mem)[s.off+i]
}

// Set assigns s[i] = x. Like Go's indexing it panics if i is out of range.
func (s SliceVal) Set(i int, x any) {
	if err := s.check(i); err != nil {
		panic("ir: " + err.Error())
	}
	(*s.mem)[s.off+i] = x
}

// Slice returns s[lo:hi], which shares s's storage. Like Go's slicing it
// panics unless 0 <= lo <= hi <= s.Cap().
func (s SliceVal) Slice(lo, hi int) SliceVal {
	t, err := s.slice(lo, hi)
	if err != nil {
		panic("ir: " + err.Error())
	}
	return t
}

func (s SliceVal) check(i int) error {
	if i < 0 || i >= s.n {
		return fmt.Errorf("index out of range [%d] with length %d", i, s.n)
	}
	return nil
}

func (s SliceVal) slice(lo, hi int) (SliceVal, error) {
	if lo < 0 || hi < lo || hi > s.cap {
		return SliceVal{}, fmt.Errorf("slice bounds out of range [%d:%d] with capacity %d", lo, hi, s.cap)
	}
	if s.mem == nil {
		return s, nil // nil[0:0] is nil
	}
	return SliceVal{mem: s.mem, off: s.off + lo, n: hi - lo, cap: s.cap - lo}, nil
}

// elems returns the slice's elements in place.
func (s SliceVal) elems() []any {
	if s.mem == nil {
		return nil
	}
	return (*s.mem)[s.off : s.off+s.n]
}

// String formats the elements like fmt formats a Go slice: [1 2 3].
func (s SliceVal) String() string {
	parts := make([]string, s.n)
	for i, e := range s.elems() {
		parts[i] = fmt.Sprint(e)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// FloatSlice returns a fresh []float64 value holding a copy of xs (nil for
// nil).
func FloatSlice(xs []float64) SliceVal {
	if xs == nil {
		return SliceVal{}
	}
	elems := make([]any, len(xs))
	for i, x := range xs {
		elems[i] = x
	}
	return NewSlice(elems...)
}

// Floats returns a copy of the elements of a []float64 (or [N]float64)
// value. It panics if an element is not a float64.
func (s SliceVal) Floats() []float64 {
	if s.mem == nil {
		return nil
	}
	xs := make([]float64, s.n)
	for i, e := range s.elems() {
		x, ok := e.(float64)
		if !ok {
			panic(fmt.Sprintf("ir: Floats of a slice holding a %T", e))
		}
		xs[i] = x
	}
	return xs
}

// FloatSlices returns a fresh [][]float64 value whose rows are fresh copies
// of rows.
func FloatSlices(rows [][]float64) SliceVal {
	if rows == nil {
		return SliceVal{}
	}
	elems := make([]any, len(rows))
	for i, r := range rows {
		elems[i] = FloatSlice(r)
	}
	return NewSlice(elems...)
}

// FloatRows returns a copy of the rows of a [][]float64 value. It panics if
// an element is not a []float64 value.
func (s SliceVal) FloatRows() [][]float64 {
	if s.mem == nil {
		return nil
	}
	rows := make([][]float64, s.n)
	for i, e := range s.elems() {
		r, ok := e.(SliceVal)
		if !ok {
			panic(fmt.Sprintf("ir: FloatRows of a slice holding a %T", e))
		}
		rows[i] = r.Floats()
	}
	return rows
}

// Box is the runtime value of a pointer to a scalar: addr of a variable
// yields the box holding the variable, accum adds to V, and a parameter of
// pointer type receives a Box from the caller.
type Box struct {
	V any
}

// TapeVal is the runtime value of a tape: scalar fields and stack fields,
// keyed by field. A tape is a reference: one passed to an invoked function
// is the caller's.
type TapeVal struct {
	scalars map[*TapeField]any
	stacks  map[*TapeField][]any
	// calls is the stack of records of a callee's shared tape (Tape.Calls),
	// known from the first op naming it; nil before.
	calls *TapeField
}

// NewTapeVal returns an empty tape.
func NewTapeVal() *TapeVal {
	return &TapeVal{scalars: make(map[*TapeField]any), stacks: make(map[*TapeField][]any)}
}

// Get returns the value of scalar field f, or nil if it was never saved.
func (t *TapeVal) Get(f *TapeField) any { return t.scalars[f] }

// Stack returns a copy of stack field f, bottom first.
func (t *TapeVal) Stack(f *TapeField) []any { return append([]any(nil), t.stacks[f]...) }

// evalMaxDepth bounds the nesting of invokes, so that runaway recursion is an
// error rather than a crash.
const evalMaxDepth = 10000

// evalMaxSteps bounds the blocks and values one EvalWith runs, so that a loop that
// never ends (a fuzzed or random program's) is an error rather than a hang.
const evalMaxSteps = 1 << 22

// ErrEvalSteps is the error of a run longer than evalMaxSteps steps.
var ErrEvalSteps = fmt.Errorf("more than %d steps: a loop that does not end?", evalMaxSteps)

// evalState is what the calls of one EvalWith share.
type evalState struct {
	funcs map[string]*Func
	depth int
	steps int // values run so far
	// observe, if set, is told of every step (see EvalTraced).
	observe func(Step)
}

// evalCtrl is how a block ended: by falling off its end, or by a break,
// continue or return.
type evalCtrl int

const (
	evalNormal evalCtrl = iota
	evalBreak
	evalContinue
	evalReturn
)

// evalSignal is how a block ended and, for break and continue, the target loop.
type evalSignal struct {
	kind evalCtrl
	loop *Value
}

// evalFrame is the state of one call.
type evalFrame struct {
	ev   *evalState
	f    *Func
	args []any
	vals map[*Value]any
	vars map[*Var]*Box
	iter map[*Value]int64 // range loop → the current iteration's index
	out  []any            // the results, once a return has run
	// site is the call or invoke running f, nil for the outermost;
	// depth counts the calls around this one.
	site  *Value
	depth int
}

func (ev *evalState) call(f *Func, site *Value, args []any) ([]any, error) {
	if len(args) != len(f.Params) {
		return nil, fmt.Errorf("eval %s: %d arguments for %d parameters", f.Name, len(args), len(f.Params))
	}
	if f.Body == nil {
		return nil, fmt.Errorf("eval %s: no body", f.Name)
	}
	bound := make([]any, len(args))
	for i, p := range f.Params {
		if err := evalCheckArg(p.Type, args[i]); err != nil {
			return nil, fmt.Errorf("eval %s: argument %d (%s %v): %v", f.Name, i, p.Name, p.Type, err)
		}
		bound[i] = evalCopy(p.Type, args[i]) // an array parameter is a copy
	}
	fr := &evalFrame{
		ev: ev, f: f, args: bound,
		vals: make(map[*Value]any),
		vars: make(map[*Var]*Box),
		iter: make(map[*Value]int64),
		site: site, depth: ev.depth,
	}
	fr.observe(StepEnter, site, 0, false)
	sig, err := fr.block(f.Body)
	if err != nil {
		return nil, err
	}
	fr.observe(StepLeave, site, 0, false)
	switch sig.kind {
	case evalReturn:
		return fr.out, nil
	case evalNormal:
		return nil, fmt.Errorf("eval %s: no return", f.Name)
	}
	return nil, fmt.Errorf("eval %s: break or continue of a loop it is not in", f.Name)
}

// evalCheckArg reports whether x is a runtime value of type t.
func evalCheckArg(t Type, x any) error {
	ok := true
	switch t := t.(type) {
	case Basic:
		switch {
		case IsFloat(t):
			_, ok = x.(float64)
		case IsInteger(t):
			_, ok = x.(int64)
		case t == Bool:
			_, ok = x.(bool)
		}
	case Slice:
		_, ok = x.(SliceVal)
	case Array:
		s, isSlice := x.(SliceVal)
		if isSlice && s.Len() != t.Len {
			return fmt.Errorf("an array of length %d, want %d", s.Len(), t.Len)
		}
		ok = isSlice
	case Pointer:
		if _, isArray := t.Elem.(Array); isArray {
			_, ok = x.(SliceVal)
		} else {
			_, ok = x.(*Box)
		}
	case TapeRef:
		_, ok = x.(*TapeVal)
	}
	if !ok {
		return fmt.Errorf("got a %T", x)
	}
	return nil
}

// evalZero returns a fresh zero value of type t.
func evalZero(t Type) any {
	switch t := t.(type) {
	case Basic:
		switch {
		case IsFloat(t):
			return 0.0
		case IsInteger(t):
			return int64(0)
		case t == Bool:
			return false
		}
	case Slice:
		return SliceVal{}
	case Array:
		return evalZeroSlice(t.Elem, t.Len)
	case Pointer:
		if _, ok := t.Elem.(Array); ok {
			return SliceVal{}
		}
		return (*Box)(nil)
	case TapeRef:
		return (*TapeVal)(nil)
	case Opaque:
		if t.CallTape || t.Calls {
			// A callee's tape, declared as a variable: the generated
			// code's zero value is an empty tape, ready to fill.
			return NewTapeVal()
		}
	}
	return nil
}

// evalZeroSlice returns a fresh slice of n zero values of type elem.
func evalZeroSlice(elem Type, n int) SliceVal {
	mem := make([]any, n)
	for i := range mem {
		mem[i] = evalZero(elem)
	}
	return SliceVal{mem: &mem, n: n, cap: n}
}

// evalCopy returns x as assigning it copies it: a fresh copy of an array,
// x itself for anything else.
func evalCopy(t Type, x any) any {
	a, ok := t.(Array)
	s, isSlice := x.(SliceVal)
	if !ok || !isSlice || s.mem == nil {
		return x
	}
	mem := make([]any, s.n)
	for i, e := range s.elems() {
		mem[i] = evalCopy(a.Elem, e)
	}
	return SliceVal{mem: &mem, n: s.n, cap: s.n}
}

// fail returns an error at value v.
func (fr *evalFrame) fail(v *Value, format string, args ...any) error {
	at := fmt.Sprintf("%%%d", v.ID)
	if v.Name != "" {
		at = "%" + v.Name
	}
	if !v.Op.HasValue() {
		at = fmt.Sprintf("#%d", v.ID)
	}
	detail := fmt.Sprintf(format, args...)
	return &EvalError{Func: fr.f, Value: v, Detail: detail,
		msg: fmt.Sprintf("eval %s: %v %s: %s", fr.f.Name, v.Op, at, detail)}
}

// EvalError is an error of a run at one value: a failed bounds check, a
// division by zero, a panic of the program. Value's position (see Origin)
// says where the source wrote it.
type EvalError struct {
	Func   *Func
	Value  *Value
	Detail string // what went wrong, without the function and the value
	msg    string
}

// Error returns the message of the failed run.
func (e *EvalError) Error() string { return e.msg }

// block runs the values of b in order and returns how it ended.
func (fr *evalFrame) block(b *Block) (evalSignal, error) {
	// Each block run counts, so that a loop of empty blocks counts too.
	if fr.ev.steps += 1 + len(b.Values); fr.ev.steps > evalMaxSteps {
		return evalSignal{}, fmt.Errorf("eval %s: %w", fr.f.Name, ErrEvalSteps)
	}
	for _, v := range b.Values {
		sig, err := fr.exec(v)
		if err != nil || sig.kind != evalNormal {
			return sig, err
		}
	}
	return evalSignal{}, nil
}

// exec runs one value: control flow here, everything else in eval.
func (fr *evalFrame) exec(v *Value) (evalSignal, error) {
	switch v.Op {
	case OpComment:
		return evalSignal{}, nil
	case OpReturn:
		out := make([]any, len(v.Args))
		for i, a := range v.Args {
			out[i] = evalCopy(a.Type, fr.vals[a])
		}
		fr.out = out
		fr.observe(StepValue, v, 0, false)
		return evalSignal{kind: evalReturn}, nil
	case OpBreak, OpContinue:
		loop, ok := v.Aux.(*Value)
		if !ok || !loop.Op.IsLoop() {
			return evalSignal{}, fr.fail(v, "no target loop")
		}
		kind := evalBreak
		if v.Op == OpContinue {
			kind = evalContinue
		}
		return evalSignal{kind: kind, loop: loop}, nil
	case OpIf:
		c, ok := fr.vals[v.Args[0]].(bool)
		if !ok || len(v.Blocks) != 2 {
			return evalSignal{}, fr.fail(v, "needs a bool condition and two blocks")
		}
		fr.observe(StepBranch, v, 0, c)
		if c {
			return fr.block(v.Blocks[0])
		}
		return fr.block(v.Blocks[1])
	case OpHalt:
		// The run ends here; the interpreter reports it rather than ending
		// the caller's.
		h, _ := v.Aux.(*Halt)
		what := "?"
		if h != nil {
			what = h.Format(func(i int) string { return fmt.Sprint(fr.vals[v.Args[i]]) })
		}
		return evalSignal{}, fr.fail(v, "program panicked: %s", what)
	case OpFor, OpRange:
		run := fr.forLoop
		if v.Op == OpRange {
			run = fr.rangeLoop
		}
		sig, err := run(v)
		if err == nil {
			fr.observe(StepDone, v, 0, false)
		}
		return sig, err
	}
	x, err := fr.eval(v)
	if err != nil {
		return evalSignal{}, err
	}
	if v.Op.HasValue() {
		fr.vals[v] = x
	}
	fr.observe(StepValue, v, 0, false)
	return evalSignal{}, nil
}

// iterate runs one iteration of loop's body. It reports whether the loop
// stops, and with what signal: none for a break of this loop, the signal
// itself for a break or continue of an enclosing loop or a return.
func (fr *evalFrame) iterate(loop *Value, body *Block) (bool, evalSignal, error) {
	sig, err := fr.block(body)
	switch {
	case err != nil:
		return true, sig, err
	case sig.kind == evalNormal, sig.kind == evalContinue && sig.loop == loop:
		return false, evalSignal{}, nil
	case sig.kind == evalBreak && sig.loop == loop:
		return true, evalSignal{}, nil
	}
	return true, sig, nil
}

func (fr *evalFrame) forLoop(v *Value) (evalSignal, error) {
	if len(v.Blocks) != 4 {
		return evalSignal{}, fr.fail(v, "needs init, cond, post and body blocks")
	}
	init, cond, post, body := v.Blocks[0], v.Blocks[1], v.Blocks[2], v.Blocks[3]
	if sig, err := fr.block(init); err != nil || sig.kind != evalNormal {
		return sig, err
	}
	for k := int64(0); ; k++ {
		if sig, err := fr.block(cond); err != nil || sig.kind != evalNormal {
			return sig, err
		}
		if cond.Result != nil {
			c, ok := fr.vals[cond.Result].(bool)
			if !ok {
				return evalSignal{}, fr.fail(v, "condition is not a bool")
			}
			if !c {
				return evalSignal{}, nil
			}
		}
		fr.observe(StepIter, v, k, false)
		if stop, sig, err := fr.iterate(v, body); stop {
			return sig, err
		}
		if sig, err := fr.block(post); err != nil || sig.kind != evalNormal {
			return sig, err
		}
	}
}

func (fr *evalFrame) rangeLoop(v *Value) (evalSignal, error) {
	if len(v.Blocks) != 1 || len(v.Args) != 1 {
		return evalSignal{}, fr.fail(v, "needs one operand and a body")
	}
	var n int64
	switch x := fr.vals[v.Args[0]].(type) {
	case int64:
		n = x
	case SliceVal:
		n = int64(x.Len())
		if p, ok := v.Args[0].Type.(Pointer); ok {
			if a, ok := p.Elem.(Array); ok {
				n = int64(a.Len) // ranging over a *[N]T does not dereference it
			}
		}
	default:
		return evalSignal{}, fr.fail(v, "range over a %T", x)
	}
	for i := int64(0); i < n; i++ {
		fr.iter[v] = i
		fr.observe(StepIter, v, i, false)
		if stop, sig, err := fr.iterate(v, v.Blocks[0]); stop {
			return sig, err
		}
	}
	return evalSignal{}, nil
}

// eval computes the value of v, or performs its effect, for every op but
// those of control flow.
func (fr *evalFrame) eval(v *Value) (any, error) {
	get := func(i int) any { return fr.vals[v.Args[i]] }
	switch op := v.Op; {
	case op == OpParam:
		i, ok := v.Aux.(int)
		if !ok || i < 0 || i >= len(fr.args) {
			return nil, fr.fail(v, "no parameter %v", v.Aux)
		}
		return fr.args[i], nil
	case op == OpConst:
		x := v.Aux
		if i, ok := x.(uint64); ok {
			x = int64(i)
		}
		if x == nil {
			return SliceVal{}, nil // the nil slice
		}
		return x, nil
	case op == OpCopy, op == OpPartials:
		return evalCopy(v.Type, get(0)), nil
	case op.IsBinaryArith():
		x, err := evalBinary(op, v.Type, get(0), get(1))
		if err != nil {
			return nil, fr.fail(v, "%v", err)
		}
		return x, nil
	case op == OpNeg:
		if IsFloat(v.Type) {
			return round(v.Type, -get(0).(float64)), nil
		}
		return evalWrap(v.Type, -get(0).(int64)), nil
	case op == OpConvert:
		return convert(get(0), v.Args[0].Type, v.Type), nil
	case op == OpCall:
		if c := v.Aux.(Callee); c.Rule != nil && c.Rule.Derived != nil {
			return fr.callDerived(v, c.Rule.Derived)
		}
		return callMath(v.Aux.(Callee), v.Args, fr.vals)
	case op.IsCompare():
		return compare(op, v.Args[0].Type, get(0), get(1)), nil
	case op == OpMin, op == OpMax:
		return evalMinMax(op, get(0), get(1)), nil
	case op == OpSelect:
		if get(0).(bool) {
			return get(1), nil
		}
		return get(2), nil

	case op == OpAnd:
		return get(0).(bool) && get(1).(bool), nil
	case op == OpOr:
		return get(0).(bool) || get(1).(bool), nil
	case op == OpNot:
		return !get(0).(bool), nil

	case op == OpDecl, op == OpGet, op == OpSet, op == OpAddr:
		return fr.variable(v)

	case op == OpLoad, op == OpStore, op == OpLen, op == OpCap, op == OpIsNil, op == OpMake, op == OpSliceLit,
		op == OpSubslice, op == OpCopySlice, op == OpTapeBuffer:
		return fr.memory(v)

	case op == OpIndex:
		i, ok := fr.iter[v.Block.Parent]
		if !ok || v.Block.Parent.Op != OpRange {
			return nil, fr.fail(v, "index outside a running range loop")
		}
		return i, nil

	case op == OpTapeReset, op == OpTapeSave, op == OpTapeLoad, op == OpTapeGrow,
		op == OpLocalTape, op == OpAccum, op == OpTapeSlot, op == OpTapeCalls, op == OpTapeEntry:
		return fr.tape(v)

	case op == OpInvoke:
		return fr.invoke(v)
	case op == OpExtract:
		r, ok := get(0).([]any)
		i, isInt := v.Aux.(int)
		if !ok || !isInt || i < 0 || i >= len(r) {
			return nil, fr.fail(v, "no result %v of %T", v.Aux, get(0))
		}
		return r[i], nil
	}
	return nil, fmt.Errorf("eval %s: cannot evaluate %v", fr.f.Name, v.Op)
}

// variable runs decl, get, set and addr. Each declared variable lives in a
// Box, which addr returns (for an array, the array itself, which a pointer
// to it shares).
func (fr *evalFrame) variable(v *Value) (any, error) {
	x, ok := v.Aux.(*Var)
	if !ok {
		return nil, fr.fail(v, "no variable")
	}
	if v.Op == OpDecl {
		init := evalZero(x.Type)
		if len(v.Args) > 0 {
			init = evalCopy(x.Type, fr.vals[v.Args[0]])
		}
		fr.vars[x] = &Box{V: init}
		return nil, nil
	}
	box := fr.vars[x]
	if box == nil {
		return nil, fr.fail(v, "variable %s used before its decl", x.Name)
	}
	switch v.Op {
	case OpGet:
		return box.V, nil
	case OpSet:
		y := fr.vals[v.Args[0]]
		if a, ok := x.Type.(Array); ok {
			// Assign in place, so that a pointer to the array (addr)
			// sees the new value.
			src, _ := evalCopy(a, y).(SliceVal)
			dst, _ := box.V.(SliceVal)
			if src.Len() != dst.Len() {
				return nil, fr.fail(v, "set of a [%d] array to an array of length %d", dst.Len(), src.Len())
			}
			copy(dst.elems(), src.elems())
			return nil, nil
		}
		box.V = y
		return nil, nil
	}
	// OpAddr
	if _, ok := x.Type.(Array); ok {
		return box.V, nil
	}
	if t, ok := box.V.(*TapeVal); ok {
		return t, nil // a callee's tape: a tape is a reference already
	}
	return box, nil
}

// memory runs the ops on slices and arrays.
func (fr *evalFrame) memory(v *Value) (any, error) {
	get := func(i int) any { return fr.vals[v.Args[i]] }
	sliceArg := func(i int) (SliceVal, error) {
		s, ok := get(i).(SliceVal)
		if !ok {
			return s, fr.fail(v, "argument %d is a %T, not a slice", i, get(i))
		}
		return s, nil
	}
	intArg := func(i int) (int, error) {
		n, ok := get(i).(int64)
		if !ok {
			return 0, fr.fail(v, "argument %d is a %T, not an integer", i, get(i))
		}
		if n != int64(int(n)) {
			return 0, fr.fail(v, "argument %d (%d) overflows int", i, n)
		}
		return int(n), nil
	}
	switch v.Op {
	case OpLoad, OpStore:
		s, err := sliceArg(0)
		if err != nil {
			return nil, err
		}
		i, err := intArg(1)
		if err != nil {
			return nil, err
		}
		if err := s.check(i); err != nil {
			return nil, fr.fail(v, "%v", err)
		}
		if v.Op == OpLoad {
			return (*s.mem)[s.off+i], nil
		}
		(*s.mem)[s.off+i] = evalCopy(Elem(v.Args[0].Type), get(2))
		return nil, nil
	case OpCap, OpIsNil:
		if p, ok := v.Args[0].Type.(Pointer); ok && v.Op == OpCap {
			if a, ok := p.Elem.(Array); ok {
				return int64(a.Len), nil
			}
		}
		s, err := sliceArg(0)
		if err != nil {
			return nil, err
		}
		if v.Op == OpIsNil {
			return s.IsNil(), nil
		}
		return int64(s.Cap()), nil
	case OpLen:
		if p, ok := v.Args[0].Type.(Pointer); ok {
			if a, ok := p.Elem.(Array); ok {
				return int64(a.Len), nil
			}
		}
		s, err := sliceArg(0)
		if err != nil {
			return nil, err
		}
		return int64(s.Len()), nil
	case OpTapeBuffer:
		// Fresh memory, as a make's: what the generated code reuses from
		// run to run is zeroed first, and no value of an earlier run
		// refers to it any more.
		n, err := intArg(1)
		if err != nil {
			return nil, err
		}
		if n < 0 {
			return nil, fr.fail(v, "makeslice: len out of range")
		}
		buf := evalZeroSlice(Elem(v.Type), n)
		if t, ok := fr.vals[v.Args[0]].(*TapeVal); ok && t != nil {
			// Kept on the tape, for a tape.load of the field (a fused
			// loop's sums, which the backward sweep reads).
			t.scalars[v.Aux.(*TapeField)] = buf
		}
		return buf, nil
	case OpMake:
		switch t := v.Type.(type) {
		case Array:
			return evalZeroSlice(t.Elem, t.Len), nil
		case Slice:
			n, err := intArg(0)
			if err != nil {
				return nil, err
			}
			if n < 0 {
				return nil, fr.fail(v, "makeslice: len out of range")
			}
			return evalZeroSlice(t.Elem, n), nil
		}
		return nil, fr.fail(v, "make of %v", v.Type)
	case OpSliceLit:
		elem := Elem(v.Type)
		elems := make([]any, len(v.Args))
		for i := range v.Args {
			elems[i] = evalCopy(elem, get(i))
		}
		if a, ok := v.Type.(Array); ok {
			if len(elems) > a.Len {
				return nil, fr.fail(v, "%d elements for %v", len(elems), a)
			}
			for len(elems) < a.Len {
				elems = append(elems, evalZero(a.Elem))
			}
		}
		return NewSlice(elems...), nil
	case OpSubslice:
		s, err := sliceArg(0)
		if err != nil {
			return nil, err
		}
		lo, err := intArg(1)
		if err != nil {
			return nil, err
		}
		hi, err := intArg(2)
		if err != nil {
			return nil, err
		}
		t, err := s.slice(lo, hi)
		if err != nil {
			return nil, fr.fail(v, "%v", err)
		}
		if IsCapped(v) {
			t.cap = t.n
		}
		return t, nil
	case OpCopySlice:
		dst, err := sliceArg(0)
		if err != nil {
			return nil, err
		}
		src, err := sliceArg(1)
		if err != nil {
			return nil, err
		}
		n := min(dst.Len(), src.Len())
		if n == 0 {
			return int64(0), nil
		}
		elem := Elem(v.Args[0].Type)
		// Copy out first: overlapping copies behave like Go's memmove, and
		// array elements are copied, not shared.
		tmp := make([]any, n)
		for i, e := range src.elems()[:n] {
			tmp[i] = evalCopy(elem, e)
		}
		copy(dst.elems(), tmp)
		return int64(n), nil
	}
	return nil, fmt.Errorf("eval %s: cannot evaluate %v", fr.f.Name, v.Op)
}

// invoke calls a function of ev.funcs.
func (fr *evalFrame) invoke(v *Value) (any, error) {
	c, ok := v.Aux.(Callee)
	if !ok {
		return nil, fr.fail(v, "no callee")
	}
	g := fr.ev.funcs[c.Name]
	if fn, ok := mathTuple[c.Name]; ok && c.Path == "math" && g == nil && len(v.Args) == 1 {
		x, isFloat := fr.vals[v.Args[0]].(float64)
		if !isFloat {
			return nil, fr.fail(v, "math.%s of a %T", c.Name, fr.vals[v.Args[0]])
		}
		return fn(x), nil
	}
	if g == nil {
		return nil, fr.fail(v, "no function %s to invoke", c.Name)
	}
	if fr.ev.depth >= evalMaxDepth {
		return nil, fr.fail(v, "invokes nested more than %d deep", evalMaxDepth)
	}
	args := make([]any, len(v.Args))
	for i, a := range v.Args {
		args[i] = fr.vals[a]
	}
	fr.ev.depth++
	out, err := fr.ev.call(g, v, args)
	fr.ev.depth--
	if err != nil {
		return nil, fmt.Errorf("%w (invoked by %s)", err, fr.f.Name)
	}
	switch t := v.Type.(type) {
	case nil:
		return nil, nil
	case Tuple:
		if len(out) != len(t) {
			return nil, fr.fail(v, "%s returned %d results, want %d", c.Name, len(out), len(t))
		}
		return out, nil
	}
	if len(out) != 1 {
		return nil, fr.fail(v, "%s returned %d results, want 1", c.Name, len(out))
	}
	return out[0], nil
}

func round(t Type, x float64) float64 {
	if t == Float32 {
		return float64(float32(x))
	}
	return x
}

// evalWrap truncates x to the width of integer type t, as Go's arithmetic
// on t does.
func evalWrap(t Type, x int64) int64 {
	switch t {
	case Int8:
		return int64(int8(x))
	case Int16:
		return int64(int16(x))
	case Int32:
		return int64(int32(x))
	case Uint8:
		return int64(uint8(x))
	case Uint16:
		return int64(uint16(x))
	case Uint32:
		return int64(uint32(x))
	}
	return x
}

var errEvalDivide = errors.New("integer divide by zero")

func evalBinary(op Op, t Type, a, b any) (any, error) {
	if IsFloat(t) {
		return round(t, foldFloat(op, t, a.(float64), b.(float64))), nil
	}
	x, y := a.(int64), b.(int64)
	if (op == OpDiv || op == OpRem) && y == 0 {
		return nil, errEvalDivide
	}
	if !IsSigned(t) && (op == OpDiv || op == OpRem) {
		ux, uy := uint64(x), uint64(y)
		if op == OpRem {
			return evalWrap(t, int64(ux%uy)), nil
		}
		return evalWrap(t, int64(ux/uy)), nil
	}
	if op == OpRem {
		return evalWrap(t, x%y), nil
	}
	return evalWrap(t, arith(op, x, y)), nil
}

// convert converts x of type from to type to.
func convert(x any, from, to Type) any {
	var f float64
	switch x := x.(type) {
	case float64:
		f = x
	case int64:
		if !IsFloat(to) {
			return evalWrap(to, x)
		}
		if IsSigned(from) {
			f = float64(x)
		} else {
			f = float64(uint64(x))
		}
	}
	switch {
	case IsFloat(to):
		return round(to, f)
	case IsSigned(to):
		return evalWrap(to, int64(f))
	}
	return evalWrap(to, int64(uint64(f)))
}

// evalMinMax is Go's builtin min or max of two numbers of one type: NaN
// if either is NaN, -0 below +0.
func evalMinMax(op Op, a, b any) any {
	switch a := a.(type) {
	case float64:
		if op == OpMin {
			return min(a, b.(float64))
		}
		return max(a, b.(float64))
	case int64:
		if op == OpMin {
			return min(a, b.(int64))
		}
		return max(a, b.(int64))
	}
	return nil
}

func compare(op Op, t Type, a, b any) bool {
	switch a := a.(type) {
	case float64:
		return evalCmp(op, a, b.(float64))
	case int64:
		if IsSigned(t) {
			return evalCmp(op, a, b.(int64))
		}
		return evalCmp(op, uint64(a), uint64(b.(int64)))
	case bool:
		if op == OpEq {
			return a == b.(bool)
		}
		return a != b.(bool)
	}
	return false
}

func evalCmp[T float64 | int64 | uint64](op Op, x, y T) bool {
	switch op {
	case OpLt:
		return x < y
	case OpLe:
		return x <= y
	case OpGt:
		return x > y
	case OpGe:
		return x >= y
	case OpEq:
		return x == y
	}
	return x != y
}

var mathUnary = map[string]func(float64) float64{
	"Abs": math.Abs, "Acos": math.Acos, "Asin": math.Asin, "Atan": math.Atan,
	"Cbrt": math.Cbrt, "Cos": math.Cos, "Cosh": math.Cosh, "Erf": math.Erf,
	"Exp": math.Exp, "Expm1": math.Expm1, "Log": math.Log, "Log10": math.Log10,
	"Log1p": math.Log1p, "Log2": math.Log2, "Sin": math.Sin, "Sinh": math.Sinh,
	"Sqrt": math.Sqrt, "Tan": math.Tan, "Tanh": math.Tanh,
	"Erfc": math.Erfc, "Erfinv": math.Erfinv, "Erfcinv": math.Erfcinv, "Exp2": math.Exp2,
	"Asinh": math.Asinh, "Acosh": math.Acosh, "Atanh": math.Atanh, "Gamma": math.Gamma,
	"J0": math.J0, "J1": math.J1, "Y0": math.Y0, "Y1": math.Y1,
	"Floor": math.Floor, "Ceil": math.Ceil, "Trunc": math.Trunc, "Round": math.Round,
	"RoundToEven": math.RoundToEven,
}

// mathTests are package math's tests of a float: they have no derivative.
var mathTests = map[string]func(float64) bool{
	"IsNaN": math.IsNaN, "Signbit": math.Signbit,
}

var mathBinary = map[string]func(float64, float64) float64{
	"Atan2": math.Atan2, "Hypot": math.Hypot, "Max": math.Max, "Min": math.Min, "Pow": math.Pow,
	"Mod": math.Mod, "Remainder": math.Remainder, "Dim": math.Dim, "Copysign": math.Copysign,
}

// mathTuple are package math's functions of several results, which a
// call lowered for differentiation invokes: their results, an int as an
// int64.
var mathTuple = map[string]func(float64) []any{
	"Sincos": func(x float64) []any { s, c := math.Sincos(x); return []any{s, c} },
	"Frexp":  func(x float64) []any { f, e := math.Frexp(x); return []any{f, int64(e)} },
	"Modf":   func(x float64) []any { i, f := math.Modf(x); return []any{i, f} },
	"Lgamma": func(x float64) []any { l, s := math.Lgamma(x); return []any{l, int64(s)} },
}

// mathOrder are package math's functions of an int order and a float.
var mathOrder = map[string]func(int, float64) float64{"Jn": math.Jn, "Yn": math.Yn}

func callMath(c Callee, args []*Value, vals map[*Value]any) (any, error) {
	if c.Path == "math" {
		if fn, ok := mathUnary[c.Name]; ok && len(args) == 1 {
			return fn(vals[args[0]].(float64)), nil
		}
		if fn, ok := mathBinary[c.Name]; ok && len(args) == 2 {
			return fn(vals[args[0]].(float64), vals[args[1]].(float64)), nil
		}
		if fn, ok := mathTests[c.Name]; ok && len(args) == 1 {
			return fn(vals[args[0]].(float64)), nil
		}
		if fn, ok := mathOrder[c.Name]; ok && len(args) == 2 {
			return fn(int(vals[args[0]].(int64)), vals[args[1]].(float64)), nil
		}
		switch {
		case c.Name == "IsInf" && len(args) == 2:
			return math.IsInf(vals[args[0]].(float64), int(vals[args[1]].(int64))), nil
		case c.Name == "Ldexp" && len(args) == 2:
			return math.Ldexp(vals[args[0]].(float64), int(vals[args[1]].(int64))), nil
		case c.Name == "FMA" && len(args) == 3:
			return math.FMA(vals[args[0]].(float64), vals[args[1]].(float64), vals[args[2]].(float64)), nil
		case c.Name == "Inf" && len(args) == 1:
			sign, _ := vals[args[0]].(int64)
			return math.Inf(int(sign)), nil
		case c.Name == "NaN" && len(args) == 0:
			return math.NaN(), nil
		}
	}
	return nil, fmt.Errorf("eval: cannot call %v", c)
}

// callDerived runs a call of a function of the package, whose IR is g.
func (fr *evalFrame) callDerived(v *Value, g *Func) (any, error) {
	args := make([]any, len(v.Args))
	for i, a := range v.Args {
		args[i] = fr.vals[a]
	}
	fr.ev.depth++
	out, err := fr.ev.call(g, v, args)
	fr.ev.depth--
	if err != nil {
		return nil, err
	}
	if len(out) != 1 {
		return nil, fr.fail(v, "%d results from %s", len(out), g.Name)
	}
	return out[0], nil
}
