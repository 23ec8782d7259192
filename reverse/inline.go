package reverse

import (
	"fmt"
	"slices"
	"strings"

	"github.com/godiff/godiff/ir"
)

// Inline returns f with the calls of the package's own functions through
// which a derivative may flow (those whose CallRule carries the callee's
// IR, Derived) replaced by the callees' bodies, callees of callees too,
// so that what follows differentiates one function of plain IR. The
// Hessian-vector product needs this: forward mode over the one-call
// gradient (OneCall) cannot follow a callee's tape, while the inlined
// body records on the caller's own.
//
// A callee's parameters become the call's arguments (a slice is passed
// as the same memory, as Go passes it), its variables fresh variables,
// and its returns assignments to variables holding its results, read
// after the inlined body; a callee returning only at its end gives its
// results directly. Names that clash are renamed (ir.UniqueNames).
//
// Calls whose results carry no derivative, functions of other packages,
// //godiff:rule functions and checkpointed loop bodies stay calls. It
// refuses, naming the chain of calls, a function that calls itself.
//
// Returns from inside loops, F's and its callees', become exits of the
// loops (see leaveLoops).
func Inline(f *ir.Func, wrt []int) (*ir.Func, error) {
	g := ir.NewFunc(f.Name, f.Params, f.Results)
	g.Doc = f.Doc
	b := ir.NewBuilder(g)
	b.Simplify = false
	in := &inliner{b: b}
	src := f
	if loopReturn(f) {
		src = normalized(f)
	}
	in.copyBody(src, ir.NewCopier(b), ir.Analyse(src, wrt).Varied, []string{f.Name}, false)
	if in.err != nil {
		return nil, in.err
	}
	if !in.inlined && src == f {
		return f, nil
	}
	relabel(g)
	ir.UniqueNames(g)
	return g, nil
}

type inliner struct {
	b       *ir.Builder
	inlined bool // whether any call was inlined
	err     error
	// pick, if not nil, says which of the calls inlinable finds to
	// inline (see InlineSmall); nil inlines them all.
	pick func(call *ir.Value, callee *ir.Func) bool
}

// copyBody copies fn's body with c, inlining the calls that vary with
// fn's differentiated parameters (per varied). chain is the calls that
// led to fn, fn last. foreign says that fn is a function of another
// package: there every call of its own package's functions is inlined,
// since the output could call them only through twins that only FGrad's
// output holds.
func (in *inliner) copyBody(fn *ir.Func, c *ir.Copier, varied *ir.Flow, chain []string, foreign bool) {
	results := make(map[*ir.Value][]*ir.Value) // an inlined call's results, by the call
	hook := c.Before
	c.Before = func(old *ir.Value) bool {
		if in.err != nil {
			// Refused: copy nothing more, whose arguments (a refused
			// call's results) may be missing.
			return true
		}
		if hook != nil && hook(old) {
			return true
		}
		if old.Op == ir.OpExtract && results[old.Args[0]] != nil {
			c.Value[old] = results[old.Args[0]][old.Aux.(int)]
			return true
		}
		callee := inlinable(old, varied, foreign)
		if callee != nil && in.pick != nil && !in.pick(old, callee) {
			callee = nil
		}
		if callee == nil && foreign && isCall(old) && old.Aux.(ir.Callee).Path == "" {
			name := old.Aux.(ir.Callee).Name
			in.fail("%s calls %s, which FHVP cannot inline, and the generated code cannot call it (%s); write the computation in this package", chain[len(chain)-1], name, strings.Join(append(chain, name), " → "))
		}
		if callee == nil || in.err != nil {
			return false
		}
		args := make([]*ir.Value, len(old.Args))
		for i, a := range old.Args {
			args[i] = c.Value[a]
		}
		res := in.call(old, callee, args, calleeWrt(old, varied), chain)
		if _, several := old.Type.(ir.Tuple); several {
			results[old] = res
		} else if len(res) == 1 {
			c.Value[old] = res[0]
		}
		return true
	}
	c.Block(fn.Body)
}

