package regress

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// scalar is a function of one float64 under test, checked at points drawn
// from [lo, hi), or from [lo, hi) and its mirror (-hi, -lo] when both signs
// are wanted.
type scalar struct {
	name      string
	f         func(float64) float64
	grad      func(float64) (float64, float64)
	jvp       func(x, dx float64) (float64, float64)
	lo, hi    float64
	bothSigns bool
}

var constScalars = []scalar{
	{"PowConstBase", PowConstBase, PowConstBaseGrad, PowConstBaseJVP, -2, 2, false},
	{"PowConstExponent", PowConstExponent, PowConstExponentGrad, PowConstExponentJVP, -2, 2, false},
	// Away from the kinks of Max and Min (0.5, -0.25) and the pole of 2/x.
	{"BinaryRulesOneConst", BinaryRulesOneConst, BinaryRulesOneConstGrad, BinaryRulesOneConstJVP, 1, 2, true},
	{"UnaryRulesOnConst", UnaryRulesOnConst, UnaryRulesOnConstGrad, UnaryRulesOnConstJVP, -2, 2, false},
	{"DebugIf", DebugIf, DebugIfGrad, DebugIfJVP, -2, 2, false},
	{"DebugAndNot", DebugAndNot, DebugAndNotGrad, DebugAndNotJVP, 0.5, 2, true},
	// From 2 up the constant loop's break ends it.
	{"DebugLoop", DebugLoop, DebugLoopGrad, DebugLoopJVP, 2, 3, false},
	{"ConstLoops", ConstLoops, ConstLoopsGrad, ConstLoopsJVP, -2, 2, false},
	{"Identities", Identities, IdentitiesGrad, IdentitiesJVP, 0.5, 2, true},
	{"ConstIndex", ConstIndex, ConstIndexGrad, ConstIndexJVP, -2, 2, false},
	{"DebugReturn", DebugReturn, DebugReturnGrad, DebugReturnJVP, -2, 2, false},
	// Away from where the loop's return moves from one trip to the next.
	{"DebugForReturn", DebugForReturn, DebugForReturnGrad, DebugForReturnJVP, 1.5, 2.3, false},
	{"ConstSwitch", ConstSwitch, ConstSwitchGrad, ConstSwitchJVP, -2, 2, false},
	// Away from Max's kink at 0.
	{"QuietLoop", QuietLoop, QuietLoopGrad, QuietLoopJVP, 0.5, 2, true},
	{"ConstArray", ConstArray, ConstArrayGrad, ConstArrayJVP, -2, 2, false},
}

func (s scalar) problem() fdcheck.Problem {
	return fdcheck.Problem{
		Name: s.name,
		Point: func(rng *rand.Rand) []float64 {
			x := fdcheck.Uniform(rng, 1, s.lo, s.hi)
			if s.bothSigns && rng.IntN(2) == 0 {
				x[0] = -x[0]
			}
			return x
		},
		F: func(p []float64) float64 { return s.f(p[0]) },
		Grad: func(p []float64) (float64, []float64) {
			y, dx := s.grad(p[0])
			return y, []float64{dx}
		},
		JVP: func(p, v []float64) (float64, float64) { return s.jvp(p[0], v[0]) },
	}
}

func TestConsts(t *testing.T) {
	problems := []fdcheck.Problem{{
		// ys[0] decides one condition; ys[5] is never read.
		Name:  "DebugOr",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 3, -2, 2) },
		F:     func(p []float64) float64 { return DebugOr(p[0], p[1:]) },
		Grad: func(p []float64) (float64, []float64) {
			y, dx, dys := DebugOrGrad(p[0], p[1:])
			return y, append([]float64{dx}, dys...)
		},
		JVP: func(p, v []float64) (float64, float64) { return DebugOrJVP(p[0], p[1:], v[0], v[1:]) },
	}}
	for _, n := range []int{-1, 0, 2} {
		problems = append(problems, scalar{
			"ConstExits",
			func(x float64) float64 { return ConstExits(x, n) },
			func(x float64) (float64, float64) { return ConstExitsGrad(x, n) },
			func(x, dx float64) (float64, float64) { return ConstExitsJVP(x, n, dx) },
			-2, 2, false,
		}.problem())
	}
	for _, s := range constScalars {
		problems = append(problems, s.problem())
	}
	for _, pr := range problems {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(1, 2)), 50, 1e-6)
		})
	}
}

// TestDivConstZero checks x / 0 against Go's own: ±Inf (NaN at 0), and
// the derivative 1/0 = +Inf in both modes, where finite differences have
// nothing to say.
func TestDivConstZero(t *testing.T) {
	for _, x := range []float64{-1.5, 0, 2} {
		want := DivConstZero(x)
		y, dx := DivConstZeroGrad(x)
		yj, dy := DivConstZeroJVP(x, 0.5)
		if !same(y, want) || !same(yj, want) {
			t.Errorf("at %v: Grad's value %v, JVP's %v, F's %v", x, y, yj, want)
		}
		if !math.IsInf(dx, 1) || !math.IsInf(dy, 1) {
			t.Errorf("at %v: gradient %v, JVP along 0.5 %v; want +Inf for both", x, dx, dy)
		}
	}
}

// same reports whether x and y are the same float64, NaN included.
func same(x, y float64) bool {
	return math.Float64bits(x) == math.Float64bits(y) || (math.IsNaN(x) && math.IsNaN(y))
}
