package memory

import (
	"math"
	"time"
)

// orbitForm is one way of taking Orbit's gradient: its snapshot interval
// (0: every step recorded), its gradient, and its tape's bytes after a
// forward and a backward run.
type orbitForm struct {
	every int
	grad  func(x0, v0, k float64, steps int) (float64, float64, float64, float64)
	bytes func(x0, v0, k float64, steps int) int
}

// orbitForms are the functions of orbit.go, recorded first.
var orbitForms = []orbitForm{
	{0, OrbitRecordedGrad, func(x0, v0, k float64, steps int) int {
		var t OrbitRecordedTape
		OrbitRecordedForward(&t, x0, v0, k, steps)
		var d [3]float64
		OrbitRecordedBackward(&t, 1, &d[0], &d[1], &d[2])
		return t.Bytes()
	}},
	{10, OrbitEvery10Grad, func(x0, v0, k float64, steps int) int {
		var t OrbitEvery10Tape
		OrbitEvery10Forward(&t, x0, v0, k, steps)
		var d [3]float64
		OrbitEvery10Backward(&t, 1, &d[0], &d[1], &d[2])
		return t.Bytes()
	}},
	{100, OrbitEvery100Grad, func(x0, v0, k float64, steps int) int {
		var t OrbitEvery100Tape
		OrbitEvery100Forward(&t, x0, v0, k, steps)
		var d [3]float64
		OrbitEvery100Backward(&t, 1, &d[0], &d[1], &d[2])
		return t.Bytes()
	}},
	{1000, OrbitEvery1000Grad, func(x0, v0, k float64, steps int) int {
		var t OrbitEvery1000Tape
		OrbitEvery1000Forward(&t, x0, v0, k, steps)
		var d [3]float64
		OrbitEvery1000Backward(&t, 1, &d[0], &d[1], &d[2])
		return t.Bytes()
	}},
	{10000, OrbitEvery10000Grad, func(x0, v0, k float64, steps int) int {
		var t OrbitEvery10000Tape
		OrbitEvery10000Forward(&t, x0, v0, k, steps)
		var d [3]float64
		OrbitEvery10000Backward(&t, 1, &d[0], &d[1], &d[2])
		return t.Bytes()
	}},
	{100000, OrbitEvery100000Grad, func(x0, v0, k float64, steps int) int {
		var t OrbitEvery100000Tape
		OrbitEvery100000Forward(&t, x0, v0, k, steps)
		var d [3]float64
		OrbitEvery100000Backward(&t, 1, &d[0], &d[1], &d[2])
		return t.Bytes()
	}},
}

// OrbitRow is one way of taking Orbit's gradient over Steps steps.
type OrbitRow struct {
	Every     int     // snapshot interval K; 0 when every step is recorded
	Snapshots int     // states saved, ⌈steps/K⌉; 0 when recorded
	Seconds   float64 // CPU time of the gradient (FGrad)
	Factor    float64 // Seconds over the recorded gradient's
	TapeBytes int     // the tape's Bytes after a forward and a backward run
	// MaxRelDiff is the largest difference of the gradient's entries from
	// the recorded gradient's, relative to max(1, |entry|).
	MaxRelDiff float64
}

// The point Orbit's gradient is taken at.
const orbitX0, orbitV0, orbitK = 0.3, -0.2, 1.5

// MeasureOrbit times the gradient of the integrator over steps steps,
// recorded and with the state saved every K steps for each K of orbit.go,
// and returns a row each, recorded first.
func MeasureOrbit(steps int, minTime time.Duration) []OrbitRow {
	var rows []OrbitRow
	var want [3]float64
	for _, f := range orbitForms {
		var got [3]float64
		secs := perCall(minTime, func() {
			var v float64
			v, got[0], got[1], got[2] = f.grad(orbitX0, orbitV0, orbitK, steps)
			sink += v
		})
		row := OrbitRow{Every: f.every, Seconds: secs, TapeBytes: f.bytes(orbitX0, orbitV0, orbitK, steps)}
		if f.every == 0 {
			want = got
		} else {
			row.Snapshots = (steps + f.every - 1) / f.every
		}
		for i := range got {
			row.MaxRelDiff = max(row.MaxRelDiff, math.Abs(got[i]-want[i])/math.Max(1, math.Abs(want[i])))
		}
		row.Factor = secs / rows0Seconds(rows, secs)
		rows = append(rows, row)
	}
	return rows
}

// rows0Seconds is the recorded gradient's time: the first row's, or secs
// when there is none yet (the recorded row itself).
func rows0Seconds(rows []OrbitRow, secs float64) float64 {
	if len(rows) == 0 {
		return secs
	}
	return rows[0].Seconds
}
