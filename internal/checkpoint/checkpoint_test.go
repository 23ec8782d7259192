package checkpoint

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// points returns n points in [-2, 2).
func points(rng *rand.Rand, n int) []float64 { return fdcheck.Uniform(rng, n, -2, 2) }

// The checkpointed gradients against finite differences and forward mode.
func TestDerivatives(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	xs := points(rng, 7)
	const d, h = 3, 4
	bx, by := points(rng, 5*d), points(rng, 5)
	lx := points(rng, 6*d)
	problems := []fdcheck.Problem{
		{
			Name:  "Mixture",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 9, -1, 1) },
			F:     func(p []float64) float64 { return Mixture(p, xs) },
			Grad:  func(p []float64) (float64, []float64) { return MixtureGrad(p, xs) },
			JVP:   func(p, v []float64) (float64, float64) { return MixtureJVP(p, xs, v) },
		},
		{
			Name:  "Batch",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, d+1, -1, 1) },
			F:     func(p []float64) float64 { return Batch(p[:d], p[d], bx, by) },
			Grad: func(p []float64) (float64, []float64) {
				y, dw, db := BatchGrad(p[:d], p[d], bx, by)
				return y, append(dw, db)
			},
			JVP: func(p, v []float64) (float64, float64) { return BatchJVP(p[:d], p[d], bx, by, v[:d], v[d]) },
		},
		{
			Name:  "Layer",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, h*d+h, -1, 1) },
			F:     func(p []float64) float64 { return Layer(p[:h*d], p[h*d:], lx) },
			Grad: func(p []float64) (float64, []float64) {
				y, dwh, dv := LayerGrad(p[:h*d], p[h*d:], lx)
				return y, append(dwh, dv...)
			},
			JVP: func(p, v []float64) (float64, float64) { return LayerJVP(p[:h*d], p[h*d:], lx, v[:h*d], v[h*d:]) },
		},
		{
			Name:  "Histogram",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 3, -1, 1) },
			F:     func(p []float64) float64 { return Histogram(p, xs) },
			Grad:  func(p []float64) (float64, []float64) { return HistogramGrad(p, xs) },
			JVP:   func(p, v []float64) (float64, float64) { return HistogramJVP(p, xs, v) },
		},
		{
			Name:  "Scaled",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 5, -1, 1) },
			F:     func(p []float64) float64 { return Scaled(p, xs) },
			Grad:  func(p []float64) (float64, []float64) { return ScaledGrad(p, xs) },
			JVP:   func(p, v []float64) (float64, float64) { return ScaledJVP(p, xs, v) },
		},
		{
			Name:  "Nested",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2, -1, 1) },
			F:     func(p []float64) float64 { return Nested(p, xs) },
			Grad:  func(p []float64) (float64, []float64) { return NestedGrad(p, xs) },
			JVP:   func(p, v []float64) (float64, float64) { return NestedJVP(p, xs, v) },
		},
		{
			Name:  "Tail",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, h*d+h, -1, 1) },
			F:     func(p []float64) float64 { return Tail(p[:h*d], p[h*d:], lx) },
			Grad: func(p []float64) (float64, []float64) {
				y, dwh, dv := TailGrad(p[:h*d], p[h*d:], lx)
				return y, append(dwh, dv...)
			},
			JVP: func(p, v []float64) (float64, float64) { return TailJVP(p[:h*d], p[h*d:], lx, v[:h*d], v[h*d:]) },
		},
		{
			Name:  "Orbit",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 3, 0.5, 1.5) },
			F:     func(p []float64) float64 { return Orbit(p[0], p[1], p[2], 97) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c := OrbitGrad(p[0], p[1], p[2], 97)
				return y, []float64{a, b, c}
			},
			JVP: func(p, v []float64) (float64, float64) { return OrbitJVP(p[0], p[1], p[2], 97, v[0], v[1], v[2]) },
		},
	}
	for _, pr := range problems {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(3, uint64(len(pr.Name)))), 10, 1e-6)
		})
	}
}

// pair is a checkpointed function and the same without the checkpoint, as
// gradients at n points, and the bytes its tape holds after a forward
// and a backward run at n points.
type pair struct {
	name          string
	ckpt, rec     func(rng *rand.Rand, n int) (float64, []float64)
	bytes         func(rng *rand.Rand, n int) int
	recordedBytes func(rng *rand.Rand, n int) int
}

