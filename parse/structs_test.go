package parse

import (
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/godiff/godiff/forward"
	"github.com/godiff/godiff/internal/fdcheck"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/reverse"
)

// lowerFuncs loads the functions of lowered_test.go, by name.
func lowerFuncs(t *testing.T) map[string]*ir.Func {
	t.Helper()
	src, err := os.ReadFile("lowered_test.go")
	if err != nil {
		t.Fatal(err)
	}
	file := strings.Replace(string(src), "package parse", "package p", 1)
	fs := mustLoad(t, map[string]string{"a.go": file}, "a.go")
	funcs := make(map[string]*ir.Func)
	for _, tg := range fs[0].Targets {
		funcs[tg.Func.Name] = tg.Func
	}
	return funcs
}

// grid returns a [2][N]float64 value of the interpreter: rows of arrays.
func grid(rows ...[]float64) ir.SliceVal {
	elems := make([]any, len(rows))
	for i, r := range rows {
		elems[i] = ir.FloatSlice(r)
	}
	return ir.NewSlice(elems...)
}

// A method's receiver and a struct's nested array are leaves of the IR:
// the parameters nW, nB, nG, nN, with x after them.
func TestStructLeaves(t *testing.T) {
	f := lowerFuncs(t)["lowerMethod"]
	var got []string
	for _, p := range f.Params {
		s := p.Name + " " + p.Type.String()
		if p.Group != nil {
			s += " = " + p.Group.Ref(p.Field)
		}
		got = append(got, s)
	}
	want := []string{"nW [][]float64 = n.W", "nB float64 = n.B", "nG [2][2]float64 = n.G", "nN int = n.N", "x []float64"}
	if !slices.Equal(got, want) {
		t.Errorf("params %q, want %q", got, want)
	}
	if g := f.Recv(); g == nil || g.Name != "n" || g.GoType() != "*lowerNet" {
		t.Errorf("receiver %+v, want n *lowerNet", g)
	}
}

// The IR of a method on a struct and of a function of nested arrays
// computes what Go computes, through ir.Eval; and their derivatives, from
// both transforms through the interpreter, agree with finite differences
// of the compiled Go and with each other. A nested array is memory like a
// slice of slices: a store into g[1][2] is seen by later loads.
func TestStructsAndNestedArraysRunAsGo(t *testing.T) {
	funcs := lowerFuncs(t)
	x := []float64{0.5, -1, 2}
	// p is (W (2×3), B, G (2×2)); N = 2.
	net := func(p []float64) *lowerNet {
		return &lowerNet{W: [][]float64{slices.Clone(p[0:3]), slices.Clone(p[3:6])}, B: p[6],
			G: [2][2]float64{{p[7], p[8]}, {p[9], p[10]}}, Name: "n", N: 2}
	}
	netArgs := func(n *lowerNet) []any {
		return []any{ir.FloatSlices(n.W), n.B, grid(n.G[0][:], n.G[1][:]), int64(n.N), ir.FloatSlice(x)}
	}
	p := []float64{0.1, -0.2, 0.3, 0.4, 0.5, -0.6, 0.7, 0.8, -0.9, 1.0, -1.1}
	gridOf := func(p []float64) [2][3]float64 {
		return [2][3]float64{{p[0], p[1], p[2]}, {p[3], p[4], p[5]}}
	}
	gridArgs := func(p []float64) []any { g := gridOf(p); return []any{grid(g[0][:], g[1][:]), p[6]} }
	q := []float64{0.3, -0.7, 1.1, 0.2, -0.4, 0.9, 1.5}
	cases := []struct {
		name string
		f    func(p []float64) float64
		args func(p []float64) []any
		p    []float64
		wrt  []int
		// flat flattens the gradient's results (after the value) into p's order.
		flat func(out []any) []float64
	}{
		{
			name: "lowerMethod",
			f:    func(p []float64) float64 { return net(p).lowerMethod(x) },
			args: func(p []float64) []any { return netArgs(net(p)) },
			p:    p, wrt: []int{0, 1, 2},
			flat: func(out []any) []float64 {
				var g []float64
				for _, r := range out[0].(ir.SliceVal).FloatRows() {
					g = append(g, r...)
				}
				g = append(g, out[1].(float64))
				for i := range 2 {
					g = append(g, out[2].(ir.SliceVal).At(i).(ir.SliceVal).Floats()...)
				}
				return g
			},
		},
		{
			name: "lowerGrid",
			f:    func(p []float64) float64 { return lowerGrid(gridOf(p), p[6]) },
			args: gridArgs,
			p:    q, wrt: []int{0, 1},
			flat: func(out []any) []float64 {
				var g []float64
				for i := range 2 {
					g = append(g, out[0].(ir.SliceVal).At(i).(ir.SliceVal).Floats()...)
				}
				return append(g, out[1].(float64))
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := funcs[c.name]
			want := c.f(c.p)
			out, err := ir.Eval(f, c.args(c.p)...)
			if err != nil {
				t.Fatal(err)
			}
			if out[0].(float64) != want {
				t.Errorf("IR computes %v, Go %v", out[0], want)
			}
			sp, err := reverse.NewSplit(f, c.wrt, reverse.SplitNames(f.Name))
			if err != nil {
				t.Fatal(err)
			}
			grad := sp.Wrapper(reverse.Grad, f.Name+"Grad")
			for _, g := range []*ir.Func{sp.Forward, sp.Backward, grad} {
				if err := ir.Verify(g); err != nil {
					t.Fatalf("%s: %v", g.Name, err)
				}
			}
			gout, err := ir.EvalWith(map[string]*ir.Func{sp.Forward.Name: sp.Forward, sp.Backward.Name: sp.Backward}, grad, c.args(c.p)...)
			if err != nil {
				t.Fatal(err)
			}
			if gout[0].(float64) != want {
				t.Errorf("gradient's value %v, Go's %v", gout[0], want)
			}
			g := c.flat(gout[1:])
			if m := fdcheck.Mismatch(g, fdcheck.Gradient(c.f, c.p), 1e-7); m != "" {
				t.Errorf("gradient against finite differences: %s", m)
			}
			jvp := forward.Transform(f, c.wrt, f.Name+"JVP")
			if err := ir.Verify(jvp); err != nil {
				t.Fatal(err)
			}
			v := make([]float64, len(c.p))
			for i := range v {
				v[i] = math.Sin(float64(i) + 1)
			}
			args := c.args(c.p)
			targs := c.args(v)
			args = append(args, targs[:len(c.wrt)]...)
			jout, err := ir.Eval(jvp, args...)
			if err != nil {
				t.Fatal(err)
			}
			if jout[0].(float64) != want {
				t.Errorf("JVP's value %v, Go's %v", jout[0], want)
			}
			if dot := fdcheck.Dot(g, v); !fdcheck.Close(jout[1].(float64), dot, 1e-12) {
				t.Errorf("<JVP(v), 1> = %v, <v, grad> = %v", jout[1], dot)
			}
		})
	}
}
