package godiff

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/godiff/godiff/forward"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/parse"
	"github.com/godiff/godiff/reverse"
	"github.com/godiff/godiff/rules"
)

// activeCalls returns the calls of f through which a derivative flows
// when f is differentiated with respect to wrt: in reverse mode the
// active ones, in forward mode every one a parameter varies. A call
// godiff has no rule for is reported as the user's error, at the call;
// so is any call passing slices or a struct to a function godiff cannot
// see into, active or not: it might write into them, and a struct's call
// goes to a twin written from the function's body.
//
// For a call of a function of slices, the Call says which of the callee's
// parameters carry a derivative: the variant of the callee's derivative
// that the call needs.
func activeCalls(f *ir.Func, name string, wrt []int, forward bool) ([]rules.Call, error) {
	act := ir.Analyse(f, wrt)
	carries, mem := act.Value, act.Mem
	if forward {
		carries, mem = act.Varied.Value, act.Varied.Mem
	}
	var calls []rules.Call
	var errs parse.ErrorList
	f.Walk(func(v *ir.Value) {
		if v.Op != ir.OpCall && v.Op != ir.OpInvoke {
			return
		}
		c := v.Aux.(ir.Callee)
		split := c.Rule != nil && c.Rule.Split
		// A derivative flows through a call by a float result, or by the
		// memory it writes: a test (math.IsInf(x, 0), a function of the
		// package returning a bool or an int) has no derivative, like a
		// comparison, unless its integers may hold a float's bits (see
		// intResults); a call of code godiff cannot read is judged by its
		// arguments.
		intsOK, bits := true, ""
		if !floatOut(v) && v.Type != nil {
			intsOK, bits = intResults(v, act, make(map[*ir.Func]bool))
		}
		active := (floatOut(v) || !intsOK && bits == "") && (carries[v] || slices.ContainsFunc(v.Args, func(x *ir.Value) bool { return carries[x] && ir.IsFloat(x.Type) }) ||
			severalResults(v) && variedArg(act, v)) ||
			slices.ContainsFunc(ir.Written(v), func(x *ir.Value) bool { return mem[ir.Root(x)] })
		// A slice argument whose contents carry a derivative: a callee
		// that might write into it must be one godiff can read.
		memArg := slices.ContainsFunc(v.Args, func(x *ir.Value) bool { return ir.IsSlice(x.Type) && mem[ir.Root(x)] })
		variedMem := slices.ContainsFunc(v.Args, func(x *ir.Value) bool { return ir.IsSlice(x.Type) && act.Varied.Mem[ir.Root(x)] })
		switch {
		case c.Rule != nil && c.Rule.Twin && c.Rule.Err != "":
			how := "passing a struct's fields" // a method, or a struct argument
			if c.Rule.Foreign {
				// Another package's method, function taking a struct, or
				// unexported function: its calls go through a copy.
				how = ""
			}
			errs = append(errs, parse.Error{Pos: c.Pos, Msg: cannotDerive(name, c, how)})
		case split && c.Rule.Err != "" && isArray(v.Type) && (active || memArg || variedMem):
			// A function returning an array that godiff cannot build,
			// called on an array that carries a derivative.
			errs = append(errs, parse.Error{Pos: c.Pos, Msg: cannotDerive(name, c, "with slices")})
		case split && c.Rule.Err != "" && active && (v.Type == nil || ir.IsFloat(v.Type) || severalResults(v)):
			errs = append(errs, parse.Error{Pos: c.Pos, Msg: cannotDerive(name, c, "with slices")})
		case split && c.Rule.Err != "" && slices.ContainsFunc(ir.Written(v), func(x *ir.Value) bool { return mem[ir.Root(x)] }):
			errs = append(errs, parse.Error{Pos: c.Pos, Msg: fmt.Sprintf("%s passes a slice that carries a derivative to %s, which godiff cannot read to know whether it writes into it: %s; pass it a copy of the slice, or write the computation in this package",
				name, c.Rule.Source, c.Rule.Err)})
		case split && c.Rule.Err != "":
			// No slice it is passed carries a derivative: it may write
			// into them, and the call stays as it is.
		case v.Op == ir.OpInvoke && c.Rule == nil && c.Path != "" && variedMem && v.Type != nil && ir.IsFloat(v.Type):
			// The activity analysis follows no derivative through a
			// call it knows nothing of: its result depends on the slice.
			errs = append(errs, parse.Error{Pos: c.Pos, Msg: noRule(name, v)})
		case v.Op == ir.OpInvoke && c.Rule == nil && c.Path != "" && (memArg || variedMem):
			errs = append(errs, parse.Error{Pos: c.Pos, Msg: unseenWrites(name, v)})
		case bits != "":
			errs = append(errs, parse.Error{Pos: c.Pos, Msg: bitsMessage(name, bits)})
		case !active:
		case split && (arrayElements(v) || severalResults(v)):
			// A function returning an array (each element a result), or
			// one of slices and several results: its backward function
			// takes a seed for each.
			calls = append(calls, rules.Call{V: v, Wrt: splitWrt(v, carries, mem)})
		case split && v.Type != nil && !ir.IsFloat(v.Type):
			errs = append(errs, parse.Error{Pos: c.Pos, Msg: fmt.Sprintf("%s calls %s, which returns %s, and it writes into a slice that carries a derivative; godiff differentiates such a call only if it returns one float or nothing", name, c.Name, v.Type)})
		case c.Path == "math" && c.Rule == nil && rules.For(v) != nil:
			// A built-in rule; a //godiff:rule of the package takes its place.
		case c.Path == "math" && severalResults(v) && rules.Tuple(c.Name) != nil:
			calls = append(calls, rules.Call{V: v}) // a built-in rule too
		case c.Rule == nil || c.Rule.Err != "":
			errs = append(errs, parse.Error{Pos: c.Pos, Msg: noRule(name, v)})
		case severalResults(v) && !forward:
			// Through its JVP, with respect to the varied arguments.
			var params []int
			for i, x := range v.Args {
				if ir.IsFloat(x.Type) && act.Varied.Value[x] {
					params = append(params, i)
				}
			}
			calls = append(calls, rules.Call{V: v, Wrt: params, JVP: true})
		case c.Rule.Derived != nil:
			calls = append(calls, rules.Call{V: v, Wrt: splitWrt(v, carries, mem)})
		default:
			calls = append(calls, rules.Call{V: v})
		}
	})
	if len(errs) > 0 {
		return nil, errs
	}
	return calls, nil
}

