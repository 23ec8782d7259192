package reverse

import (
	"fmt"
	"strings"

	"github.com/godiff/godiff/ir"
)

// splitter holds what the forward and backward functions of one split form
// share: the user's function (a copy, with exits nested: see nestExits),
// its activity, and the tape fields the backward function asked for.
type splitter struct {
	f       *ir.Func
	wrt     []int
	act     *ir.Activity
	fields  *tapeFields
	flagged map[*ir.Value]bool // statements after which a segment starts
	// volatile says that the memory of the slice parameters may change
	// between the forward and the backward function (NewCalleeSplit),
	// except that of the parameters fixed holds.
	volatile bool
	fixed    map[int]bool
	// scratch says that the backward function writes into buffers of
	// the tape (see backward.buffer).
	scratch bool
	made    map[*ir.Value]*ir.TapeField // the makes the forward function makes on the tape

	taped  map[*ir.Value]*ir.TapeField // forward values saved as computed
	paramF map[int]*ir.TapeField       // parameters saved on entry
	tripF  map[*ir.Value]*ir.TapeField // loops' trip counts
	flagF  map[*ir.Value]*ir.TapeField // whether a flagged statement finished
	hoistF map[hoistKey]*ir.TapeField  // variables' values as loops begin

	counters    map[*ir.Value]counted       // counter's answer, by loop
	inductions  map[*ir.Var]*induction      // inductionOf's answer
	inductF     map[*ir.Var]*ir.TapeField   // induction variables' final values
	inductOrder []*ir.Var                   // the keys of inductF, in order
	onceF       map[*ir.Value]*ir.TapeField // loads recorded once per loop run
	onceLoads   map[*ir.Value][]*ir.Value   // those loads, by loop

	backwardName string
	forwardFn    string // the forward function's name

	recomputed []recomputed // forward values the backward sweep recomputes (report.go)
	// forwardedLoads holds the loads computed again from what their
	// store stored (see forwardedStore).
	forwardedLoads map[*ir.Value]bool
	// rerun holds the sites of the calls the backward sweep runs again:
	// the bodies of checkpointed loops (checkpoint.go), by the loop.
	rerun map[*ir.TapeField]*ir.Value
	// snapF holds, by such a call, the stacks of the state a loop with
	// -every saves every so many iterations, one per state variable.
	snapF map[*ir.Value][]*ir.TapeField
	// revolveF holds, by such a call, the fields of a loop checkpointed
	// binomially (see revolve.go), and revolveLoop the call by its loop.
	revolveF    map[*ir.Value]*revolveFields
	revolveLoop map[*ir.Value]*ir.Value
	// fused and fusedLoop hold the fusions of checkpointed loops (fuse.go),
	// by body call and by loop (nil: the loop is run again instead).
	fused     map[*ir.Value]*fusePlan
	fusedLoop map[*ir.Value]*fusePlan
	// reductions holds the running maxima and minima whose backward code
	// is one step (argmax.go), by loop.
	reductions map[*ir.Value]*reduction
}

func newSplitter(f *ir.Func, wrt []int, tapeName string) *splitter {
	g := ir.NewFunc(f.Name, f.Params, f.Results)
	c := ir.NewCopier(ir.NewBuilder(g))
	reductions := recordWinners(f, c)
	c.Block(f.Body)
	floatHeaders(g)
	nestExits(g.Body)
	s := &splitter{
		f:       g,
		wrt:     wrt,
		act:     ir.Analyse(g, wrt),
		fields:  newTapeFields(tapeName),
		flagged: make(map[*ir.Value]bool),
		taped:   make(map[*ir.Value]*ir.TapeField),
		paramF:  make(map[int]*ir.TapeField),
		tripF:   make(map[*ir.Value]*ir.TapeField),
		flagF:   make(map[*ir.Value]*ir.TapeField),
		hoistF:  make(map[hoistKey]*ir.TapeField),
		fixed:   make(map[int]bool),

		counters:    make(map[*ir.Value]counted),
		inductions:  make(map[*ir.Var]*induction),
		inductF:     make(map[*ir.Var]*ir.TapeField),
		onceF:       make(map[*ir.Value]*ir.TapeField),
		onceLoads:   make(map[*ir.Value][]*ir.Value),
		rerun:       make(map[*ir.TapeField]*ir.Value),
		snapF:       make(map[*ir.Value][]*ir.TapeField),
		revolveF:    make(map[*ir.Value]*revolveFields),
		revolveLoop: make(map[*ir.Value]*ir.Value),
		fused:       make(map[*ir.Value]*fusePlan),
		fusedLoop:   make(map[*ir.Value]*fusePlan),

		forwardedLoads: make(map[*ir.Value]bool),
		reductions:     reductions,
	}
	s.flag(g.Body)
	s.nestedInductions()
	return s
}

