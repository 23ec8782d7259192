package checkpoint

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// A checkpointed loop whose body has no loop and calls nothing but math
// runs each iteration again with its backward code in place (the step
// adjoint, see reverse.Stepwise): its backward function calls neither the
// forward nor the backward function of the body's split form, and its tape
// has no tape for the body. Bodies with loops, and fused loops, keep the
// split form.
func TestStepWhereItApplies(t *testing.T) {
	split := regexp.MustCompile(`^[a-z][A-Za-z0-9]*Loop[0-9]+Call[A-Za-z0-9]*(Forward|Backward)$`)
	calls := make(map[string]bool) // function → whether it calls a body's split form
	fset := token.NewFileSet()
	for _, name := range []string{"funcs_godiff.go", "nostate_godiff.go", "rnn_godiff.go", "step_godiff.go"} {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil {
				continue
			}
			calls[fd.Name.Name] = false
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok {
					if id, ok := c.Fun.(*ast.Ident); ok && split.MatchString(id.Name) {
						calls[fd.Name.Name] = true
					}
				}
				return true
			})
		}
	}
	for _, c := range []struct {
		fn   string // the backward function, or the forward one of a fused loop
		step bool
	}{
		{"OrbitRevolveBackward", true},    // -snapshots, a range loop
		{"OrbitRevolve100Backward", true}, // the case
		{"OrbitBudgetBackward", true},     // -memory
		{"ForcedBackward", true},          // a three-clause loop reading its counter
		{"SettleBackward", true},          // a while loop
		{"HistogramBackward", true},       // no option: a sum into memory, rerun
		{"RowsBackward", true},            // reads a slice of slices
		{"NestedBackward", true},          // a marked loop inside another
		{"HistogramRevolveBackward", true},
		{"NestedRevolveBackward", true},
		{"BatchBackward", false},    // a loop in the body
		{"TailBackward", false},     // a loop in the body
		{"OrbitBackward", true},     // -every: the stretch run again plainly, its states kept
		{"OrbitLongBackward", true}, // -every=10000
		{"RNNBackward", false},      // a loop in the body
		{"SpringsBackward", false},  // a loop in the body
		{"MixtureForward", false},   // fused: the forward sweep runs the split form
		{"StencilBackward", false},  // a slice literal in the body
	} {
		got, ok := calls[c.fn]
		if !ok {
			t.Errorf("%s: not generated", c.fn)
			continue
		}
		if got == c.step {
			t.Errorf("%s: calls the body's split form: %v, want %v", c.fn, got, !c.step)
		}
	}
}

// The loops of step.go, whose bodies have branches and math calls, give
// the recorded gradient: Pendulum's bit for bit; Drift's to 1e-12, since
// the backward sweep of a loop marked with no option sums each
// iteration's derivatives of a and b before adding them to the totals
// (the value is the same bit for bit).
func TestStepSameAsRecorded(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 100, 1001} {
		for _, x0 := range []float64{0.9, -0.7} {
			y, a, b, c := PendulumGrad(x0, -0.4, 1.3, n)
			y0, a0, b0, c0 := PendulumRecordedGrad(x0, -0.4, 1.3, n)
			if y != y0 || a != a0 || b != b0 || c != c0 {
				t.Errorf("Pendulum, x0=%v, n=%d: (%v, %v, %v, %v) checkpointed, (%v, %v, %v, %v) recorded", x0, n, y, a, b, c, y0, a0, b0, c0)
			}
		}
		ys, as, bs := StencilGrad(0.6, 0.9, n)
		ys0, as0, bs0 := StencilRecordedGrad(0.6, 0.9, n)
		if ys != ys0 || as != as0 || bs != bs0 {
			t.Errorf("Stencil, n=%d: (%v, %v, %v) checkpointed, (%v, %v, %v) recorded", n, ys, as, bs, ys0, as0, bs0)
		}
		y, a, b := DriftGrad(0.8, -1.1, n)
		y0, a0, b0 := DriftRecordedGrad(0.8, -1.1, n)
		if y != y0 || fdcheck.Mismatch([]float64{a, b}, []float64{a0, b0}, 1e-12) != "" {
			t.Errorf("Drift, n=%d: (%v, %v, %v) checkpointed, (%v, %v, %v) recorded", n, y, a, b, y0, a0, b0)
		}
	}
}

// The same loops against central differences, and reverse mode against
// forward mode.
func TestStepDerivatives(t *testing.T) {
	problems := []fdcheck.Problem{
		{
			Name:  "Pendulum",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 3, -1, 1.5) },
			F:     func(p []float64) float64 { return Pendulum(p[0], p[1], p[2], 83) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c := PendulumGrad(p[0], p[1], p[2], 83)
				return y, []float64{a, b, c}
			},
			JVP: func(p, v []float64) (float64, float64) { return PendulumJVP(p[0], p[1], p[2], 83, v[0], v[1], v[2]) },
		},
		{
			Name:  "Drift",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2, -1, 1) },
			F:     func(p []float64) float64 { return Drift(p[0], p[1], 83) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b := DriftGrad(p[0], p[1], 83)
				return y, []float64{a, b}
			},
			JVP: func(p, v []float64) (float64, float64) { return DriftJVP(p[0], p[1], 83, v[0], v[1]) },
		},
		{
			Name:  "Stencil",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2, -1, 1) },
			F:     func(p []float64) float64 { return Stencil(p[0], p[1], 40) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b := StencilGrad(p[0], p[1], 40)
				return y, []float64{a, b}
			},
			JVP: func(p, v []float64) (float64, float64) { return StencilJVP(p[0], p[1], 40, v[0], v[1]) },
		},
	}
	for _, pr := range problems {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(17, uint64(len(pr.Name)))), 10, 1e-6)
		})
	}
}
