package structs

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// Each struct is seen as a flat vector of its differentiable fields, in
// declaration order, so that a gradient (a struct of the same type) can be
// compared with finite differences taken on the vector.

func uniform(rng *rand.Rand, n int, lo, hi float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = lo + (hi-lo)*rng.Float64()
	}
	return x
}

// netShape: 3 hidden units of which N = 2 are used, 4 inputs.
const hidden, inputs, used = 3, 4, 2

func netSize() int { return hidden*inputs + hidden + hidden + 1 + 2 + 6 }

// toNet unpacks p into a Net with the non-differentiated fields set.
func toNet(p []float64) *Net {
	n := &Net{Name: "net", N: used, Prev: &Net{Name: "prev"}}
	n.W1 = make([][]float64, hidden)
	for i := range n.W1 {
		n.W1[i], p = slices.Clone(p[:inputs]), p[inputs:]
	}
	n.B1, p = slices.Clone(p[:hidden]), p[hidden:]
	n.W2, p = slices.Clone(p[:hidden]), p[hidden:]
	n.B2, p = p[0], p[1:]
	n.Act.Scale, n.Act.Shift, p = p[0], p[1], p[2:]
	for i := range n.Grid {
		for j := range n.Grid[i] {
			n.Grid[i][j], p = p[0], p[1:]
		}
	}
	return n
}

// fromNet packs the differentiable fields of n.
func fromNet(n *Net) []float64 {
	var p []float64
	for _, r := range n.W1 {
		p = append(p, r...)
	}
	p = append(p, n.B1...)
	p = append(p, n.W2...)
	p = append(p, n.B2, n.Act.Scale, n.Act.Shift)
	for i := range n.Grid {
		p = append(p, n.Grid[i][:]...)
	}
	return p
}

var sampleX = []float64{0.7, -0.4, 1.1, 0.25}

const sampleY = 0.3

func toParams(p []float64) Params { return Params{W: slices.Clone(p[1:]), B: p[0], Label: "p"} }
func fromParams(p Params) []float64 {
	return append([]float64{p.B}, p.W...)
}

func toLayer(p []float64) *Layer {
	l := &Layer{ID: "l"}
	for i := range l.W {
		for j := range l.W[i] {
			l.W[i][j], p = p[0], p[1:]
		}
	}
	l.Scale, l.Shift, p = p[0], p[1], p[2:]
	l.Bias[0], l.Bias[1], p = p[0], p[1], p[2:]
	l.Post.Scale, l.Post.Shift, l.Gain = p[0], p[1], float32(p[2])
	return l
}

func fromLayer(l *Layer) []float64 {
	var p []float64
	for i := range l.W {
		p = append(p, l.W[i][:]...)
	}
	return append(p, l.Scale, l.Shift, l.Bias[0], l.Bias[1], l.Post.Scale, l.Post.Shift, float64(l.Gain))
}

var layerX = [3]float64{0.5, -1.5, 0.8}

func toGrid(p []float64) (g [2][3]float64) {
	for i := range g {
		for j := range g[i] {
			g[i][j] = p[3*i+j]
		}
	}
	return g
}

func fromGrid(g [2][3]float64) []float64 { return append(slices.Clone(g[0][:]), g[1][:]...) }

func toStats(p []float64) *Stats { return &Stats{Eps: p[0], X: slices.Clone(p[1:])} }
func fromStats(s *Stats) []float64 {
	return append([]float64{s.Eps}, s.X...)
}

// problem is one annotated function or method seen as a function of the
// flat vector of what it differentiates: its value, its generated
// gradient and JVP, each bit for bit the function's value.
type problem struct {
	name  string
	size  int
	point func(rng *rand.Rand) []float64
	f     func(p []float64) float64
	grad  func(p []float64) (float64, []float64)
	jvp   func(p, v []float64) (float64, float64)
	tol   float64 // of the finite differences, if not the default
	// f32 lists the entries held in float32 fields: rounded to float32 in
	// points and directions, differenced with a step far above their
	// rounding, and, since their adjoints are rounded to float32 too,
	// compared more loosely in the dot-product test.
	f32 []int
}

