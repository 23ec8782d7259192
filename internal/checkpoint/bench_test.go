package checkpoint

import (
	"math"
	"runtime"
	"testing"
)

var sink float64

// BenchmarkOrbit times a million leapfrog steps: the function, its
// gradient with every step recorded (OrbitRecordedGrad), and with the
// state saved every 10000 steps (OrbitLongGrad, 100 snapshots), and
// reversed by binomial checkpointing with at most 100 states held
// (OrbitRevolve100Grad), the gradients checked equal. tape-MB is the tape's Bytes after a forward
// run, and, for the checkpointed form, after a backward run (one
// stretch's tape included). Run:
//
//	go test -run X -bench Orbit -benchmem -benchtime 3x ./internal/checkpoint
func BenchmarkOrbit(b *testing.B) {
	const steps = 1_000_000
	b.Run("Orbit", func(b *testing.B) {
		for b.Loop() {
			sink += Orbit(0.3, -0.2, 1.5, steps)
		}
	})
	var want [3]float64
	b.Run("Recorded", func(b *testing.B) {
		for b.Loop() {
			_, want[0], want[1], want[2] = OrbitRecordedGrad(0.3, -0.2, 1.5, steps)
		}
		var t OrbitRecordedTape
		OrbitRecordedForward(&t, 0.3, -0.2, 1.5, steps)
		b.ReportMetric(float64(t.Bytes())/1e6, "tape-MB")
		runtime.KeepAlive(&t)
	})
	b.Run("Every10000", func(b *testing.B) {
		var got [3]float64
		for b.Loop() {
			_, got[0], got[1], got[2] = OrbitLongGrad(0.3, -0.2, 1.5, steps)
		}
		for i := range got {
			if math.Abs(got[i]-want[i]) > 1e-12*math.Max(1, math.Abs(want[i])) {
				b.Errorf("gradient[%d] = %v, recorded %v", i, got[i], want[i])
			}
		}
		var t OrbitLongTape
		OrbitLongForward(&t, 0.3, -0.2, 1.5, steps)
		var d [3]float64
		OrbitLongBackward(&t, 1, &d[0], &d[1], &d[2])
		b.ReportMetric(float64(t.Bytes())/1e6, "tape-MB")
	})
	b.Run("Revolve100", func(b *testing.B) {
		var got [3]float64
		for b.Loop() {
			_, got[0], got[1], got[2] = OrbitRevolve100Grad(0.3, -0.2, 1.5, steps)
		}
		if got != want {
			b.Errorf("gradient %v, recorded %v (bit for bit)", got, want)
		}
		var t OrbitRevolve100Tape
		OrbitRevolve100Forward(&t, 0.3, -0.2, 1.5, steps)
		var d [3]float64
		OrbitRevolve100Backward(&t, 1, &d[0], &d[1], &d[2])
		b.ReportMetric(float64(t.Bytes())/1e6, "tape-MB")
	})
}