// flag marks, in blk and the blocks inside it, each statement that may
// leave its block early (a return inside it, or a break or continue of a
// loop around it) and is followed by statements with backward code: the
// forward function records whether it finished, so that the backward
// function runs the code of what came after it only if that ran.
func (s *splitter) flag(blk *ir.Block) {
	for i, v := range blk.Values {
		if len(v.Blocks) > 0 && i < len(blk.Values)-1 && escapes(v) && s.anyRelevant(blk.Values[i+1:]) {
			s.flagged[v] = true
		}
		for _, nb := range v.Blocks {
			s.flag(nb)
		}
	}
}

func (s *splitter) anyRelevant(vs []*ir.Value) bool {
	for _, v := range vs {
		if relevant(s.act, v) || v.Op.IsExit() {
			return true
		}
	}
	return false
}

// leavesEarly reports whether loop l can stop before its condition says
// so: a break of it, or a return or an outer break or continue inside it.
func (s *splitter) leavesEarly(l *ir.Value) bool {
	found := escapes(l)
	l.Blocks[len(l.Blocks)-1].Walk(func(v *ir.Value) {
		if v.Op == ir.OpBreak && v.Aux == l {
			found = true
		}
	})
	return found
}

// counter recognises the counted loop, for i := start; ...; i += c (i++,
// i--, i -= 2: any constant step), whose body never assigns i: the
// backward loop then counts i down (or up) itself and nothing about i is
// recorded. start is computed before the loop or, in its init statement,
// from what the backward function has for free (j := i + 1). It returns i
// and start, or nil; step returns c.
func (s *splitter) counter(l *ir.Value) (*ir.Var, *ir.Value) {
	c := s.counted(l)
	return c.x, c.start
}

// step returns the step of loop l's counter (see counter).
func (s *splitter) step(l *ir.Value) int64 { return s.counted(l).step }

func (s *splitter) counted(l *ir.Value) counted {
	if c, ok := s.counters[l]; ok {
		return c
	}
	c := s.findCounter(l)
	s.counters[l] = c
	return c
}

type counted struct {
	x     *ir.Var
	start *ir.Value
	step  int64
}

// findCounter recognises the counted loop (see ir.CountedLoop) of an int
// counter whose start the backward function has (see counter).
func (s *splitter) findCounter(l *ir.Value) counted {
	c, ok := ir.CountedLoop(l)
	if !ok || c.X.Type != ir.Int || c.Start.Op != ir.OpConst && c.Start.Block == l.Blocks[0] && !s.free(c.Start) {
		return counted{}
	}
	return counted{c.X, c.Start, c.Step}
}

// countedBound recognises a counted loop whose trip count the backward
// function can compute: for i := start; i < bound; i++ (or <=), or for
// i := start; i >= bound; i-- (or >), nothing leaving it early, bound free
// to have (see free) and so the same at the end as at the start. It
// returns bound and whether the test includes it, or nil.
func (s *splitter) countedBound(l *ir.Value) (*ir.Value, bool) {
	c := s.counted(l)
	if c.x == nil || c.step != 1 && c.step != -1 || s.leavesEarly(l) {
		return nil, false
	}
	bound, inclusive := ir.Counted{X: c.x, Step: c.step}.Bound(l)
	if bound == nil || !s.free(bound) || !s.invariant(bound, l) {
		return nil, false
	}
	return bound, inclusive
}

