package emit

import (
	"fmt"
	"go/token"

	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
)

// This file writes the tape of reverse mode's split form: the struct type
// the forward function fills and the backward function reads, and the ops
// that reach its fields through a *Tape value (a parameter t, or &t for a
// tape of the function's own).

// tapeDecl returns the tape's type declaration, doc comment included:
//
//	// Doc.
//	type Name struct {
//		// what the field holds
//		field T     (or []T for a stack)
//	}
//
// A shared tape (see ir.Tape) declares its records in place, as the
// elements of its field calls: a struct of the fields of one call, and
// end, a struct of where the call's entries of each stack and site end.
func tapeDecl(tape *ir.Tape) (jen.Code, error) {
	if !token.IsIdentifier(tape.Name) {
		return nil, fmt.Errorf("emit: tape name %q is not a Go identifier", tape.Name)
	}
	var own, rec, ends []*ir.TapeField
	for _, f := range tape.Fields {
		switch {
		case f.End != nil:
			ends = append(ends, f)
		case tape.InRecord(f):
			rec = append(rec, f)
		default:
			own = append(own, f)
		}
	}
	recDecl := func() (*jen.Statement, error) {
		fields, err := structFields(tape, rec)
		if err != nil {
			return nil, err
		}
		if len(ends) > 0 {
			endFields, err := structFields(tape, ends)
			if err != nil {
				return nil, err
			}
			fields = append(fields, lineComment("end: where the call's entries of each stack end, and its calls at each site."),
				jen.Id("end").Struct(endFields...))
		}
		return jen.Struct(fields...), nil
	}
	fields, err := structFields(tape, own, recDecl)
	if err != nil {
		return nil, err
	}
	return docComment(tape.Doc).Type().Id(tape.Name).Struct(fields...), nil
}

// structFields returns the declarations of fields of tape, each with its
// comment; record, if given, declares the type of a record.
func structFields(tape *ir.Tape, fs []*ir.TapeField, record ...func() (*jen.Statement, error)) ([]jen.Code, error) {
	seen := make(map[string]bool)
	var fields []jen.Code
	for _, f := range fs {
		name := fieldName(f)
		if !token.IsIdentifier(name) || seen[name] {
			return nil, fmt.Errorf("emit: tape %s: field name %q is not a distinct Go identifier", tape.Name, f.Name)
		}
		seen[name] = true
		var t *jen.Statement
		var err error
		if _, ok := f.Type.(ir.Record); ok && len(record) > 0 {
			t, err = record[0]()
		} else {
			t, err = goType(f.Type)
		}
		if err != nil {
			return nil, fmt.Errorf("emit: tape %s: field %s: %v", tape.Name, f.Name, err)
		}
		if f.Stack && f.Fixed > 0 {
			t = jen.Index(jen.Lit(f.Fixed)).Add(t)
		} else if f.Stack || f.Scratch {
			t = jen.Index().Add(t)
		} else if f.Indirect {
			t = jen.Op("*").Add(t)
		}
		for _, line := range fill(f.Doc, docWidth-1) { // a tab of indentation
			if line != "" {
				fields = append(fields, lineComment(line))
			}
		}
		fields = append(fields, jen.Id(name).Add(t))
		if f.Stack && f.Fixed > 0 {
			count := fixedCountName(f)
			if seen[count] {
				return nil, fmt.Errorf("emit: tape %s: field name %q is not a distinct Go identifier", tape.Name, count)
			}
			seen[count] = true
			fields = append(fields, lineComment(name+"'s entries this run: the stack is "+name+"[:"+count+"]."), jen.Id(count).Int())
		}
	}
	return fields, nil
}

// fieldName is a tape field's name as a Go identifier.
func fieldName(f *ir.TapeField) string { return sanitize(f.Name) }

