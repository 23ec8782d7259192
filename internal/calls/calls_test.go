package calls

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

var mixturePoints = []float64{-1.5, -0.2, 0.3, 0.9, 2}

var twoLayersInput = []float64{0.7, -1.2}

// twoLayers cuts p into TwoLayers' weights: w1 (3×2), b1 (3), w2 (2×3), k.
func twoLayers(p []float64) (w1 [][]float64, b1 []float64, w2 [][]float64, k float64) {
	w1 = [][]float64{p[0:2], p[2:4], p[4:6]}
	b1 = p[6:9]
	w2 = [][]float64{p[9:12], p[12:15]}
	return w1, b1, w2, p[15]
}

func flat(m [][]float64) []float64 {
	var p []float64
	for _, r := range m {
		p = append(p, r...)
	}
	return p
}

func problems() []fdcheck.Problem {
	return []fdcheck.Problem{
		{
			Name:  "Neuron",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 4, -2, 2) },
			F:     func(p []float64) float64 { return Neuron(p[0], p[1], p[2], p[3]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dw, db, dx, dy := NeuronGrad(p[0], p[1], p[2], p[3])
				return y, []float64{dw, db, dx, dy}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return NeuronJVP(p[0], p[1], p[2], p[3], v[0], v[1], v[2], v[3])
			},
		},
		{
			Name:  "Power",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 1, -1.5, 1.5) },
			F:     func(p []float64) float64 { return Power(p[0], 7) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx := PowerGrad(p[0], 7)
				return y, []float64{dx}
			},
			JVP: func(p, v []float64) (float64, float64) { return PowerJVP(p[0], 7, v[0]) },
		},
		{
			Name:  "SinSeries",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 1, -3, 3) },
			F:     func(p []float64) float64 { return SinSeries(p[0], 9) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx := SinSeriesGrad(p[0], 9)
				return y, []float64{dx}
			},
			JVP: func(p, v []float64) (float64, float64) { return SinSeriesJVP(p[0], 9, v[0]) },
		},
		{
			Name:  "SoftplusSum",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 8, -2, 2) },
			F:     func(p []float64) float64 { return SoftplusSum(p[1:], p[0]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dxs, dk := SoftplusSumGrad(p[1:], p[0])
				return y, append([]float64{dk}, dxs...)
			},
			JVP: func(p, v []float64) (float64, float64) { return SoftplusSumJVP(p[1:], p[0], v[1:], v[0]) },
		},
		{
			Name:  "Ruled",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2, -1.5, 1.5) },
			F:     func(p []float64) float64 { return Ruled(p[0], p[1]) },
			Grad: func(p []float64) (float64, []float64) {
				y, da, db := RuledGrad(p[0], p[1])
				return y, []float64{da, db}
			},
			JVP: func(p, v []float64) (float64, float64) { return RuledJVP(p[0], p[1], v[0], v[1]) },
		},
		{
			// p holds w then b, 4 components each, at 5 fixed points.
			Name:  "Mixture",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 8, -1, 1) },
			F:     func(p []float64) float64 { return Mixture(p[:4], p[4:], mixturePoints) },
			Grad: func(p []float64) (float64, []float64) {
				y, dw, db := MixtureGrad(p[:4], p[4:], mixturePoints)
				return y, append(dw, db...)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return MixtureJVP(p[:4], p[4:], mixturePoints, v[:4], v[4:])
			},
		},
		{
			// p holds w1 (3×2), b1 (3), w2 (2×3) and k.
			Name:  "TwoLayers",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 16, -1, 1) },
			F: func(p []float64) float64 {
				w1, b1, w2, k := twoLayers(p)
				return TwoLayers(w1, b1, w2, k, twoLayersInput)
			},
			Grad: func(p []float64) (float64, []float64) {
				w1, b1, w2, k := twoLayers(p)
				y, dw1, db1, dw2, dk := TwoLayersGrad(w1, b1, w2, k, twoLayersInput)
				g := append(append(append(flat(dw1), db1...), flat(dw2)...), dk)
				return y, g
			},
			JVP: func(p, v []float64) (float64, float64) {
				w1, b1, w2, k := twoLayers(p)
				dw1, db1, dw2, dk := twoLayers(v)
				return TwoLayersJVP(w1, b1, w2, k, twoLayersInput, dw1, db1, dw2, dk)
			},
		},
		{
			Name:  "Peak",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5, -2, 2) },
			F:     Peak,
			Grad:  PeakGrad,
			JVP:   PeakJVP,
		},
		{
			Name:  "Filled",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 1, -1, 1) },
			F:     func(p []float64) float64 { return Filled(p[0]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx := FilledGrad(p[0])
				return y, []float64{dx}
			},
			JVP: func(p, v []float64) (float64, float64) { return FilledJVP(p[0], v[0]) },
		},
		{
			// p holds A, B, K and x.
			Name:  "ScaledAt",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 4, -2, 2) },
			F: func(p []float64) float64 {
				return ScaledAt(Scaled{Affine{p[0], p[1]}, p[2]}, p[3])
			},
			Grad: func(p []float64) (float64, []float64) {
				y, ds, dx := ScaledAtGrad(Scaled{Affine{p[0], p[1]}, p[2]}, p[3])
				return y, []float64{ds.A, ds.B, ds.K, dx}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return ScaledAtJVP(Scaled{Affine{p[0], p[1]}, p[2]}, p[3], Scaled{Affine{v[0], v[1]}, v[2]}, v[3])
			},
		},
		{
			Name:  "Constants",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 1, -2, 2) },
			F:     func(p []float64) float64 { return Constants(p[0], 7) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx := ConstantsGrad(p[0], 7)
				return y, []float64{dx}
			},
			JVP: func(p, v []float64) (float64, float64) { return ConstantsJVP(p[0], 7, v[0]) },
		},
	}
}

