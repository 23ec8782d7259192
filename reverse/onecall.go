package reverse

import (
	"fmt"

	"godiff/ir"
)

// OneCall returns the gradient of the split form as one function of F's
// parameters, named name: FGrad's computation, the forward function's
// body then the backward function's, with the tape gone. A value the
// forward function saves is the value itself where the backward function
// loads it, the seed is 1 and each adjoint buffer is a variable or a
// slice of the function's own. Forward mode differentiates this function
// to get Hessian-vector products (forward over reverse): a function of
// plain IR, which forward.Transform already follows.
//
// It refuses what it cannot yet inline, naming it: a value recorded in a
// loop or a branch (a stack of the tape, or a field saved in one run of
// several), a callee's tape, an early return, a struct parameter, and an
// F whose result is not one float.
func (sp *Split) OneCall(name string) (*ir.Func, error) {
	f := sp.f
	if len(f.Results) != 1 || !ir.IsFloat(f.Results[0].Type) {
		return nil, fmt.Errorf("%s must return one float to have a Hessian", f.Name)
	}
	for _, p := range f.Params {
		if p.Group != nil {
			return nil, fmt.Errorf("struct parameters (%s) are not supported yet; pass the fields as parameters", p.Group.Name)
		}
	}
	results := append([]ir.Result(nil), f.Results...)
	taken := ir.SigNames(f.Params)
	gradVars := make(map[int]*ir.Var) // a scalar buffer's variable, by F's parameter
	gradBufs := make(map[int]*ir.Value)
	for _, i := range sp.wrt {
		n := ir.FreshName(taken, "d"+f.Params[i].Name)
		taken[n] = true
		results = append(results, ir.Result{Name: n, Type: f.Params[i].Type})
	}
	g := ir.NewFunc(name, append([]ir.Param(nil), f.Params...), results)
	b := ir.NewBuilder(g)
	o := &oneCall{b: b, saved: make(map[*ir.TapeField]*ir.Value)}
	for i := range f.Params {
		o.params = append(o.params, b.Param(i))
	}
	fres := o.forward(sp.Forward)
	if o.err != nil {
		return nil, o.err
	}
	// The adjoint buffers, as FGrad makes them.
	var bufVals []*ir.Value
	for _, i := range sp.buffers {
		p := f.Params[i]
		if indexOf(sp.wrt, i) < 0 {
			return nil, fmt.Errorf("writing into %s, a parameter, is not supported yet", p.Name)
		}
		if _, ok := p.Type.(ir.Slice); ok {
			if ir.IsSlice(ir.Elem(p.Type)) {
				return nil, fmt.Errorf("a slice of slices (%s) is not supported yet", p.Name)
			}
			buf := makeLike(b, o.params[i], results[len(f.Results)+indexOf(sp.wrt, i)].Name)
			gradBufs[i] = buf
			bufVals = append(bufVals, buf)
			continue
		}
		x := &ir.Var{Name: results[len(f.Results)+indexOf(sp.wrt, i)].Name, Type: p.Type}
		b.Declare(x, nil)
		gradVars[i] = x
		bufVals = append(bufVals, nil)
	}
	o.backward(sp.Backward, len(f.Results), sp.buffers, bufVals, gradVars)
	if o.err != nil {
		return nil, o.err
	}
	outs := append([]*ir.Value(nil), fres...)
	for _, i := range sp.wrt {
		if x := gradVars[i]; x != nil {
			outs = append(outs, b.Get(x))
		} else {
			outs = append(outs, gradBufs[i])
		}
	}
	b.Return(outs...)
	ir.DeadCode(g)
	ir.UniqueNames(g)
	return g, nil
}

func indexOf(xs []int, x int) int {
	for k, y := range xs {
		if y == x {
			return k
		}
	}
	return -1
}