// tapesOf returns the tapes a function uses: its own, and those its
// signature and values refer to, in order of first mention.
func tapesOf(fn *ir.Func) []*ir.Tape {
	var tapes []*ir.Tape
	add := func(t *ir.Tape) {
		for _, u := range tapes {
			if u == t {
				return
			}
		}
		if t != nil {
			tapes = append(tapes, t)
		}
	}
	add(fn.Tape)
	for _, p := range fn.Params {
		add(tapeOfType(p.Type))
	}
	fn.Walk(func(v *ir.Value) {
		add(tapeOfType(v.Type))
		if _, ok := v.Aux.(*ir.TapeField); ok && len(v.Args) > 0 {
			add(tapeOfType(v.Args[0].Type))
		}
	})
	return tapes
}

// tapeOfType returns the tape a type refers to, or nil.
func tapeOfType(t ir.Type) *ir.Tape {
	if r, ok := t.(ir.TapeRef); ok {
		return r.Tape
	}
	return nil
}

// fields returns n copies of t.f for the tape value t (jennifer appends
// to a statement in place, so each use needs its own): the variable itself
// for a tape of the function's own (not (&t).f), the pointer otherwise.
func (e *funcEmitter) fields(tape *ir.Value, f *ir.TapeField, n int) ([]*jen.Statement, error) {
	var base func() *jen.Statement
	if name, ok := e.names[tape]; ok && tape.Op == ir.OpLocalTape {
		base = func() *jen.Statement { return jen.Id(name) }
	} else {
		t, err := e.ref(tape)
		if err != nil {
			return nil, err
		}
		code := primary(t).code
		base = func() *jen.Statement { return jen.Add(code) }
	}
	out := make([]*jen.Statement, n)
	for i := range out {
		out[i] = base()
		if f.End != nil {
			out[i] = out[i].Dot("end") // c.end.f
		}
		out[i] = out[i].Dot(fieldName(f))
	}
	return out, nil
}

// site returns n copies of t.f.calls, the records of the callee's tape
// that site f holds.
func (e *funcEmitter) siteCalls(tape *ir.Value, f *ir.TapeField, n int) ([]*jen.Statement, error) {
	tf, err := e.fields(tape, f, n)
	if err != nil {
		return nil, err
	}
	for i := range tf {
		tf[i] = tf[i].Dot("calls")
	}
	return tf, nil
}

// tapeCalls returns len(t.f.calls): the calls that site f recorded.
func (e *funcEmitter) tapeCalls(v *ir.Value) (expr, error) {
	tf, err := e.siteCalls(v.Args[0], v.Aux.(*ir.TapeField), 1)
	if err != nil {
		return expr{}, err
	}
	return operand(jen.Len(tf[0])), nil
}

// tapeEntry returns &t.f[i].
func (e *funcEmitter) tapeEntry(v *ir.Value) (expr, error) {
	tf, err := e.fields(v.Args[0], v.Aux.(*ir.TapeField), 1)
	if err != nil {
		return expr{}, err
	}
	i, err := e.ref(v.Args[1])
	if err != nil {
		return expr{}, err
	}
	return expr{code: jen.Op("&").Add(tf[0]).Index(i.code), prec: precUnary}, nil
}

// siteRef returns &t.f, or t.f for a site held through a pointer: the
// callee's tape, shared by the calls of the site.
func (e *funcEmitter) siteRef(v *ir.Value) (expr, error) {
	f := v.Aux.(*ir.TapeField)
	tf, err := e.fields(v.Args[0], f, 1)
	if err != nil {
		return expr{}, err
	}
	if f.Indirect {
		return operand(tf[0]), nil
	}
	return expr{code: jen.Op("&").Add(tf[0]), prec: precUnary}, nil
}