// invariant reports whether v, computed in loop l's header, reads nothing
// the loop changes: no variable it sets (in its condition, post statement
// or body: i < len(x)-i reads the counter), no memory it writes. A
// variable the init statement declares is set once, before the loop.
func (s *splitter) invariant(v, l *ir.Value) bool {
	ok := true
	changing := l.Blocks
	if l.Op == ir.OpFor {
		changing = changing[1:]
	}
	var visit func(v *ir.Value)
	visit = func(v *ir.Value) {
		switch v.Op {
		case ir.OpGet:
			x := v.Aux.(*ir.Var)
			for _, blk := range changing {
				blk.Walk(func(w *ir.Value) {
					if (w.Op == ir.OpSet || w.Op == ir.OpDecl) && w.Aux == x {
						ok = false
					}
				})
			}
		case ir.OpLoad:
			if s.writtenAfter(v) {
				ok = false
			}
		}
		for _, a := range v.Args {
			visit(a)
		}
	}
	visit(v)
	return ok
}

// recompute reports whether the backward function recomputes v rather
// than reading it from the tape: v is cheap and its arguments can be had.
// Loads qualify only from memory nothing writes, since the backward sweep
// runs after every write. Float arithmetic is recomputed inside loops,
// where taping it would cost a push per iteration, and taped outside,
// where a field costs nothing.
//
// A branch condition is recomputed only from values that cost nothing to
// have; otherwise the condition itself is taped, one bool per decision,
// rather than the floats it compares.
func (s *splitter) recompute(v *ir.Value) bool {
	switch v.Op {
	case ir.OpConst, ir.OpLen, ir.OpSubslice, ir.OpConvert, ir.OpSelect, ir.OpNeg:
		return true
	case ir.OpNot, ir.OpAnd, ir.OpOr:
		return s.freeArgs(v)
	case ir.OpLoad:
		return !s.writtenAfter(v) && !s.writtenArray(v)
	case ir.OpAdd, ir.OpSub, ir.OpMul, ir.OpDiv, ir.OpCopy, ir.OpRem:
		return !ir.IsFloat(v.Type) || v.Block.Depth() > 0
	}
	return v.Op.IsCompare() && s.freeArgs(v)
}

func (s *splitter) freeArgs(v *ir.Value) bool {
	for _, a := range v.Args {
		if !s.free(a) {
			return false
		}
	}
	return true
}

// free reports whether the backward function can have v without a push:
// a constant, a parameter, a value outside loops (a tape field), a loop's
// own index or counter, or something recomputed from such values.
func (s *splitter) free(v *ir.Value) bool {
	switch {
	case v.Op == ir.OpConst, v.Op == ir.OpParam, v.Op == ir.OpIndex, v.Block.Depth() == 0:
		return true
	case v.Op == ir.OpGet:
		for l := v.Block.Loop(); l != nil; l = l.Block.Loop() {
			if inHeader(v.Block) && l == v.Block.Parent {
				continue // the counter of l is not l's yet in its init
			}
			if x, _ := s.counter(l); x != nil && x == v.Aux {
				return true
			}
		}
		if ind := s.inductionOf(v.Aux.(*ir.Var)); ind != nil {
			_, ok := s.stepsAfter(v, ind)
			return ok
		}
		return false
	}
	return s.recompute(v) && s.freeArgs(v)
}

// writtenAfter reports whether the memory load v reads can be written
// after v runs: by a write later in the function, or by any write in a
// loop around v (the next iteration comes after), or, for a callee's
// slice parameter its callers do not keep fixed, by a caller once the
// function returns. The backward function recomputes a load only when
// nothing can.
func (s *splitter) writtenAfter(v *ir.Value) bool {
	r := ir.Root(v.Args[0])
	if s.volatile && r.Op == ir.OpParam && !s.fixed[r.Aux.(int)] {
		return true // by a caller, once the function returns
	}
	return writtenAfterIn(s.f, r, v)
}

// writtenAfterIn reports whether anything in f can write into the memory
// of root r after v runs: later in f, or in a loop around v.
func writtenAfterIn(f *ir.Func, r, v *ir.Value) bool {
	order := make(map[*ir.Value]int)
	n := 0
	f.Walk(func(x *ir.Value) { order[x] = n; n++ })
	found := false
	f.Walk(func(w *ir.Value) {
		if !writes(w, r) {
			return
		}
		if order[w] > order[v] {
			found = true
			return
		}
		for l := v.Block.Loop(); l != nil; l = l.Block.Loop() {
			if encloses(l, w) {
				found = true
			}
		}
	})
	return found
}