// TestDerivatives checks each generated gradient against central finite
// differences, the JVP against the gradient (<JVP(v), 1> = <v, grad>),
// and that both return F's value bit for bit.
func TestDerivatives(t *testing.T) {
	for _, pr := range problems() {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(1, 2)), 8, 1e-6)
		})
	}
}

// TestRuleStandsForTheBody checks that godiff uses a rule rather than the
// callee's body: round's true derivative is 0 almost everywhere, its rule
// says 1.
func TestRuleStandsForTheBody(t *testing.T) {
	for _, w := range []float64{-1.3, 0.1, 0.6, 2.2} {
		y, dw := QuantisedGrad(w)
		if y != Quantised(w) || dw != 3 {
			t.Errorf("QuantisedGrad(%v) = %v, %v; want %v, 3 (the rule's derivative 1, times 3)", w, y, dw, Quantised(w))
		}
	}
}

// TestPolarVJP checks a VJP of two results whose functions call helpers:
// each row of the Jacobian (a unit seed) against finite differences.
func TestPolarVJP(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 8 {
		p := fdcheck.Uniform(rng, 2, -2, 2)
		jac := fdcheck.Jacobian(func(q []float64) []float64 {
			r, theta := Polar(q[0], q[1])
			return []float64{r, theta}
		}, p)
		for row, seed := range [][2]float64{{1, 0}, {0, 1}} {
			r, theta, dx, dy := PolarVJP(p[0], p[1], seed[0], seed[1])
			wr, wt := Polar(p[0], p[1])
			if r != wr || theta != wt {
				t.Errorf("at %v: VJP values %v, %v; Polar %v, %v", p, r, theta, wr, wt)
			}
			if m := fdcheck.Mismatch([]float64{dx, dy}, jac[row], 1e-6); m != "" {
				t.Errorf("at %v, row %d: %s", p, row, m)
			}
		}
	}
}

// TestRecursionDepth checks a deep recursion: d/dx x^n = n x^(n-1).
func TestRecursionDepth(t *testing.T) {
	for _, n := range []int{0, 1, 2, 50, 300} {
		x := 1.001
		y, dx := PowerGrad(x, n)
		if !fdcheck.Close(y, math.Pow(x, float64(n)), 1e-12) {
			t.Errorf("Power(%v, %d) = %v, want %v", x, n, y, math.Pow(x, float64(n)))
		}
		want := float64(n) * math.Pow(x, float64(n-1))
		if !fdcheck.Close(dx, want, 1e-12) {
			t.Errorf("PowerGrad(%v, %d) derivative %v, want %v", x, n, dx, want)
		}
	}
}

