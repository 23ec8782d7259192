package jacobian

import (
	"testing"

	"github.com/godiff/godiff/ir"
)

// fn builds func F(params) results whose float results are sums of its
// float parameters and which stores into its slice parameters named out.
func fn(t *testing.T, params []ir.Param, results int) *ir.Func {
	t.Helper()
	res := make([]ir.Result, results)
	for i := range res {
		res[i] = ir.Result{Type: ir.Float64}
	}
	f := ir.NewFunc("F", params, res)
	b := ir.NewBuilder(f)
	sum := b.Float(ir.Float64, 0)
	var outs []*ir.Value
	for i, p := range params {
		v := b.Param(i)
		switch {
		case p.Name == "out":
			outs = append(outs, v)
		case ir.IsFloat(p.Type):
			sum = b.Add(sum, v)
		case ir.IsSlice(p.Type):
			sum = b.Add(sum, b.Load(v, b.Const(ir.Int, int64(0))))
		}
	}
	for _, o := range outs {
		b.Store(o, b.Const(ir.Int, int64(0)), sum)
	}
	rs := make([]*ir.Value, results)
	for i := range rs {
		rs[i] = sum
	}
	b.Return(rs...)
	if err := ir.Verify(f); err != nil {
		t.Fatal(err)
	}
	return f
}

var (
	f64   = ir.Float64
	arr3  = ir.Array{Len: 3, Elem: ir.Float64}
	arr11 = ir.Array{Len: 11, Elem: ir.Float64}
	vec   = ir.Slice{Elem: ir.Float64}
)

// The choice of paths and the width of the vector sweeps: fixed sizes
// choose one path when generating (forward when the inputs are no more
// than the outputs); a slice among the inputs or outputs leaves it to the
// run; a forced mode takes its path.
func TestPaths(t *testing.T) {
	tests := []struct {
		name          string
		params        []ir.Param
		wrt           []int
		results       int
		mode          Mode
		fwd, rev      bool
		width         int
		cols, rows    int
		static, fixed bool // the columns', the rows' number fixed
	}{
		{"3 floats, 3 results", []ir.Param{{Name: "a", Type: f64}, {Name: "b", Type: f64}, {Name: "c", Type: f64}}, []int{0, 1, 2}, 3, Auto, true, false, 3, 3, 3, true, true},
		{"bundle adjustment: 15 inputs, 2 results", []ir.Param{{Name: "cam", Type: arr11}, {Name: "x", Type: arr3}, {Name: "w", Type: f64}}, []int{0, 1, 2}, 2, Auto, false, true, 15, 15, 2, true, true},
		{"forced forward", []ir.Param{{Name: "cam", Type: arr11}, {Name: "x", Type: arr3}, {Name: "w", Type: f64}}, []int{0, 1, 2}, 2, Forward, true, false, 15, 15, 2, true, true},
		{"forced reverse", []ir.Param{{Name: "a", Type: f64}}, []int{0}, 2, Reverse, false, true, 1, 1, 2, true, true},
		{"40 inputs: sweeps of equal width", []ir.Param{{Name: "a", Type: ir.Array{Len: 40, Elem: f64}}}, []int{0}, 40, Auto, true, false, 14, 40, 40, true, true},
		{"a slice input", []ir.Param{{Name: "x", Type: vec}}, []int{0}, 2, Auto, true, true, 8, 0, 2, false, true},
		{"an output slice", []ir.Param{{Name: "a", Type: f64}, {Name: "out", Type: vec}}, []int{0}, 0, Auto, true, true, 1, 1, 0, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fn(t, tt.params, tt.results)
			fwd, rev := Paths(f, tt.wrt, tt.mode)
			if fwd != tt.fwd || rev != tt.rev {
				t.Errorf("Paths = forward %v, reverse %v; want %v, %v", fwd, rev, tt.fwd, tt.rev)
			}
			if w := Width(f, tt.wrt); w != tt.width {
				t.Errorf("Width = %d, want %d", w, tt.width)
			}
			if n, ok := Columns(f, tt.wrt); ok != tt.static || ok && n != tt.cols {
				t.Errorf("Columns = %d, %v; want %d, %v", n, ok, tt.cols, tt.static)
			}
			if m, ok := Rows(f, tt.wrt); ok != tt.fixed || ok && m != tt.rows {
				t.Errorf("Rows = %d, %v; want %d, %v", m, ok, tt.rows, tt.fixed)
			}
		})
	}
}
