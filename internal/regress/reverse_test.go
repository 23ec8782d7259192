package regress

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// scalar1 wraps a function of one scalar as a Problem's F.
func scalar1(f func(float64) float64) func([]float64) float64 {
	return func(p []float64) float64 { return f(p[0]) }
}

// F writes its slices: the finite differences call it on copies.
var reverseProblems = []fdcheck.Problem{
	{
		Name:  "Overwrite",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 1, -2, 2) },
		F:     scalar1(Overwrite),
		Grad: func(p []float64) (float64, []float64) {
			y, dx := OverwriteGrad(p[0])
			return y, []float64{dx}
		},
		JVP: func(p, v []float64) (float64, float64) { return OverwriteJVP(p[0], v[0]) },
	},
	{
		Name:  "OverwriteThrice",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 1, -2, 2) },
		F:     scalar1(OverwriteThrice),
		Grad: func(p []float64) (float64, []float64) {
			y, dx := OverwriteThriceGrad(p[0])
			return y, []float64{dx}
		},
		JVP: func(p, v []float64) (float64, float64) { return OverwriteThriceJVP(p[0], v[0]) },
	},
	{
		Name:  "OverwriteInBranch",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2, -1.5, 1.5) },
		F:     func(p []float64) float64 { return OverwriteInBranch(p[0], p[1]) },
		Grad: func(p []float64) (float64, []float64) {
			y, dx, dy := OverwriteInBranchGrad(p[0], p[1])
			return y, []float64{dx, dy}
		},
		JVP: func(p, v []float64) (float64, float64) { return OverwriteInBranchJVP(p[0], p[1], v[0], v[1]) },
	},
	{
		Name:  "OverwriteElems",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5, -1.5, 1.5) },
		F:     func(p []float64) float64 { return OverwriteElems(p[0], slices.Clone(p[1:])) },
		Grad: func(p []float64) (float64, []float64) {
			y, dx, dbuf := OverwriteElemsGrad(p[0], p[1:])
			return y, append([]float64{dx}, dbuf...)
		},
		JVP: func(p, v []float64) (float64, float64) { return OverwriteElemsJVP(p[0], p[1:], v[0], v[1:]) },
	},
	{
		Name:  "MoveParam",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2, -2, 2) },
		F:     func(p []float64) float64 { return MoveParam(p[0], p[1]) },
		Grad: func(p []float64) (float64, []float64) {
			y, dx, dy := MoveParamGrad(p[0], p[1])
			return y, []float64{dx, dy}
		},
		JVP: func(p, v []float64) (float64, float64) { return MoveParamJVP(p[0], p[1], v[0], v[1]) },
	},
	{
		Name:  "Swaps",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 3, -1.2, 1.2) },
		F:     func(p []float64) float64 { return Swaps(p[0], p[1], p[2]) },
		Grad: func(p []float64) (float64, []float64) {
			y, dx, dy, dz := SwapsGrad(p[0], p[1], p[2])
			return y, []float64{dx, dy, dz}
		},
		JVP: func(p, v []float64) (float64, float64) { return SwapsJVP(p[0], p[1], p[2], v[0], v[1], v[2]) },
	},
	{
		Name:  "SwapElems",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 4, -2, 2) },
		F:     func(p []float64) float64 { return SwapElems(slices.Clone(p)) },
		Grad:  SwapElemsGrad,
		JVP:   SwapElemsJVP,
	},
	{
		Name:  "BumpLast",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 4, -2, 2) },
		F:     func(p []float64) float64 { return BumpLast(slices.Clone(p)) },
		Grad:  BumpLastGrad,
		JVP:   BumpLastJVP,
	},
	{
		Name:  "BumpLocal",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 1, -2, 2) },
		F:     scalar1(BumpLocal),
		Grad: func(p []float64) (float64, []float64) {
			y, dx := BumpLocalGrad(p[0])
			return y, []float64{dx}
		},
		JVP: func(p, v []float64) (float64, float64) { return BumpLocalJVP(p[0], v[0]) },
	},
	{
		Name:  "BumpParam",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5, -2, 2) },
		F:     func(p []float64) float64 { return BumpParam(slices.Clone(p[:4]), p[4]) },
		Grad: func(p []float64) (float64, []float64) {
			y, dxs, dx := BumpParamGrad(p[:4], p[4])
			return y, append(dxs, dx)
		},
		JVP: func(p, v []float64) (float64, float64) { return BumpParamJVP(p[:4], p[4], v[:4], v[4]) },
	},
	{
		Name:  "BumpAt",
		Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5, -2.9, 2.9) },
		F:     func(p []float64) float64 { return BumpAt(p[0], slices.Clone(p[1:])) },
		Grad: func(p []float64) (float64, []float64) {
			y, dx, dxs := BumpAtGrad(p[0], p[1:])
			return y, append([]float64{dx}, dxs...)
		},
		JVP: func(p, v []float64) (float64, float64) { return BumpAtJVP(p[0], p[1:], v[0], v[1:]) },
	},
}

// Every reproducer, at seeded random points: FGrad's value is F's bit for
// bit, its gradient agrees with central finite differences, and FJVP
// agrees with FGrad (mode against mode). (That the generated file
// compiles at all is the regression test of the unused index.)
func TestReverseDerivatives(t *testing.T) {
	for _, pr := range reverseProblems {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(9, uint64(len(pr.Name)))), 12, 1e-5)
		})
	}
}

// The reproducers, at its points: the exact derivatives it asked
// for.
func TestReverseReproducers(t *testing.T) {
	if _, dx := OverwriteGrad(2); dx != 1 {
		t.Errorf("OverwriteGrad(2) = %v, want 1", dx)
	}
	if _, dx, dy := MoveParamGrad(2, 1); dx != 1 || dy != 0 {
		t.Errorf("MoveParamGrad(2, 1) = %v, %v, want 1, 0", dx, dy)
	}
}

// The tape holds only what the backward function reads once its dead code
// is gone: not the slice whose in-place update's index it no longer
// computes, nor a parameter read by a branch with nothing to differentiate.
// A callee's tape, which the calls of a call site share, holds a record
// per call, which is empty if its backward function reads nothing. The
// memory of a local slice (xs), and of its derivatives (dxs), is kept on
// the tape from run to run. A stack of a bound known when generating is an
// array and its count (ir.FixStacks).
func TestReverseTapesHoldOnlyWhatIsRead(t *testing.T) {
	tests := []struct {
		tape   any
		fields []string
	}{
		{MoveParamTape{}, nil},
		{bumpLastCallTape{}, []string{"calls"}},
		{BumpLocalTape{}, []string{"xs", "elem", "dxs"}},
		{BumpAtTape{}, []string{"x", "elem", "elemN"}}, // elem: a fixed stack and its count
	}
	for _, tc := range tests {
		typ := reflect.TypeOf(tc.tape)
		var got []string
		for i := range typ.NumField() {
			got = append(got, typ.Field(i).Name)
		}
		if !slices.Equal(got, tc.fields) {
			t.Errorf("%v has fields %v, want %v", typ, got, tc.fields)
		}
		if f, ok := typ.FieldByName("calls"); ok && f.Type.Elem().NumField() != 0 {
			t.Errorf("%v's records have %d fields, want none", typ, f.Type.Elem().NumField())
		}
	}
}