// TestConcurrent runs the generated derivatives from 8 goroutines at once
// (run it with -race) and checks each against a serial run.
func TestConcurrent(t *testing.T) {
	for _, pr := range problems() {
		rng := rand.New(rand.NewPCG(5, 6))
		points := make([][]float64, 16)
		want := make([][]float64, len(points))
		for i := range points {
			points[i] = pr.Point(rng)
			_, want[i] = pr.Grad(points[i])
		}
		var wg sync.WaitGroup
		errs := make(chan string, 8*len(points))
		for range 8 {
			wg.Go(func() {
				for i, p := range points {
					if _, g := pr.Grad(p); fdcheck.Mismatch(g, want[i], 0) != "" {
						errs <- pr.Name
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for name := range errs {
			t.Errorf("%s: a concurrent gradient differs from the serial one", name)
		}
	}
}

// TestOutputWrittenByCallee checks a function whose output parameter a
// callee writes: <JVP(v), u> = <v, VJP(u)> over the output, and the VJP's
// rows (unit seeds) against finite differences.
func TestOutputWrittenByCallee(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	x := []float64{0.4, -0.9}
	for range 6 {
		p := fdcheck.Uniform(rng, 9, -1, 1) // w (3×2), b (3)
		w, b := [][]float64{p[0:2], p[2:4], p[4:6]}, p[6:9]
		u := fdcheck.Uniform(rng, 3, -1, 1) // a seed of the output
		v := fdcheck.Uniform(rng, 9, -1, 1) // a tangent of w and b
		out := make([]float64, 3)
		dout := make([]float64, 3)
		ApplyJVP(out, w, b, x, [][]float64{v[0:2], v[2:4], v[4:6]}, v[6:9], dout)
		want := make([]float64, 3)
		Apply(want, w, b, x)
		if fdcheck.Mismatch(out, want, 0) != "" {
			t.Errorf("ApplyJVP's output %v, Apply's %v", out, want)
		}
		seed := slices.Clone(u)
		dw, db := ApplyVJP(make([]float64, 3), w, b, x, seed)
		vjp := append(flat(dw), db...)
		if !fdcheck.Close(fdcheck.Dot(dout, u), fdcheck.Dot(v, vjp), 1e-10) {
			t.Errorf("<JVP(v), u> = %v, <v, VJP(u)> = %v", fdcheck.Dot(dout, u), fdcheck.Dot(v, vjp))
		}
		jac := fdcheck.Jacobian(func(q []float64) []float64 {
			o := make([]float64, 3)
			Apply(o, [][]float64{q[0:2], q[2:4], q[4:6]}, q[6:9], x)
			return o
		}, p)
		for row := range 3 {
			unit := make([]float64, 3)
			unit[row] = 1
			dw, db := ApplyVJP(make([]float64, 3), w, b, x, unit)
			if m := fdcheck.Mismatch(append(flat(dw), db...), jac[row], 1e-6); m != "" {
				t.Errorf("row %d of the Jacobian: %s", row, m)
			}
		}
	}
}

// mlpOf builds an MLP (hidden 3×2, output 1×3) from the flat vector p of
// its 22 weights: Hidden.W, Hidden.B, Out.W, Out.B, Gain, Shift.A,
// Shift.B.
func mlpOf(p []float64) *MLP {
	return &MLP{
		Hidden: Layer{W: [][]float64{p[0:2], p[2:4], p[4:6]}, B: p[6:9]},
		Out:    Layer{W: [][]float64{p[9:12]}, B: p[12:13]},
		Gain:   p[13],
		Shift:  Affine{A: p[14], B: p[15]},
	}
}

// flatMLP lists m's weights in mlpOf's order.
func flatMLP(m *MLP) []float64 {
	p := append(flat(m.Hidden.W), m.Hidden.B...)
	p = append(append(p, flat(m.Out.W)...), m.Out.B...)
	return append(p, m.Gain, m.Shift.A, m.Shift.B)
}

// TestMethodCalls checks a method that calls methods on its receiver's
// fields (writing into work buffers), a method of numbers, and a function
// taking a struct: the gradient, a fresh *MLP, against finite differences
// on every weight, the JVP against it, and the values against Loss.
func TestMethodCalls(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	x, y := []float64{0.3, -0.8}, 0.4
	for range 8 {
		p := fdcheck.Uniform(rng, 16, -1, 1)
		m := mlpOf(p)
		want := m.Loss(x, y)
		got, g := m.LossGrad(x, y)
		if got != want {
			t.Errorf("LossGrad value %v, Loss %v", got, want)
		}
		grad := flatMLP(g)
		fd := fdcheck.Gradient(func(q []float64) float64 { return mlpOf(q).Loss(x, y) }, p)
		if msg := fdcheck.Mismatch(grad, fd, 1e-6); msg != "" {
			t.Errorf("gradient against finite differences: %s", msg)
		}
		v := fdcheck.Uniform(rng, 16, -1, 1)
		yj, dy := m.LossJVP(x, y, mlpOf(v))
		if yj != want || !fdcheck.Close(dy, fdcheck.Dot(v, grad), 1e-10) {
			t.Errorf("LossJVP = %v, %v; want %v, <v, grad> = %v", yj, dy, want, fdcheck.Dot(v, grad))
		}
	}
	// A method called on a struct the function does not differentiate
	// stays a call, of its twin.
	f := Affine{A: 1.5, B: -0.5}
	for _, xv := range []float64{-1, 0.5, 2} {
		got, dx := FixedGrad(f, xv)
		if got != Fixed(f, xv) || !fdcheck.Close(dx, 2*f.A*xv+f.B, 1e-12) {
			t.Errorf("FixedGrad(%v) = %v, %v; want %v, %v", xv, got, dx, Fixed(f, xv), 2*f.A*xv+f.B)
		}
	}
}
