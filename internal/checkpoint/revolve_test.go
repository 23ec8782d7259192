package checkpoint

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// The loops reversed by binomial checkpointing (-snapshots, -memory)
// against finite differences and forward mode: a range loop, a
// three-clause loop whose body reads its counter, and a while loop to a
// tolerance.
func TestRevolveDerivatives(t *testing.T) {
	problems := []fdcheck.Problem{
		{
			Name:  "OrbitRevolve",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 3, 0.5, 1.5) },
			F:     func(p []float64) float64 { return OrbitRevolve(p[0], p[1], p[2], 97) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c := OrbitRevolveGrad(p[0], p[1], p[2], 97)
				return y, []float64{a, b, c}
			},
			JVP: func(p, v []float64) (float64, float64) {
				return OrbitRevolveJVP(p[0], p[1], p[2], 97, v[0], v[1], v[2])
			},
		},
		{
			Name:  "Forced",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 3, 0.5, 1.5) },
			F:     func(p []float64) float64 { return Forced(p[0], p[1], p[2], 53) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c := ForcedGrad(p[0], p[1], p[2], 53)
				return y, []float64{a, b, c}
			},
			JVP: func(p, v []float64) (float64, float64) { return ForcedJVP(p[0], p[1], p[2], 53, v[0], v[1], v[2]) },
		},
		{
			Name:  "Settle",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 3, 0.5, 1.5) },
			F:     func(p []float64) float64 { return Settle(p[0], p[1], p[2], 0.05) },
			Grad: func(p []float64) (float64, []float64) {
				y, a, b, c := SettleGrad(p[0], p[1], p[2], 0.05)
				return y, []float64{a, b, c}
			},
			JVP: func(p, v []float64) (float64, float64) { return SettleJVP(p[0], p[1], p[2], 0.05, v[0], v[1], v[2]) },
		},
	}
	for _, pr := range problems {
		t.Run(pr.Name, func(t *testing.T) {
			fdcheck.Check(t, pr, rand.New(rand.NewPCG(5, uint64(len(pr.Name)))), 10, 1e-6)
		})
	}
}

// grad3 is a gradient of three inputs with its value.
type grad3 func(a, b, c float64, n int) (float64, float64, float64, float64)

// The binomially checkpointed gradients equal the recorded ones bit for
// bit (every iteration runs from the state the forward sweep had there,
// by the same operations), at trip counts below, at and above the number
// of states held.
func TestRevolveSameAsRecorded(t *testing.T) {
	settle := func(f func(x0, v0, c, tol float64) (float64, float64, float64, float64)) grad3 {
		return func(a, b, c float64, n int) (float64, float64, float64, float64) {
			return f(a, b, c, 1/float64(n+1)) // a tighter tolerance, more iterations
		}
	}
	cases := []struct {
		name      string
		got, want grad3
	}{
		{"OrbitRevolve", OrbitRevolveGrad, OrbitRecordedGrad},
		{"OrbitRevolve100", OrbitRevolve100Grad, OrbitRecordedGrad},
		{"OrbitBudget", OrbitBudgetGrad, OrbitRecordedGrad},
		{"Forced", ForcedGrad, ForcedRecordedGrad},
		{"Settle", settle(SettleGrad), settle(SettleRecordedGrad)},
	}
	for _, c := range cases {
		for _, n := range []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 100, 1001, 20000} {
			y, a, b, d := c.got(0.9, -0.4, 1.3, n)
			y0, a0, b0, d0 := c.want(0.9, -0.4, 1.3, n)
			if y != y0 || a != a0 || b != b0 || d != d0 {
				t.Errorf("%s, n=%d: (%v, %v, %v, %v) checkpointed, (%v, %v, %v, %v) recorded", c.name, n, y, a, b, d, y0, a0, b0, d0)
			}
		}
	}
}

// The binomially checkpointed tape holds the same bytes whatever the
// number of steps (once it is well above the states held): after a
// forward run at most the report's 2432 (parameters, entry and final
// state, the count held, 99 states of the first descent with their
// iterations), after a backward run also the 100 states held, and
// nothing for the iterations the backward sweep runs again (their step
// adjoint keeps what it reads in local variables).
func TestRevolveBytes(t *testing.T) {
	bytes := func(n int) (int, int) {
		var tape OrbitRevolve100Tape
		OrbitRevolve100Forward(&tape, 0.3, -0.2, 1.5, n)
		fwd := tape.Bytes()
		var d [3]float64
		OrbitRevolve100Backward(&tape, 1, &d[0], &d[1], &d[2])
		return fwd, tape.Bytes()
	}
	fwd, bwd := bytes(10_000)
	for _, n := range []int{100_000, 1_000_000} {
		if f, b := bytes(n); f != fwd || b != bwd {
			t.Errorf("n=%d: %d bytes after a forward run, %d after a backward run; %d and %d at n=10000", n, f, b, fwd, bwd)
		}
	}
	if fwd > 2432 || bwd > 2432+100*24 {
		t.Errorf("%d bytes after a forward run, %d after a backward run: want at most 2432 and 2432 + 2400", fwd, bwd)
	}
	if small, _ := bytes(50); small >= fwd {
		t.Errorf("%d bytes after a forward run of 50 steps, not fewer than %d at 10000: the first descent keeps fewer states", small, fwd)
	}
}

// BenchmarkRevolveSettle times the while loop to a tolerance, recorded
// and binomially checkpointed.
func BenchmarkRevolveSettle(b *testing.B) {
	for b.Loop() {
		_, g0, _, _ := SettleGrad(0.9, -0.4, 1.3, 1e-6)
		_, g1, _, _ := SettleRecordedGrad(0.9, -0.4, 1.3, 1e-6)
		if math.Float64bits(g0) != math.Float64bits(g1) {
			b.Fatal(g0, g1)
		}
	}
}
