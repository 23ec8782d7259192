package memory

import (
	"math"
	"time"
)

// revolveForms are the binomially checkpointed functions of orbit.go, by
// the number of states they hold (orbitForm's every is S here).
var revolveForms = []orbitForm{
	{10, OrbitRevolve10Grad, func(x0, v0, k float64, steps int) int {
		var t OrbitRevolve10Tape
		OrbitRevolve10Forward(&t, x0, v0, k, steps)
		var d [3]float64
		OrbitRevolve10Backward(&t, 1, &d[0], &d[1], &d[2])
		return t.Bytes()
	}},
	{20, OrbitRevolve20Grad, func(x0, v0, k float64, steps int) int {
		var t OrbitRevolve20Tape
		OrbitRevolve20Forward(&t, x0, v0, k, steps)
		var d [3]float64
		OrbitRevolve20Backward(&t, 1, &d[0], &d[1], &d[2])
		return t.Bytes()
	}},
	{50, OrbitRevolve50Grad, func(x0, v0, k float64, steps int) int {
		var t OrbitRevolve50Tape
		OrbitRevolve50Forward(&t, x0, v0, k, steps)
		var d [3]float64
		OrbitRevolve50Backward(&t, 1, &d[0], &d[1], &d[2])
		return t.Bytes()
	}},
	{100, OrbitRevolve100Grad, func(x0, v0, k float64, steps int) int {
		var t OrbitRevolve100Tape
		OrbitRevolve100Forward(&t, x0, v0, k, steps)
		var d [3]float64
		OrbitRevolve100Backward(&t, 1, &d[0], &d[1], &d[2])
		return t.Bytes()
	}},
	{1000, OrbitRevolve1000Grad, func(x0, v0, k float64, steps int) int {
		var t OrbitRevolve1000Tape
		OrbitRevolve1000Forward(&t, x0, v0, k, steps)
		var d [3]float64
		OrbitRevolve1000Backward(&t, 1, &d[0], &d[1], &d[2])
		return t.Bytes()
	}},
}

// RevolveRow is Orbit's gradient over Steps steps reversed binomially
// with at most Snapshots states held.
type RevolveRow struct {
	Snapshots int
	// Reps is the most times the schedule runs one step plainly: the
	// least r with C(S+r, S) ≥ steps. Runs is the plain runs per step of
	// the backward sweep: the schedule's r·steps − C(S+r, S+1) but those
	// of its first descent the forward sweep's own run does (see
	// FirstDescent), besides the forward sweep's run and the recorded run
	// before each step's backward code.
	Reps       int
	Runs       float64
	Seconds    float64 // CPU time of the gradient (FGrad)
	Factor     float64 // Seconds over the recorded gradient's
	TapeBytes  int     // the tape's Bytes after a forward and a backward run
	MaxRelDiff float64 // as OrbitRow's
}

// MeasureRevolve times the gradient of the integrator over steps steps
// for each number of states of orbit.go, against recorded, the recorded
// gradient's time and gradient from MeasureOrbit's first row (rec) and
// want.
func MeasureRevolve(steps int, minTime time.Duration, rec OrbitRow, want [3]float64) []RevolveRow {
	var rows []RevolveRow
	for _, f := range revolveForms {
		var got [3]float64
		secs := perCall(minTime, func() {
			var v float64
			v, got[0], got[1], got[2] = f.grad(orbitX0, orbitV0, orbitK, steps)
			sink += v
		})
		r, runs := RevolveRuns(f.every, steps)
		runs -= FirstDescent(f.every, steps)
		row := RevolveRow{Snapshots: f.every, Reps: r, Runs: float64(runs) / float64(steps), Seconds: secs,
			Factor: secs / rec.Seconds, TapeBytes: f.bytes(orbitX0, orbitV0, orbitK, steps)}
		for i := range got {
			row.MaxRelDiff = max(row.MaxRelDiff, math.Abs(got[i]-want[i])/math.Max(1, math.Abs(want[i])))
		}
		rows = append(rows, row)
	}
	return rows
}

// RevolveRuns returns, for n steps and s states held, the least r with
// β(s, r) = C(s+r, s) ≥ n and the plain runs of binomial checkpointing in
// all, r·n − β(s+1, r−1) (Griewank 1992), 0 for n ≤ 1.
func RevolveRuns(s, n int) (int, int) {
	if n <= 1 {
		return 0, 0
	}
	r := 0
	for beta(s, r) < n {
		r++
	}
	return r, r*n - beta(s+1, r-1)
}

// FirstDescent returns the iteration of the last state the first descent
// of the schedule of n steps holding s states saves, which godiff's
// forward sweep saves as it passes (0 if none): the binomial split of
// what is left, from each saved state, while the schedule has room and the
// split comes before the last step. The backward sweep's plain runs are
// the schedule's less these.
func FirstDescent(s, n int) int {
	held := max(1, min(s, n))
	at := 0
	for top := 1; top < held; top++ {
		ln := n - at
		r := 0
		for beta(held-top+1, r) < ln {
			r++
		}
		m := max(beta(held-top+1, r-2), ln-beta(held-top, r), 1)
		m = min(m, ln-1)
		if at+m >= n-1 {
			break
		}
		at += m
	}
	return at
}

// beta is C(s+r, s), 0 for r < 0.
func beta(s, r int) int {
	if r < 0 {
		return 0
	}
	b := 1
	for k := 1; k <= r; k++ {
		b = b * (s + k) / k
	}
	return b
}

// OrbitGradient returns the recorded gradient at MeasureOrbit's point.
func OrbitGradient(steps int) [3]float64 {
	var g [3]float64
	_, g[0], g[1], g[2] = OrbitRecordedGrad(orbitX0, orbitV0, orbitK, steps)
	return g
}
