package explain

import (
	"fmt"
	"strings"

	"github.com/godiff/godiff/ir"
)

// header writes the call explained, its arguments, and what is
// differentiated.
func (p *printer) header(f *ir.Func, args []any, wrt []int, what string) {
	r := p.r
	var parts []string
	for i, x := range args {
		if x == nil {
			continue
		}
		parts = append(parts, r.leafName(i)+" = "+r.number(x))
	}
	p.printf("%s at %s\n%s\n", funcName(f), strings.Join(parts, ", "), what)
}

// gradient writes the gradient: one memo per differentiated parameter. A
// zero one says which cut chains lead to it.
func (p *printer) gradient(t *tracer, wrt []int, grads []any) {
	r := p.r
	b := &block{}
	for k, i := range wrt {
		if k >= len(grads) {
			break
		}
		ln := &line{lhs: r.memo(r.leafName(i)), val: r.number(grads[k])}
		if x, ok := grads[k].(float64); ok && x == 0 {
			ln.note = t.cutNote(i)
		}
		b.entries = append(b.entries, entry{ln: ln})
	}
	p.block(b, "  ")
}

// cutNote says why the memo of parameter i is zero: every chain from it
// passes a cut (a dead ReLU), or it does not reach the result.
func (t *tracer) cutNote(i int) string {
	pv := t.r.f.ParamValue(i)
	if pv == nil {
		return "the function does not read it"
	}
	var at []string
	for _, c := range t.cuts {
		if dependsOn(c.at, pv) {
			at = append(at, c.name)
		}
	}
	if len(at) == 0 {
		return ""
	}
	return "its chains pass the cut at " + strings.Join(at, ", ")
}

// dependsOn reports whether v, a value of the user's function, is
// computed from x: through operands, and the assignments of the
// variables it reads.
func dependsOn(v, x *ir.Value) bool {
	seen := make(map[*ir.Value]bool)
	var walk func(v *ir.Value) bool
	walk = func(v *ir.Value) bool {
		if v == x {
			return true
		}
		if seen[v] {
			return false
		}
		seen[v] = true
		for _, a := range v.Args {
			if walk(a) {
				return true
			}
		}
		if v.Op == ir.OpGet {
			found := false
			v.Block.Func.Walk(func(w *ir.Value) {
				if !found && (w.Op == ir.OpSet || w.Op == ir.OpDecl) && w.Aux == v.Aux {
					found = walk(w)
				}
			})
			return found
		}
		return false
	}
	return walk(v)
}

// direction returns the tangents of forward mode, one per differentiated
// parameter: those given by name, zero for the others; with none given, 1
// along the first (every element 1 for a slice).
func direction(f *ir.Func, wrt []int, args []any, given []string) ([]any, error) {
	vals := make(map[string]*node)
	var order []string
	for _, a := range given {
		name, n, err := parseArgAs(a, "-dir")
		if err != nil {
			return nil, err
		}
		if vals[name] != nil {
			return nil, fmt.Errorf("-dir %s: %s is given twice", name, name)
		}
		vals[name] = n
		order = append(order, name)
	}
	known := make(map[string]bool)
	var names []string
	for _, i := range wrt {
		p := f.Params[i]
		name := p.Name
		if p.Group != nil {
			name = p.Group.Name
		}
		if !known[name] {
			known[name] = true
			names = append(names, name)
		}
	}
	for _, name := range order {
		if !known[name] {
			return nil, fmt.Errorf("-dir %s: %s is not among the differentiated parameters, %s", name, name, strings.Join(names, ", "))
		}
	}
	dir := make([]any, len(wrt))
	for k, i := range wrt {
		p := f.Params[i]
		n, _, err := lookup(p, vals)
		if err != nil {
			return nil, err
		}
		switch {
		case n != nil:
			x, err := convert(n, p.Type)
			if err != nil {
				return nil, err
			}
			if err := sameShape(x, args[i]); err != nil {
				return nil, fmt.Errorf("%s: %v", n.at, err)
			}
			dir[k] = x
		case len(given) == 0 && k == 0:
			dir[k] = fill(args[i], 1)
		default:
			dir[k] = fill(args[i], 0)
		}
	}
	return dir, nil
}

// fill returns a value shaped like x, every float of it c.
func fill(x any, c float64) any {
	switch x := x.(type) {
	case float64:
		return c
	case ir.SliceVal:
		elems := make([]any, x.Len())
		for i := range elems {
			elems[i] = fill(x.At(i), c)
		}
		return ir.NewSlice(elems...)
	}
	return x
}

// sameShape reports whether a tangent has its value's shape.
func sameShape(d, x any) error {
	ds, dok := d.(ir.SliceVal)
	xs, xok := x.(ir.SliceVal)
	switch {
	case dok != xok:
		return fmt.Errorf("the direction is not shaped like the value")
	case !dok:
		return nil
	case ds.Len() != xs.Len():
		return fmt.Errorf("the direction has %d elements, the value %d", ds.Len(), xs.Len())
	}
	for i := range ds.Len() {
		if err := sameShape(ds.At(i), xs.At(i)); err != nil {
			return err
		}
	}
	return nil
}

// outputBuffer returns a zero tangent buffer for JVP parameter p, the
// tangent of an output slice of f (dout for out), shaped like its value.
func outputBuffer(f *ir.Func, p ir.Param, args []any) any {
	for i, q := range f.Params {
		if "d"+q.Name == p.Name || (q.Group != nil && p.Group != nil && q.Field == p.Field) {
			return fill(args[i], 0)
		}
	}
	return ir.SliceVal{}
}