// intResults reports whether the results of call v, integers and bools
// only, carry no derivative: a bool is a test, and an integer computed
// from a float (int(x), math.Ilogb, a function of the package that
// rounds) is piecewise constant, as godiff holds every integer. Not so the
// bits of a float (math.Float64bits), from which the float comes back
// whole: bits names the function, math.Float64bits or one that calls it,
// through which v's integers may hold those of an argument that depends
// on the differentiated parameters. A function godiff cannot read is not
// known to be free of them (false, ""). act is the caller's activity;
// seen holds the callees looked into.
func intResults(v *ir.Value, act *ir.Activity, seen map[*ir.Func]bool) (ok bool, bits string) {
	varied := slices.ContainsFunc(v.Args, func(x *ir.Value) bool {
		return ir.IsFloat(x.Type) && act.Varied.Value[x] || ir.IsSlice(x.Type) && act.Varied.Mem[ir.Root(x)]
	})
	allBool := v.Type == ir.Bool
	if t, isTuple := v.Type.(ir.Tuple); isTuple {
		allBool = !slices.ContainsFunc(t, func(e ir.Type) bool { return e != ir.Bool })
	}
	c := v.Aux.(ir.Callee)
	switch {
	case !varied || allBool:
		return true, ""
	case c.Path == "math" && (c.Name == "Float64bits" || c.Name == "Float32bits"):
		return false, "math." + c.Name
	case c.Path == "math":
		return true, "" // Ilogb: an exponent
	case c.Rule == nil || c.Rule.Derived == nil || c.Rule.Custom:
		return false, ""
	}
	g := c.Rule.Derived
	if seen[g] {
		return true, "" // a recursive call: its other calls decide
	}
	seen[g] = true
	inner := ir.Analyse(g, differentiable(g))
	ok = true
	g.Walk(func(w *ir.Value) {
		if !ok || w.Op != ir.OpCall && w.Op != ir.OpInvoke || floatOut(w) || w.Type == nil {
			return
		}
		if okW, bitsW := intResults(w, inner, seen); !okW {
			ok = false
			if bitsW != "" {
				bits = displayName(c.Rule)
			}
		}
	})
	return ok, bits
}

// bitsMessage explains why godiff refuses a call, in the function fname,
// whose integer results may hold the bits of a float that depends on the
// differentiated parameters, through bits (see intResults).
func bitsMessage(fname, bits string) string {
	what := bits + ", whose integer result holds the value's bits"
	if !strings.HasPrefix(bits, "math.") {
		what = bits + ", whose integer results may hold the value's bits (it calls math.Float64bits or Float32bits)"
	}
	return fmt.Sprintf("%s passes a value that depends on a differentiated parameter to %s, from which the value can be rebuilt; godiff holds integers constant, so its derivative would be lost: compute with the float itself", fname, what)
}

