package memory

import (
	"strings"
	"testing"
)

// MeasureSprings at a few steps: recorded first, the state's gradient the
// recorded one's (k's to rounding), the tape the same bytes at twice the
// steps and below the recorded one, and -memory's S from the budget.
func TestMeasureSprings(t *testing.T) {
	const n, steps = 8, 3000
	rows := MeasureSprings(n, steps, 0)
	if len(rows) != len(springsForms) || rows[0].Snapshots != 0 {
		t.Fatalf("MeasureSprings returned %+v; want %d rows, recorded first", rows, len(springsForms))
	}
	q0, p0, k := springsPoint(n)
	for i, r := range rows[1:] {
		if r.MaxRelDiff > 1e-12 {
			t.Errorf("%s: the gradient differs from the recorded one by %g", r.Directive, r.MaxRelDiff)
		}
		if b := springsForms[i+1].bytes(q0, p0, k, 2*steps); b != r.TapeBytes || b >= rows[0].TapeBytes {
			t.Errorf("%s: tape %d bytes at %d steps, %d at %d, recorded %d: want equal and less", r.Directive, r.TapeBytes, steps, b, 2*steps, rows[0].TapeBytes)
		}
	}
	// 64000 / (16·8 + 8) = 470 states of q, p and the iteration, as the
	// backward sweep's buffer of held states shows.
	var tape SpringsBudgetTape
	SpringsBudgetForward(&tape, q0, p0, k, steps)
	var dk float64
	SpringsBudgetBackward(&tape, 1, make([]float64, n), make([]float64, n), &dk)
	if s := rows[3].Snapshots; s != 470 || len(tape.snapQ) != 470*n || len(tape.snapAt) != 470 {
		t.Errorf("-memory=64kB at 8 masses: row says %d states, the tape holds %d of q (%d iterations); want 470", s, len(tape.snapQ)/n, len(tape.snapAt))
	}
	tab := SpringsTable(rows)
	for _, want := range []string{"| recorded | — |", "| -snapshots=100 | 100 |", "| -memory=64kB | 470 |"} {
		if !strings.Contains(tab, want) {
			t.Errorf("SpringsTable lacks %q:\n%s", want, tab)
		}
	}
}
