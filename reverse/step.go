package reverse

import (
	"fmt"
	"slices"
	"strings"

	"github.com/godiff/godiff/ir"
)

// This file builds the step adjoint of a checkpointed loop's body: one
// iteration's forward code and at once its backward code, keeping what
// the backward code reads in local variables rather than in a record on a
// tape, written in place in the backward sweep of the loop.
//
// The backward sweep of a checkpointed loop (without -every) runs each
// iteration again just before its backward code: on a tape of one
// iteration emptied first (the forward function of the body's split form),
// then the backward function reading that one record back. For a body
// with no loop and no call of the package's functions the record is all
// the tape holds, and those two calls, the emptying and the record's
// stores and loads cost more than the iteration's arithmetic (Orbit's
// leapfrog step under -snapshots=100: most of the backward sweep's own
// time). The step adjoint does the same arithmetic on the same values, so
// the derivatives are those of the split form bit for bit; the caller
// then keeps no tape for the loop's body at all.

// Stepwise reports whether the backward sweep runs each iteration of the
// checkpointed loop whose body rule r is by its step adjoint: a loop
// whose state, if it saves one with -every, is in variables only, and
// whose body g (r.Derived) has no loop, calls no function but math's and
// makes no slice (make or a literal, whose adjoints would live in a buffer
// on the body's tape), so that its split form records one record per call
// and nothing else.
func Stepwise(r *ir.CallRule) bool {
	if r == nil || !r.Recompute || r.Every > 0 && len(r.State) > 0 || r.Derived == nil || r.Custom {
		return false
	}
	ok := true
	r.Derived.Walk(func(v *ir.Value) {
		switch v.Op {
		case ir.OpFor, ir.OpRange, ir.OpMake, ir.OpSliceLit, ir.OpInvoke, ir.OpTapeSlot, ir.OpLocalTape:
			ok = false
		case ir.OpCall:
			if c, isCallee := v.Aux.(ir.Callee); !isCallee || c.Path != "math" || c.Rule != nil {
				ok = false
			}
		}
	})
	return ok
}

// Step returns the step adjoint of sp, a callee's split form (see
// NewCalleeSplit), as a function named name: of the forward function's
// parameters but its tape, then the backward function's but its tape and
// call number (the seeds of the results, then the derivatives' buffers),
// returning nothing. It fails if the forward function records anything
// but its call's record: a stack, a callee's tape, a buffer. The backward
// sweep of the loop writes its body in place (see inlineStep).
func (sp *Split) Step(name string) (*ir.Func, error) {
	fwd, bwd := sp.Forward, sp.Backward
	params := append([]ir.Param(nil), fwd.Params[1:]...)
	params = append(params, bwd.Params[2:]...)
	g := ir.NewFunc(name, params, nil)
	b := ir.NewBuilder(g)
	st := &stepper{b: b, tape: sp.Tape, saved: make(map[*ir.TapeField]*ir.Value), vars: make(map[*ir.TapeField]*ir.Var)}
	st.fieldVars(fwd)
	st.copyForward(fwd)
	st.copyBackward(bwd, len(fwd.Params)-1)
	if st.err != nil {
		return nil, st.err
	}
	b.Return()
	ir.DeadCode(g)
	ir.UniqueNames(g)
	return g, nil
}

// stepper copies a callee's split form into its step adjoint.
type stepper struct {
	b     *ir.Builder
	tape  *ir.Tape
	saved map[*ir.TapeField]*ir.Value // a field saved once, in the body → the copy of its value
	vars  map[*ir.TapeField]*ir.Var   // a field saved elsewhere, or more than once → its variable
	err   error
}

func (st *stepper) fail(format string, args ...any) {
	if st.err == nil {
		st.err = fmt.Errorf("the step adjoint: "+format, args...)
	}
}

// fieldVars gives a variable, declared first, to each record field the
// forward function saves in a branch or more than once: the backward
// code reads its last value, as it would read the record.
func (st *stepper) fieldVars(fwd *ir.Func) {
	count := make(map[*ir.TapeField]int)
	nested := make(map[*ir.TapeField]bool)
	fwd.Walk(func(v *ir.Value) {
		if v.Op == ir.OpTapeSave {
			fld := v.Aux.(*ir.TapeField)
			count[fld]++
			nested[fld] = nested[fld] || v.Block != fwd.Body
		}
	})
	for _, fld := range st.tape.Fields { // in the tape's order: deterministic
		if count[fld] > 1 || nested[fld] {
			x := &ir.Var{Name: fld.Name, Type: fld.Type}
			st.b.Declare(x, nil)
			st.vars[fld] = x
		}
	}
}

// record reports whether fld is a field of the call's record.
func (st *stepper) record(fld *ir.TapeField) bool {
	return st.tape.InRecord(fld)
}

