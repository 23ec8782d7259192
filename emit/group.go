package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
)

// This file writes structs back (see ir.Group): the IR holds a struct
// parameter, receiver or result as one parameter, result or variable per
// field, its leaves, and the generated code as one Go parameter whose
// fields the body reads and writes.
//
//   - A group of parameters is one parameter of the signature, n *Net, or
//     the method's receiver; a leaf is written as its field, n.W1. A leaf
//     of pointer type (the adjoint buffer *float64 of a float field in a
//     backward function's dn *Net) is &dn.B2, and what accumulates
//     through it or indexes it writes dn.B2 += e, dn.Grid[i][j] += e.
//   - A group of results is one result of the struct's type, returned by
//     the name of the group.
//   - A group of variables is a struct the function makes, dn :=
//     new(Net) or var dp Params, declared before the first use of any of
//     its fields; a leaf variable is its field, assigned and never
//     declared. A declaration of a leaf without a value writes nothing: the
//     fresh struct holds the zero value.
//   - An invoke of a function of the file whose signature has groups
//     passes each group once, by the name of the caller's group that holds
//     the arguments (&dp for a struct variable passed as a pointer), and a
//     receiver group as the receiver of a method call: n.LossForward(&t,
//     x).

// goParam is one parameter of the Go signature.
type goParam struct {
	name, typ string
	ir        ir.Type // the parameter's IR type; for a group of leaves, nil or its opaque spelling (groupType)
}

// groupType returns the Go type of a group's parameter or result as an
// opaque type if the struct is another package's (*r3.Vec), so that the
// file imports its package; nil for the package's own.
func groupType(g *ir.Group) ir.Type {
	if g.Qualified == "" {
		return nil
	}
	o := g.Spelling()
	if g.Pointer {
		o.Go, o.Qualified = "*"+o.Go, "*"+o.Qualified
	}
	return o
}

// groupTypeCode spells a group's Go type, importing another package's.
func groupTypeCode(g *ir.Group) *jen.Statement {
	if g.Pointer {
		return jen.Op("*").Add(structTypeCode(g))
	}
	return structTypeCode(g)
}

// structTypeCode spells a group's struct type, without a pointer.
func structTypeCode(g *ir.Group) *jen.Statement {
	if g.Qualified != "" {
		return opaqueType(g.Spelling())
	}
	return jen.Id(g.Type)
}

// signatureParams returns the parameters of fn's Go signature, receiver
// excluded: a plain parameter, or one per group of leaves. blank names
// the blank parameters the body reads.
func signatureParams(fn *ir.Func, blank map[int]string) []goParam {
	var out []goParam
	var last *ir.Group
	for i, p := range fn.Params {
		switch {
		case p.Group == nil && blank[i] != "":
			out = append(out, goParam{blank[i], p.Type.String(), p.Type})
		case p.Group == nil:
			out = append(out, goParam{paramName(p), p.Type.String(), p.Type})
			last = nil
		case p.Group != last:
			last = p.Group
			if !p.Group.Recv {
				out = append(out, goParam{p.Group.Name, p.Group.GoType(), groupType(p.Group)})
			}
		}
	}
	return out
}

// resultTypes returns the types of fn's Go results: one per group.
func resultTypes(rs []ir.Result) []jen.Code {
	var out []jen.Code
	var last *ir.Group
	for _, r := range rs {
		switch {
		case r.Group == nil:
			out = append(out, jen.Id(r.Type.String()))
			last = nil
		case r.Group != last:
			last = r.Group
			out = append(out, groupTypeCode(r.Group))
		}
	}
	return out
}

// receiver returns the receiver clause of a method, or nil.
func receiver(fn *ir.Func) jen.Code {
	g := fn.Recv()
	if g == nil {
		return nil
	}
	return jen.Params(jen.Id(g.Name).Id(g.GoType()))
}

// leafRef returns the Go expression of parameter p: its name, or the
// field of its group (n.W1).
func leafRef(p ir.Param) string {
	if p.Group != nil {
		return p.Group.Ref(p.Field)
	}
	return paramName(p)
}

// fieldPointer reports whether v is a leaf parameter of pointer type: the
// address of a field, &dn.B2.
func (e *funcEmitter) fieldPointer(v *ir.Value) bool {
	if v.Op != ir.OpParam {
		return false
	}
	p := e.fn.Params[v.Aux.(int)]
	_, isPtr := p.Type.(ir.Pointer)
	return p.Group != nil && isPtr
}

// fieldOf returns the field a pointer v points to, for a leaf parameter
// of pointer type or the address of a leaf variable, or nil.
func (e *funcEmitter) fieldOf(v *ir.Value) *jen.Statement {
	if e.fieldPointer(v) {
		return jen.Id(e.names[v])
	}
	if x, ok := v.Aux.(*ir.Var); ok && v.Op == ir.OpAddr && x.Group != nil {
		return jen.Id(e.vars[x].name)
	}
	return nil
}