func pairs() []pair {
	const d, h = 3, 4
	mix := func(rng *rand.Rand, n int) ([]float64, []float64) { return points(rng, 9), points(rng, n) }
	batch := func(rng *rand.Rand, n int) ([]float64, float64, []float64, []float64) {
		return points(rng, d), rng.Float64(), points(rng, n*d), points(rng, n)
	}
	layer := func(rng *rand.Rand, n int) ([]float64, []float64, []float64) {
		return points(rng, h*d), points(rng, h), points(rng, n*d)
	}
	hist := func(rng *rand.Rand, n int) ([]float64, []float64) { return points(rng, 3), points(rng, n) }
	scaled := func(rng *rand.Rand, n int) ([]float64, []float64) { return points(rng, 5), points(rng, n) }
	rows := func(rng *rand.Rand, n int) ([][]float64, []float64) {
		return [][]float64{points(rng, 2), points(rng, 2)}, points(rng, n)
	}
	model := func(rng *rand.Rand, n int) (*Model, []float64, []float64) {
		return &Model{W: points(rng, 1), B: rng.Float64()}, points(rng, n), points(rng, n)
	}
	return []pair{
		{
			name: "Model.Loss",
			ckpt: func(rng *rand.Rand, n int) (float64, []float64) {
				m, xs, ys := model(rng, n)
				y, dm := m.LossGrad(xs, ys)
				return y, append(dm.W, dm.B)
			},
			rec: func(rng *rand.Rand, n int) (float64, []float64) {
				m, xs, ys := model(rng, n)
				y, dm := m.LossRecordedGrad(xs, ys)
				return y, append(dm.W, dm.B)
			},
			bytes: func(rng *rand.Rand, n int) int {
				m, xs, ys := model(rng, n)
				var t ModelLossTape
				m.LossForward(&t, xs, ys)
				ModelLossBackward(&t, 1, &Model{W: make([]float64, 1)})
				return t.Bytes()
			},
			recordedBytes: func(rng *rand.Rand, n int) int {
				m, xs, ys := model(rng, n)
				var t ModelLossRecordedTape
				m.LossRecordedForward(&t, xs, ys)
				return t.Bytes()
			},
		},
		{
			name: "Mixture",
			ckpt: func(rng *rand.Rand, n int) (float64, []float64) { return MixtureGrad(mix(rng, n)) },
			rec:  func(rng *rand.Rand, n int) (float64, []float64) { return MixtureRecordedGrad(mix(rng, n)) },
			bytes: func(rng *rand.Rand, n int) int {
				theta, xs := mix(rng, n)
				var t MixtureTape
				MixtureForward(&t, theta, xs)
				MixtureBackward(&t, 1, make([]float64, len(theta)))
				return t.Bytes()
			},
			recordedBytes: func(rng *rand.Rand, n int) int {
				theta, xs := mix(rng, n)
				var t MixtureRecordedTape
				MixtureRecordedForward(&t, theta, xs)
				return t.Bytes()
			},
		},
		{
			name: "Batch",
			ckpt: func(rng *rand.Rand, n int) (float64, []float64) {
				y, dw, db := BatchGrad(batch(rng, n))
				return y, append(dw, db)
			},
			rec: func(rng *rand.Rand, n int) (float64, []float64) {
				y, dw, db := BatchRecordedGrad(batch(rng, n))
				return y, append(dw, db)
			},
			bytes: func(rng *rand.Rand, n int) int {
				w, b, x, y := batch(rng, n)
				var t BatchTape
				BatchForward(&t, w, b, x, y)
				var db float64
				BatchBackward(&t, 1, make([]float64, len(w)), &db)
				return t.Bytes()
			},
			recordedBytes: func(rng *rand.Rand, n int) int {
				w, b, x, y := batch(rng, n)
				var t BatchRecordedTape
				BatchRecordedForward(&t, w, b, x, y)
				return t.Bytes()
			},
		},
		{
			name: "Layer",
			ckpt: func(rng *rand.Rand, n int) (float64, []float64) {
				y, dwh, dv := LayerGrad(layer(rng, n))
				return y, append(dwh, dv...)
			},
			rec: func(rng *rand.Rand, n int) (float64, []float64) {
				y, dwh, dv := LayerRecordedGrad(layer(rng, n))
				return y, append(dwh, dv...)
			},
			bytes: func(rng *rand.Rand, n int) int {
				wh, v, x := layer(rng, n)
				var t LayerTape
				LayerForward(&t, wh, v, x)
				LayerBackward(&t, 1, make([]float64, len(wh)), make([]float64, len(v)))
				return t.Bytes()
			},
			recordedBytes: func(rng *rand.Rand, n int) int {
				wh, v, x := layer(rng, n)
				var t LayerRecordedTape
				LayerRecordedForward(&t, wh, v, x)
				return t.Bytes()
			},
		},
		{
			name: "Tail",
			ckpt: func(rng *rand.Rand, n int) (float64, []float64) {
				y, dwh, dv := TailGrad(layer(rng, n))
				return y, append(dwh, dv...)
			},
			rec: func(rng *rand.Rand, n int) (float64, []float64) {
				y, dwh, dv := TailRecordedGrad(layer(rng, n))
				return y, append(dwh, dv...)
			},
			bytes: func(rng *rand.Rand, n int) int {
				wh, v, x := layer(rng, n)
				var t TailTape
				TailForward(&t, wh, v, x)
				TailBackward(&t, 1, make([]float64, len(wh)), make([]float64, len(v)))
				return t.Bytes()
			},
			recordedBytes: func(rng *rand.Rand, n int) int {
				wh, v, x := layer(rng, n)
				var t TailRecordedTape
				TailRecordedForward(&t, wh, v, x)
				return t.Bytes()
			},
		},
		{
			name: "Scaled",
			ckpt: func(rng *rand.Rand, n int) (float64, []float64) { return ScaledGrad(scaled(rng, n)) },
			rec:  func(rng *rand.Rand, n int) (float64, []float64) { return ScaledRecordedGrad(scaled(rng, n)) },
			bytes: func(rng *rand.Rand, n int) int {
				theta, xs := scaled(rng, n)
				var t ScaledTape
				ScaledForward(&t, theta, xs)
				ScaledBackward(&t, 1, make([]float64, len(theta)))
				return t.Bytes()
			},
			recordedBytes: func(rng *rand.Rand, n int) int {
				theta, xs := scaled(rng, n)
				var t ScaledRecordedTape
				ScaledRecordedForward(&t, theta, xs)
				return t.Bytes()
			},
		},
		{
			name: "Nested",
			ckpt: func(rng *rand.Rand, n int) (float64, []float64) { return NestedGrad(hist(rng, n)) },
			rec:  func(rng *rand.Rand, n int) (float64, []float64) { return NestedRecordedGrad(hist(rng, n)) },
			bytes: func(rng *rand.Rand, n int) int {
				theta, xs := hist(rng, n)
				var t NestedTape
				NestedForward(&t, theta, xs)
				NestedBackward(&t, 1, make([]float64, len(theta)))
				return t.Bytes()
			},
			recordedBytes: func(rng *rand.Rand, n int) int {
				theta, xs := hist(rng, n)
				var t NestedRecordedTape
				NestedRecordedForward(&t, theta, xs)
				return t.Bytes()
			},
		},
		{
			name: "Rows",
			ckpt: func(rng *rand.Rand, n int) (float64, []float64) {
				w, xs := rows(rng, n)
				y, dw := RowsGrad(w, xs)
				return y, append(dw[0], dw[1]...)
			},
			rec: func(rng *rand.Rand, n int) (float64, []float64) {
				w, xs := rows(rng, n)
				y, dw := RowsRecordedGrad(w, xs)
				return y, append(dw[0], dw[1]...)
			},
			bytes: func(rng *rand.Rand, n int) int {
				w, xs := rows(rng, n)
				var t RowsTape
				RowsForward(&t, w, xs)
				RowsBackward(&t, 1, [][]float64{make([]float64, 2), make([]float64, 2)})
				return t.Bytes()
			},
			recordedBytes: func(rng *rand.Rand, n int) int {
				w, xs := rows(rng, n)
				var t RowsRecordedTape
				RowsRecordedForward(&t, w, xs)
				return t.Bytes()
			},
		},
		{
			name: "Histogram",
			ckpt: func(rng *rand.Rand, n int) (float64, []float64) { return HistogramGrad(hist(rng, n)) },
			rec:  func(rng *rand.Rand, n int) (float64, []float64) { return HistogramRecordedGrad(hist(rng, n)) },
			bytes: func(rng *rand.Rand, n int) int {
				w, xs := hist(rng, n)
				var t HistogramTape
				HistogramForward(&t, w, xs)
				HistogramBackward(&t, 1, make([]float64, len(w)))
				return t.Bytes()
			},
			recordedBytes: func(rng *rand.Rand, n int) int {
				w, xs := hist(rng, n)
				var t HistogramRecordedTape
				HistogramRecordedForward(&t, w, xs)
				return t.Bytes()
			},
		},
	}
}