var problems = []problem{
	{
		name: "Net.Loss",
		size: netSize(),
		f:    func(p []float64) float64 { return toNet(p).Loss(sampleX, sampleY) },
		grad: func(p []float64) (float64, []float64) {
			y, dn := toNet(p).LossGrad(sampleX, sampleY)
			return y, fromNet(dn)
		},
		jvp: func(p, v []float64) (float64, float64) { return toNet(p).LossJVP(sampleX, sampleY, toNet(v)) },
	},
	{
		name: "Net.LossVJP",
		size: netSize(),
		f:    func(p []float64) float64 { return toNet(p).Loss(sampleX, sampleY) },
		grad: func(p []float64) (float64, []float64) {
			y, dn := toNet(p).LossVJP(sampleX, sampleY, 1)
			return y, fromNet(dn)
		},
		jvp: func(p, v []float64) (float64, float64) { return toNet(p).LossJVP(sampleX, sampleY, toNet(v)) },
	},
	{
		name: "Fit",
		size: 5,
		f:    func(p []float64) float64 { return Fit(toParams(p), sampleX) },
		grad: func(p []float64) (float64, []float64) {
			y, dp := FitGrad(toParams(p), sampleX)
			return y, fromParams(dp)
		},
		jvp: func(p, v []float64) (float64, float64) { return FitJVP(toParams(p), sampleX, toParams(v)) },
	},
	{
		// The value receiver, x and lam: p is (B, W..., x..., lam).
		name: "Params.Ridge",
		size: 10,
		f:    func(p []float64) float64 { return toParams(p[:5]).Ridge(p[5:9], p[9]) },
		grad: func(p []float64) (float64, []float64) {
			y, dp, dx, dlam := toParams(p[:5]).RidgeGrad(p[5:9], p[9])
			return y, append(append(fromParams(dp), dx...), dlam)
		},
		jvp: func(p, v []float64) (float64, float64) {
			return toParams(p[:5]).RidgeJVP(p[5:9], p[9], toParams(v[:5]), v[5:9], v[9])
		},
	},
	{
		// Calls of package functions with fields: p is (B, W..., x...).
		name: "Params.Score",
		size: 9,
		f:    func(p []float64) float64 { return toParams(p[:5]).Score(p[5:]) },
		grad: func(p []float64) (float64, []float64) {
			y, dp, dx := toParams(p[:5]).ScoreGrad(p[5:])
			return y, append(fromParams(dp), dx...)
		},
		jvp: func(p, v []float64) (float64, float64) {
			return toParams(p[:5]).ScoreJVP(p[5:], toParams(v[:5]), v[5:])
		},
	},
	{
		name: "Layer.Apply",
		size: 13,
		f:    func(p []float64) float64 { return toLayer(p).Apply(layerX) },
		grad: func(p []float64) (float64, []float64) {
			y, dl := toLayer(p).ApplyGrad(layerX)
			return y, fromLayer(dl)
		},
		jvp: func(p, v []float64) (float64, float64) { return toLayer(p).ApplyJVP(layerX, toLayer(v)) },
		f32: []int{12}, // Gain
	},
	{
		name: "Frobenius",
		size: 7,
		f:    func(p []float64) float64 { return Frobenius(toGrid(p), p[6]) },
		grad: func(p []float64) (float64, []float64) {
			y, dg, dw := FrobeniusGrad(toGrid(p), p[6])
			return y, append(fromGrid(dg), dw)
		},
		jvp: func(p, v []float64) (float64, float64) { return FrobeniusJVP(toGrid(p), p[6], toGrid(v), v[6]) },
	},
	{
		name:  "Stats.Normalize",
		size:  5,
		point: func(rng *rand.Rand) []float64 { p := uniform(rng, 5, -1, 1); p[0] = 0.5; return p },
		f:     func(p []float64) float64 { return toStats(p).Normalize() },
		grad: func(p []float64) (float64, []float64) {
			y, ds := toStats(p).NormalizeGrad()
			return y, fromStats(ds)
		},
		jvp: func(p, v []float64) (float64, float64) { return toStats(p).NormalizeJVP(toStats(v)) },
	},
}

