package parse

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"github.com/godiff/godiff/internal/prose"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/reverse"
)

// Calls of FGrad of an annotated function F of slices, made by annotated
// code: f, g := LossGrad(w, x). FGrad returns a fresh slice per
// differentiated slice, which the IR cannot return from a call; the call
// is built as buffers the caller makes, of the slices' lengths, and a
// call of FGradInto, which writes the gradient into them and returns F's
// value. Its rule is a custom rule of a function of slices whose
// functions godiff builds from F's Hessian-vector product (ir.Composed).

// composedSliceCall builds lhs := call, a call of fn, the stub of FGrad
// of a function of slices, or reports at the call why it cannot.
func (fb *funcBuilder) composedSliceCall(lhs []ast.Expr, call *ast.CallExpr, fn *types.Func) {
	r := fb.composedRule(fn)
	if r.Err != "" {
		fb.errorf(call.Pos(), "%s", r.Err)
		return
	}
	lvs := make([]lvalue, len(lhs))
	ok := true
	for i := range lhs {
		var okL bool
		lvs[i], okL = fb.lvalue(lhs[i], call)
		ok = ok && okL
	}
	for i, lv := range lvs[1:] {
		if lv.moves != nil {
			// The moving slice's windows (moving.go) know nothing of
			// the fresh slice the call returns.
			fb.errorf(lhs[1+i].Pos(), "assigning the gradient %s returns to %s, a slice variable assigned elsewhere too, is not supported; declare a variable of its own (%s := ...), or copy into %s", fn.Name(), lv.id.Name, lv.id.Name+"2", lv.id.Name)
			return
		}
	}
	var args []*ir.Value
	for _, e := range call.Args {
		x, okX := fb.expr(e)
		args, ok = append(args, x), ok && okX
	}
	if !ok {
		return
	}
	var bufs []*ir.Value
	for _, i := range r.Composed.Wrt {
		bufs = append(bufs, fb.b.Make(args[i].Type, fb.b.Len(args[i])))
	}
	callee := ir.Callee{Name: r.Derived.Name, Rule: r, Pos: fb.position(call.Pos())}
	f := fb.b.Invoke(callee, ir.Float64, append(args, bufs...)...)
	fb.write(lvs[0], f)
	for k, buf := range bufs {
		fb.write(lvs[1+k], buf)
	}
}

// composedRule returns the rule of the calls of fn, the stub of FGrad,
// FJVP or FVJP of an annotated function F that takes slices (see
// ir.Composed); its Err says why godiff cannot differentiate through it.
func (c *checker) composedRule(fn *types.Func) *ir.CallRule {
	if r := c.calls.derived[fn]; r != nil {
		return r
	}
	r := &ir.CallRule{Source: fn.Name()}
	c.calls.derived[fn] = r
	r.Err = c.buildComposed(fn, r)
	return r
}

// buildComposed fills r, the rule of the calls of the stub fn, or says
// why it cannot.
func (c *checker) buildComposed(fn *types.Func, r *ir.CallRule) string {
	name := fn.Name()
	mode, base := Grad, ""
	for _, m := range []Mode{JVP, VJP, Grad} {
		if b, ok := strings.CutSuffix(name, m.FuncName("")); ok && c.calls.decls[c.lookupFunc(b)] != nil {
			mode, base = m, b
			break
		}
	}
	gfn := c.lookupFunc(base)
	switch {
	case base == "":
		return fmt.Sprintf("godiff cannot find the function %s derives", name)
	case mode == JVP:
		return fmt.Sprintf("%s is godiff's; godiff differentiates through the JVP it generates only for functions whose parameters and results are all float64 or float32, and %s takes or returns other types; call %s, its gradient, and differentiate through that (a //godiff:jvp on the caller gives the gradient's JVP)",
			name, base, Grad.FuncName(base))
	}
	if msg := composedShape(gfn, name); msg != "" {
		return msg
	}
	wrt := c.directiveWrt(gfn, mode)
	params := gfn.Signature().Params()
	for _, i := range wrt {
		if p := params.At(i); isFloat(p.Type()) {
			return fmt.Sprintf("%s differentiates %s with respect to %s, a float, as well as slices, and godiff differentiates through the gradient of a function of slices only with respect to slices; name only the slices in %s's //godiff:%v, or pass %s in a slice",
				name, base, p.Name(), base, mode, p.Name())
		}
	}
	g, msg := c.funcIR(gfn)
	if msg != "" {
		return msg
	}
	cm := &ir.Composed{F: g, Wrt: wrt, Seeded: mode == VJP}
	into := composedInto(cm, name)
	r.Func = ir.Callee{Name: into.Name}
	r.Derived = into
	r.Split, r.Custom = true, true
	r.Writes = make([]bool, len(into.Params))
	for k := range wrt {
		r.Writes[cm.Bufs()+k] = true
	}
	for _, p := range into.Params {
		r.Params = append(r.Params, p.Name)
	}
	r.Results = ir.Tuple{ir.Float64}
	r.Names = ir.SplitCallNames{Base: name, Tape: name + "CallTape", Forward: name + "CallForward", Backward: name + "CallBackward", JVP: JVP.FuncName(name)}
	r.Composed = cm
	hvp := name + "CallHVP" // and its variants' (see package godiff's composedCallee)
	return c.taken([]string{into.Name, r.Names.Tape, r.Names.Forward, r.Names.Backward, r.Names.JVP, hvp, reverse.SplitNames(hvp).Tape})
}

