package memory

import (
	"fmt"
	"strings"
)

// Size formats a number of bytes for a table: bytes below 10 kB, else kB,
// MB or GB (10³, 10⁶ and 10⁹ bytes) to three digits.
func Size(b uint64) string {
	switch {
	case b < 10_000:
		return fmt.Sprintf("%d B", b)
	case b < 1_000_000:
		return fmt.Sprintf("%.3g kB", float64(b)/1e3)
	case b < 1_000_000_000:
		return fmt.Sprintf("%.3g MB", float64(b)/1e6)
	default:
		return fmt.Sprintf("%.3g GB", float64(b)/1e9)
	}
}

// seconds formats a time for a table.
func seconds(s float64) string {
	if s < 1 {
		return fmt.Sprintf("%.3g ms", s*1e3)
	}
	return fmt.Sprintf("%.3g s", s)
}

// GMMTable formats the points as a Markdown table: per size, the
// objective's time and peak heap, and each gradient's time (and its
// multiple of the objective's), tape bytes and peak heap.
func GMMTable(points []GMMPoint) string {
	var b strings.Builder
	b.WriteString("| points | heap before | objective: time, peak heap | recorded: time, tape, peak heap | checkpointed: time, tape, peak heap |\n")
	b.WriteString("|---:|---:|---|---|---|\n")
	for _, p := range points {
		fmt.Fprintf(&b, "| %d | %s | %s, %s | %s (%.1f×), %s, %s | %s (%.1f×), %s, %s |\n",
			p.N, Size(p.Objective.HeapBefore),
			seconds(p.Objective.Seconds), Size(p.Objective.PeakHeap),
			seconds(p.Recorded.Seconds), p.Recorded.Seconds/p.Objective.Seconds, Size(uint64(p.Recorded.TapeBytes)), Size(p.Recorded.PeakHeap),
			seconds(p.Checkpointed.Seconds), p.Checkpointed.Seconds/p.Objective.Seconds, Size(uint64(p.Checkpointed.TapeBytes)), Size(p.Checkpointed.PeakHeap))
	}
	return b.String()
}

// OrbitTable formats the rows as a Markdown table: snapshot interval,
// snapshots, tape bytes, time, recompute factor (time over the recorded
// gradient's) and the largest relative difference from the recorded
// gradient.
func OrbitTable(rows []OrbitRow) string {
	var b strings.Builder
	b.WriteString("| K (-every) | snapshots | tape | gradient time | recompute factor | differs from recorded by |\n")
	b.WriteString("|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		k, snaps := "recorded", "—"
		if r.Every > 0 {
			k, snaps = fmt.Sprint(r.Every), fmt.Sprint(r.Snapshots)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %.2f× | %.1e |\n", k, snaps, Size(uint64(r.TapeBytes)), seconds(r.Seconds), r.Factor, r.MaxRelDiff)
	}
	return b.String()
}

// RevolveTable formats the rows as a Markdown table: states held, the
// most plain runs of a step and the plain runs per step in all, tape
// bytes, time, its factor over the recorded gradient's and the largest
// relative difference from the recorded gradient.
func RevolveTable(rows []RevolveRow) string {
	var b strings.Builder
	b.WriteString("| S (-snapshots) | r | plain runs per step | tape | gradient time | over recorded | differs from recorded by |\n")
	b.WriteString("|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %d | %d | %.2f | %s | %s | %.2f× | %.1e |\n", r.Snapshots, r.Reps, r.Runs, Size(uint64(r.TapeBytes)), seconds(r.Seconds), r.Factor, r.MaxRelDiff)
	}
	return b.String()
}