// placeGroups records, for each struct the function makes (a group of
// variables), the value before which it is declared: the first one that is
// or holds a use of one of its fields, in the innermost block enclosing
// them all. ops are the live ops of each variable.
func (e *funcEmitter) placeGroups(order []*ir.Var, ops map[*ir.Var][]*ir.Value) {
	e.groupDecl = make(map[*ir.Value][]*ir.Group)
	uses := make(map[*ir.Group][]*ir.Value)
	var groups []*ir.Group
	for _, x := range order {
		if x.Group == nil {
			continue
		}
		if uses[x.Group] == nil {
			groups = append(groups, x.Group)
		}
		uses[x.Group] = append(uses[x.Group], ops[x]...)
	}
	for _, g := range groups {
		ordered := make([]*ir.Value, 0, len(uses[g]))
		e.fn.Walk(func(v *ir.Value) {
			for _, u := range uses[g] {
				if u == v {
					ordered = append(ordered, v)
					return
				}
			}
		})
		at := hoistPoint(ordered)
		e.groupDecl[at] = append(e.groupDecl[at], g)
	}
}

// groupDeclStmt declares a struct the function makes: dn := new(Net), or
// var dp Params.
func groupDeclStmt(g *ir.Group) stmt {
	if g.Pointer {
		return stmt{code: jen.Id(g.Name).Op(":=").New(structTypeCode(g)), kind: stmtDefine}
	}
	return stmt{code: jen.Var().Id(g.Name).Add(structTypeCode(g)), kind: stmtOther}
}

// groupOfArg returns the group a value passed for a leaf belongs to in the
// calling function: a parameter's, or a variable's (read, or its address
// taken); nil for any other value.
func (e *funcEmitter) groupOfArg(v *ir.Value) *ir.Group {
	switch v.Op {
	case ir.OpParam:
		return e.fn.Params[v.Aux.(int)].Group
	case ir.OpGet, ir.OpAddr:
		if x, ok := v.Aux.(*ir.Var); ok {
			return x.Group
		}
	}
	return nil
}

// invokeGroups returns the call of an invoke of callee, whose signature
// has groups: each run of arguments for one group of callee's passed as
// the caller's group that holds them.
func (e *funcEmitter) invokeGroups(v *ir.Value, fn *ir.Func) (expr, error) {
	if len(v.Args) != len(fn.Params) {
		return expr{}, fmt.Errorf("invoke of %s with %d arguments for %d parameters", fn.Name, len(v.Args), len(fn.Params))
	}
	var recv *jen.Statement
	var args []jen.Code
	for i := 0; i < len(v.Args); {
		want := fn.Params[i].Group
		if want == nil {
			x, err := e.ref(v.Args[i])
			if err != nil {
				return expr{}, err
			}
			args = append(args, x.code)
			i++
			continue
		}
		if want.Array {
			j := i
			for j < len(v.Args) && fn.Params[j].Group == want {
				j++
			}
			arr, err := e.arrayArg(v.Args[i:j], fn.Params[i:j], want)
			if err != nil {
				return expr{}, err
			}
			args = append(args, arr)
			i = j
			continue
		}
		have := e.groupOfArg(v.Args[i])
		if have == nil {
			return expr{}, fmt.Errorf("passes %s for the field %s of %s, which is no field of a struct", describe(v.Args[i]), fn.Params[i].Field, want.Name)
		}
		j := i
		for ; j < len(v.Args) && fn.Params[j].Group == want; j++ {
			if e.groupOfArg(v.Args[j]) != have {
				return expr{}, fmt.Errorf("passes the fields of several structs for %s", want.Name)
			}
		}
		x := jen.Id(have.Name)
		switch {
		case want.Recv:
			recv = x // Go takes the address or dereferences for a method call
		case want.Pointer && !have.Pointer:
			args = append(args, jen.Op("&").Add(x))
		case !want.Pointer && have.Pointer:
			args = append(args, jen.Op("*").Add(x))
		default:
			args = append(args, x)
		}
		i = j
	}
	c := v.Aux.(ir.Callee)
	if recv != nil {
		return operand(recv.Dot(c.Name).Call(args...)), nil
	}
	return operand(callee(c).Call(args...)), nil
}

// hasGroups reports whether fn's signature has a struct parameter or a
// receiver.
func hasGroups(fn *ir.Func) bool {
	for _, p := range fn.Params {
		if p.Group != nil {
			return true
		}
	}
	return false
}

// returnGroups returns the results of a return of a function with struct
// results: each run of values for one group returned as the group.
func (e *funcEmitter) returnGroups(v *ir.Value) ([]jen.Code, error) {
	var xs []jen.Code
	var last *ir.Group
	for i := 0; i < len(v.Args); i++ {
		a, r := v.Args[i], e.fn.Results[i]
		if r.Group != nil && r.Group.Array {
			// The run of elements, as a literal.
			var elems []jen.Code
			j := i
			for ; j < len(v.Args) && e.fn.Results[j].Group == r.Group; j++ {
				x, err := e.ref(v.Args[j])
				if err != nil {
					return nil, err
				}
				elems = append(elems, x.code)
			}
			if whole, ok := e.wholeArray(v.Args[i:j], e.fn.Results[i:j]); ok {
				xs = append(xs, whole)
				i, last = j-1, nil
				continue
			}
			lit, err := arrayLiteral(r.Group, e.fn.Results[j-1].Field, elems)
			if err != nil {
				return nil, err
			}
			xs = append(xs, lit)
			i, last = j-1, nil
			continue
		}
		if r.Group == nil {
			x, err := e.ref(a)
			if err != nil {
				return nil, err
			}
			xs = append(xs, x.code)
			last = nil
			continue
		}
		if e.groupOfArg(a) != r.Group {
			return nil, fmt.Errorf("returns %s for the field %s of %s", describe(a), r.Field, r.Group.Name)
		}
		if r.Group != last {
			xs = append(xs, jen.Id(r.Group.Name))
			last = r.Group
		}
	}
	return xs, nil
}
