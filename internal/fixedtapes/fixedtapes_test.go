package fixedtapes

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// The generated derivatives against finite differences and forward mode.
func TestDerivatives(t *testing.T) {
	problems := []fdcheck.Problem{
		{
			Name: "Spin",
			Point: func(rng *rand.Rand) []float64 {
				return fdcheck.Uniform(rng, 6, 0.2, 1.5) // ‖k‖ away from 0
			},
			F: func(p []float64) float64 { return Spin(p[:3], p[3:]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dk, dv := SpinGrad(p[:3], p[3:])
				return y, append(dk, dv...)
			},
			JVP: func(p, v []float64) (float64, float64) { return SpinJVP(p[:3], p[3:], v[:3], v[3:]) },
		},
		{
			Name:  "Steps",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2, -1, 1) },
			F:     func(p []float64) float64 { return Steps(p[0], p[1]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, da := StepsGrad(p[0], p[1])
				return y, []float64{dx, da}
			},
			JVP: func(p, v []float64) (float64, float64) { return StepsJVP(p[0], p[1], v[0], v[1]) },
		},
	}
	rng := rand.New(rand.NewPCG(11, 5))
	for _, pr := range problems {
		t.Run(pr.Name, func(t *testing.T) { fdcheck.Check(t, pr, rng, 20, 1e-6) })
	}
}

// Inlining rotate (Spin) changes no derivative: SpinLooped, which keeps
// the call, gives the same gradient bit for bit.
func TestInlinedSameAsCalled(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 7))
	for range 200 {
		p := fdcheck.Uniform(rng, 6, -2, 2)
		y, dk, dv := SpinGrad(p[:3], p[3:])
		yl, dkl, dvl := SpinLoopedGrad(p[:3], p[3:])
		same := y == yl
		for i := range 3 {
			same = same && dk[i] == dkl[i] && dv[i] == dvl[i]
		}
		if !same {
			t.Fatalf("at %v: Spin %v %v %v, SpinLooped %v %v %v", p, y, dk, dv, yl, dkl, dvl)
		}
	}
}

// Which tapes hold their stacks in arrays (ir.FixStacks) and why, and
// what that saves: FGrad with an array tape allocates only its slice
// results, those of one element type in one array.
func TestFixedTapes(t *testing.T) {
	k, v := []float64{0.3, -0.4, 0.5}, []float64{1, 2, -1}
	tests := []struct {
		name   string
		tape   any
		fixed  bool
		allocs float64
		run    func()
	}{
		// rotate inlined, loops of 3: arrays; dk and dv are allocated,
		// in one array.
		{"Spin", SpinTape{}, true, 1, func() { SpinGrad(k, v) }},
		// rotate's call site holds a record per call: a slice, pooled.
		{"SpinLooped", SpinLoopedTape{}, false, 1, func() { SpinLoopedGrad(k, v) }},
		// nested loops and a branch of constant counts: arrays.
		{"Steps", StepsTape{}, true, 0, func() { StepsGrad(0.3, 0.7) }},
	}
	for _, tc := range tests {
		typ := reflect.TypeOf(tc.tape)
		stacks, arrays := 0, 0
		for i := range typ.NumField() {
			switch typ.Field(i).Type.Kind() {
			case reflect.Array:
				arrays++
			case reflect.Slice:
				if typ.Field(i).Type.Elem().Kind() == reflect.Float64 && typ.Field(i).Name != "k" && typ.Field(i).Name != "v" {
					stacks++
				}
			}
		}
		if got := arrays > 0 && stacks == 0; got != tc.fixed {
			t.Errorf("%s: %d array stacks and %d slice stacks; want fixed %v", tc.name, arrays, stacks, tc.fixed)
		}
		tc.run()
		if n := testing.AllocsPerRun(50, tc.run); tc.fixed && n != tc.allocs {
			t.Errorf("%s: the gradient allocates %v times, want %v (its results)", tc.name, n, tc.allocs)
		}
	}
}
