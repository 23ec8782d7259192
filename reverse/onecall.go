package reverse

import (
	"fmt"

	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/rules"
)

// OneCall returns the gradient of the split form as one function of F's
// parameters, named name: FGrad's computation, the forward function's
// body then the backward function's. A scalar the forward function saves
// once, in its body, is the value itself where the backward function
// loads it; what it records inside loops and branches stays on a tape of
// the function's own (a local of the split form's tape type, keeping
// those fields only). The seed is 1, and each adjoint buffer is a
// variable or a slice of the function's own, the slices of one element
// type in one array as FGrad makes them (sharedResults). Forward mode
// differentiates this function to get Hessian-vector products (forward
// over reverse).
//
// A slice recorded in a loop or a branch stays on the tape (its tangent
// memory goes on the tangent tape); a slice parameter F writes into and
// does not differentiate has a scratch adjoint buffer, as in FGrad; a
// field of a struct parameter has a result of its own (the caller groups
// them).
//
// It refuses what it cannot yet inline, naming it: a callee's tape (a
// call passing slices: reverse.Inline inlines such calls first), a
// return from inside a loop (leaveLoops rewrites them first), a scalar
// parameter written through a pointer, an array's adjoint, and an F whose
// result is not one float.
func (sp *Split) OneCall(name string) (*ir.Func, error) { return sp.oneCall(name, false) }

// OneCallSeeded is OneCall with the seed a last parameter of the
// function, of F's result type, rather than 1: FVJP's computation, the
// gradient times the seed as the backward sweep computes it (so the
// results are FVJP's bit for bit). A caller of FVJP differentiates
// through it.
func (sp *Split) OneCallSeeded(name string) (*ir.Func, error) { return sp.oneCall(name, true) }

func (sp *Split) oneCall(name string, seeded bool) (*ir.Func, error) {
	f := sp.f
	if len(f.Results) != 1 || !ir.IsFloat(f.Results[0].Type) {
		return nil, fmt.Errorf("%s must return one float to have a Hessian", f.Name)
	}
	results := append([]ir.Result(nil), f.Results...)
	taken := ir.SigNames(f.Params)
	gradVars := make(map[int]*ir.Var) // a scalar buffer's variable, by F's parameter
	gradBufs := make(map[int]*ir.Value)
	for _, i := range sp.wrt {
		// A field of a struct parameter or receiver has its own result
		// here: the caller groups them (see godiff's groupResults).
		n := ir.FreshName(taken, "d"+f.Params[i].Name)
		taken[n] = true
		results = append(results, ir.Result{Name: n, Type: f.Params[i].Type})
	}
	params := append([]ir.Param(nil), f.Params...)
	if seeded {
		params = append(params, ir.Param{Name: ir.FreshName(taken, "s"), Type: f.Results[0].Type})
	}
	g := ir.NewFunc(name, params, results)
	b := ir.NewBuilder(g)
	o := &oneCall{b: b, saved: make(map[*ir.TapeField]*ir.Value), kept: make(map[*ir.TapeField]*ir.TapeField), tapeType: sp.Tape}
	for i := range f.Params {
		o.params = append(o.params, b.Param(i))
	}
	if seeded {
		o.seed = b.Param(len(f.Params))
	}
	fres := o.forward(sp.Forward)
	if o.err != nil {
		return nil, o.err
	}
	// The adjoint buffers, as FGrad makes them: those of one element
	// type in one array (sharedResults).
	shared := sharedResults(b, sp, o.params, results, taken)
	var bufVals []*ir.Value
	for _, i := range sp.buffers {
		p := f.Params[i]
		if indexOf(sp.wrt, i) < 0 {
			// A slice F writes into, not differentiated: the adjoints of
			// its elements have a scratch buffer, as in FGrad.
			if !ir.IsSlice(p.Type) {
				return nil, fmt.Errorf("writing into %s, a parameter, is not supported yet", p.Name)
			}
			n := ir.FreshName(taken, "d"+p.Name)
			taken[n] = true
			bufVals = append(bufVals, makeLike(b, o.params[i], n))
			continue
		}
		r := results[len(f.Results)+indexOf(sp.wrt, i)]
		if _, ok := p.Type.(ir.Slice); ok {
			buf := shared[i]
			if buf == nil {
				buf = makeLike(b, o.params[i], r.Name)
			}
			gradBufs[i] = buf
			bufVals = append(bufVals, buf)
			continue
		}
		x := &ir.Var{Name: r.Name, Type: p.Type}
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
	if o.tape != nil {
		o.keepFields(g, name)
	}
	ir.DeadCode(g)
	ir.UniqueNames(g)
	return g, nil
}

// digammaRefusal says why a gradient calling the digamma function its
// output defines (the derivative of math.Gamma and math.Lgamma) has no
// derivative: it said "calls passing slices" before (srcgen seed 14
// program 40, a GGrad of a G calling math.Gamma).
const digammaRefusal = "the derivative of math.Gamma and math.Lgamma calls a digamma function, and godiff has no rule for its derivative (trigamma) yet, so it cannot differentiate that derivative again; keep math.Gamma and math.Lgamma out of functions differentiated twice (//godiff:hvp, //godiff:hessian, calls of GGrad, GVJP or GJVP), or give them constant arguments"

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
	b        *ir.Builder
	saved    map[*ir.TapeField]*ir.Value     // a tape field → the copy of the value saved
	params   []*ir.Value                     // F's parameters, in the new function
	kept     map[*ir.TapeField]*ir.TapeField // the fields that stay on the tape
	tapeType *ir.Tape
	tape     *ir.Value // the function's own tape, if it keeps one
	seed     *ir.Value // the seed parameter (OneCallSeeded), else nil: 1
	err      error
}

