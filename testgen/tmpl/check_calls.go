package tmpl

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// godiffOut_tmpl is what one call of F or of a generated function gave.
type godiffOut_tmpl struct {
	ys     []float64   // F's results, flattened
	finals [][]float64 // the floats of each leaf after the call
	grad   [][]float64 // per leaf, the gradient (FGrad, FVJP, FBackward); nil where none
	dys    []float64   // FJVP: the tangents of F's results
	dfinal [][]float64 // FJVP: per leaf, the tangent of what it holds after the call
	panic  string      // the call's panic, or ""
}

// godiffCall_tmpl calls f and returns its results, or its panic.
func godiffCall_tmpl(f reflect.Value, in []reflect.Value) (out []reflect.Value, msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
			if msg == "" {
				msg = "panic"
			}
		}
	}()
	return f.Call(in), ""
}

// results returns the floats of F's results among out, each result's apart.
func (c *godiffChecker_tmpl) results(out []reflect.Value) [][]float64 {
	ys := make([][]float64, c.nout)
	for k := range ys {
		ys[k] = godiffFloats_tmpl(nil, out[k])
	}
	return ys
}

// runF calls F at a copy of the point.
func (c *godiffChecker_tmpl) runF(pt *godiffPoint_tmpl) (o godiffOut_tmpl, ys [][]float64) {
	q := c.clone(pt)
	out, msg := godiffCall_tmpl(c.fv, c.argValues(q))
	if msg != "" {
		return godiffOut_tmpl{panic: msg}, nil
	}
	ys = c.results(out)
	return godiffOut_tmpl{ys: godiffConcat_tmpl(ys), finals: c.floats(q)}, ys
}

// godiffTimeout_tmpl is how long F may take at a random point (thirty
// times that at a point of the user's): a function that loops forever at
// some points (for x > limit { x /= 2 } with limit < 0) must not hang the
// test. Its goroutine is left running; the test binary ends it when it
// exits.
const godiffTimeout_tmpl = 2 * time.Second

// runFWithin is runF, giving up after d: hung is then set.
func (c *godiffChecker_tmpl) runFWithin(pt *godiffPoint_tmpl, d time.Duration) (o godiffOut_tmpl, ys [][]float64, hung bool) {
	type result struct {
		o  godiffOut_tmpl
		ys [][]float64
	}
	done := make(chan result, 1) // a late result is dropped, not raced for
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil { // reading the point, not F: a nil *T of the user's
				r = result{o: godiffOut_tmpl{panic: fmt.Sprint(p)}}
			}
			done <- r
		}()
		r.o, r.ys = c.runF(pt)
	}()
	select {
	case r := <-done:
		return r.o, r.ys, false
	case <-time.After(d):
		return godiffOut_tmpl{}, nil, true
	}
}

// argValues returns the point's arguments.
func (c *godiffChecker_tmpl) argValues(pt *godiffPoint_tmpl) []reflect.Value {
	in := make([]reflect.Value, len(pt.args))
	for i, a := range pt.args {
		in[i] = a.Elem()
	}
	return in
}

// lay returns the arguments of a layout, parsed once.
func (c *godiffChecker_tmpl) lay(layout string) []godiffArg_tmpl {
	if a, ok := c.layouts[layout]; ok {
		return a
	}
	a := godiffLayout_tmpl(layout)
	c.layouts[layout] = a
	return a
}

// godiffLayout_tmpl parses a layout: arguments separated by spaces, each
//
//	pK        F's parameter K (receiver first)
//	t         the tape
//	sK        the seed of F's result K
//	Lr        leaf L in a value of its own type, in role r: v its tangent,
//	          o the seed of what F leaves in it, z zero
//	Lr+Mr...  leaves L, M... in a struct of the type of their parameter
func godiffLayout_tmpl(layout string) []godiffArg_tmpl {
	var out []godiffArg_tmpl
	for _, f := range strings.Fields(layout) {
		var a godiffArg_tmpl
		switch f[0] {
		case 'p', 's':
			a.kind = f[0]
			a.index, _ = strconv.Atoi(f[1:])
		case 't':
			a.kind = 't'
		default:
			a.kind = 'd'
			parts := strings.Split(f, "+")
			a.whole = len(parts) > 1 || strings.HasSuffix(f, "+")
			for _, p := range parts {
				if p == "" {
					continue
				}
				l, _ := strconv.Atoi(p[:len(p)-1])
				a.leaves = append(a.leaves, l)
				a.roles += p[len(p)-1:]
			}
		}
		out = append(out, a)
	}
	return out
}