// hoistLoop returns the outermost loop around get g that does not assign
// g's variable, or nil. Inside it the variable keeps the value it had when
// the loop began, so that value is recorded once, before the loop, rather
// than once per iteration: mean in "for ... { d := v - mean }".
func (s *splitter) hoistLoop(g *ir.Value) *ir.Value {
	x := g.Aux.(*ir.Var)
	var out *ir.Value
	for l := g.Block.Loop(); l != nil; l = l.Block.Loop() {
		assigned := false
		for _, blk := range l.Blocks {
			blk.Walk(func(w *ir.Value) {
				if (w.Op == ir.OpSet || w.Op == ir.OpDecl) && w.Aux == x {
					assigned = true
				}
			})
		}
		if assigned {
			break
		}
		out = l
	}
	return out
}

// hoistField returns the field that keeps variable x's value as loop l
// begins.
func (s *splitter) hoistField(l *ir.Value, x *ir.Var) *ir.TapeField {
	key := hoistKey{l, x}
	if f, ok := s.hoistF[key]; ok {
		return f
	}
	f := s.fields.add(x.Name, x.Type, l.Block.Depth(), "the value of "+x.Name+" as "+loopName(l)+" began")
	s.hoistF[key] = f
	return f
}

type hoistKey struct {
	loop *ir.Value
	x    *ir.Var
}

// hoisted returns x's value as loop l began, read from the tape in the
// prologue of l's segment.
func (bw *backward) hoisted(l *ir.Value, x *ir.Var) *ir.Value {
	key := hoistKey{l, x}
	if v, ok := bw.hoistV[key]; ok {
		return v
	}
	fld := bw.s.hoistField(l, x)
	fr, seg := bw.frameOf(l)
	v := bw.inPrologue(fr, seg, func() *ir.Value { return bw.readTape(fld) })
	v.Name = x.Name
	bw.hoistV[key] = v
	return v
}

// tapeField returns the field that keeps forward value v.
func (s *splitter) tapeField(v *ir.Value) *ir.TapeField {
	if v.Op == ir.OpParam {
		i := v.Aux.(int)
		if f, ok := s.paramF[i]; ok {
			return f
		}
		f := s.fields.add(v.Name, v.Type, 0, describe(v))
		s.paramF[i] = f
		return f
	}
	if f, ok := s.taped[v]; ok {
		return f
	}
	if v.Block.Parent != nil && v.Block.Parent.Op == ir.OpFor && v.Block != v.Block.Parent.Blocks[3] {
		panic(fmt.Sprintf("reverse: value %v of a loop's header would need the tape", v))
	}
	f := s.fields.add(fieldName(v), v.Type, v.Block.Depth(), describe(v))
	if f.IsSite() && s.volatile && s.leadsBack(v) {
		f.Indirect = true
		f.Doc = strings.TrimSuffix(f.Doc, ".") + "; through a pointer, since the callee's calls lead back here."
	}
	s.taped[v] = f
	return f
}

// leadsBack reports whether the function whose tape v is (the tape of a
// call, see rules.LowerCalls) can call, directly or through its callees,
// the function being split: its tape then holds, at some depth, a tape of
// this one's type, and this one must hold it through a pointer (Go
// cannot declare a struct that contains itself). The tape of a run
// (FTape) is held by nothing, and holds its sites by value.
func (s *splitter) leadsBack(v *ir.Value) bool {
	var callee *ir.Func
	s.f.Walk(func(w *ir.Value) {
		if ir.IsSplitCall(w) && w.Aux.(ir.Callee).Tape == v {
			callee = w.Aux.(ir.Callee).Rule.Derived
		}
	})
	seen := make(map[*ir.Func]bool)
	var reaches func(g *ir.Func) bool
	reaches = func(g *ir.Func) bool {
		if g == nil || seen[g] {
			return false
		}
		seen[g] = true
		if g.Name == s.f.Name {
			return true
		}
		found := false
		g.Walk(func(w *ir.Value) {
			if !found && ir.IsSplitCall(w) {
				found = reaches(w.Aux.(ir.Callee).Rule.Derived)
			}
		})
		return found
	}
	return reaches(callee)
}