// floatOut reports whether a derivative can come out of call v's
// results: one of them is a float.
func floatOut(v *ir.Value) bool {
	if t, ok := v.Type.(ir.Tuple); ok {
		return t.FloatIn()
	}
	return v.Type != nil && ir.IsFloat(v.Type)
}

// splitWrt returns the parameters of the callee of v, a function of the
// package, whose arguments carry a derivative.
func splitWrt(v *ir.Value, carries, mem map[*ir.Value]bool) []int {
	var params []int
	for i, p := range v.Aux.(ir.Callee).Rule.Derived.Params {
		x := v.Args[i]
		if ir.IsDifferentiable(p.Type) && (carries[x] || ir.IsSlice(x.Type) && mem[ir.Root(x)]) {
			params = append(params, i)
		}
	}
	return params
}

// isArray reports whether t is an array type: the value of a call of a
// function returning an array that godiff cannot build (see parse's
// arrayCall).
func isArray(t ir.Type) bool {
	_, ok := t.(ir.Array)
	return ok
}

// arrayElements reports whether v calls a function returning an array of
// floats, whose elements are its results (see parse's arrayCall).
func arrayElements(v *ir.Value) bool {
	r := v.Aux.(ir.Callee).Rule
	if r == nil || r.Derived == nil {
		return false
	}
	for _, res := range r.Derived.Results {
		if res.Group == nil || !res.Group.Array {
			return false
		}
	}
	return len(r.Derived.Results) > 0
}

// severalResults reports whether v is a call of a function of several
// results, a, b := f(x), as the source wrote it.
func severalResults(v *ir.Value) bool {
	_, ok := v.Type.(ir.Tuple)
	return v.Op == ir.OpInvoke && ok
}

// variedArg reports whether a float argument of call v depends on a
// differentiated parameter. The activity analysis does not follow a
// derivative through a call of several results, so in reverse mode no
// such call, nor its arguments, is ever active: its derivative would be
// dropped without a word. Such a call is judged by its arguments alone,
// as forward mode judges every call, so that both modes refuse the same
// code.
func variedArg(act *ir.Activity, v *ir.Value) bool {
	return slices.ContainsFunc(v.Args, func(x *ir.Value) bool { return act.Varied.Value[x] && ir.IsFloat(x.Type) })
}

// noRule explains why godiff cannot differentiate the active call v.
func noRule(fname string, v *ir.Value) string {
	c := v.Aux.(ir.Callee)
	switch {
	case severalResults(v) && c.Rule == nil:
		return fmt.Sprintf("%s is in package %s, which godiff cannot see into, and %s calls it with an argument that depends on a differentiated parameter; it has several results, which a //godiff:rule cannot cover: write the computation in functions of this package, or pass constants",
			c.Name, c.Path, fname)
	case c.Path == "" && c.Name == rules.DigammaName:
		// The derivative of math.Lgamma, differentiated again: the
		// derivative built for a call of GGrad or GJVP (see parse's
		// buildGenerated).
		return fmt.Sprintf("%s differentiates math.Lgamma, whose derivative (the digamma function) godiff cannot differentiate again; pass math.Lgamma a constant, or call a function that does not call it",
			fname)
	case c.Rule != nil && c.Rule.Err != "":
		return cannotDerive(fname, c, "with an argument that depends on a differentiated parameter")
	case slices.ContainsFunc(v.Args, func(x *ir.Value) bool { return ir.IsSlice(x.Type) }):
		return fmt.Sprintf("%s is in package %s, which godiff cannot see into, and %s calls it with an argument that depends on a differentiated parameter; write a //godiff:rule %s.%s for it: for a function of slices, a forward, a backward and a JVP function (see the README's Custom rules)",
			c.Name, c.Path, fname, path.Base(c.Path), c.Name)
	case c.Path == "math":
		return fmt.Sprintf("math.%s has no derivative rule in godiff, and %s calls it with an argument that depends on a differentiated parameter; write one: a //godiff:rule math.%s function returning the value and the partial derivatives (see the README), or pass a constant",
			c.Name, fname, c.Name)
	}
	return fmt.Sprintf("%s is in package %s, which godiff cannot see into, and %s calls it with an argument that depends on a differentiated parameter; write a //godiff:rule for it: a function returning its value and partial derivatives (see the README)",
		c.Name, c.Path, fname)
}