// siteWrite returns what empties a site, t.f.calls = t.f.calls[:0]
// (first allocating the tape of a site held through a pointer: if t.f ==
// nil { t.f = new(T) }), or makes room on it for n more calls.
func (e *funcEmitter) siteWrite(v *ir.Value) ([]stmt, error) {
	f := v.Aux.(*ir.TapeField)
	tc, err := e.siteCalls(v.Args[0], f, 2)
	if err != nil {
		return nil, err
	}
	if v.Op == ir.OpTapeGrow {
		n, err := e.ref(v.Args[1])
		if err != nil {
			return nil, err
		}
		grow := callee(ir.Callee{Path: "slices", Name: "Grow"}).Call(tc[1], n.code)
		return one(tc[0].Op("=").Add(grow), stmtSimple), nil
	}
	empty := one(tc[0].Op("=").Add(tc[1]).Index(jen.Empty(), jen.Lit(0)), stmtSimple)
	if !f.Indirect {
		return empty, nil
	}
	tf, err := e.fields(v.Args[0], f, 3)
	if err != nil {
		return nil, err
	}
	t, err := goType(f.Type)
	if err != nil {
		return nil, err
	}
	alloc := jen.If(tf[0].Op("==").Nil()).Block(tf[1].Op("=").New(t))
	return append([]stmt{{code: alloc, kind: stmtOther}}, empty...), nil
}

// tapeLoad returns t.f: a scalar field's value, or a stack's slice.
func (e *funcEmitter) tapeLoad(v *ir.Value) (expr, error) {
	f := v.Aux.(*ir.TapeField)
	tf, err := e.fields(v.Args[0], f, 1)
	if err != nil {
		return expr{}, err
	}
	if f.Stack && f.Fixed > 0 {
		n, err := e.fixedCount(v.Args[0], f, 1)
		if err != nil {
			return expr{}, err
		}
		return operand(tf[0].Index(jen.Empty(), n[0])), nil
	}
	return operand(tf[0]), nil
}

// tapeWrite returns t.f = t.f[:0] (reset), t.f = x (save) or
// t.f = append(t.f, x) (save on a stack).
func (e *funcEmitter) tapeWrite(v *ir.Value) ([]stmt, error) {
	f := v.Aux.(*ir.TapeField)
	if f.IsSite() && v.Op != ir.OpTapeSave {
		return e.siteWrite(v)
	}
	if f.Stack && f.Fixed > 0 {
		if v.Op == ir.OpTapeGrow {
			return nil, fmt.Errorf("tape.grow of fixed stack %s", f.Name)
		}
		return e.fixedWrite(v, f)
	}
	tf, err := e.fields(v.Args[0], f, 2)
	if err != nil {
		return nil, err
	}
	if v.Op == ir.OpTapeReset {
		if !f.Stack {
			return nil, fmt.Errorf("tape.reset of scalar field %s", f.Name)
		}
		return one(tf[0].Op("=").Add(tf[1]).Index(jen.Empty(), jen.Lit(0)), stmtSimple), nil
	}
	x := v.Args[1]
	if v.Op == ir.OpTapeGrow {
		if !f.Stack {
			return nil, fmt.Errorf("tape.grow of scalar field %s", f.Name)
		}
		n, err := e.ref(x)
		if err != nil {
			return nil, err
		}
		grow := callee(ir.Callee{Path: "slices", Name: "Grow"}).Call(tf[1], n.code)
		return one(tf[0].Op("=").Add(grow), stmtSimple), nil
	}
	if !f.Stack && x.Op == ir.OpTapeLoad && x.Aux == f && x.Args[0] == v.Args[0] && e.plan.form[x] == formInline {
		return nil, nil // t.f = t.f does nothing, and vet reports it
	}
	xc, err := e.ref(x)
	if err != nil {
		return nil, err
	}
	if f.Stack {
		return one(tf[0].Op("=").Append(tf[1], xc.code), stmtSimple), nil
	}
	return one(tf[0].Op("=").Add(xc.code), stmtSimple), nil
}

// localTape returns var t Name: a tape of the function's own, which the
// function passes on as &t; or t := nameTapes.Get().(*Name), a tape from
// its pool (see pool.go), which the function gives back before it returns.
func (e *funcEmitter) localTape(v *ir.Value) ([]stmt, error) {
	r, ok := v.Type.(ir.TapeRef)
	if !ok || r.Tape == nil {
		return nil, fmt.Errorf("tape.local of type %v", v.Type)
	}
	if poolsHeap(v) {
		get := jen.Id(ir.PoolName(r.Tape.Name)).Dot("Get").Call().Assert(jen.Op("*").Id(r.Tape.Name))
		return one(jen.Id(e.names[v]).Op(":=").Add(get), stmtDefine), nil
	}
	return one(jen.Var().Id(e.names[v]).Id(r.Tape.Name), stmtOther), nil
}