// Every derivative against central finite differences at random points,
// the gradient's and the JVP's values bit for bit F's, and forward against
// reverse mode: <JVP(v), 1> = <v, grad>.
func TestDerivatives(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, pr := range problems {
		t.Run(pr.name, func(t *testing.T) {
			tol := pr.tol
			if tol == 0 {
				tol = 1e-7
			}
			for range 5 {
				var p []float64
				if pr.point != nil {
					p = pr.point(rng)
				} else {
					p = uniform(rng, pr.size, -1, 1)
				}
				v := uniform(rng, len(p), -1, 1)
				for _, i := range pr.f32 {
					p[i], v[i] = float64(float32(p[i])), float64(float32(v[i]))
				}
				want := pr.f(p)
				y, g := pr.grad(p)
				if math.Float64bits(y) != math.Float64bits(want) {
					t.Errorf("gradient's value %v, F's %v", y, want)
				}
				fd := fdcheck.Gradient(pr.f, p)
				modeTol := 1e-12
				if len(pr.f32) > 0 {
					// F is linear in each float32 field: no truncation
					// error for a large step, and the step's rounding to
					// float32 costs some 1e-6.
					fd32 := fdcheck.GradientStep(pr.f, p, 1e-2)
					for _, i := range pr.f32 {
						if !fdcheck.Close(g[i], fd32[i], 1e-5) {
							t.Errorf("at %v: gradient entry %d (float32) = %v, finite differences %v", p, i, g[i], fd32[i])
						}
						fd[i] = g[i]
					}
					modeTol = 1e-6
				}
				if m := fdcheck.Mismatch(g, fd, tol); m != "" {
					t.Errorf("at %v: gradient against finite differences: %s", p, m)
				}
				yj, dy := pr.jvp(p, v)
				if math.Float64bits(yj) != math.Float64bits(want) {
					t.Errorf("JVP's value %v, F's %v", yj, want)
				}
				if dot := fdcheck.Dot(g, v); !fdcheck.Close(dy, dot, modeTol) {
					t.Errorf("<JVP(v), 1> = %v, <v, grad> = %v", dy, dot)
				}
			}
		})
	}
}

// A float32 method: its gradient against finite differences in float64
// of a float32 function, loosely, and against its JVP.
func TestFloat32(t *testing.T) {
	m := Small{A: 0.75, V: []float32{0.5, -1, 2}}
	const k = float32(1.5)
	y, dm, dk := m.EnergyGrad(k)
	if y != m.Energy(k) {
		t.Errorf("gradient's value %v, F's %v", y, m.Energy(k))
	}
	if want := 2 * m.A; dm.A != want {
		t.Errorf("dm.A = %v, want %v", dm.A, want)
	}
	for i, v := range m.V {
		if want := 2 * k * v; dm.V[i] != want {
			t.Errorf("dm.V[%d] = %v, want %v", i, dm.V[i], want)
		}
	}
	if want := float32(0.25 + 1 + 4); dk != want {
		t.Errorf("dk = %v, want %v", dk, want)
	}
	dir := Small{A: 1, V: []float32{0.5, 0.25, -1}}
	_, dy := m.EnergyJVP(k, dir, 2)
	want := dm.A*dir.A + 2*dk
	for i := range m.V {
		want += dm.V[i] * dir.V[i]
	}
	if math.Abs(float64(dy-want)) > 1e-5 {
		t.Errorf("<JVP(v), 1> = %v, <v, grad> = %v", dy, want)
	}
}

// <JVP(v), w> = <v, VJP(w)>, for a seed w other than 1.
func TestModeAgainstMode(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	p, v := uniform(rng, netSize(), -1, 1), uniform(rng, netSize(), -1, 1)
	const w = -1.75
	_, dy := toNet(p).LossJVP(sampleX, sampleY, toNet(v))
	_, dn := toNet(p).LossVJP(sampleX, sampleY, w)
	if lhs, rhs := dy*w, fdcheck.Dot(v, fromNet(dn)); !fdcheck.Close(lhs, rhs, 1e-12) {
		t.Errorf("<JVP(v), w> = %v, <v, VJP(w)> = %v", lhs, rhs)
	}
}

