package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/godiff/godiff/ir"
)

// Call is a call LowerCalls prepares; for a callee of slices, or one of
// several results, Wrt lists the callee's parameters the call
// differentiates.
type Call struct {
	V   *ir.Value
	Wrt []int
	// JVP says that the call is differentiated through its callee's JVP
	// in reverse mode too: a call of several results.
	JVP bool
	// Fixed lists, for a callee of slices in reverse mode, the parameters
	// whose memory the caller leaves unchanged (see ir.Callee's Fixed).
	Fixed []int
}

// LowerCalls returns a copy of f in which each of the given calls of
// functions with a CallRule is prepared for a transform:
//
//   - a call of numbers calls its rule instead: one call gives the value
//     and every partial derivative, which a partials op ties to the
//     arguments. The transforms then differentiate the copy like any
//     other code, and the partials are forward values like any other:
//     reverse mode records them for the backward sweep, forward mode
//     multiplies the tangents by them.
//   - in reverse mode, a call passing slices runs the callee's forward
//     function on a tape of its own, kept in a variable whose value the
//     backward sweep reads back (see the Tape of ir.Callee).
//
// Forward mode lowers only the calls of //godiff:rule functions: it leaves
// the calls of functions godiff differentiates to the transform, which
// calls their JVPs.
//
// Other calls stay as they are.
func LowerCalls(f *ir.Func, calls []Call, reverse bool) *ir.Func {
	lower := make(map[*ir.Value]Call)
	for _, c := range calls {
		if r := c.V.Aux.(ir.Callee).Rule; reverse || r == nil || r.Derived == nil {
			lower[c.V] = c
		}
	}
	if len(lower) == 0 {
		return f
	}
	g := ir.NewFunc(f.Name, f.Params, f.Results)
	g.Doc = f.Doc
	b := ir.NewBuilder(g)
	b.Simplify = false
	c := ir.NewCopier(b)
	results := make(map[*ir.Value][]*ir.Value) // a call's results, by the call
	c.Before = func(old *ir.Value) bool {
		if old.Op == ir.OpExtract && results[old.Args[0]] != nil {
			c.Value[old] = results[old.Args[0]][old.Aux.(int)]
			return true
		}
		call, ok := lower[old]
		if !ok {
			return false
		}
		args := make([]*ir.Value, len(old.Args))
		for i, a := range old.Args {
			args[i] = c.Value[a]
		}
		if types, several := old.Type.(ir.Tuple); several {
			switch {
			case old.Aux.(ir.Callee).Rule != nil && old.Aux.(ir.Callee).Rule.Split:
				// A function returning an array: its elements are the
				// results of its forward function.
				call := splitCall(b, old, args, call.Wrt, call.Fixed)
				for k := range types {
					results[old] = append(results[old], b.Extract(call, k))
				}
			case old.Aux.(ir.Callee).Path == "math":
				results[old] = tupleCall(b, old, args)
			default:
				results[old] = jvpCalls(b, old, args, call.Wrt)
			}
			return true
		}
		if old.Aux.(ir.Callee).Rule.Split {
			c.Value[old] = splitCall(b, old, args, call.Wrt, call.Fixed)
		} else {
			c.Value[old] = ruleCall(b, old, args)
		}
		return true
	}
	c.Block(f.Body)
	ir.UniqueNames(g)
	return g
}

// ruleCall builds the call of old's rule at args.
func ruleCall(b *ir.Builder, old *ir.Value, args []*ir.Value) *ir.Value {
	callee := old.Aux.(ir.Callee).Name
	r := old.Aux.(ir.Callee).Rule
	fn := r.Func
	fn.Lowered = true
	results := b.Invoke(fn, r.Results, args...)
	results.AddNote(ir.Note{Kind: ir.NotePrimal, Of: old}) // for godiff explain: the call it stands for
	value := b.Extract(results, 0)
	value.AddNote(ir.Note{Kind: ir.NotePrimal, Of: old})
	value.Name = old.Name
	tie := []*ir.Value{value}
	var xs, ds []*ir.Value
	for i, k := range r.Partials {
		if k > 0 {
			xs = append(xs, args[i])
			d := b.Extract(results, k)
			d.Name = partialName(callee, r, i)
			ds = append(ds, d)
		}
	}
	tie = append(append(tie, xs...), ds...)
	p := b.Partials(old.Type, tie...)
	p.AddNote(ir.Note{Kind: ir.NotePrimal, Of: old})
	return p
}