// godiffInputs_tmpl is what a generated function's arguments are made of.
type godiffInputs_tmpl struct {
	pt       *godiffPoint_tmpl
	tape     reflect.Value
	seeds    [][]float64 // per result of F
	tangents [][]float64 // per leaf: role 'v'
	outSeeds [][]float64 // per leaf: role 'o'
}

// args builds the arguments of g by its layout. It returns them and, for
// each derived argument ('d'), a pointer to the value it passes or points
// to, from which the leaves are read back after the call.
func (c *godiffChecker_tmpl) args(g reflect.Value, layout []godiffArg_tmpl, x godiffInputs_tmpl) (in, store []reflect.Value) {
	in = make([]reflect.Value, len(layout))
	store = make([]reflect.Value, len(layout))
	for j, a := range layout {
		want := g.Type().In(j)
		switch a.kind {
		case 'p':
			in[j] = x.pt.args[a.index].Elem()
		case 't':
			in[j] = x.tape
		case 's':
			v := reflect.New(want).Elem()
			godiffSetFloats_tmpl(v, x.seeds[a.index])
			in[j] = v
		case 'd':
			s := c.derived(a, x)
			store[j] = s
			if s.Type() == want {
				in[j] = s
			} else {
				in[j] = s.Elem()
			}
		}
	}
	return in, store
}

// derived returns a pointer to a new value for a derived argument: a
// struct of the type of its leaves' parameter, shaped like the point's,
// or a value of its one leaf's type; zero but for its leaves' roles.
func (c *godiffChecker_tmpl) derived(a godiffArg_tmpl, x godiffInputs_tmpl) reflect.Value {
	var s reflect.Value
	if a.whole {
		param := c.fn.leaves[a.leaves[0]].param
		s = c.cloneArg(x.pt.args[param])
		for i, l := range c.fn.leaves {
			if l.param == param {
				c.zeroed(c.leafAt(s, i))
			}
		}
	} else {
		lv := c.leaf(x.pt, a.leaves[0])
		s = reflect.New(lv.Type())
		s.Elem().Set(lv)
		c.zeroed(s.Elem())
	}
	for k, i := range a.leaves {
		var from [][]float64
		switch a.roles[k] {
		case 'v':
			from = x.tangents
		case 'o':
			from = x.outSeeds
		}
		if from != nil && from[i] != nil {
			godiffSetFloats_tmpl(c.derivedLeaf(a, s, i), from[i])
		}
	}
	return s
}

// zeroed replaces v by a copy of it with new memory and every float zero.
func (c *godiffChecker_tmpl) zeroed(v reflect.Value) {
	v.Set(godiffClone_tmpl(v))
	godiffSetFloats_tmpl(v, make([]float64, len(godiffFloats_tmpl(nil, v))))
}

// derivedLeaf returns leaf i of a derived argument whose value s points to.
func (c *godiffChecker_tmpl) derivedLeaf(a godiffArg_tmpl, s reflect.Value, i int) reflect.Value {
	if a.whole {
		return c.leafAt(s, i)
	}
	return s.Elem()
}

// gradients reads the gradient results of FGrad or FVJP, after F's.
func (c *godiffChecker_tmpl) gradients(layout []godiffArg_tmpl, out []reflect.Value) [][]float64 {
	g := make([][]float64, len(c.fn.leaves))
	for j, a := range layout {
		rv := out[c.nout+j]
		s := reflect.New(rv.Type())
		s.Elem().Set(rv)
		for _, i := range a.leaves {
			g[i] = godiffFloats_tmpl(nil, c.derivedLeaf(a, s, i))
		}
	}
	return g
}