// The gradient of a *Net is a fresh *Net of the primal's shape: every
// slice the same length, every row of W1 too, even the rows and units the
// loss does not read; what is not differentiated stays zero.
func TestGradientShape(t *testing.T) {
	n := toNet(uniform(rand.New(rand.NewPCG(5, 6)), netSize(), -1, 1))
	n.W1[1] = append(n.W1[1], 9, 9) // a ragged row: its adjoint is just as long
	_, dn := n.LossGrad(sampleX, sampleY)
	if dn == n || dn.W1 == nil || &dn.W1[0][0] == &n.W1[0][0] {
		t.Fatalf("the gradient shares memory with the primal")
	}
	if len(dn.W1) != len(n.W1) || len(dn.B1) != len(n.B1) || len(dn.W2) != len(n.W2) {
		t.Fatalf("shape: W1 %d, B1 %d, W2 %d; want %d, %d, %d", len(dn.W1), len(dn.B1), len(dn.W2), len(n.W1), len(n.B1), len(n.W2))
	}
	for i := range n.W1 {
		if len(dn.W1[i]) != len(n.W1[i]) {
			t.Errorf("row %d of dW1 has %d elements, W1's %d", i, len(dn.W1[i]), len(n.W1[i]))
		}
	}
	// Unit 2 is beyond N: its weights do not reach the loss.
	for j, g := range dn.W1[2] {
		if g != 0 {
			t.Errorf("dn.W1[2][%d] = %v, want 0", j, g)
		}
	}
	if dn.B1[2] != 0 || dn.W2[2] != 0 {
		t.Errorf("dn.B1[2] = %v, dn.W2[2] = %v, want 0", dn.B1[2], dn.W2[2])
	}
	if dn.Name != "" || dn.N != 0 || dn.Prev != nil {
		t.Errorf("non-differentiated fields of the gradient: Name %q, N %d, Prev %v; want zero", dn.Name, dn.N, dn.Prev)
	}
	// A struct value's gradient is a struct value of its type.
	_, dp := FitGrad(Params{W: []float64{1, 2, 3, 4}, B: 0.5, Label: "fit"}, sampleX)
	if len(dp.W) != 4 || dp.Label != "" {
		t.Errorf("FitGrad's dp = %+v: want 4 weights and no label", dp)
	}
	_, dl := toLayer(uniform(rand.New(rand.NewPCG(7, 8)), 13, -1, 1)).ApplyGrad(layerX)
	if dl.ID != "" {
		t.Errorf("ApplyGrad's dl.ID = %q, want empty", dl.ID)
	}
}

// NetLossBackward adds into the caller's *Net: over a mini-batch, with one
// tape reused, it sums the per-example gradients; dn.B2 and dn.W1[i][j]
// accumulate like the slices.
func TestMiniBatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	n := toNet(uniform(rng, netSize(), -1, 1))
	type example struct {
		x []float64
		y float64
	}
	batch := make([]example, 6)
	for i := range batch {
		batch[i] = example{uniform(rng, inputs, -1, 1), rng.Float64()}
	}
	want := make([]float64, netSize())
	for _, ex := range batch {
		_, g := n.LossGrad(ex.x, ex.y)
		for i, v := range fromNet(g) {
			want[i] += v
		}
	}
	// The caller's buffer: its fields of other types are its own business.
	dn := &Net{W1: make([][]float64, hidden), B1: make([]float64, hidden), W2: make([]float64, hidden), Name: "acc", N: 7}
	for i := range dn.W1 {
		dn.W1[i] = make([]float64, inputs)
	}
	var tape NetLossTape
	for _, ex := range batch {
		n.LossForward(&tape, ex.x, ex.y)
		NetLossBackward(&tape, 1, dn)
	}
	if m := fdcheck.Mismatch(fromNet(dn), want, 1e-13); m != "" {
		t.Errorf("mini-batch sum: %s", m)
	}
	if dn.Name != "acc" || dn.N != 7 || dn.Prev != nil {
		t.Errorf("NetLossBackward changed the buffer's other fields: Name %q, N %d, Prev %v", dn.Name, dn.N, dn.Prev)
	}
	// With a tape and a buffer kept, a gradient step allocates nothing.
	allocs := testing.AllocsPerRun(20, func() {
		n.LossForward(&tape, batch[0].x, batch[0].y)
		NetLossBackward(&tape, 1, dn)
	})
	if allocs != 0 {
		t.Errorf("a split gradient with a reused tape allocates %v times", allocs)
	}
	// And a struct value's buffer: FitBackward adds into *Params.
	var dp Params
	dp.W = make([]float64, 4)
	var ft FitTape
	p := Params{W: []float64{0.5, -1, 0.25, 2}, B: 0.1}
	wantP := make([]float64, 5)
	for _, ex := range batch {
		FitForward(&ft, p, ex.x)
		FitBackward(&ft, 1, &dp)
		_, g := FitGrad(p, ex.x)
		for i, v := range fromParams(g) {
			wantP[i] += v
		}
	}
	if m := fdcheck.Mismatch(fromParams(dp), wantP, 1e-13); m != "" {
		t.Errorf("mini-batch sum of Fit: %s", m)
	}
}

