package memory

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// springsGrad is the gradient of a function of springs.go.
type springsGrad func(q0, p0 []float64, k float64, steps int) (float64, []float64, []float64, float64)

// springsForm is one function of springs.go: its directive, the states
// it holds for n masses (0: recorded), its gradient, and the bytes its
// tape holds after a forward and a backward run.
type springsForm struct {
	directive string
	states    func(n int) int
	grad      springsGrad
	bytes     func(q0, p0 []float64, k float64, steps int) int
}

var springsForms = []springsForm{
	{"recorded", func(int) int { return 0 }, SpringsRecordedGrad, func(q0, p0 []float64, k float64, steps int) int {
		var t SpringsRecordedTape
		SpringsRecordedForward(&t, q0, p0, k, steps)
		var dk float64
		SpringsRecordedBackward(&t, 1, make([]float64, len(q0)), make([]float64, len(p0)), &dk)
		return t.Bytes()
	}},
	{"-snapshots=10", func(int) int { return 10 }, SpringsRevolve10Grad, func(q0, p0 []float64, k float64, steps int) int {
		var t SpringsRevolve10Tape
		SpringsRevolve10Forward(&t, q0, p0, k, steps)
		var dk float64
		SpringsRevolve10Backward(&t, 1, make([]float64, len(q0)), make([]float64, len(p0)), &dk)
		return t.Bytes()
	}},
	{"-snapshots=100", func(int) int { return 100 }, SpringsRevolve100Grad, func(q0, p0 []float64, k float64, steps int) int {
		var t SpringsRevolve100Tape
		SpringsRevolve100Forward(&t, q0, p0, k, steps)
		var dk float64
		SpringsRevolve100Backward(&t, 1, make([]float64, len(q0)), make([]float64, len(p0)), &dk)
		return t.Bytes()
	}},
	{"-memory=64kB", func(n int) int { return min(64000/(16*n+8), 2666) }, SpringsBudgetGrad, func(q0, p0 []float64, k float64, steps int) int {
		var t SpringsBudgetTape
		SpringsBudgetForward(&t, q0, p0, k, steps)
		var dk float64
		SpringsBudgetBackward(&t, 1, make([]float64, len(q0)), make([]float64, len(p0)), &dk)
		return t.Bytes()
	}},
}

// SpringsRow is the gradient of the chain of springs over Steps steps,
// recorded (Snapshots 0) or reversed binomially with at most Snapshots
// states held; Reps, Runs, Seconds, Factor and TapeBytes as RevolveRow's.
// MaxRelDiff is the largest difference from the recorded gradient,
// relative to max(1, |recorded|): 0 for q0 and p0 (the same operations
// in the same order), a rounding for k, whose derivative the
// checkpointed loop sums per step before it sums the steps.
type SpringsRow struct {
	Directive  string
	Snapshots  int
	Reps       int
	Runs       float64
	Seconds    float64
	Factor     float64
	TapeBytes  int
	MaxRelDiff float64
}

// springsPoint is the chain's initial state for n masses and its
// stiffness.
func springsPoint(n int) (q0, p0 []float64, k float64) {
	q0, p0 = make([]float64, n), make([]float64, n)
	for i := range n {
		q0[i] = 0.1 * math.Sin(float64(i+1))
		p0[i] = 0.05 * math.Cos(float64(2*i+1))
	}
	return q0, p0, 1.3
}

// MeasureSprings times the gradient of the chain of n masses over steps
// steps for each function of springs.go, recorded first.
func MeasureSprings(n, steps int, minTime time.Duration) []SpringsRow {
	q0, p0, k := springsPoint(n)
	var rows []SpringsRow
	var want []float64
	for _, f := range springsForms {
		var got []float64
		secs := perCall(minTime, func() {
			v, dq, dp, dk := f.grad(q0, p0, k, steps)
			sink += v
			got = append(slices.Concat(dq, dp), dk)
		})
		row := SpringsRow{Directive: f.directive, Snapshots: f.states(n), Seconds: secs, TapeBytes: f.bytes(q0, p0, k, steps)}
		if want == nil {
			want = got
		}
		if row.Snapshots > 0 {
			r, runs := RevolveRuns(row.Snapshots, steps)
			row.Reps, row.Runs = r, float64(runs-FirstDescent(row.Snapshots, steps))/float64(steps)
		}
		for i := range got {
			row.MaxRelDiff = max(row.MaxRelDiff, math.Abs(got[i]-want[i])/math.Max(1, math.Abs(want[i])))
		}
		row.Factor = secs / rows0(rows, secs)
		rows = append(rows, row)
	}
	return rows
}

// rows0 is the recorded row's time, or secs for the recorded row itself.
func rows0(rows []SpringsRow, secs float64) float64 {
	if len(rows) == 0 {
		return secs
	}
	return rows[0].Seconds
}

// SpringsTable formats the rows as a Markdown table.
func SpringsTable(rows []SpringsRow) string {
	var b strings.Builder
	b.WriteString("| //godiff:checkpoint | S | r | plain runs per step | tape | gradient time | over recorded | differs from recorded by |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		s, reps, runs := "—", "—", "—"
		if r.Snapshots > 0 {
			s, reps, runs = fmt.Sprint(r.Snapshots), fmt.Sprint(r.Reps), fmt.Sprintf("%.2f", r.Runs)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %.2f× | %.1e |\n", r.Directive, s, reps, runs, Size(uint64(r.TapeBytes)), seconds(r.Seconds), r.Factor, r.MaxRelDiff)
	}
	return b.String()
}
