package jacobian

import (
	"slices"

	"github.com/godiff/godiff/ir"
)

// GradInto returns grad, a one-call gradient (reverse.Split.OneCall: F's
// result, then one gradient per differentiated parameter), rewritten to
// add each slice's gradient into a buffer parameter, appended after F's
// parameters and named as the result was, instead of into a fresh
// slice it returns: its results are F's and the floats' gradients. The
// caller zeroes the buffers. Forward mode then sees the buffers as
// outputs, whose tangents are Hessian-vector products, and vector mode
// computes several of them per sweep into buffers the caller keeps.
//
// It returns nil unless every slice gradient is a slice grad makes, in
// its body's top block, and returns as it is from every return.
func GradInto(grad *ir.Func, name string) *ir.Func {
	nres := len(grad.Results)
	makes := make(map[*ir.Value]int) // a returned make → its buffer's parameter
	var keep []int                   // the results that stay results
	params := slices.Clone(grad.Params)
	var results []ir.Result
	var rets []*ir.Value
	grad.Walk(func(v *ir.Value) {
		if v.Op == ir.OpReturn {
			rets = append(rets, v)
		}
	})
	if len(rets) == 0 {
		return nil
	}
	for k := range nres {
		r := grad.Results[k]
		if k == 0 || !ir.IsSlice(r.Type) {
			keep = append(keep, k)
			results = append(results, r)
			continue
		}
		mk := rets[0].Args[k]
		if mk.Op != ir.OpMake || mk.Block != grad.Body {
			return nil
		}
		for _, ret := range rets[1:] {
			if ret.Args[k] != mk {
				return nil
			}
		}
		makes[mk] = len(params)
		params = append(params, ir.Param{Name: r.Name, Type: r.Type})
	}
	if len(makes) == 0 {
		return nil
	}
	g := ir.NewFunc(name, params, results)
	b := ir.NewBuilder(g)
	c := ir.NewCopier(b)
	c.Before = func(old *ir.Value) bool {
		if i, ok := makes[old]; ok {
			c.Value[old] = b.Param(i)
			return true
		}
		return false
	}
	c.Return = func(_ *ir.Value, args []*ir.Value) {
		outs := make([]*ir.Value, len(keep))
		for n, k := range keep {
			outs[n] = args[k]
		}
		b.Return(outs...)
	}
	c.Block(grad.Body)
	g.Tape = grad.Tape
	ir.DeadCode(g)
	return g
}

// DropResultTangent removes from vec, a vector JVP of GradInto's
// function, the write of the tangents of F's result into dres's row 0,
// which the Hessian does not read (they are the gradient times the
// directions), and what only that write needed.
func DropResultTangent(vec *ir.Func) {
	dres := vec.ParamValue(len(vec.Params) - 1)
	var dead []*ir.Value
	vec.Walk(func(v *ir.Value) {
		if v.Op != ir.OpStore || len(v.Args) < 2 {
			return
		}
		if k, ok := constInt(v.Args[1]); ok && k == 0 && v.Args[0] == dres {
			dead = append(dead, v)
		}
		// An entry of the row, as unrolled directions write it:
		// dres[0][j] = ....
		if row := v.Args[0]; row.Op == ir.OpLoad && row.Args[0] == dres {
			if k, ok := constInt(row.Args[1]); ok && k == 0 {
				dead = append(dead, v)
			}
		}
	})
	for _, v := range dead {
		ir.Remove(v)
	}
	ir.DeadArrays(vec)
}