// A method that writes the elements of a field in place: FBackward's
// buffer ds.X holds the seed of the written X on entry and the derivative
// with respect to its initial contents on return; the JVP updates ds.X in
// place as Normalize updates X.
func TestInPlaceField(t *testing.T) {
	s := &Stats{X: []float64{3, -4, 1}, Eps: 0.5}
	norm := math.Sqrt(0.5 + 9 + 16 + 1)
	var tape StatsNormalizeTape
	if got := s.NormalizeForward(&tape); got != norm {
		t.Fatalf("NormalizeForward = %v, want %v", got, norm)
	}
	if !fdcheck.Close(s.X[0], 3/norm, 1e-15) {
		t.Errorf("X[0] = %v after the forward sweep, want %v", s.X[0], 3/norm)
	}
	// The seed: d(X[0] after)/d(X before) with the result's seed 0.
	ds := &Stats{X: []float64{1, 0, 0}}
	StatsNormalizeBackward(&tape, 0, ds)
	x0 := []float64{3, -4, 1}
	f := func(p []float64) float64 {
		st := toStats(p)
		st.Normalize()
		return st.X[0]
	}
	want := fdcheck.Gradient(f, append([]float64{0.5}, x0...))
	if m := fdcheck.Mismatch(fromStats(ds), want, 1e-7); m != "" {
		t.Errorf("d X[0] / d (Eps, X): %s", m)
	}
	// The JVP writes the tangent of the new X into ds.X.
	s2 := &Stats{X: slices.Clone(x0), Eps: 0.5}
	dir := &Stats{X: []float64{1, 0, 0}}
	s2.NormalizeJVP(dir)
	// d X[0]/d X[0] along e0 is the first column of the Jacobian.
	g0 := fdcheck.Gradient(f, append([]float64{0.5}, x0...))
	if !fdcheck.Close(dir.X[0], g0[1], 1e-7) {
		t.Errorf("tangent of X[0] = %v, finite differences %v", dir.X[0], g0[1])
	}
}

// Generated methods are safe to call from many goroutines at once: each
// call has a tape of its own, and the primal is only read.
func TestConcurrentCalls(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	n := toNet(uniform(rng, netSize(), -1, 1))
	xs := make([][]float64, 16)
	want := make([][]float64, len(xs))
	for i := range xs {
		xs[i] = uniform(rng, inputs, -1, 1)
		_, g := n.LossGrad(xs[i], sampleY)
		want[i] = fromNet(g)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(xs))
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var tape NetLossTape
			for k := range xs {
				i := (k + w) % len(xs)
				_, g := n.LossGrad(xs[i], sampleY)
				if m := fdcheck.Mismatch(fromNet(g), want[i], 0); m != "" {
					errs <- "LossGrad: " + m
				}
				dn := toNet(make([]float64, netSize()))
				n.LossForward(&tape, xs[i], sampleY)
				NetLossBackward(&tape, 1, dn)
				if m := fdcheck.Mismatch(fromNet(dn), want[i], 0); m != "" {
					errs <- "split: " + m
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