// lookupFunc returns the package function named name, or nil.
func (c *checker) lookupFunc(name string) *types.Func {
	fn, _ := c.lookup(name).(*types.Func)
	return fn
}

// composedShape says what of F's signature (fn's) godiff cannot
// differentiate through FGrad (named name) of, or "": F must take
// float64s, slices of float64 and integers and bools, and return one
// float64.
func composedShape(fn *types.Func, name string) string {
	sig := fn.Signature()
	what := fmt.Sprintf("godiff differentiates through %s of a function of slices only if %s takes float64s, slices of float64, integers and bools, and returns one float64", name, fn.Name())
	if sig.Variadic() || sig.TypeParams() != nil {
		return fmt.Sprintf("%s, and %s is variadic or generic", what, fn.Name())
	}
	qual := types.RelativeTo(fn.Pkg())
	if res := sig.Results(); res.Len() != 1 || !types.Identical(types.Unalias(res.At(0).Type()), types.Typ[types.Float64]) {
		return fmt.Sprintf("%s, and it returns %s", what, strings.Trim(types.TypeString(res, qual), "()"))
	}
	var bad []string
	for i := range sig.Params().Len() {
		t := sig.Params().At(i).Type()
		lt, ok := localType(t)
		switch {
		case ok && lt == ir.Float64, ok && !ir.IsFloat(lt) && !ir.IsSlice(lt) && !isArrayType(t):
		case ok && lt == (ir.Slice{Elem: ir.Float64}):
		default:
			bad = append(bad, fmt.Sprintf("%s %s", sig.Params().At(i).Name(), types.TypeString(t, qual)))
		}
	}
	if len(bad) > 0 {
		return fmt.Sprintf("%s, and it takes %s; compute the gradient in a function of such parameters, or write the computation out", what, prose.List(bad))
	}
	return ""
}

// composedInto builds FGradInto for the calls of FGrad or FVJP, named
// name, of cm.F, a function of slices differentiated with respect to the
// slices cm.Wrt: F's parameters, FVJP's seed, and a buffer per slice of
// cm.Wrt, into which it copies the gradient FGrad or FVJP returns; it
// returns F's value. The calls no derivative flows through call it; the
// others call the custom rule's functions.
func composedInto(cm *ir.Composed, name string) *ir.Func {
	g := cm.F
	params := append([]ir.Param(nil), g.Params...)
	taken := ir.SigNames(params)
	if cm.Seeded {
		params = append(params, ir.Param{Name: ir.FreshName(taken, "s"), Type: ir.Float64})
		taken[params[len(params)-1].Name] = true
	}
	for _, i := range cm.Wrt {
		p := g.Params[i]
		params = append(params, ir.Param{Name: ir.FreshName(taken, "d"+p.Name), Type: p.Type})
		taken[params[len(params)-1].Name] = true
	}
	into := ir.NewFunc(name+"Into", params, []ir.Result{{Type: ir.Float64}})
	into.Doc = []string{fmt.Sprintf("%s calls %s and copies the gradient into %s, the buffers the calls of %s in differentiated code write it into.",
		into.Name, name, prose.List(ir.GoNames(params, intsFrom(cm.Bufs(), len(cm.Wrt)))), name)}
	b := ir.NewBuilder(into)
	ps := make([]*ir.Value, len(params))
	for i := range params {
		ps[i] = b.Param(i)
	}
	results := ir.Tuple{ir.Float64}
	for _, i := range cm.Wrt {
		results = append(results, g.Params[i].Type)
	}
	call := b.Invoke(ir.Callee{Name: name}, results, ps[:cm.Bufs()]...)
	for k := range cm.Wrt {
		b.CopySlice(ps[cm.Bufs()+k], b.Extract(call, 1+k))
	}
	b.Return(b.Extract(call, 0))
	return into
}

// intsFrom returns lo, lo+1, ..., lo+n-1.
func intsFrom(lo, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = lo + i
	}
	return out
}
