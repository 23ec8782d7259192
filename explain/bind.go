package explain

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/godiff/godiff/ir"
)

// goParams lists the names of f's Go parameters, receiver included, in
// order: a plain parameter's, and a struct's once for all its leaves.
func goParams(f *ir.Func) []string {
	idx := make([]int, len(f.Params))
	for i := range idx {
		idx[i] = i
	}
	return ir.GoNames(f.Params, idx)
}

// bind returns the runtime values of f's IR parameters (the leaves of its
// structs among them) from the values given by Go name. Every parameter
// the function can read must be given, every field of a struct the
// function reads too; a name that is no parameter is an error.
func bind(f *ir.Func, given map[string]*node, order []string) ([]any, error) {
	names := goParams(f)
	known := make(map[string]bool)
	for _, n := range names {
		known[n] = true
	}
	for _, name := range order {
		if !known[name] {
			return nil, fmt.Errorf("%s: %s has no parameter %s; its parameters are %s", given[name].at, funcName(f), name, strings.Join(names, ", "))
		}
	}
	args := make([]any, len(f.Params))
	var missing []string
	for i, p := range f.Params {
		n, what, err := lookup(p, given)
		if err != nil {
			return nil, err
		}
		if n == nil {
			if _, opaque := p.Type.(ir.Opaque); opaque || p.Name == "_" || p.Name == "" {
				continue // nothing the function computes with
			}
			missing = append(missing, fmt.Sprintf("%s (%v)", what, p.Type))
			continue
		}
		x, err := convert(n, p.Type)
		if err != nil {
			return nil, err
		}
		args[i] = x
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("no value for %s: give each as name=value (a JSON or Go literal for a slice or struct), or in a -values file", strings.Join(missing, ", "))
	}
	return args, nil
}

// lookup finds the value given for parameter p: its own, or, for a leaf
// of a struct, the field's within the struct's. what names it as the
// source does (n.W1).
func lookup(p ir.Param, given map[string]*node) (*node, string, error) {
	if p.Group == nil {
		return given[p.Name], p.Name, nil
	}
	what := p.Group.Ref(p.Field)
	n := given[p.Group.Name]
	if n == nil || p.Field == "" {
		return nil, what, nil // none given, or the whole receiver, which holds nothing read
	}
	for _, part := range strings.Split(p.Field, ".") {
		if n.fields == nil {
			return nil, what, fmt.Errorf("%s: want a struct (a JSON object or %s{...}) for %s", n.at, p.Group.Type, p.Group.Name)
		}
		n = n.fields[part]
		if n == nil {
			return nil, what, nil
		}
	}
	return n, what, nil
}

// convert returns the runtime value (see ir.Eval) of n as a value of
// type t.
func convert(n *node, t ir.Type) (any, error) {
	switch t := t.(type) {
	case ir.Basic:
		return convertBasic(n, t)
	case ir.Slice:
		return convertList(n, t.Elem, -1, t)
	case ir.Array:
		return convertList(n, t.Elem, t.Len, t)
	case ir.Pointer:
		if a, ok := t.Elem.(ir.Array); ok {
			return convertList(n, a.Elem, a.Len, t)
		}
	}
	return nil, fmt.Errorf("%s: explain cannot take a value of type %v", n.at, t)
}

func convertBasic(n *node, t ir.Basic) (any, error) {
	if n.text == "" {
		return nil, fmt.Errorf("%s: want a %v, not a list or a struct", n.at, t)
	}
	switch {
	case ir.IsFloat(t):
		x, err := strconv.ParseFloat(strings.ReplaceAll(n.text, "_", ""), 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %q is not a number", n.at, n.text)
		}
		if t == ir.Float32 {
			x = float64(float32(x))
		}
		return x, nil
	case ir.IsInteger(t):
		x, err := strconv.ParseInt(n.text, 0, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %q is not an integer", n.at, n.text)
		}
		if !fits(x, t) {
			return nil, fmt.Errorf("%s: %d overflows %v", n.at, x, t)
		}
		return x, nil
	case t == ir.Bool:
		b, err := strconv.ParseBool(n.text)
		if err != nil || (n.text != "true" && n.text != "false") {
			return nil, fmt.Errorf("%s: %q is not true or false", n.at, n.text)
		}
		return b, nil
	}
	return nil, fmt.Errorf("%s: explain cannot take a value of type %v", n.at, t)
}

// fits reports whether x is a value of integer type t.
func fits(x int64, t ir.Basic) bool {
	bits := map[ir.Basic]int{ir.Int8: 8, ir.Int16: 16, ir.Int32: 32, ir.Uint8: 8, ir.Uint16: 16, ir.Uint32: 32}
	b, ok := bits[t]
	switch {
	case ir.IsSigned(t) && ok:
		return x >= -1<<(b-1) && x < 1<<(b-1)
	case !ir.IsSigned(t) && ok:
		return x >= 0 && x < 1<<b
	case !ir.IsSigned(t):
		return x >= 0
	}
	return x >= math.MinInt64
}

// convertList converts a list into a slice (n < 0) or an array of n
// elements of type elem.
func convertList(nd *node, elem ir.Type, n int, t ir.Type) (any, error) {
	if !nd.list {
		return nil, fmt.Errorf("%s: want a list for %v, as [1, 2] or %v{1, 2}", nd.at, t, t)
	}
	if n >= 0 && len(nd.elems) != n {
		return nil, fmt.Errorf("%s: %d elements for %v", nd.at, len(nd.elems), t)
	}
	elems := make([]any, len(nd.elems))
	for i, e := range nd.elems {
		x, err := convert(e, elem)
		if err != nil {
			return nil, err
		}
		elems[i] = x
	}
	return ir.NewSlice(elems...), nil
}

// funcName names f as its source does: Loss, or (Net).Loss for a method.
func funcName(f *ir.Func) string {
	if r := f.RecvType(); r != "" {
		return r + "." + f.Name
	}
	return f.Name
}
