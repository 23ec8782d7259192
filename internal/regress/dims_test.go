package regress

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// dimsProblems wraps the functions of dims.go, which call methods of
// several results.
func dimsProblems() []fdcheck.Problem {
	grid := Grid{NX: 1, NY: 2}
	field := func(p []float64) *Field { return &Field{R: 2, C: 3, Scale: p[0], Data: p[1:]} }
	pair := func(p []float64) Pair { return Pair{A: p[0], B: p[1], N: 3} }
	return []fdcheck.Problem{
		{
			Name:  "Total",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 7, -2, 2) },
			F:     func(p []float64) float64 { return field(p).Total(grid) },
			Grad: func(p []float64) (float64, []float64) {
				y, df := field(p).TotalGrad(grid)
				return y, append([]float64{df.Scale}, df.Data...)
			},
			JVP: func(p, v []float64) (float64, float64) { return field(p).TotalJVP(grid, field(v)) },
		},
		{
			Name:  "PairLoss",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 3, -2, 2) },
			F:     func(p []float64) float64 { return PairLoss(pair(p), p[2]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dp, dx := PairLossGrad(pair(p), p[2])
				return y, []float64{dp.A, dp.B, dx}
			},
			JVP: func(p, v []float64) (float64, float64) { return PairLossJVP(pair(p), p[2], pair(v), v[2]) },
		},
		{
			Name:  "SplitProduct",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 1, -2, 2) },
			F:     func(p []float64) float64 { return Split{}.SplitProduct(p[0]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx := Split{}.SplitProductGrad(p[0])
				return y, []float64{dx}
			},
			JVP: func(p, v []float64) (float64, float64) { return Split{}.SplitProductJVP(p[0], v[0]) },
		},
	}
}

// TestDimsDerivatives checks calls of methods of several results, of
// structs of ints, of structs with a slice, of structs of floats and of
// empty structs: values bit for bit, gradients against finite
// differences, forward mode against reverse.
func TestDimsDerivatives(t *testing.T) {
	for _, pr := range dimsProblems() {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(10, 63)), 16, 1e-6)
		})
	}
}

// TestDimsSplitForm checks SplitProduct's VJP and the split form of
// Total: seed times gradient, added into the buffers.
func TestDimsSplitForm(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 64))
	for range 8 {
		x, s := 4*rng.Float64()-2, 0.5+rng.Float64()
		want, g := Split{}.SplitProductGrad(x)
		if y, dx := (Split{}).SplitProductVJP(x, s); y != want || !fdcheck.Close(dx, s*g, 1e-12) {
			t.Errorf("SplitProductVJP(%v, %v) = %v, %v; want %v, %v", x, s, y, dx, want, s*g)
		}
		p := fdcheck.Uniform(rng, 7, -2, 2)
		f := &Field{R: 2, C: 3, Scale: p[0], Data: p[1:]}
		want, df := f.TotalGrad(Grid{NX: 2, NY: 1})
		var tape FieldTotalTape
		if y := f.TotalForward(&tape, Grid{NX: 2, NY: 1}); y != want {
			t.Fatalf("TotalForward = %v, TotalGrad %v", y, want)
		}
		acc := &Field{Scale: 1, Data: slices.Repeat([]float64{1}, 6)}
		FieldTotalBackward(&tape, s, acc)
		got := append([]float64{acc.Scale - 1}, acc.Data...)
		for i := 1; i < len(got); i++ {
			got[i]--
		}
		wantG := append([]float64{s * df.Scale}, df.Data...)
		for i := 1; i < len(wantG); i++ {
			wantG[i] *= s
		}
		if m := fdcheck.Mismatch(got, wantG, 1e-12); m != "" {
			t.Errorf("FieldTotalBackward added %v, want seed times gradient: %s", got, m)
		}
	}
}
