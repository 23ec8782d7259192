package explain

import (
	"strconv"
	"strings"

	"github.com/godiff/godiff/ir"
)

// renderer writes the values of a traced run in the user's terms.
type renderer struct {
	f      *ir.Func // the user's function
	digits int      // significant digits of numbers; 0 for all
	// results names the function's results: L for the only unnamed one,
	// as the chapter calls the loss.
	results []string
	// pick is what a select of the line being rendered chose (see
	// selected); the line's note says it. root is the value whose line it
	// is.
	pick *pick
	root *ir.Value
}

// name returns the source's name for o, a value of the user's function or
// of a transform's copy of it: a variable, a parameter (n.W1 for a
// struct's field), a range index; "" for a temporary.
func (r *renderer) name(o *ir.Value) string {
	switch o.Op {
	case ir.OpParam:
		return r.paramName(o)
	case ir.OpGet:
		return o.Aux.(*ir.Var).Name
	}
	if o.Block == nil || o.Block.Func != r.f {
		return "" // a value a transform made: see callPart
	}
	return o.Name
}

// paramName names a parameter value as the Go signature does.
func (r *renderer) paramName(o *ir.Value) string {
	i, _ := o.Aux.(int)
	var p ir.Param
	switch {
	case o.Block != nil && o.Block.Func == r.f && i < len(r.f.Params):
		return r.leafName(i)
	default:
		// A parameter of a transform's copy: the same name as the
		// user's.
		for _, q := range r.f.Params {
			if q.Name == o.Name {
				p = q
			}
		}
		if p.Name == "" {
			return o.Name
		}
	}
	if p.Group != nil {
		return p.Group.Ref(p.Field)
	}
	return p.Name
}

// leafName names parameter i of the user's function as the Go signature
// does.
func (r *renderer) leafName(i int) string {
	p := r.f.Params[i]
	if p.Group != nil {
		return p.Group.Ref(p.Field)
	}
	return p.Name
}

// target names what a memo or tangent is of: a named value, or an element
// or row of a slice (x[i]).
func (r *renderer) target(x *ir.Value) string {
	o := ir.Origin(x)
	if name := r.name(o); name != "" {
		return name
	}
	if o.Op == ir.OpLoad || o.Op == ir.OpSubslice {
		return r.symbolic(o).sym
	}
	return ""
}

// memo writes the memo of x: ∂L/∂x.
func (r *renderer) memo(x string) string { return "∂" + r.resultName(0) + "/∂" + x }

// tangent writes the tangent of x: dx.
func (r *renderer) tangent(x string) string { return "d" + x }

func (r *renderer) resultName(i int) string {
	if i < len(r.results) {
		return r.results[i]
	}
	return "L"
}

// derivName names v, a value of a derived function, by the derivative it
// holds, if it holds one with a name: the seed ∂L/∂L, a memo ∂L/∂x, a
// tangent dx. Of several memos (the memo of e is the memo of yhat too, in
// e = yhat - y) it takes the last of a value that is not a parameter: the
// one nearest the parameters, which the later links multiply. Of several
// tangents, the last too: the one nearest the result.
func (r *renderer) derivName(v *ir.Value) (string, bool) {
	var best, param string
	for _, n := range v.Notes {
		switch n.Kind {
		case ir.NoteSeed:
			return r.memo(r.resultName(n.Result)), true
		case ir.NoteAdjoint:
			if n.Of == nil || ir.Origin(n.Of).Op == ir.OpGet {
				continue // a read of a variable: its memo lives in the variable's
			}
			if t := r.target(n.Of); t != "" {
				if ir.Origin(n.Of).Op == ir.OpParam {
					param = r.memo(t)
				} else {
					best = r.memo(t)
				}
			}
		case ir.NoteTangent:
			// The last: y := x gives x's tangent to y, and what follows
			// reads y.
			if t := r.target(n.Of); t != "" {
				best = r.tangent(t)
			}
		}
	}
	switch {
	case best != "":
		return best, true
	case param != "":
		return param, true
	}
	return "", false
}