// The gradient with the checkpoint is the one without, to 1e-12
// relative, and so is the value (bit for bit: the forward sweep runs the
// same operations).
func TestSameAsRecorded(t *testing.T) {
	for _, p := range pairs() {
		for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 100, 300, 1001} { // n = 0: a mean of no points is NaN
			y, g := p.ckpt(rand.New(rand.NewPCG(uint64(n), 7)), n)
			y0, g0 := p.rec(rand.New(rand.NewPCG(uint64(n), 7)), n)
			if y != y0 {
				t.Errorf("%s, n=%d: value %v checkpointed, %v recorded", p.name, n, y, y0)
			}
			for i := range g0 {
				if math.Abs(g[i]-g0[i]) > 1e-12*math.Max(1, math.Abs(g0[i])) {
					t.Errorf("%s, n=%d: gradient[%d] = %v checkpointed, %v recorded", p.name, n, i, g[i], g0[i])
				}
			}
		}
	}
}

// The checkpointed tape holds the same bytes at 10, 100 and 1000
// iterations; the recorded one grows.
func TestTapeBytesConstant(t *testing.T) {
	for _, p := range pairs() {
		first := p.bytes(rand.New(rand.NewPCG(1, 1)), 10)
		firstRec := p.recordedBytes(rand.New(rand.NewPCG(1, 1)), 10)
		for _, n := range []int{100, 1000} {
			if b := p.bytes(rand.New(rand.NewPCG(1, 1)), n); b != first {
				t.Errorf("%s: checkpointed tape %d bytes at n=%d, %d at n=10", p.name, b, n, first)
			}
			if b := p.recordedBytes(rand.New(rand.NewPCG(1, 1)), n); b <= firstRec {
				t.Errorf("%s: recorded tape %d bytes at n=%d, not more than %d at n=10", p.name, b, n, firstRec)
			}
		}
	}
}