// tupleCall builds the call old, of a function of several results, at
// args, and returns its results, each float one tied to the arguments by
// its partials (see TupleRule).
func tupleCall(b *ir.Builder, old *ir.Value, args []*ir.Value) []*ir.Value {
	callee := old.Aux.(ir.Callee)
	callee.Lowered = true
	call := b.Invoke(callee, old.Type, args...)
	call.Name = old.Name
	call.AddNote(ir.Note{Kind: ir.NotePrimal, Of: old})
	types := old.Type.(ir.Tuple)
	ys := make([]*ir.Value, len(types))
	for k := range types {
		ys[k] = b.Extract(call, k)
	}
	d := Tuple(callee.Name)(b, ys, args)
	out := make([]*ir.Value, len(types))
	for k, y := range ys {
		out[k] = y
		if k >= len(d) || d[k] == nil || !ir.IsFloat(y.Type) {
			continue
		}
		tie := []*ir.Value{y}
		var ds []*ir.Value
		for j, dj := range d[k] {
			if dj != nil {
				tie = append(tie, args[j])
				ds = append(ds, dj)
			}
		}
		out[k] = b.Partials(y.Type, append(tie, ds...)...)
	}
	return out
}

// jvpCalls builds the call old of a function of the package with several
// results at args, in reverse mode, as calls of its JVP with respect to
// wrt, one per parameter in wrt with a unit tangent: the first gives the
// results, and each a column of their partial derivatives, which tie the
// results to the arguments. It returns the results.
func jvpCalls(b *ir.Builder, old *ir.Value, args []*ir.Value, wrt []int) []*ir.Value {
	c := old.Aux.(ir.Callee)
	types := old.Type.(ir.Tuple)
	jvp := ir.Callee{Name: c.Rule.Variant(wrt).JVP, Lowered: true}
	m := len(types)
	var ys []*ir.Value
	d := make([][]*ir.Value, m) // d[k][j]: result k, parameter wrt[j]
	for j := range wrt {
		tangents := make([]*ir.Value, len(wrt))
		for i, p := range wrt {
			tangents[i] = b.Zero(args[p].Type)
			if i == j {
				tangents[i] = b.Float(args[p].Type, 1)
			}
		}
		call := b.Invoke(jvp, append(slices.Clone(types), types...), append(slices.Clone(args), tangents...)...)
		for k := range m {
			if j == 0 {
				ys = append(ys, b.Extract(call, k))
			}
			dk := b.Extract(call, m+k)
			dk.Name = tuplePartialName(c, k, wrt[j])
			d[k] = append(d[k], dk)
		}
	}
	out := make([]*ir.Value, m)
	for k, y := range ys {
		out[k] = y
		if !ir.IsFloat(y.Type) {
			continue
		}
		tie := []*ir.Value{y}
		for _, p := range wrt {
			tie = append(tie, args[p])
		}
		out[k] = b.Partials(y.Type, append(tie, d[k]...)...)
	}
	return out
}

// splitCall builds the call of the forward function of old's callee, the
// variant with respect to wrt for a caller that leaves the parameters
// fixed unchanged, on a fresh tape.
func splitCall(b *ir.Builder, old *ir.Value, args []*ir.Value, wrt, fixed []int) *ir.Value {
	c := old.Aux.(ir.Callee)
	r := c.Rule
	names := r.SplitVariant(wrt, fixed)
	tape := &ir.Var{Name: strings.ToLower(c.Name[:1]) + c.Name[1:] + "Tape", Type: ir.Opaque{Go: names.Tape, CallTape: true, Calls: !r.Custom}}
	b.Declare(tape, nil)
	call := b.Invoke(ir.Callee{Name: names.Forward, Rule: r}, old.Type, append([]*ir.Value{b.Addr(tape)}, args...)...)
	call.Name = old.Name
	call.AddNote(ir.Note{Kind: ir.NotePrimal, Of: old}) // for godiff explain: the call it stands for
	filled := b.Get(tape)
	call.Aux = ir.Callee{Name: names.Forward, Rule: r, Tape: filled, Wrt: ir.WrtString(wrt), Fixed: ir.WrtString(fixed)}
	return call
}

// tuplePartialName names the partial derivative of result k of a call
// of c, a function of several results, with respect to its argument i:
// dr3ScaleXDF for the field X of the struct r3.Scale returns and its
// parameter f, dpairR2DA for the second result of pair and its a.
func tuplePartialName(c ir.Callee, k, i int) string {
	result := fmt.Sprintf("R%d", k+1)
	if g := c.Rule.Derived; g != nil && k < len(g.Results) && g.Results[k].Name != "" && g.Results[k].Name != "_" {
		result = upperFirst(g.Results[k].Name)
	}
	return "d" + c.Name + result + withRespectTo(c.Rule, i)
}

// withRespectTo names argument i of a call of r's function in the name of
// a partial derivative: DX for its parameter x, D2 for a blank second.
func withRespectTo(r *ir.CallRule, i int) string {
	p := r.Params[i]
	if p == "" || p == "_" {
		return fmt.Sprintf("D%d", i+1)
	}
	return "D" + upperFirst(p)
}

// upperFirst returns s with its first letter upper-case.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// partialName names the partial derivative of a call of callee with
// respect to its argument i: dsigmoid for a function of one float,
// dhypotDx for one of several.
func partialName(callee string, r *ir.CallRule, i int) string {
	floats := 0
	for _, k := range r.Partials {
		if k > 0 {
			floats++
		}
	}
	if floats == 1 {
		return "d" + callee
	}
	return "d" + callee + withRespectTo(r, i)
}