// memoTargets lists the names whose memos v holds, in the order the
// backward sweep made them.
func (r *renderer) memoTargets(v *ir.Value) []*ir.Value {
	var out []*ir.Value
	for _, n := range v.Notes {
		if n.Kind != ir.NoteAdjoint || n.Of == nil || ir.Origin(n.Of).Op == ir.OpGet {
			continue
		}
		if r.target(n.Of) != "" {
			out = append(out, n.Of)
		}
	}
	return out
}

// tangentOf returns the value whose tangent v is, if v is one with a name.
func (r *renderer) tangentOf(v *ir.Value) *ir.Value {
	for _, n := range v.Notes {
		if n.Kind == ir.NoteTangent && n.Of != nil && r.target(n.Of) != "" {
			return n.Of
		}
	}
	return nil
}

// tangentBefore names the tangent d held before it became v's, "" if it
// was v's first.
func (r *renderer) tangentBefore(d, v *ir.Value) string {
	prev := ""
	for _, n := range d.Notes {
		if n.Kind != ir.NoteTangent || n.Of == nil {
			continue
		}
		if n.Of == v {
			return prev
		}
		if t := r.target(n.Of); t != "" {
			prev = r.tangent(t)
		}
	}
	return ""
}

// derivSlice names a slice of memos or tangents: ∂L/∂x, dx.
func (r *renderer) derivSlice(s *ir.Value) (string, bool) {
	if s.Op == ir.OpGet || s.Op == ir.OpAddr {
		return r.derivVar(s.Aux.(*ir.Var)) // an array variable's
	}
	for _, n := range s.Notes {
		if n.Of == nil {
			continue
		}
		switch t := r.target(n.Of); {
		case t == "":
		case n.Kind == ir.NoteAdjoint:
			return r.memo(t), true
		case n.Kind == ir.NoteTangent:
			return r.tangent(t), true
		}
	}
	return "", false
}

// derivVar names a variable holding a memo or a tangent.
func (r *renderer) derivVar(x *ir.Var) (string, bool) {
	for _, n := range x.Notes {
		var t string
		switch {
		case n.Var != nil:
			t = n.Var.Name
		case n.Of != nil:
			t = r.target(n.Of)
		}
		switch {
		case t == "":
		case n.Kind == ir.NoteAdjoint && n.Call != nil:
			// The share of the memo a call's backward sweep passes back.
			return "(" + r.memo(t) + " via " + r.callee(ir.Origin(n.Call)) + ")", true
		case n.Kind == ir.NoteAdjoint:
			return r.memo(t), true
		case n.Kind == ir.NoteTangent:
			return r.tangent(t), true
		}
	}
	return "", false
}

// number formats a runtime value.
func (r *renderer) number(x any) string {
	switch x := x.(type) {
	case float64:
		return formatFloat(x, r.digits)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case ir.SliceVal:
		return r.list(x)
	case *ir.Box:
		if x == nil {
			return "nil"
		}
		return r.number(x.V)
	case nil:
		return "?"
	}
	return "?"
}

// maxElems is how many elements of a slice a line shows: the first and
// the last ones, and how many are left out between.
const maxElems = 8

// list formats a slice or an array: [1 2 3], or [1 2 3 4 … 97 98 99 100]
// (100) for a long one.
func (r *renderer) list(s ir.SliceVal) string {
	if s.IsNil() {
		return "nil"
	}
	n := s.Len()
	var parts []string
	for i := 0; i < n; i++ {
		if n > maxElems && i == maxElems/2 {
			parts = append(parts, "…")
			i = n - maxElems/2 // only the elements shown are formatted
		}
		parts = append(parts, r.number(s.At(i)))
	}
	out := "[" + strings.Join(parts, " ") + "]"
	if n > maxElems {
		out += " (" + strconv.Itoa(n) + ")"
	}
	return out
}

// formatFloat writes x with digits significant digits (all of them, the
// shortest that reads back, for 0), without trailing zeros: 0.13 for
// 0.13000000000000003.
func formatFloat(x float64, digits int) string {
	if digits <= 0 {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	if x == 0 {
		return "0" // -0 too: its sign is noise at this precision
	}
	s := strconv.FormatFloat(x, 'g', digits, 64)
	// 'g' with a precision reads back the rounded value's shortest form.
	if y, err := strconv.ParseFloat(s, 64); err == nil {
		s = strconv.FormatFloat(y, 'g', -1, 64)
	}
	return s
}