// copyForward copies the forward function's body: its saves into the
// record become the values (or variables) saved, its results are dropped.
func (st *stepper) copyForward(fwd *ir.Func) {
	b := st.b
	c := ir.NewCopier(b)
	c.Before = func(old *ir.Value) bool {
		switch old.Op {
		case ir.OpParam:
			if i := old.Aux.(int); i > 0 {
				c.Value[old] = b.Param(i - 1)
			}
			return true
		case ir.OpTapeSlot:
			if old.Aux.(*ir.TapeField) != st.tape.Calls {
				st.fail("the body's forward function fills a callee's tape")
			}
			return true // the record: nothing of its own
		case ir.OpTapeSave:
			fld := old.Aux.(*ir.TapeField)
			if !st.record(fld) {
				st.fail("the body's forward function saves %s, not in its record", fld.Name)
				return true
			}
			if x := st.vars[fld]; x != nil {
				b.Set(x, c.Value[old.Args[1]])
			} else {
				st.saved[fld] = c.Value[old.Args[1]]
			}
			return true
		case ir.OpReturn:
			return true
		}
		if st.tapeOp(old) {
			st.fail("the body's forward function uses its tape (%v)", old.Op)
			return true
		}
		return false
	}
	c.Block(fwd.Body)
}

// copyBackward copies the backward function's body, its loads of the
// record replaced by the values saved; its parameters after the tape and
// the call's number are the step adjoint's from first on.
func (st *stepper) copyBackward(bwd *ir.Func, first int) {
	b := st.b
	c := ir.NewCopier(b)
	c.Before = func(old *ir.Value) bool {
		switch old.Op {
		case ir.OpParam:
			if i := old.Aux.(int); i > 1 {
				c.Value[old] = b.Param(first + i - 2)
			}
			return true
		case ir.OpTapeEntry:
			if old.Aux.(*ir.TapeField) != st.tape.Calls {
				st.fail("the body's backward function reads a callee's tape")
			}
			return true
		case ir.OpTapeLoad:
			fld := old.Aux.(*ir.TapeField)
			switch {
			case st.vars[fld] != nil:
				c.Value[old] = b.Get(st.vars[fld])
			case st.saved[fld] != nil:
				c.Value[old] = st.saved[fld]
			case st.record(fld):
				// Never saved: the record's zero value, as the tape reads it.
				c.Value[old] = b.ZeroOf(old.Type)
			default:
				st.fail("the body's backward function reads %s, not in its record", fld.Name)
			}
			return true
		case ir.OpReturn:
			if len(old.Args) > 0 {
				st.fail("the body's backward function returns values")
			}
			return true
		}
		if st.tapeOp(old) {
			st.fail("the body's backward function uses its tape (%v)", old.Op)
			return true
		}
		return false
	}
	c.Block(bwd.Body)
}

// tapeOp reports whether v is a tape op the step adjoint has no copy of.
func (st *stepper) tapeOp(v *ir.Value) bool {
	switch v.Op {
	case ir.OpTapeReset, ir.OpTapeSave, ir.OpTapeLoad, ir.OpTapeGrow, ir.OpTapeSlot,
		ir.OpTapeEntry, ir.OpTapeCalls, ir.OpTapeBuffer, ir.OpLocalTape:
		return true
	}
	for _, a := range v.Args {
		if _, ok := a.Type.(ir.TapeRef); ok {
			return true
		}
	}
	return false
}

// stepwise reports whether the backward sweep runs the iteration of the
// checkpointed loop whose body's call is v by the body's step adjoint
// (see Stepwise): not where the forward sweep runs it with its backward
// code already (fused), which reads the split form's tape.
func (bw *backward) stepwise(v *ir.Value) bool {
	return Stepwise(v.Aux.(ir.Callee).Rule) && bw.s.fused[v] == nil
}

// rerunStep is rerun for an iteration the step adjoint runs: no tape, the
// body's forward arguments for the iteration (with the state binomial
// checkpointing brings to it), to which splitCall adds the seeds and
// buffers of the backward part before inlineStep. The call still counts among the loops the
// backward sweep runs again (the report names them), under a field of its
// own that is on no tape.
func (bw *backward) rerunStep(v *ir.Value) []*ir.Value {
	c := v.Aux.(ir.Callee)
	bw.s.rerun[&ir.TapeField{Name: fieldName(c.Tape)}] = v
	args := append([]*ir.Value{nil}, bw.rerunArgs(v)...) // revolveArgs's layout: the tape first
	switch {
	case c.Rule.Revolve != nil:
		args = bw.revolveArgs(v, args)
	case c.Rule.Every > 0:
		args = bw.stretchArgs(v, args)
	}
	return args[1:]
}