func (o *oneCall) fail(format string, args ...any) {
	if o.err == nil {
		o.err = fmt.Errorf(format, args...)
	}
}

// forward copies the forward function and returns the copies of its
// results. A scalar field saved once, in the function's body, becomes the
// value saved; the other tape ops stay, on the function's own tape (t).
func (o *oneCall) forward(fwd *ir.Func) []*ir.Value {
	b := o.b
	var results []*ir.Value
	c := ir.NewCopier(b)
	c.Before = func(old *ir.Value) bool {
		switch old.Op {
		case ir.OpParam:
			if i := old.Aux.(int); i > 0 {
				c.Value[old] = o.params[i-1]
			} else {
				c.Value[old] = o.localTape()
			}
			return true
		case ir.OpTapeSave:
			fld := old.Aux.(*ir.TapeField)
			if !fld.Stack && old.Block == fwd.Body && o.saved[fld] == nil && o.kept[fld] == nil {
				o.saved[fld] = c.Value[old.Args[1]]
				return true
			}
			o.keep(fld)
		case ir.OpTapeReset, ir.OpTapeGrow:
			o.keep(old.Aux.(*ir.TapeField))
		case ir.OpTapeBuffer:
			plainMake(b, c, old)
			return true
		case ir.OpTapeSlot:
			o.fail("calls passing slices are not supported yet")
			return true
		case ir.OpInvoke:
			for _, a := range old.Args {
				if _, ok := a.Type.(ir.TapeRef); ok {
					o.fail("calls passing slices are not supported yet")
					return true
				}
			}
		case ir.OpReturn:
			if old.Block != fwd.Body && !lastOnItsPath(old, fwd.Body) {
				if outermostLoop(old) != nil {
					o.fail("a return before the end inside a loop is not supported yet; break out of the loop, assign the result and return once at the end")
				} else {
					// It said "inside a loop" of an if inside an if.
					o.fail("a return before the end, from an if inside another whose other paths go on, is not supported yet; assign the result to a variable and return it once at the end")
				}
			}
		}
		return false
	}
	// A return in a branch (after nestExits, the last statement on its
	// path) sets the results' variables, which the end of the forward
	// sweep reads: the backward sweep follows in the same function.
	var vars []*ir.Var
	if hasNestedReturn(fwd) {
		for _, r := range fwd.Results {
			x := &ir.Var{Name: "r", Type: r.Type}
			b.Declare(x, nil)
			vars = append(vars, x)
		}
	}
	c.Return = func(old *ir.Value, args []*ir.Value) {
		if vars == nil {
			results = args
			return
		}
		for i, x := range vars {
			b.Set(x, args[i])
		}
	}
	c.Block(fwd.Body)
	if vars != nil {
		results = nil
		for _, x := range vars {
			results = append(results, b.Get(x))
		}
	}
	return results
}

// hasNestedReturn reports whether f returns from inside a block.
func hasNestedReturn(f *ir.Func) bool {
	found := false
	f.Walk(func(v *ir.Value) {
		found = found || v.Op == ir.OpReturn && v.Block != f.Body
	})
	return found
}

