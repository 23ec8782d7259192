package memory

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// data is ADBench's GMM file whose points MeasureGMM cycles.
var data = filepath.Join("..", "..", "internal", "adbench", "testdata", "gmm", "1k_d2_K5.txt")

// MeasureGMM at tiny sizes: times positive, peaks at least the heap
// before, the checkpointed tape the same at every size and the recorded
// one growing with the points, and larger. The times themselves are not
// asserted: they are the machine's.
func TestMeasureGMM(t *testing.T) {
	sizes := []int{10, 100, 1000}
	points, err := MeasureGMM(GMMConfig{Data: data, Sizes: sizes})
	if err != nil {
		t.Fatal(err)
	}
	if len(points) != len(sizes) {
		t.Fatalf("MeasureGMM returned %d points; want %d", len(points), len(sizes))
	}
	for i, p := range points {
		if p.N != sizes[i] {
			t.Errorf("point %d is at n=%d; want %d", i, p.N, sizes[i])
		}
		for _, r := range []Run{p.Objective, p.Recorded, p.Checkpointed} {
			if !(r.Seconds > 0) || math.IsInf(r.Seconds, 0) {
				t.Errorf("n=%d: %+v has a time that is not a positive number", p.N, r)
			}
			if r.HeapBefore == 0 || r.PeakHeap < r.HeapBefore {
				t.Errorf("n=%d: peak heap %d below the heap before, %d (or that is 0)", p.N, r.PeakHeap, r.HeapBefore)
			}
		}
		if p.Objective.TapeBytes != 0 {
			t.Errorf("n=%d: the objective has %d tape bytes; it has no tape", p.N, p.Objective.TapeBytes)
		}
		if c, r := p.Checkpointed.TapeBytes, p.Recorded.TapeBytes; c <= 0 || r <= c {
			t.Errorf("n=%d: checkpointed tape %d bytes, recorded %d: want 0 < checkpointed < recorded", p.N, c, r)
		}
		// The tape is alive when peakHeap reads the heap after the run.
		if p.Recorded.PeakHeap < uint64(p.Recorded.TapeBytes) {
			t.Errorf("n=%d: recorded peak heap %d is less than its tape, %d bytes", p.N, p.Recorded.PeakHeap, p.Recorded.TapeBytes)
		}
		if i == 0 {
			continue
		}
		prev := points[i-1]
		if p.Checkpointed.TapeBytes != prev.Checkpointed.TapeBytes {
			t.Errorf("checkpointed tape %d bytes at n=%d, %d at n=%d: it grows with the points", p.Checkpointed.TapeBytes, p.N, prev.Checkpointed.TapeBytes, prev.N)
		}
		if p.Recorded.TapeBytes <= prev.Recorded.TapeBytes {
			t.Errorf("recorded tape %d bytes at n=%d, not more than %d at n=%d", p.Recorded.TapeBytes, p.N, prev.Recorded.TapeBytes, prev.N)
		}
	}
	// At 1000 points the recorded tape (800 kB) outweighs the rest.
	if last := points[len(points)-1]; last.Recorded.PeakHeap <= last.Checkpointed.PeakHeap {
		t.Errorf("n=%d: recorded peak heap %d, not more than checkpointed %d", last.N, last.Recorded.PeakHeap, last.Checkpointed.PeakHeap)
	}
	if _, err := MeasureGMM(GMMConfig{Data: "no such file", Sizes: sizes}); err == nil {
		t.Error("MeasureGMM of a missing file returned no error")
	}
}