// tripField returns the field that keeps loop l's trip counts.
func (s *splitter) tripField(l *ir.Value) *ir.TapeField {
	if f, ok := s.tripF[l]; ok {
		return f
	}
	f := s.fields.add(tripName(l), ir.Int, l.Block.Depth(), "how many iterations of "+loopName(l)+" began")
	s.tripF[l] = f
	return f
}

// flagField returns the field that keeps whether flagged statement v
// finished without leaving early.
func (s *splitter) flagField(v *ir.Value) *ir.TapeField {
	if f, ok := s.flagF[v]; ok {
		return f
	}
	what := "an if"
	if v.Op.IsLoop() {
		what = "a loop"
	}
	f := s.fields.add("done", ir.Bool, v.Block.Depth(), "whether "+what+" that can return or break finished without doing so")
	s.flagF[v] = f
	return f
}

// prim returns forward value v as the backward function has it: recovered
// from a backward loop's counter, recomputed, or read from the tape, in the
// prologue of v's segment so that every later use sees it.
func (bw *backward) prim(v *ir.Value) *ir.Value {
	if m, ok := bw.memo[v]; ok {
		return m
	}
	if v.Op == ir.OpConst {
		return bw.b.Const(v.Type, v.Aux)
	}
	if n, ok := arrayLen(v); ok {
		return bw.b.Const(ir.Int, n)
	}
	if v.Op == ir.OpPartials {
		return bw.prim(v.Args[0]) // the same value
	}
	if v.Op == ir.OpGet {
		if c, ok := bw.counter[v.Aux.(*ir.Var)]; ok {
			c.AddNote(ir.Note{Kind: ir.NotePrimal, Of: v})
			return c
		}
		if out := bw.inductionGet(v); out != nil {
			bw.memo[v] = out
			return out
		}
		if l := bw.s.hoistLoop(v); l != nil {
			out := bw.hoisted(l, v.Aux.(*ir.Var))
			out.AddNote(ir.Note{Kind: ir.NotePrimal, Of: v})
			bw.memo[v] = out
			return out
		}
	}
	fr, seg := bw.frameOf(v)
	var out *ir.Value
	if bw.s.recompute(v) && v.Op != ir.OpParam {
		out = bw.inPrologue(fr, seg, func() *ir.Value {
			args := make([]*ir.Value, len(v.Args))
			for i, a := range v.Args {
				args[i] = bw.prim(a)
			}
			return bw.b.CopyOf(v, args)
		})
		bw.s.recomputed = append(bw.s.recomputed, recomputed{v, out})
	} else if fw := bw.forwardLoad(v); fw != nil {
		out = fw
		bw.s.recomputed = append(bw.s.recomputed, recomputed{v, out})
	} else if again := bw.loadAgain(v); again != nil {
		out = again
	} else if once := bw.loadOnce(v); once != nil {
		out = once
	} else {
		fld := bw.s.tapeField(v)
		out = bw.inPrologue(fr, seg, func() *ir.Value { return bw.readTape(fld) })
		if out.Name == "" {
			out.Name = v.Name
		}
	}
	out.AddNote(ir.Note{Kind: ir.NotePrimal, Of: v})
	bw.memo[v] = out
	return out
}

// writes reports whether v writes into the memory of root r: a store, a
// copy, a call whose callee writes into a slice it is passed, or a call
// of a function godiff cannot see into that is passed a slice of r.
func writes(v, r *ir.Value) bool {
	switch v.Op {
	case ir.OpStore, ir.OpCopySlice:
		return ir.Root(v.Args[0]) == r
	}
	for _, x := range ir.Written(v) {
		if ir.Root(x) == r {
			return true
		}
	}
	if c, ok := v.Aux.(ir.Callee); ok && v.Op == ir.OpInvoke && c.Rule == nil {
		for _, x := range v.Args {
			if ir.IsSlice(x.Type) && ir.Root(x) == r {
				return true
			}
		}
	}
	return false
}