// lastOnItsPath reports whether nothing runs after the return v but
// the end of body: v is the last statement of its block, whose if is the
// last of its own, and so on up to body, through no loop.
func lastOnItsPath(v *ir.Value, body *ir.Block) bool {
	for blk := v.Block; blk != body; blk = blk.Parent.Block {
		vals := blk.Values
		if vals[len(vals)-1] != v || blk.Parent == nil || blk.Parent.Op != ir.OpIf {
			return false
		}
		v = blk.Parent
	}
	vals := body.Values
	return vals[len(vals)-1] == v
}

// keep notes that field fld stays on the tape: if it was inlined at a
// first save, that save was its only one, so this cannot happen.
func (o *oneCall) keep(fld *ir.TapeField) {
	if o.saved[fld] != nil {
		o.fail("the gradient records %s twice: not supported yet", fld.Name)
	}
	o.kept[fld] = fld
}

// localTape returns the function's own tape, made on first use.
func (o *oneCall) localTape() *ir.Value {
	if o.tape == nil {
		o.tape = o.b.PooledTape(ir.TapeRef{Tape: o.tapeType}, "t") // reused, as FGrad's (see ir.IsPooled)
	}
	return o.tape
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
			case i == 0:
				c.Value[old] = o.localTape()
			case i <= nres && o.seed != nil:
				c.Value[old] = o.seed
			case i <= nres:
				c.Value[old] = b.Float(old.Type, 1)
			default:
				k := i - 1 - nres
				switch x := vars[buffers[k]]; {
				case bufVals[k] != nil:
					c.Value[old] = bufVals[k]
				case !ir.IsFloat(x.Type):
					// Its elements are loaded and stored through the
					// pointer, which has no copy here.
					o.fail("the adjoint of %s, an array, is not supported yet", x.Name)
				default:
					ptrVar[old] = x
				}
			}
			return true
		case ir.OpMul:
			// The seed 1 times a partial is the partial, exactly: the
			// chain rule's first link reads as written by hand (de :=
			// e * 2, not 1 * e * 2).
			x, y := c.Value[old.Args[0]], c.Value[old.Args[1]]
			switch {
			case old.Name != "" || x == nil || y == nil:
			case x.IsFloatConst(1):
				c.Value[old] = y
				return true
			case y.IsFloatConst(1):
				c.Value[old] = x
				return true
			}
		case ir.OpTapeLoad:
			fld := old.Aux.(*ir.TapeField)
			if o.kept[fld] != nil {
				return false // a load of the function's tape
			}
			v := o.saved[fld]
			if v == nil {
				o.fail("the gradient reads %s, which its forward sweep does not record: not supported yet", fld.Name)
				v = b.ZeroOf(old.Type)
			}
			c.Value[old] = v
			return true
		case ir.OpTapeBuffer:
			plainMake(b, c, old)
			return true
		case ir.OpAccum:
			x := ptrVar[old.Args[0]]
			if x == nil {
				o.fail("an adjoint added through a pointer of its own: not supported yet")
				return true
			}
			b.Set(x, b.Add(b.Get(x), c.Value[old.Args[1]]))
			return true
		case ir.OpInvoke:
			if c, ok := old.Aux.(ir.Callee); ok && c.Name == rules.DigammaName {
				o.fail("%s", digammaRefusal)
				return true
			}
			o.fail("calls passing slices are not supported yet")
			return true
		case ir.OpTapeReset, ir.OpTapeGrow, ir.OpTapeSlot, ir.OpLocalTape:
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

// keepFields gives g the tape type, holding the fields g keeps on it.
func (o *oneCall) keepFields(g *ir.Func, name string) {
	t := o.tapeType
	var fields []*ir.TapeField
	for _, fld := range t.Fields {
		if o.kept[fld] != nil {
			fields = append(fields, fld)
		}
	}
	t.Fields = fields
	t.Doc = []string{fmt.Sprintf("%s is what %s records in its forward sweep, inside loops and branches, for its backward sweep.", t.Name, name)}
	g.Tape = t
}

// plainMake copies a slice the split form makes in the tape's memory
// (ir.OpTapeBuffer: a local make, a backward buffer) as an ordinary make:
// the one function makes its own memory on each call, as FGrad does.
func plainMake(b *ir.Builder, c *ir.Copier, old *ir.Value) {
	c.Value[old] = b.Make(old.Type, c.Value[old.Args[1]])
}