// inlinable returns the IR of the package function v calls, if v is a
// call to inline: a function godiff reads, with an argument or a result
// that varies with the differentiated parameters; in the body of a
// function of another package (foreign), any of that package's.
func inlinable(v *ir.Value, varied *ir.Flow, foreign bool) *ir.Func {
	if !isCall(v) {
		return nil
	}
	c := v.Aux.(ir.Callee)
	r := c.Rule
	if r == nil || c.Path != "" && !r.Foreign || r.Derived == nil || r.Custom || r.Recompute || r.Err != "" {
		return nil
	}
	if foreign && c.Path == "" || varied.Value[v] || len(calleeWrt(v, varied)) > 0 {
		return r.Derived
	}
	return nil
}

func isCall(v *ir.Value) bool { return v.Op == ir.OpCall || v.Op == ir.OpInvoke }

// calleeWrt lists the parameters of the callee of v whose arguments vary:
// a float that does, a slice whose memory does.
func calleeWrt(v *ir.Value, varied *ir.Flow) []int {
	var wrt []int
	for i, a := range v.Args {
		if ir.IsFloat(a.Type) && varied.Value[a] || ir.IsSlice(a.Type) && varied.Mem[ir.Root(a)] {
			wrt = append(wrt, i)
		}
	}
	return wrt
}

// call inlines the call old of callee, with the copies args of its
// arguments, and returns the values of its results.
func (in *inliner) call(old *ir.Value, callee *ir.Func, args []*ir.Value, wrt []int, chain []string) []*ir.Value {
	name := old.Aux.(ir.Callee).Name
	if slices.Contains(chain, name) {
		in.fail("%s calls itself (%s), and a recursive function cannot be inlined; write the recursion as a loop", name, strings.Join(append(chain, name), " → "))
		return nil
	}
	if callee.Tape != nil {
		// A generated gradient (GGrad, see parse's buildGenerated) whose
		// loops or branches record on a tape of its own: FHVP's reverse
		// sweep passes no adjoint from a value GGrad's backward sweep
		// loads from that tape back to the value its forward sweep saved,
		// so the derivative of GGrad's backward sweep through it was
		// dropped (a branch's records: a gradient different from FGrad's
		// and a wrong H·v, hvp_test.go's "a call of a gradient that
		// records in a branch"); a loop's stacks it could not follow at
		// all (srcgen seed 5 program 20: "cannot follow the slice
		// (tape.load)").
		in.fail("%s calls %s, a gradient whose loops or branches record values on a tape, and FHVP cannot differentiate through such a gradient yet (%s); call it with arguments that do not depend on the differentiated parameters", chain[len(chain)-1], name, strings.Join(append(chain, name), " → "))
		return nil
	}
	chain = append(chain[:len(chain):len(chain)], name)
	if in.pick != nil {
		nameArgs(args, callee)
	}
	body := normalized(callee)
	if r := earlyReturn(body); r != nil {
		// The copy of a return assigns the results and goes on: only a
		// return that is the last statement on its path is inlined
		// right. nestExits makes them so where one branch of an if
		// always returns; a return in an if inside an if, the other
		// paths going on, stays early (srcgen seed 20 program 27: FHVP's
		// value and derivatives were wrong without a word).
		in.fail("%s returns at %s:%d before the end of its body, from an if inside another whose other paths go on, and FHVP cannot inline such a return yet (%s); assign the result to a variable and return it once at the end", name, baseName(r.Pos.Filename), r.Pos.Line, strings.Join(chain, " → "))
		return nil
	}
	in.inlined = true
	b := in.b
	c := ir.NewCopier(b)
	c.Before = func(v *ir.Value) bool {
		if v.Op != ir.OpParam {
			return false
		}
		c.Value[v] = nilBound(b, args[v.Aux.(int)], callee.Params[v.Aux.(int)].Name)
		return true
	}
	var results []*ir.Value
	var vars []*ir.Var
	if hasNestedReturn(body) {
		for _, r := range body.Results {
			x := &ir.Var{Name: resultName(r, name), Type: r.Type}
			b.Declare(x, nil)
			vars = append(vars, x)
		}
	}
	c.Return = func(_ *ir.Value, args []*ir.Value) {
		if vars == nil {
			results = args
			return
		}
		for i, x := range vars {
			b.Set(x, args[i])
		}
	}
	in.copyBody(body, c, ir.Analyse(body, wrt).Varied, chain, old.Aux.(ir.Callee).Rule.Foreign)
	if vars != nil {
		results = nil
		for _, x := range vars {
			results = append(results, b.Get(x))
		}
	}
	return results
}

