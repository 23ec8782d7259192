package adbench

import (
	"math"
	"strings"
	"testing"
)

func TestRho(t *testing.T) {
	for _, tc := range []struct{ x, y, want float64 }{
		{0, 0, 0},
		{1e-9, 0, 1e-9},               // small values: absolute
		{1e6, 1e6 + 1, 1 / (2e6 + 1)}, // large values: relative
		{-2, 2, 1},
		{0.25, 0.5, 0.25},
	} {
		if got := Rho(tc.x, tc.y); math.Abs(got-tc.want) > 1e-15*tc.want {
			t.Errorf("Rho(%v, %v) = %v, want %v", tc.x, tc.y, got, tc.want)
		}
	}
}

func TestMismatch(t *testing.T) {
	for _, tc := range []struct {
		name      string
		got, want []float64
		says      string
	}{
		{"equal", []float64{1, 2}, []float64{1, 2}, ""},
		{"within tolerance", []float64{1e4}, []float64{1e4 * (1 + 1e-9)}, ""},
		{"beyond tolerance", []float64{1, 2}, []float64{1, 2 + 1e-7}, "1 of 2 entries differ:\n\tentry 1:"},
		{"NaN", []float64{math.NaN()}, []float64{0}, "1 of 1 entries differ"},
		{"length", []float64{1}, []float64{1, 2}, "1 values, want 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := Mismatch(tc.got, tc.want)
			if (tc.says == "") != (msg == "") || !strings.Contains(msg, tc.says) {
				t.Errorf("Mismatch = %q, want one saying %q", msg, tc.says)
			}
		})
	}
}

func TestNumbers(t *testing.T) {
	r := NewNumbers("f.txt", strings.NewReader(" 3 1.5e2\n\n-0.25 7 x"))
	if n := r.Int(); n != 3 {
		t.Errorf("Int = %d, want 3", n)
	}
	if v := r.Floats(2); len(v) != 2 || v[0] != 150 || v[1] != -0.25 {
		t.Errorf("Floats = %v, want [150 -0.25]", v)
	}
	if rest := r.Rest(); len(rest) != 1 || rest[0] != 7 {
		t.Errorf("Rest = %v, want [7]", rest)
	}
	if err := r.Err(); err == nil || err.Error() != `f.txt: number 5: "x" is not a number` {
		t.Errorf("Err = %v", err)
	}
	if v := r.Float(); v != 0 {
		t.Errorf("Float after an error = %v, want 0", v)
	}
}