// unseenWrites explains why godiff refuses the call v of a function of
// another package it cannot read, passing a slice that carries a
// derivative: it might write into it.
func unseenWrites(fname string, v *ir.Value) string {
	c := v.Aux.(ir.Callee)
	return fmt.Sprintf("%s passes a slice that carries a derivative to %s.%s, whose source godiff cannot read (it is not Go, or not in the subset), so it cannot know whether %s writes into it; pass it a copy of the slice, or write the computation in this package",
		fname, path.Base(c.Path), c.Name, c.Name)
}

// cannotDerive explains why godiff cannot differentiate a call of c, a
// function of the package.
func cannotDerive(fname string, c ir.Callee, how string) string {
	name := c.Rule.Source
	if name == "" {
		name = c.Name
	}
	if how == "" {
		return fmt.Sprintf("%s calls %s, which godiff must copy into the output or differentiate, and cannot: %s", fname, name, c.Rule.Err)
	}
	return fmt.Sprintf("%s calls %s %s, but godiff cannot differentiate %s: %s", fname, name, how, name, c.Rule.Err)
}

// use is a call that needs a derivative of its callee, in reverse or
// forward mode.
type use struct {
	rules.Call
	forward bool
	// vector, if not 0, asks for the callee's JVP in vector mode with
	// that many directions (forward is then set too).
	vector int
}

// uses pairs calls with their mode.
func uses(calls []rules.Call, forward bool) []use {
	out := make([]use, len(calls))
	for i, c := range calls {
		out[i] = use{Call: c, forward: forward || c.JVP}
	}
	return out
}