// nameArgs gives the arguments of an inlined call that have no name (a
// sub-slice, a sum) the names of the callee's parameters they stand for,
// so that the inlined body reads as the callee does (y := means[ik*d:]).
func nameArgs(args []*ir.Value, callee *ir.Func) {
	for i, a := range args {
		if p := callee.Params[i].Name; a != nil && a.Name == "" && !a.IsConst() && p != "" && p != "_" {
			a.Name = p
		}
	}
}

// nilBound returns arg, or, if it is a nil slice, a variable named name
// holding it: the callee's body compares its parameter with nil and
// indexes it, which Go does not allow of an untyped nil (nil == nil,
// nil[i]; FuzzMutate: FHVP of internal/regress's MeanVarLoop, calling
// meanVar(x[k:], nil), did not build).
func nilBound(b *ir.Builder, arg *ir.Value, name string) *ir.Value {
	if arg.Op != ir.OpConst || arg.Aux != nil || !ir.IsSlice(arg.Type) {
		return arg
	}
	x := &ir.Var{Name: name, Type: arg.Type}
	b.Declare(x, arg)
	return b.Get(x)
}

// earlyReturn returns a return of fn (normalized) that is not the last
// statement on its path to the end of fn's body, or nil.
func earlyReturn(fn *ir.Func) *ir.Value {
	var early *ir.Value
	fn.Walk(func(v *ir.Value) {
		if early == nil && v.Op == ir.OpReturn && !lastOnItsPath(v, fn.Body) {
			early = v
		}
	})
	return early
}

// resultName names the variable holding a result of the callee name.
func resultName(r ir.Result, name string) string {
	if r.Name != "" && r.Name != "_" {
		return r.Name
	}
	return name
}

// normalized returns a copy of fn whose returns are each the last
// statement on their path through no loop (see nestExits and
// leaveLoops).
func normalized(fn *ir.Func) *ir.Func {
	g := ir.NewFunc(fn.Name, fn.Params, fn.Results)
	b := ir.NewBuilder(g)
	b.Simplify = false
	ir.NewCopier(b).Block(fn.Body)
	nestExits(g.Body)
	leaveLoops(g)
	return g
}

// loopReturn reports whether fn returns from inside a loop.
func loopReturn(fn *ir.Func) bool {
	found := false
	fn.Walk(func(v *ir.Value) {
		found = found || v.Op == ir.OpReturn && outermostLoop(v) != nil
	})
	return found
}

func (in *inliner) fail(format string, args ...any) {
	if in.err == nil {
		in.err = fmt.Errorf(format, args...)
	}
}

// relabel gives the loops of g distinct labels: an inlined body may bring
// a label its caller uses too.
func relabel(g *ir.Func) {
	taken := make(map[string]bool)
	g.Walk(func(v *ir.Value) {
		if l, ok := v.Aux.(*ir.Loop); ok && l.Label != "" {
			if taken[l.Label] {
				l.Label = ir.FreshName(taken, l.Label)
			}
			taken[l.Label] = true
		}
	})
}
