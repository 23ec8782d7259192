package parse

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"github.com/godiff/godiff/forward"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/reverse"
	"github.com/godiff/godiff/rules"
)

// generatedRule returns the rule of calls of fn, a stub of a derivative
// godiff generates (see stubs): FGrad or FJVP of an annotated function
// F of floats. Its Derived is that derivative's IR, built from F's as
// the output builds it (FGrad as one function: reverse.Split.OneCall;
// FJVP: forward.Transform), so that a caller's derivatives differentiate
// through it like through any function of the package of several
// results: by its JVP (forward over reverse for FGrad, a second-order
// JVP for FJVP). What cannot be built goes into the rule's Err,
// reported where a call is active.
func (c *checker) generatedRule(fn *types.Func) *ir.CallRule {
	if r := c.calls.derived[fn]; r != nil {
		return r
	}
	name := fn.Name()
	r := &ir.CallRule{Func: ir.Callee{Name: Grad.FuncName(name)}, Source: name}
	r.Names.Base, r.Names.JVP = name, JVP.FuncName(name)
	c.calls.derived[fn] = r
	g, err := c.buildGenerated(name)
	if err != "" {
		r.Err = err
		return r
	}
	g.Name = name
	r.Derived = g
	// Calls of several results go through the JVP: no partials.
	r.Partials = make([]int, len(g.Params))
	for _, p := range g.Params {
		r.Params = append(r.Params, p.Name)
	}
	for _, res := range g.Results {
		r.Results = append(r.Results, res.Type)
	}
	r.Err = c.taken([]string{r.Names.JVP, generatedTape(name)})
	return r
}

// buildGenerated builds the IR of the derivative named name, or says
// why not.
func (c *checker) buildGenerated(name string) (*ir.Func, string) {
	for _, mode := range []Mode{VJP, Grad, JVP} {
		base, ok := strings.CutSuffix(name, mode.FuncName(""))
		if !ok {
			continue
		}
		fn, _ := c.lookup(base).(*types.Func)
		fd := c.calls.decls[fn]
		if fd == nil {
			continue
		}
		f, msg := c.funcIR(fn)
		if msg != "" {
			return nil, msg
		}
		if msg := callsOnlyMath(f); msg != "" {
			return nil, fmt.Sprintf("%s calls %s; godiff differentiates through the derivatives it generates only of functions that call nothing but the math package's", base, msg)
		}
		wrt := c.directiveWrt(fn, mode)
		f = lowerMathTuples(f, mode != JVP)
		if mode == JVP {
			return forward.Transform(f, wrt, name), ""
		}
		if mode == VJP && len(f.Results) != 1 {
			return nil, fmt.Sprintf("godiff differentiates through %s only for a function of one result, and %s has %d; call %s or %s instead", name, base, len(f.Results), Grad.FuncName(base), JVP.FuncName(base))
		}
		sp, err := reverse.NewSplit(f, wrt, reverse.SplitNames(name+"Call"))
		if err != nil {
			return nil, err.Error()
		}
		oneCall := sp.OneCall
		if mode == VJP {
			oneCall = sp.OneCallSeeded // FVJP: the seed runs the backward sweep
		}
		g, err := oneCall(name)
		if err != nil {
			return nil, err.Error()
		}
		return g, ""
	}
	return nil, fmt.Sprintf("godiff cannot find the function %s derives", name)
}

// generatedTape names the tape type of the IR of FGrad built for its
// callers' derivatives (see buildGenerated): FGradCallTape, apart from
// the split forms' names.
func generatedTape(name string) string { return reverse.SplitNames(name + "Call").Tape }

// funcIR builds the IR of the package function fn, or returns its first
// problem.
func (c *checker) funcIR(fn *types.Func) (*ir.Func, string) {
	fd := c.calls.decls[fn]
	sig := fn.Signature()
	var errs ErrorList
	sub := *c
	sub.reporter.errs = &errs
	params, lay := sub.flatSignature(sig, true)
	g := sub.buildFunc(fd, sig, params, lay, sub.results(sig), nil)
	if len(errs) > 0 {
		return nil, errs.Sorted()[0].Error()
	}
	return g, ""
}

// callsOnlyMath returns the name of the first function f calls other
// than package math's, or "".
func callsOnlyMath(f *ir.Func) string {
	name := ""
	f.Walk(func(v *ir.Value) {
		if (v.Op == ir.OpCall || v.Op == ir.OpInvoke) && name == "" {
			if cl := v.Aux.(ir.Callee); cl.Path != "math" {
				name = cl.String()
			}
		}
	})
	return name
}

// lowerMathTuples returns f with its calls of math functions of several
// results (math.Sincos, ...) lowered to their rules, as the output's own
// FGrad and FJVP lower them (rules.LowerCalls; reverse for FGrad and
// FVJP): neither transform follows a derivative through such a call
// otherwise, and the derivative built here must be the emitted one, bit
// for bit (srcgen seed 4 program 10: without it, the Sincos results'
// derivatives were dropped without a word).
func lowerMathTuples(f *ir.Func, rev bool) *ir.Func {
	var calls []rules.Call
	f.Walk(func(v *ir.Value) {
		if _, several := v.Type.(ir.Tuple); !several || v.Op != ir.OpInvoke {
			return
		}
		if c := v.Aux.(ir.Callee); c.Path == "math" && c.Rule == nil && rules.Tuple(c.Name) != nil {
			calls = append(calls, rules.Call{V: v})
		}
	})
	return rules.LowerCalls(f, calls, rev)
}

// directiveWrt returns the indexes of the parameters fn's directive of
// mode m differentiates: those it names, or every float parameter.
func (c *checker) directiveWrt(fn *types.Func, m Mode) []int {
	params := fn.Signature().Params()
	var names []string
	for _, cm := range docDirectives(c.calls.decls[fn]) {
		verb, args := cutVerb(strings.TrimPrefix(cm.Text, directivePrefix))
		if verb == m.String() {
			names = strings.Fields(args)
		}
	}
	var wrt []int
	for i := range params.Len() {
		p := params.At(i)
		if !isDifferentiable(p.Type()) {
			continue
		}
		if len(names) == 0 || slices.Contains(names, p.Name()) {
			wrt = append(wrt, i)
		}
	}
	return wrt
}

// numbersOnly reports whether every parameter and result of sig is a
// float64 or a float32.
func numbersOnly(sig *types.Signature) bool {
	for _, t := range []*types.Tuple{sig.Params(), sig.Results()} {
		for i := range t.Len() {
			b, ok := t.At(i).Type().Underlying().(*types.Basic)
			if !ok || b.Info()&types.IsFloat == 0 || b.Info()&types.IsComplex != 0 {
				return false
			}
		}
	}
	return true
}