// callees returns the derivatives of the package functions that f's
// calls need (from activeCalls), and of those their own calls need, each
// once: done holds the names generated so far, so that every caller
// reuses one derivative per callee (and per variant). A callee's own
// directives may generate some of them; those are left to it.
//
// Forward mode calls a callee's JVP (gJVP). Reverse mode calls a function
// of numbers' gradient (gGrad, on its split form), and a function of
// slices through a split form for callers (gCallTape, gCallForward,
// gCallBackward). A JVP and a split form for callers differentiate with
// respect to the parameters the call needs (see ir.CallRule's Variant).
func callees(needed []use, done map[string]bool, fx *fixer) ([]*ir.Func, error) {
	var out []*ir.Func
	var errs parse.ErrorList
	for _, u := range needed {
		r := u.V.Aux.(ir.Callee).Rule
		if r != nil && r.Composed != nil {
			made, err := composedCallee(r, u.Wrt, u.forward, done) // FGrad of a function of slices
			if err != nil {
				errs = append(errs, atCall(u, err)...)
			}
			out = append(out, made...)
			continue
		}
		if r == nil || r.Derived == nil || r.Custom {
			continue // a //godiff:rule, or one of package math's
		}
		var made []*ir.Func
		var more []use
		var err error
		switch {
		case u.vector > 0:
			made, more, err = vectorCallee(r, u.Wrt, u.vector, done)
		case u.forward:
			made, more, err = jvpCallee(r, u.Wrt, done)
		case !r.Split:
			made, more, err = gradCallee(r, done, fx)
		default:
			made, more, err = splitCallee(r, u.Wrt, u.Fixed, done, fx)
		}
		if err != nil {
			errs = append(errs, atCall(u, err)...)
			continue
		}
		out = append(out, made...)
		inner, err := callees(more, done, fx)
		if err != nil {
			errs = append(errs, atCall(u, err)...)
			continue
		}
		out = append(out, inner...)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// displayName names the callee of r in messages: as its source does for
// another package's function (floats.Sum, not floatsSum), else by its
// IR's name.
func displayName(r *ir.CallRule) string {
	if r.Foreign && r.Source != "" {
		return r.Source
	}
	return r.Derived.Name
}

// atCall reports err, met deriving the callee of the call u, at that
// call, in the form of parse's diagnostics, so that the run reports it as
// it is rather than at the function; an error inside the callee's own
// callees is so reported at each call on the way. Each diagnostic of err
// makes one, so that each stays on one line.
func atCall(u use, err error) parse.ErrorList {
	r := u.V.Aux.(ir.Callee).Rule
	name := r.Source
	if name == "" {
		name = r.Derived.Name
	}
	var list parse.ErrorList
	if !errors.As(err, &list) {
		list = parse.ErrorList{{Msg: err.Error()}}
	}
	out := make(parse.ErrorList, len(list))
	for i, e := range list {
		inner := e.Msg
		if e.Pos.IsValid() {
			inner = e.Error()
		}
		out[i] = parse.Error{Pos: u.V.Aux.(ir.Callee).Pos, Msg: fmt.Sprintf("godiff cannot differentiate this call of %s: %s", name, inner)}
	}
	return out
}

// gradCallee builds the gradient a function of numbers stands for in its
// callers, and returns it with the calls it makes in turn.
func gradCallee(r *ir.CallRule, done map[string]bool, fx *fixer) ([]*ir.Func, []use, error) {
	g := r.Derived
	if r.Own || done[r.Func.Name] {
		return nil, nil, nil
	}
	done[r.Func.Name] = true
	wrt := differentiable(g)
	g = fx.inline(g, wrt) // its small helpers of slices inlined
	calls, err := activeCalls(g, displayName(r), wrt, false)
	if err != nil {
		return nil, nil, err
	}
	fx.fix(g, calls, allFixed)
	sp, err := reverse.NewSplit(rules.LowerCalls(g, calls, true), wrt, reverse.SplitNames(g.Name))
	if err != nil {
		return nil, nil, err
	}
	// One function with no tape where it can: a call then costs one
	// call, not three and a tape's stores and loads.
	if one := tapeless(sp, r.Func.Name, false); one != nil {
		one.Doc = sp.Wrapper(reverse.Grad, r.Func.Name).Doc
		return []*ir.Func{one}, uses(calls, false), nil
	}
	return []*ir.Func{sp.Forward, sp.Backward, sp.Wrapper(reverse.Grad, r.Func.Name)}, uses(calls, false), nil
}

// splitCallee builds the split form a function of slices stands for in
// its reverse-mode callers that differentiate wrt and leave the memory of
// the parameters fixed unchanged, and returns it with the calls it makes
// in turn.
func splitCallee(r *ir.CallRule, wrt, fixed []int, done map[string]bool, fx *fixer) ([]*ir.Func, []use, error) {
	names := r.SplitVariant(wrt, fixed)
	if done[names.Forward] {
		return nil, nil, nil
	}
	done[names.Forward] = true
	g := fx.inline(r.Derived, wrt) // its own small helpers inlined
	calls, err := activeCalls(g, displayName(r), wrt, false)
	if err != nil {
		return nil, nil, err
	}
	fx.fix(g, calls, func(i int) bool { return slices.Contains(fixed, i) })
	sp, err := reverse.NewCalleeSplit(rules.LowerCalls(g, calls, true), wrt, fixed,
		reverse.Names{Tape: names.Tape, Forward: names.Forward, Backward: names.Backward})
	if err != nil {
		return nil, nil, err
	}
	return []*ir.Func{sp.Forward, sp.Backward}, uses(calls, false), nil
}

// jvpCallee builds the JVP a function stands for in its forward-mode
// callers that differentiate wrt, and returns it with the
// calls it makes in turn. The callee's own //godiff:jvp, over all its
// parameters, is the one for them all.
func jvpCallee(r *ir.CallRule, wrt []int, done map[string]bool) ([]*ir.Func, []use, error) {
	names := r.Variant(wrt)
	if done[names.JVP] || names.JVP == r.Names.JVP && r.Names.OwnJVP {
		return nil, nil, nil
	}
	done[names.JVP] = true
	calls, err := activeCalls(r.Derived, displayName(r), wrt, true)
	if err != nil {
		return nil, nil, err
	}
	return []*ir.Func{forward.Transform(rules.LowerCalls(r.Derived, calls, false), wrt, names.JVP)}, uses(calls, true), nil
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

// twins returns the twins (see ir.CallRule's Twin) that funcs call, and
// those their own bodies call, each once: the plain functions the
// generated code calls where the source calls a method or passes a
// struct and no derivative flows through the call.
func twins(funcs []*ir.Func, done map[string]bool) []*ir.Func {
	var out []*ir.Func
	for len(funcs) > 0 {
		f := funcs[0]
		funcs = funcs[1:]
		f.Walk(func(v *ir.Value) {
			c, ok := v.Aux.(ir.Callee)
			if !ok || (v.Op != ir.OpCall && v.Op != ir.OpInvoke) || c.Rule == nil || !c.Rule.Twin && c.Rule.Composed == nil || c.Rule.Derived == nil {
				return
			}
			if g := c.Rule.Derived; c.Name == g.Name && !done[g.Name] {
				done[g.Name] = true
				out = append(out, g)
				funcs = append(funcs, g)
			}
		})
	}
	return out
}