// MeasureOrbit at a few steps: a row per form, recorded first, the
// snapshots ⌈steps/K⌉, the gradients equal to the recorded one, the
// recompute factor the time's ratio.
func TestMeasureOrbit(t *testing.T) {
	const steps = 2500
	rows := MeasureOrbit(steps, 0)
	if len(rows) != len(orbitForms) || rows[0].Every != 0 {
		t.Fatalf("MeasureOrbit returned %+v; want %d rows, recorded first", rows, len(orbitForms))
	}
	if rows[0].Factor != 1 || rows[0].TapeBytes <= 0 {
		t.Errorf("recorded row %+v: want factor 1 and a tape", rows[0])
	}
	for _, r := range rows[1:] {
		if want := (steps + r.Every - 1) / r.Every; r.Snapshots != want {
			t.Errorf("K=%d: %d snapshots; want %d", r.Every, r.Snapshots, want)
		}
		if r.MaxRelDiff > 1e-12 {
			t.Errorf("K=%d: the gradient differs from the recorded one by %g", r.Every, r.MaxRelDiff)
		}
		if want := r.Seconds / rows[0].Seconds; math.Abs(r.Factor-want) > 1e-12*want || !(r.Factor > 0) {
			t.Errorf("K=%d: factor %v; want %v", r.Every, r.Factor, want)
		}
		if r.TapeBytes <= 0 {
			t.Errorf("K=%d: tape of %d bytes", r.Every, r.TapeBytes)
		}
	}
	// At K=100, 25 snapshots and a stretch of 100 steps hold less than
	// 2500 steps recorded.
	if k100 := rows[2]; k100.Every != 100 || k100.TapeBytes >= rows[0].TapeBytes {
		t.Errorf("K=%d: tape %d bytes, recorded %d: want K=100 and less", k100.Every, k100.TapeBytes, rows[0].TapeBytes)
	}
}

// MeasureRevolve at a few steps: a row per number of states, the
// gradient the recorded one bit for bit, the most runs of a step and the
// runs in all as Griewank's formula gives them, the tape the same bytes
// at twice the steps.
func TestMeasureRevolve(t *testing.T) {
	const steps = 2500
	rec := MeasureOrbit(steps, 0)[0]
	rows := MeasureRevolve(steps, 0, rec, OrbitGradient(steps))
	if len(rows) != len(revolveForms) {
		t.Fatalf("MeasureRevolve returned %d rows; want %d", len(rows), len(revolveForms))
	}
	// C(10+r, 10) ≥ 2500 first at r = 5 (C(15, 10) = 3003, C(14, 10) =
	// 1001); 5·2500 − C(15, 11) = 12500 − 1365, less the first descent's.
	if r := rows[0]; r.Snapshots != 10 || r.Reps != 5 || r.Runs != float64(5*2500-1365-FirstDescent(10, 2500))/2500 {
		t.Errorf("S=10 row %+v: want r=5 and (5·2500 − 1365 − %d)/2500 runs a step", r, FirstDescent(10, 2500))
	}
	// The first descent saves the state at 2500 − β(9, 5) = 2500 − 2002
	// = 498 (C(14, 9) = 2002) first, and ends near the last step.
	if d := FirstDescent(10, 2500); d < 2490 || d > 2498 {
		t.Errorf("FirstDescent(10, 2500) = %d; want just below 2499", d)
	}
	for i, r := range rows {
		if r.MaxRelDiff != 0 {
			t.Errorf("S=%d: the gradient differs from the recorded one by %g", r.Snapshots, r.MaxRelDiff)
		}
		// Below S = 1000 (48 bytes a state held) the tape is below the
		// recorded one's 16 bytes a step.
		if b := revolveForms[i].bytes(orbitX0, orbitV0, orbitK, 2*steps); b != r.TapeBytes || r.Snapshots < 1000 && b >= rec.TapeBytes {
			t.Errorf("S=%d: tape %d bytes at %d steps, %d at %d, recorded %d: want equal and less", r.Snapshots, r.TapeBytes, steps, b, 2*steps, rec.TapeBytes)
		}
	}
}

