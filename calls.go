package godiff

import (
	"fmt"
	"slices"

	"godiff/forward"
	"godiff/ir"
	"godiff/parse"
	"godiff/reverse"
	"godiff/rules"
)

// activeCalls returns the calls of f through which a derivative flows
// when f is differentiated with respect to wrt: in reverse mode the
// active ones, in forward mode every one a parameter varies. A call
// godiff has no rule for is reported as the user's error, at the call;
// so is any call passing slices to a function godiff cannot see into,
// active or not, since it might write into them.
func activeCalls(f *ir.Func, wrt []int, forward bool) ([]*ir.Value, error) {
	act := ir.Analyse(f, wrt)
	carries := act.Value
	if forward {
		carries = act.Varied.Value
	}
	var calls []*ir.Value
	var errs parse.ErrorList
	f.Walk(func(v *ir.Value) {
		if v.Op != ir.OpCall && v.Op != ir.OpInvoke {
			return
		}
		c := v.Aux.(ir.Callee)
		split := c.Rule != nil && c.Rule.Split
		active := carries[v] || slices.ContainsFunc(v.Args, func(x *ir.Value) bool { return carries[x] && ir.IsFloat(x.Type) })
		switch {
		case split && c.Rule.Err != "":
			errs = append(errs, parse.Error{Pos: c.Pos, Msg: cannotDerive(f, c, "with slices")})
		case !active:
		case c.Path == "math" && rules.For(v) != nil:
			// A built-in rule.
		case c.Rule == nil || c.Rule.Err != "":
			errs = append(errs, parse.Error{Pos: c.Pos, Msg: noRule(f, v)})
		default:
			calls = append(calls, v)
		}
	})
	if len(errs) > 0 {
		return nil, errs
	}
	return calls, nil
}

// noRule explains why godiff cannot differentiate the active call v.
func noRule(f *ir.Func, v *ir.Value) string {
	c := v.Aux.(ir.Callee)
	switch {
	case v.Op == ir.OpInvoke && c.Rule == nil:
		return fmt.Sprintf("%s calls %s, which has several results, with an argument that depends on a differentiated parameter; godiff differentiates calls of functions with one result",
			f.Name, c.Name)
	case c.Rule != nil && c.Rule.Err != "":
		return cannotDerive(f, c, "with an argument that depends on a differentiated parameter")
	case c.Path == "math":
		return fmt.Sprintf("math.%s has no derivative rule in godiff, and %s calls it with an argument that depends on a differentiated parameter; write one: a //godiff:rule math.%s function returning the value and the partial derivatives (see the README), or pass a constant",
			c.Name, f.Name, c.Name)
	}
	return fmt.Sprintf("%s is in package %s, which godiff cannot see into, and %s calls it with an argument that depends on a differentiated parameter; write a //godiff:rule for it: a function returning its value and partial derivatives (see the README)",
		c.Name, c.Path, f.Name)
}

// cannotDerive explains why godiff cannot differentiate a call of c, a
// function of the package.
func cannotDerive(f *ir.Func, c ir.Callee, how string) string {
	return fmt.Sprintf("%s calls %s %s, but godiff cannot differentiate %s: %s", f.Name, c.Name, how, c.Name, c.Rule.Err)
}

// callees returns the derivatives of the package functions that f's
// calls need (calls, from activeCalls), and of those their own calls
// need, each once: done holds the names generated so far, so that every
// caller reuses one derivative per callee. A callee's own directives may
// generate some of them; those are left to it.
//
// A function of numbers gets its gradient (gGrad, on its split form);
// a function of slices gets a split form for callers (gCallTape,
// gCallForward, gCallBackward) and a JVP (gJVP).
func callees(calls []*ir.Value, done map[string]bool) ([]*ir.Func, error) {
	var out []*ir.Func
	for _, v := range calls {
		r := v.Aux.(ir.Callee).Rule
		g := r.Derived
		if g == nil {
			continue // a //godiff:rule
		}
		var made []*ir.Func
		var needed []*ir.Value
		var err error
		if r.Split {
			made, needed, err = splitCallee(r, done)
		} else {
			made, needed, err = gradCallee(r, done)
		}
		if err != nil {
			return nil, fmt.Errorf("%v: %s, called from a differentiated function: %v", v.Aux.(ir.Callee).Pos, g.Name, err)
		}
		out = append(out, made...)
		more, err := callees(needed, done)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	return out, nil
}

// gradCallee builds the gradient a function of numbers stands for in its
// callers, and returns it with the calls it makes in turn.
func gradCallee(r *ir.CallRule, done map[string]bool) (made []*ir.Func, needed []*ir.Value, err error) {
	g := r.Derived
	if r.Own || done[r.Func.Name] {
		return nil, nil, nil
	}
	done[r.Func.Name] = true
	wrt := differentiable(g)
	needed, err = activeCalls(g, wrt, false)
	if err != nil {
		return nil, nil, err
	}
	sp, err := reverse.NewSplit(rules.LowerCalls(g, needed, true), wrt, reverse.SplitNames(g.Name))
	if err != nil {
		return nil, nil, err
	}
	return []*ir.Func{sp.Forward, sp.Backward, sp.Wrapper(reverse.Grad, r.Func.Name)}, needed, nil
}

// splitCallee builds the split form and the JVP a function of slices
// stands for in its callers, and returns them with the calls they make in
// turn.
func splitCallee(r *ir.CallRule, done map[string]bool) (made []*ir.Func, needed []*ir.Value, err error) {
	g := r.Derived
	if done[r.Names.Forward] {
		return nil, nil, nil
	}
	done[r.Names.Forward] = true
	wrt := differentiable(g)
	inner, err := activeCalls(g, wrt, false)
	if err != nil {
		return nil, nil, err
	}
	names := reverse.Names{Tape: r.Names.Tape, Forward: r.Names.Forward, Backward: r.Names.Backward}
	sp, err := reverse.NewCalleeSplit(rules.LowerCalls(g, inner, true), wrt, names)
	if err != nil {
		return nil, nil, err
	}
	made = []*ir.Func{sp.Forward, sp.Backward}
	needed = inner
	if !r.Names.OwnJVP && !done[r.Names.JVP] {
		done[r.Names.JVP] = true
		varied, err := activeCalls(g, wrt, true)
		if err != nil {
			return nil, nil, err
		}
		made = append(made, forward.Transform(rules.LowerCalls(g, varied, false), wrt, r.Names.JVP))
		needed = append(needed, varied...)
	}
	return made, needed, nil
}

// differentiable returns the indexes of f's parameters that can carry a
// derivative: floats, and slices of them.
func differentiable(f *ir.Func) []int {
	var wrt []int
	for i, p := range f.Params {
		if ir.IsDifferentiable(p.Type) {
			wrt = append(wrt, i)
		}
	}
	return wrt
}