// TestOrbit checks the loop checkpointed every 10 iterations: its gradient
// is the recorded loop's, at trip counts around the stretches' ends, and
// its tape holds two numbers per 10 iterations, as the report says
// (16·⌈steps/10⌉ + 32 bytes, plus one stretch's states after a backward
// run).
func TestOrbit(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 20, 37, 100, 1000, 1001} {
		y, a, b, c := OrbitGrad(0.3, -0.2, 1.5, n)
		y0, a0, b0, c0 := OrbitRecordedGrad(0.3, -0.2, 1.5, n)
		if y != y0 {
			t.Errorf("n=%d: value %v checkpointed, %v recorded", n, y, y0)
		}
		for i, d := range [][2]float64{{a, a0}, {b, b0}, {c, c0}} {
			if math.Abs(d[0]-d[1]) > 1e-12*math.Max(1, math.Abs(d[1])) {
				t.Errorf("n=%d: gradient[%d] = %v checkpointed, %v recorded", n, i, d[0], d[1])
			}
		}
		var tape OrbitTape
		OrbitForward(&tape, 0.3, -0.2, 1.5, n)
		if want := 16*((n+9)/10) + 32; tape.Bytes() != want {
			t.Errorf("n=%d: Bytes() = %d after OrbitForward, the report's formula gives %d", n, tape.Bytes(), want)
		}
	}
}