// RevolveRuns is the fewest plain runs of any schedule holding s states:
// the exhaustive count T(n, s) = min over the first split m of m + T(n−m,
// s−1) + T(m, s), T(1, s) = 0, T(n, 1) = n(n−1)/2.
func TestRevolveRuns(t *testing.T) {
	const N, S = 120, 6
	var T [N + 1][S + 1]int
	for s := 1; s <= S; s++ {
		for n := 2; n <= N; n++ {
			if s == 1 {
				T[n][s] = n * (n - 1) / 2
			} else {
				T[n][s] = math.MaxInt
				for m := 1; m < n; m++ {
					T[n][s] = min(T[n][s], m+T[n-m][s-1]+T[m][s])
				}
			}
			if _, got := RevolveRuns(s, n); got != T[n][s] {
				t.Errorf("RevolveRuns(%d, %d) = %d; the exhaustive count is %d", s, n, got, T[n][s])
			}
		}
	}
}

// The tables have a header, a rule and a line per size or form.
func TestTables(t *testing.T) {
	points := []GMMPoint{{N: 10, Objective: Run{Seconds: 1e-3, HeapBefore: 1, PeakHeap: 2}, Recorded: Run{Seconds: 2, PeakHeap: 1.06e9, TapeBytes: 2e6}, Checkpointed: Run{Seconds: 4e-3, PeakHeap: 2, TapeBytes: 2288}}}
	g := GMMTable(points)
	for _, want := range []string{"| 10 | 1 B | 1 ms, 2 B | 2 s (2000.0×), 2 MB, 1.06 GB | 4 ms (4.0×), 2288 B, 2 B |", "| points |"} {
		if !strings.Contains(g, want) {
			t.Errorf("GMMTable lacks %q:\n%s", want, g)
		}
	}
	rv := RevolveTable([]RevolveRow{{Snapshots: 100, Reps: 4, Runs: 3.82, Seconds: 0.2, Factor: 3.1, TapeBytes: 2520}})
	if want := "| 100 | 4 | 3.82 | 2520 B | 200 ms | 3.10× | 0.0e+00 |"; !strings.Contains(rv, want) {
		t.Errorf("RevolveTable lacks %q:\n%s", want, rv)
	}
	o := OrbitTable([]OrbitRow{{Seconds: 1, Factor: 1, TapeBytes: 16_000_000}, {Every: 100, Snapshots: 10, Seconds: 2, Factor: 2, TapeBytes: 12_345}})
	for _, want := range []string{"| recorded | — | 16 MB | 1 s | 1.00× |", "| 100 | 10 | 12.3 kB | 2 s | 2.00× |"} {
		if !strings.Contains(o, want) {
			t.Errorf("OrbitTable lacks %q:\n%s", want, o)
		}
	}
}

// Plot writes well-formed SVG with both panels' axes and every line's
// legend.
func TestPlot(t *testing.T) {
	points := []GMMPoint{
		{N: 10, Objective: Run{1e-5, 1e5, 1e5, 0}, Recorded: Run{3e-5, 1e5, 2e5, 8e3}, Checkpointed: Run{4e-5, 1e5, 1e5, 2288}},
		{N: 100, Objective: Run{1e-4, 1e5, 1e5, 0}, Recorded: Run{3e-4, 1e5, 3e5, 8e4}, Checkpointed: Run{4e-4, 1e5, 1e5, 2288}},
	}
	var buf bytes.Buffer
	if err := Plot(&buf, points); err != nil {
		t.Fatal(err)
	}
	root, err := wellFormed(buf.Bytes())
	if err != nil {
		t.Fatalf("Plot wrote SVG that is not well-formed XML: %v", err)
	}
	if root != "svg" {
		t.Errorf("the document's root element is <%s>; want <svg>", root)
	}
	for _, label := range []string{"points n", "bytes", "CPU seconds per call", "recorded: peak heap", "recorded: tape",
		"checkpointed: peak heap", "checkpointed: tape", "objective: peak heap", "recorded gradient", "checkpointed gradient"} {
		if !bytes.Contains(buf.Bytes(), []byte(label)) {
			t.Errorf("the SVG lacks the text %q", label)
		}
	}
}

// wellFormed decodes an XML document to its end and returns the name of
// its root element.
func wellFormed(doc []byte) (root string, err error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return root, nil
		}
		if err != nil {
			return root, err
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
}