// oneCall copies the split form's two functions into one.
type oneCall struct {
	b      *ir.Builder
	saved  map[*ir.TapeField]*ir.Value // a tape field → the copy of the value saved
	params []*ir.Value                 // F's parameters, in the new function
	err    error
}

func (o *oneCall) fail(format string, args ...any) {
	if o.err == nil {
		o.err = fmt.Errorf(format, args...)
	}
}

// forward copies the forward function without its tape and returns the
// copies of its results.
func (o *oneCall) forward(fwd *ir.Func) []*ir.Value {
	b := o.b
	var results []*ir.Value
	c := ir.NewCopier(b)
	c.Before = func(old *ir.Value) bool {
		switch old.Op {
		case ir.OpParam:
			if i := old.Aux.(int); i > 0 {
				c.Value[old] = o.params[i-1]
			}
			return true
		case ir.OpTapeSave:
			fld := old.Aux.(*ir.TapeField)
			if fld.Stack || old.Block != fwd.Body || o.saved[fld] != nil {
				o.fail("a value the gradient records inside a loop or a branch (%s) is not supported yet; straight-line code and loops whose gradient recomputes what it reads are", fld.Name)
				return true
			}
			o.saved[fld] = c.Value[old.Args[1]]
			return true
		case ir.OpTapeReset, ir.OpTapeGrow, ir.OpTapeSlot, ir.OpLocalTape:
			o.fail("a value the gradient records inside a loop is not supported yet; straight-line code and loops whose gradient recomputes what it reads are")
			return true
		case ir.OpInvoke:
			for _, a := range old.Args {
				if _, ok := a.Type.(ir.TapeRef); ok {
					o.fail("calls passing slices are not supported yet")
					return true
				}
			}
		case ir.OpReturn:
			if old.Block != fwd.Body {
				o.fail("a return before the end is not supported yet; assign the result and return once at the end")
			}
		}
		return false
	}
	c.Return = func(old *ir.Value, args []*ir.Value) { results = args }
	c.Block(fwd.Body)
	return results
}

// backward copies the backward function: loads of the tape become the
// values saved, the seed 1, adds through a scalar buffer's pointer
// updates of its variable.
func (o *oneCall) backward(bwd *ir.Func, nres int, buffers []int, bufVals []*ir.Value, vars map[int]*ir.Var) {
	b := o.b
	c := ir.NewCopier(b)
	ptrVar := make(map[*ir.Value]*ir.Var) // a pointer parameter → its variable
	c.Before = func(old *ir.Value) bool {
		switch old.Op {
		case ir.OpParam:
			switch i := old.Aux.(int); {
			case i == 0: // the tape
			case i <= nres:
				c.Value[old] = b.Float(old.Type, 1)
			default:
				k := i - 1 - nres
				if bufVals[k] != nil {
					c.Value[old] = bufVals[k]
				} else {
					ptrVar[old] = vars[buffers[k]]
				}
			}
			return true
		case ir.OpTapeLoad:
			v := o.saved[old.Aux.(*ir.TapeField)]
			if v == nil {
				o.fail("the gradient reads %s, which its forward sweep does not record once: not supported yet", old.Aux.(*ir.TapeField).Name)
				v = b.ZeroOf(old.Type)
			}
			c.Value[old] = v
			return true
		case ir.OpAccum:
			x := ptrVar[old.Args[0]]
			if x == nil {
				o.fail("an adjoint added through a pointer of its own: not supported yet")
				return true
			}
			b.Set(x, b.Add(b.Get(x), c.Value[old.Args[1]]))
			return true
		case ir.OpTapeReset, ir.OpTapeGrow, ir.OpTapeSlot, ir.OpLocalTape, ir.OpInvoke:
			o.fail("calls passing slices are not supported yet")
			return true
		case ir.OpReturn:
			if old.Block != bwd.Body || len(old.Args) > 0 {
				o.fail("a return inside the backward sweep: not supported yet")
			}
			return true
		}
		return false
	}
	c.Block(bwd.Body)
}
