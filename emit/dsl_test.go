package emit

import (
	"strings"
	"testing"

	"github.com/godiff/godiff/ir"
)

// A tiny DSL for building IR functions in tests.

// fn is a function under construction: its builder and parameter values.
type fn struct {
	f *ir.Func
	*ir.Builder
	p []*ir.Value
}

// newFn starts a function with the given parameters and result types (the
// results are unnamed) and defines every parameter's value.
func newFn(name string, params []ir.Param, results ...ir.Type) *fn {
	rs := make([]ir.Result, len(results))
	for i, t := range results {
		rs[i] = ir.Result{Type: t}
	}
	f := ir.NewFunc(name, params, rs)
	t := &fn{f: f, Builder: ir.NewBuilder(f)}
	for i := range params {
		t.p = append(t.p, t.Param(i))
	}
	return t
}

// floats returns float64 parameters with the given names.
func floats(names ...string) []ir.Param {
	return paramsOf(ir.Float64, names...)
}

// paramsOf returns parameters of type t with the given names.
func paramsOf(t ir.Type, names ...string) []ir.Param {
	ps := make([]ir.Param, len(names))
	for i, n := range names {
		ps[i] = ir.Param{Name: n, Type: t}
	}
	return ps
}

// ret appends the return and hands back the finished function.
func (t *fn) ret(vs ...*ir.Value) *ir.Func {
	t.Return(vs...)
	return t.f
}

// c returns a float64 literal.
func (t *fn) c(x float64) *ir.Value { return t.Float(ir.Float64, x) }

// as gives v a source name, like an assignment in the source.
func (t *fn) as(name string, v *ir.Value) *ir.Value { return t.Bind(v, name) }

// call returns math.name(args) of type float64.
func (t *fn) call(name string, args ...*ir.Value) *ir.Value {
	return t.Call(ir.Callee{Path: "math", Name: name}, ir.Float64, args...)
}

// emitFile emits a file of the functions in package p.
func emitFile(t *testing.T, spec FileSpec) string {
	t.Helper()
	out, err := File(spec)
	if err != nil {
		t.Fatalf("File: %v", err)
	}
	return string(out)
}

// funcsOf returns the part of a file after its package clause and imports.
func funcsOf(src string) string {
	lines := strings.Split(src, "\n")
	i := 0
	for i < len(lines) && !strings.HasPrefix(lines[i], "package ") {
		i++
	}
	for i++; i < len(lines); i++ {
		switch l := lines[i]; {
		case l == "", strings.HasPrefix(l, "import \""):
		case l == "import (":
			for lines[i] != ")" {
				i++
			}
		default:
			return strings.Join(lines[i:], "\n")
		}
	}
	return ""
}

// ci returns an int literal.
func (t *fn) ci(x int64) *ir.Value { return t.Const(ir.Int, x) }

// newVar returns a variable of the given name and type.
func newVar(name string, typ ir.Type) *ir.Var { return &ir.Var{Name: name, Type: typ} }

// forLoop appends a three-clause loop; a nil part is left empty, and cond
// returns the condition, defined in the cond block.
func (t *fn) forLoop(label string, init func(), cond func() *ir.Value, post func(), body func(loop *ir.Value)) *ir.Value {
	l := t.For(label)
	parts := [...]func(){init, nil, post, func() { body(l) }}
	if cond != nil {
		parts[1] = func() { l.Blocks[1].Result = cond() }
	}
	for i, fill := range parts {
		if fill != nil {
			t.In(l.Blocks[i], fill)
		}
	}
	return l
}

// countUp appends for i := 0; i < n; i++ { body }.
func (t *fn) countUp(i *ir.Var, n *ir.Value, body func(loop *ir.Value)) *ir.Value {
	return t.forLoop("",
		func() { t.Declare(i, t.ci(0)) },
		func() *ir.Value { return t.Compare(ir.OpLt, t.Get(i), n) },
		func() { t.Set(i, t.Add(t.Get(i), t.ci(1))) },
		body)
}

// rangeLoop appends a range loop over n whose body starts with the index,
// named index.
func (t *fn) rangeLoop(label string, over *ir.Value, index string, body func(loop, i *ir.Value)) *ir.Value {
	l := t.Range(label, over)
	t.In(l.Blocks[0], func() { body(l, t.Index(index)) })
	return l
}

// ifElse appends an if statement; a nil branch is left empty.
func (t *fn) ifElse(c *ir.Value, then, els func()) *ir.Value {
	v := t.If(c)
	if then != nil {
		t.In(v.Blocks[0], then)
	}
	if els != nil {
		t.In(v.Blocks[1], els)
	}
	return v
}

// slices returns []float64 parameters with the given names.
func slices(names ...string) []ir.Param {
	return paramsOf(ir.Slice{Elem: ir.Float64}, names...)
}

// join concatenates parameter lists.
func join(lists ...[]ir.Param) []ir.Param {
	var out []ir.Param
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