// tapeSlot returns p := &t.f, or for a stack
//
//	t.f = slices.Grow(t.f, 1)[:len(t.f)+1]
//	p := &t.f[len(t.f)-1]
//
// whose new last entry keeps the memory an earlier run left there.
func (e *funcEmitter) tapeSlot(v *ir.Value) ([]stmt, error) {
	f := v.Aux.(*ir.TapeField)
	tf, err := e.fields(v.Args[0], f, 5)
	if err != nil {
		return nil, err
	}
	name := e.names[v]
	if !f.Stack {
		ref, err := e.siteRef(v)
		if err != nil {
			return nil, err
		}
		return one(jen.Id(name).Op(":=").Add(ref.code), stmtOther), nil
	}
	grow := callee(ir.Callee{Path: "slices", Name: "Grow"}).Call(tf[1], jen.Lit(1)).Index(jen.Empty(), jen.Len(tf[2]).Op("+").Lit(1))
	if name == "" {
		return one(tf[0].Op("=").Add(grow), stmtSimple), nil
	}
	last := jen.Op("&").Add(tf[3]).Index(jen.Len(tf[4]).Op("-").Lit(1))
	return []stmt{{code: tf[0].Op("=").Add(grow), kind: stmtSimple}, {code: jen.Id(name).Op(":=").Add(last), kind: stmtOther}}, nil
}

// tapeBuffer returns the statements of a zeroed slice of n elements in
// memory field f keeps from run to run: on a stack, a fresh stretch at its
// end, with the capacity a make would give it,
//
//	t.f = slices.Grow(t.f, n)[:len(t.f)+n]
//	b := slices.Clip(t.f[len(t.f)-n:])
//	clear(b)
//
// and for scratch, the start of the buffer, reused:
//
//	t.f = slices.Grow(t.f[:0], n)[:n]
//	clear(t.f)
//	b := t.f
//
// With the memory there (a kept tape), this allocates nothing, whatever
// the compiler does with append(s, make([]T, n)...).
func (e *funcEmitter) tapeBuffer(v *ir.Value) ([]stmt, error) {
	f := v.Aux.(*ir.TapeField)
	tf, err := e.fields(v.Args[0], f, 6)
	if err != nil {
		return nil, err
	}
	n, err := e.ref(v.Args[1])
	if err != nil {
		return nil, err
	}
	if n.prec <= precAdd {
		n = paren(n) // len(t.f)-(a+b)
	}
	grow := callee(ir.Callee{Path: "slices", Name: "Grow"})
	name, named := e.names[v]
	if f.Scratch {
		out := []stmt{
			{code: tf[0].Op("=").Add(grow.Clone().Call(tf[1].Index(jen.Empty(), jen.Lit(0)), n.code)).Index(jen.Empty(), n.code), kind: stmtSimple},
			{code: jen.Clear(tf[2]), kind: stmtSimple},
		}
		if named {
			out = append(out, stmt{code: jen.Id(name).Op(":=").Add(tf[3]), kind: stmtDefine})
		}
		return out, nil
	}
	out := []stmt{{code: tf[0].Op("=").Add(grow.Clone().Call(tf[1], n.code)).Index(jen.Empty(), jen.Len(tf[2]).Op("+").Add(n.code)), kind: stmtSimple}}
	stretch := callee(ir.Callee{Path: "slices", Name: "Clip"}).Call(tf[3].Index(jen.Len(tf[4]).Op("-").Add(n.code), jen.Empty()))
	if !named {
		return append(out, stmt{code: jen.Clear(stretch), kind: stmtSimple}), nil
	}
	return append(out,
		stmt{code: jen.Id(name).Op(":=").Add(stretch), kind: stmtDefine},
		stmt{code: jen.Clear(jen.Id(name)), kind: stmtSimple}), nil
}
