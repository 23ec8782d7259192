package godiff

import (
	"errors"
	"fmt"

	"godiff/forward"
	"godiff/ir"
	"godiff/jacobian"
	"godiff/parse"
	"godiff/reverse"
	"godiff/rules"
)

// deriveJacobian builds what a //godiff:jacobian directive d on f asks
// for: the paths its mode needs (F's vector JVP, its split form, or
// both; see jacobian.Paths), then FJacobian and FJacobianTo on them. It
// returns them, the split form first if d builds it, with the calls whose
// callees need derivatives. In mode auto a path godiff cannot build is
// left out, and the other serves; a forced mode's failure is the error.
func deriveJacobian(f *ir.Func, d parse.Directive, splits map[reverse.Names]*reverse.Split) (own []*ir.Func, needed []use, err error) {
	mode := jacobian.Mode(d.Jacobian.Mode) // the same order of constants
	wantFwd, wantRev := jacobian.Paths(f, d.Wrt, mode)
	spec := &jacobian.Spec{Wrt: d.Wrt, Name: d.Name, To: d.Jacobian.To, Work: d.Jacobian.Work}
	var fwdErr, revErr error
	buildFwd := func() {
		var calls []rules.Call
		if calls, fwdErr = activeCalls(f, f.Name, d.Wrt, true); fwdErr != nil {
			return
		}
		lowered := rules.LowerCalls(f, calls, false)
		k := jacobian.Width(lowered, d.Wrt)
		var vec *ir.Func
		if vec, fwdErr = forward.Vector(lowered, d.Wrt, d.Jacobian.Vector, k); fwdErr != nil {
			return
		}
		spec.F, spec.Vector, spec.K = lowered, vec, k
		needed = append(needed, vectorUses(calls, k)...)
	}
	buildRev := func() {
		var calls []rules.Call
		if calls, revErr = activeCalls(f, f.Name, d.Wrt, false); revErr != nil {
			return
		}
		lowered := rules.LowerCalls(f, calls, true)
		sp := splits[d.Split]
		if sp == nil {
			if sp, revErr = reverse.NewSplit(lowered, d.Wrt, d.Split); revErr != nil {
				return
			}
			splits[d.Split] = sp
			own = append(own, sp.Forward, sp.Backward)
		}
		if spec.F == nil {
			spec.F = lowered
		}
		spec.Split = sp
		needed = append(needed, uses(calls, false)...)
	}
	if wantFwd {
		buildFwd()
	}
	if wantRev || mode == jacobian.Auto && fwdErr != nil {
		buildRev()
	}
	if mode == jacobian.Auto && !wantFwd && revErr != nil {
		buildFwd()
	}
	if spec.Vector == nil && spec.Split == nil || mode != jacobian.Auto && (fwdErr != nil || revErr != nil) {
		return nil, nil, jacobianError(f, d, fwdErr, revErr)
	}
	if spec.Vector != nil {
		own = append(own, spec.Vector)
	}
	fns, err := jacobian.Build(spec)
	if err != nil {
		return nil, nil, err
	}
	// FJacobian first, then FJacobianTo, which it calls.
	return append(own, fns[1], fns[0]), needed, nil
}

// jacobianError reports why no path of the Jacobian could be built: a
// diagnostic of the user's code (an ErrorList) as it is, else both
// transforms' refusals at the directive.
func jacobianError(f *ir.Func, d parse.Directive, fwdErr, revErr error) error {
	var list parse.ErrorList
	for _, err := range []error{fwdErr, revErr} {
		if errors.As(err, &list) {
			return list
		}
	}
	var msgs []string
	if fwdErr != nil {
		msgs = append(msgs, "forward mode: "+fwdErr.Error())
	}
	if revErr != nil {
		msgs = append(msgs, "reverse mode: "+revErr.Error())
	}
	msg := fmt.Sprintf("//godiff:jacobian cannot build the Jacobian of %s", f.Name)
	for _, m := range msgs {
		msg += "; " + m
	}
	return parse.ErrorList{{Pos: d.Pos, Msg: msg}}
}

// vectorUses pairs calls with vector mode of k directions.
func vectorUses(calls []rules.Call, k int) []use {
	out := uses(calls, true)
	for i := range out {
		out[i].vector = k
	}
	return out
}

// vectorCallee builds the JVP in vector mode with k directions a
// function stands for in its vector-mode callers that differentiate wrt,
// and returns it with the calls it makes in turn.
func vectorCallee(r *ir.CallRule, wrt []int, k int, done map[string]bool) ([]*ir.Func, []use, error) {
	name := forward.VecName(r.Variant(wrt).JVP, k)
	if done[name] {
		return nil, nil, nil
	}
	done[name] = true
	calls, err := activeCalls(r.Derived, displayName(r), wrt, true)
	if err != nil {
		return nil, nil, err
	}
	g, err := forward.Vector(rules.LowerCalls(r.Derived, calls, false), wrt, name, k)
	if err != nil {
		return nil, nil, err
	}
	return []*ir.Func{g}, vectorUses(calls, k), nil
}
