package godiff

import (
	"errors"
	"fmt"

	"github.com/godiff/godiff/forward"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/jacobian"
	"github.com/godiff/godiff/parse"
	"github.com/godiff/godiff/reverse"
	"github.com/godiff/godiff/rules"
)

// deriveJacobian builds what a //godiff:jacobian directive d on f asks
// for: the paths its mode needs (F's vector JVP, its split form, or
// both; see jacobian.Paths), then FJacobian and FJacobianTo on them. It
// returns them, the split form first if d builds it, with the calls whose
// callees need derivatives. In mode auto a path godiff cannot build is
// left out, and the other serves; a forced mode's failure is the error.
func deriveJacobian(f *ir.Func, d parse.Directive, splits map[reverse.Names]*reverse.Split) ([]*ir.Func, []use, error) {
	mode := jacobian.Mode(d.Jacobian.Mode) // the same order of constants
	wantFwd, wantRev := jacobian.Paths(f, d.Wrt, mode)
	var fwd, rev *jacobianPath
	var fwdErr, revErr error
	if wantFwd {
		fwd, fwdErr = vectorPath(f, d)
	}
	if wantRev || mode == jacobian.Auto && fwdErr != nil {
		rev, revErr = reversePath(f, d, splits)
	}
	if mode == jacobian.Auto && !wantFwd && revErr != nil {
		fwd, fwdErr = vectorPath(f, d)
	}
	if fwd == nil && rev == nil || mode != jacobian.Auto && (fwdErr != nil || revErr != nil) {
		return nil, nil, jacobianError(f, d, fwdErr, revErr)
	}
	fns, err := buildJacobian(d, fwd, rev)
	if err != nil && mode == jacobian.Auto && fwd != nil {
		// The forward path cannot serve (it would have to restore a
		// slice of slices between sweeps): the reverse path alone.
		if rev == nil {
			rev, revErr = reversePath(f, d, splits)
		}
		if rev != nil {
			fwd = nil
			fns, err = buildJacobian(d, nil, rev)
		}
	}
	if err != nil {
		return nil, nil, err
	}
	var own []*ir.Func
	var needed []use
	for _, p := range []*jacobianPath{rev, fwd} {
		if p != nil {
			own = append(own, p.funcs...)
			needed = append(needed, p.needed...)
		}
	}
	// FJacobian first, then FJacobianTo, which it calls.
	return append(own, fns[1], fns[0]), needed, nil
}

// jacobianPath is one path of a Jacobian: F as the transform saw it
// (lowered), the vector JVP or the split form, the functions the path
// adds to the output, and the calls whose callees need derivatives.
type jacobianPath struct {
	f      *ir.Func
	vector *ir.Func
	k      int
	split  *reverse.Split
	funcs  []*ir.Func
	needed []use
}

// vectorPath builds F's vector JVP.
func vectorPath(f *ir.Func, d parse.Directive) (*jacobianPath, error) {
	calls, err := activeCalls(f, f.Name, d.Wrt, true)
	if err != nil {
		return nil, err
	}
	lowered := rules.LowerCalls(f, calls, false)
	k := jacobian.Width(lowered, d.Wrt)
	vec, err := forward.Vector(lowered, d.Wrt, d.Jacobian.Vector, k)
	if err != nil {
		return nil, err
	}
	needed := vectorUses(calls, k)
	// The callees' vector JVPs are built with the other callees, later:
	// try them now, so that in mode auto the reverse path serves where
	// one cannot be built (GGrad of a G that records floats in a loop
	// reads them from its tape, which vector mode does not follow).
	if _, err := callees(needed, make(map[string]bool), newFixer()); err != nil {
		return nil, err
	}
	return &jacobianPath{f: lowered, vector: vec, k: k, funcs: []*ir.Func{vec}, needed: needed}, nil
}

// reversePath builds F's split form, or takes the one an earlier
// directive on the same parameters built.
func reversePath(f *ir.Func, d parse.Directive, splits map[reverse.Names]*reverse.Split) (*jacobianPath, error) {
	calls, err := activeCalls(f, f.Name, d.Wrt, false)
	if err != nil {
		return nil, err
	}
	lowered := rules.LowerCalls(f, calls, true)
	p := &jacobianPath{f: lowered}
	if p.split = splits[d.Split]; p.split != nil {
		// The directive that built the split form asked for its callees'
		// derivatives, fixed as its calls were; asking again here would
		// add the unfixed ones, which nothing calls.
		return p, nil
	}
	if p.split, err = reverse.NewSplit(lowered, d.Wrt, d.Split); err != nil {
		return nil, err
	}
	splits[d.Split] = p.split
	p.funcs = []*ir.Func{p.split.Forward, p.split.Backward}
	p.needed = uses(calls, false)
	return p, nil
}

// buildJacobian builds FJacobianTo and FJacobian on the paths given.
func buildJacobian(d parse.Directive, fwd, rev *jacobianPath) ([]*ir.Func, error) {
	spec := &jacobian.Spec{Wrt: d.Wrt, Name: d.Name, To: d.Jacobian.To, Work: d.Jacobian.Work}
	if rev != nil {
		spec.F, spec.Split = rev.f, rev.split
	}
	if fwd != nil {
		spec.F, spec.Vector, spec.K = fwd.f, fwd.vector, fwd.k
	}
	return jacobian.Build(spec)
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