// stretchArgs builds, in the backward code of iteration i of a loop with
// -every=K whose body runs its step adjoint, the state as i began, and
// returns args (the tape first, then the body's arguments as rerunArgs
// made them) with that state and i. As the backward sweep reaches the last
// iteration of a stretch, it runs the stretch again plainly from the state
// saved before it, keeping each iteration's state in a buffer of K states
// (where the split form's tape would hold K records); each iteration then
// reads its own. The state is in variables only (see Stepwise).
func (bw *backward) stretchArgs(v *ir.Value, args []*ir.Value) []*ir.Value {
	b := bw.b
	r := v.Aux.(ir.Callee).Rule
	l := loopAround(v)
	snaps := bw.s.snapshotFields(v)
	nres := len(r.Derived.Results)
	bufs := make([]*ir.Value, nres)
	for m := range nres {
		p := r.Derived.Params[m]
		bufs[m] = bw.hoistScratch(v, func() *ir.Value {
			return bw.buffer(ir.Slice{Elem: p.Type}, b.Const(ir.Int, int64(r.Every)), "stretch"+strings.ToUpper(p.Name[:1])+p.Name[1:],
				fmt.Sprintf("%s as each iteration of the stretch of %s the backward sweep is in began, run again from its snapshot", p.Name, r.Source))
		})
	}
	i, seg, first, last := bw.stretchOf(v, l)
	one := b.Const(ir.Int, int64(1))
	ifop := b.If(last)
	b.In(ifop.Blocks[0], func() {
		b.Comment("The last iteration of a stretch: run the stretch again from the state saved before it, keeping each iteration's state.")
		state := make([]*ir.Var, nres)
		for m, f := range snaps[:nres] {
			state[m] = &ir.Var{Name: r.Derived.Params[m].Name, Type: f.Type}
			b.Declare(state[m], b.Load(b.TapeLoad(bw.tape, f), seg))
		}
		j := &ir.Var{Name: "j", Type: ir.Int}
		loop := b.For("")
		b.In(loop.Blocks[0], func() { b.Declare(j, first) })
		b.In(loop.Blocks[1], func() { loop.Blocks[1].Result = b.Compare(ir.OpLe, b.Get(j), i) })
		b.In(loop.Blocks[2], func() { b.Set(j, b.Add(b.Get(j), one)) })
		b.In(loop.Blocks[3], func() {
			call := slices.Clone(args[1:])
			for m, x := range state {
				b.Store(bufs[m], b.Sub(b.Get(j), first), b.Get(x))
				call[m] = b.Get(x)
			}
			call[len(call)-1] = b.Get(j)
			res := b.Invoke(ir.Callee{Name: r.Derived.Name}, v.Type, call...)
			setState(b, state, res)
		})
	})
	out := slices.Clone(args)
	for m := range nres {
		out[1+m] = b.Load(bufs[m], b.Sub(i, first))
	}
	out[len(out)-1] = i
	return out
}

// inlineStep writes, in the backward sweep, the step adjoint of the body
// whose call v is, on args: the body's forward arguments, the seeds of
// its results, the buffers of its derivatives (as splitCall makes them:
// a slice, or the address of a variable, which the step adds into).
func (bw *backward) inlineStep(v *ir.Value, args []*ir.Value) {
	c := v.Aux.(ir.Callee)
	r := c.Rule
	wrt, fixed := ir.ParseWrt(c.Wrt), ir.ParseWrt(c.Fixed)
	names := r.SplitVariant(wrt, fixed)
	sp, err := NewCalleeSplit(r.Derived, wrt, fixed, Names{Tape: names.Tape, Forward: names.Forward, Backward: names.Backward})
	var step *ir.Func
	if err == nil {
		step, err = sp.Step(strings.TrimSuffix(names.Forward, "Forward") + "Step")
	}
	if err == nil && len(step.Params) != len(args) {
		err = fmt.Errorf("%d parameters for %d arguments", len(step.Params), len(args))
	}
	if err != nil {
		bw.fail("reverse: the step adjoint of %s: %v", r.Source, err)
		return
	}
	b := bw.b
	cp := ir.NewCopier(b)
	cp.Before = func(old *ir.Value) bool {
		switch old.Op {
		case ir.OpParam:
			cp.Value[old] = args[old.Aux.(int)]
			return true
		case ir.OpAccum:
			// *d += x, d the address of splitCall's variable.
			addr := cp.Value[old.Args[0]]
			if addr == nil || addr.Op != ir.OpAddr {
				bw.fail("reverse: the step adjoint of %s adds through a pointer other than a variable's", r.Source)
				return true
			}
			d := addr.Aux.(*ir.Var)
			b.Set(d, b.Add(b.Get(d), cp.Value[old.Args[1]]))
			return true
		case ir.OpReturn:
			return true
		}
		return false
	}
	cp.Block(step.Body)
	for _, a := range args {
		if a.Op == ir.OpAddr {
			ir.Remove(a) // read by nothing now
		}
	}
}