// readBack returns, per leaf, the floats that the derived arguments of
// a layout hold after a call; nil for leaves in none of them.
func (c *godiffChecker_tmpl) readBack(layout []godiffArg_tmpl, store []reflect.Value) [][]float64 {
	g := make([][]float64, len(c.fn.leaves))
	for j, a := range layout {
		if a.kind == 'd' {
			for _, i := range a.leaves {
				g[i] = godiffFloats_tmpl(nil, c.derivedLeaf(a, store[j], i))
			}
		}
	}
	return g
}

// runGrad calls FGrad at a copy of the point.
func (c *godiffChecker_tmpl) runGrad(r *godiffReverse_tmpl, pt *godiffPoint_tmpl) godiffOut_tmpl {
	q := c.clone(pt)
	out, msg := godiffCall_tmpl(reflect.ValueOf(r.grad), c.argValues(q))
	if msg != "" {
		return godiffOut_tmpl{panic: msg}
	}
	return godiffOut_tmpl{ys: godiffConcat_tmpl(c.results(out)), finals: c.floats(q), grad: c.gradients(c.lay(r.grads), out)}
}

// runVJP calls FVJP at a copy of the point with the seeds s of F's
// results and so of the leaves F writes.
func (c *godiffChecker_tmpl) runVJP(r *godiffReverse_tmpl, pt *godiffPoint_tmpl, s, so [][]float64) godiffOut_tmpl {
	q := c.clone(pt)
	g := reflect.ValueOf(r.vjp)
	in, _ := c.args(g, c.lay(r.vjpArgs), godiffInputs_tmpl{pt: q, seeds: s, outSeeds: so})
	out, msg := godiffCall_tmpl(g, in)
	if msg != "" {
		return godiffOut_tmpl{panic: msg}
	}
	return godiffOut_tmpl{ys: godiffConcat_tmpl(c.results(out)), finals: c.floats(q), grad: c.gradients(c.lay(r.grads), out)}
}

// runJVP calls FJVP at a copy of the point along the tangents v.
func (c *godiffChecker_tmpl) runJVP(pt *godiffPoint_tmpl, v [][]float64) godiffOut_tmpl {
	fw := c.fn.forward
	q := c.clone(pt)
	g := reflect.ValueOf(fw.fn)
	in, store := c.args(g, c.lay(fw.args), godiffInputs_tmpl{pt: q, tangents: v})
	out, msg := godiffCall_tmpl(g, in)
	if msg != "" {
		return godiffOut_tmpl{panic: msg}
	}
	n := c.nout
	o := godiffOut_tmpl{ys: godiffConcat_tmpl(c.results(out)), finals: c.floats(q), dfinal: c.readBack(c.lay(fw.args), store)}
	o.dys = godiffConcat_tmpl(c.results(out[n:]))
	for i, d := range o.dfinal {
		if d == nil && o.finals[i] != nil {
			o.dfinal[i] = make([]float64, len(o.finals[i])) // a leaf no tangent reaches
		}
	}
	return o
}

// runSplit runs FForward and FBackward at a copy of the point on the tape
// kept for r, with the seeds s of F's results and so of the leaves F
// writes, which FBackward's buffers of those leaves hold on entry.
func (c *godiffChecker_tmpl) runSplit(r *godiffReverse_tmpl, tape reflect.Value, pt *godiffPoint_tmpl, s, so [][]float64) godiffOut_tmpl {
	q := c.clone(pt)
	x := godiffInputs_tmpl{pt: q, tape: tape, seeds: s, outSeeds: so}
	fwd := reflect.ValueOf(r.forward)
	in, _ := c.args(fwd, c.lay(r.forwardArgs), x)
	out, msg := godiffCall_tmpl(fwd, in)
	if msg != "" {
		return godiffOut_tmpl{panic: msg}
	}
	o := godiffOut_tmpl{ys: godiffConcat_tmpl(c.results(out)), finals: c.floats(q)}
	bwd := reflect.ValueOf(r.backward)
	in, store := c.args(bwd, c.lay(r.backwardArgs), x)
	if _, msg := godiffCall_tmpl(bwd, in); msg != "" {
		return godiffOut_tmpl{panic: fmt.Sprintf("%s: %s", r.backwardName, msg)}
	}
	o.grad = c.readBack(c.lay(r.backwardArgs), store)
	return o
}
