package regress

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// triXs are four points of three values, some of them negative so that
// triSkip's index skips rows.
var triXs = []float64{0.3, -1.2, 0.8, 1.5, 0.4, -0.6, -0.9, 2.1, 0.2, 0.7, -0.3, 1.1}

// triangleProblems: the parameters of TriNorms (diag, ltri, mu: 3 each)
// and TriSkip (ltri, mu), flattened, with d = 3.
var triangleProblems = []fdcheck.Problem{
	{
		Name:  "TriNorms",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 9, -1.5, 1.5) },
		F:     func(p []float64) float64 { return TriNorms(3, p[:3], p[3:6], p[6:], triXs) },
		Grad: func(p []float64) (float64, []float64) {
			y, dd, dl, dm := TriNormsGrad(3, p[:3], p[3:6], p[6:], triXs)
			return y, append(append(dd, dl...), dm...)
		},
		JVP: func(p, v []float64) (float64, float64) {
			return TriNormsJVP(3, p[:3], p[3:6], p[6:], triXs, v[:3], v[3:6], v[6:])
		},
	},
	{
		Name:  "TriSkip",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 6, -1.5, 1.5) },
		F:     func(p []float64) float64 { return TriSkip(3, p[:3], p[3:], triXs) },
		Grad: func(p []float64) (float64, []float64) {
			y, dl, dm := TriSkipGrad(3, p[:3], p[3:], triXs)
			return y, append(dl, dm...)
		},
		JVP: func(p, v []float64) (float64, float64) {
			return TriSkipJVP(3, p[:3], p[3:], triXs, v[:3], v[3:])
		},
	},
}

// TestTriangleDerivatives checks the inlined triangular helpers' gradients
// against central finite differences and forward mode (see
// TestReverseDerivatives).
func TestTriangleDerivatives(t *testing.T) {
	for _, pr := range triangleProblems {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(11, uint64(len(pr.Name)))), 12, 1e-5)
		})
	}
}

// TestTriangleTapes checks what the tapes keep of the inlined helpers: no
// record of a call; TriNorms keeps its index's final value once (an int,
// the same at every point) and records only out's elements (centred's it
// computes again from xs and mu); TriSkip, whose index ends where the
// point says, keeps one final value per point.
func TestTriangleTapes(t *testing.T) {
	mu := []float64{0.1, -0.2, 0.3}
	var tn TriNormsTape
	TriNormsForward(&tn, 3, []float64{1, 2, 3}, []float64{0.5, -0.5, 0.25}, mu, triXs)
	if tn.k != 3 || len(tn.elem) != len(triXs) {
		t.Errorf("TriNorms: k %d, %d elements recorded; want 3 and out's %d", tn.k, len(tn.elem), len(triXs))
	}
	var ts TriSkipTape
	TriSkipForward(&ts, 3, []float64{0.5, -0.5, 0.25}, mu, triXs)
	if len(ts.k) != len(triXs)/3 {
		t.Errorf("TriSkip: %d final values of k, want one per point (%d)", len(ts.k), len(triXs)/3)
	}
	for _, tape := range []any{tn, ts} {
		typ := reflect.TypeOf(tape)
		for i := range typ.NumField() {
			if f := typ.Field(i); f.Type.Kind() == reflect.Struct {
				t.Errorf("%v holds %s, a callee's tape: the helper was not inlined", typ, f.Name)
			}
		}
	}
}
