package tmpl

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The values the checks read and write: every float of nested slices and
// arrays, float32 too, in index order, named, cloned without sharing.
func TestFloats(t *testing.T) {
	tests := []struct {
		v      any
		floats []float64
		labels []string
	}{
		{2.5, []float64{2.5}, []string{"x"}},
		{float32(0.5), []float64{0.5}, []string{"x"}},
		{[]float64{1, 2}, []float64{1, 2}, []string{"x[0]", "x[1]"}},
		{[][]float32{{1}, {2, 3}}, []float64{1, 2, 3}, []string{"x[0][0]", "x[1][0]", "x[1][1]"}},
		{[2][2]float64{{1, 2}, {3, 4}}, []float64{1, 2, 3, 4}, []string{"x[0][0]", "x[0][1]", "x[1][0]", "x[1][1]"}},
		{[]int{7}, nil, nil},
	}
	for _, tt := range tests {
		p := reflect.New(reflect.TypeOf(tt.v))
		p.Elem().Set(reflect.ValueOf(tt.v))
		v := p.Elem()
		if got := godiffFloats_tmpl(nil, v); !slices.Equal(got, tt.floats) {
			t.Errorf("%v: floats %v, want %v", tt.v, got, tt.floats)
		}
		if got := godiffLabels_tmpl(nil, "x", v); !slices.Equal(got, tt.labels) {
			t.Errorf("%v: labels %v, want %v", tt.v, got, tt.labels)
		}
		c := godiffClone_tmpl(v)
		want := make([]float64, len(tt.floats))
		for i := range want {
			want[i] = float64(10 + i)
		}
		if rest := godiffSetFloats_tmpl(c, append(want, 99)); !slices.Equal(rest, []float64{99}) {
			t.Errorf("%v: SetFloats left %v", tt.v, rest)
		}
		if got := godiffFloats_tmpl(nil, c); !slices.Equal(got, want) {
			t.Errorf("%v: the clone holds %v after SetFloats, want %v", tt.v, got, want)
		}
		if got := godiffFloats_tmpl(nil, v); !slices.Equal(got, tt.floats) {
			t.Errorf("%v: writing the clone changed the original to %v", tt.v, got)
		}
	}
}

// Restoring a point's floats between the runs AllocsPerRun counts must
// allocate nothing itself.
func TestSetFloatsAllocatesNothing(t *testing.T) {
	x := [][]float64{{1, 2}, {3, 4, 5}}
	v := reflect.ValueOf(&x).Elem()
	vals := []float64{5, 4, 3, 2, 1}
	if n := testing.AllocsPerRun(10, func() { godiffSetFloats_tmpl(v, vals) }); n != 0 {
		t.Errorf("godiffSetFloats allocates %v times per run", n)
	}
}

// Random points' shapes: slices of length n at every level, integers k,
// booleans flag, arrays as they are.
func TestShape(t *testing.T) {
	v := godiffShape_tmpl(reflect.TypeOf([][]float64(nil)), 3, 1, true)
	if m := v.Interface().([][]float64); len(m) != 3 || len(m[2]) != 3 {
		t.Errorf("[][]float64 shaped %v", m)
	}
	if v := godiffShape_tmpl(reflect.TypeOf([]uint8(nil)), 4, 2, false).Interface().([]uint8); !slices.Equal(v, []uint8{2, 2, 2, 2}) {
		t.Errorf("[]uint8 shaped %v", v)
	}
	if v := godiffShape_tmpl(reflect.TypeOf(true), 4, 2, true).Bool(); !v {
		t.Error("bool shaped false")
	}
	if v := godiffShape_tmpl(reflect.TypeOf([2]float64{}), 4, 2, true).Len(); v != 2 {
		t.Errorf("[2]float64 shaped of length %d", v)
	}
}

// A layout as the generated tests write it.
func TestLayout(t *testing.T) {
	got := godiffLayout_tmpl("p0 t s1 3v 0z+2o 5o+")
	want := []godiffArg_tmpl{
		{kind: 'p', index: 0},
		{kind: 't'},
		{kind: 's', index: 1},
		{kind: 'd', leaves: []int{3}, roles: "v"},
		{kind: 'd', leaves: []int{0, 2}, roles: "zo", whole: true},
		{kind: 'd', leaves: []int{5}, roles: "o", whole: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("layout:\n got %+v\nwant %+v", got, want)
	}
}

// The comparison with finite differences passes a right derivative,
// fails a wrong one, also a small one, and skips a kink rather than judge
// it: near it the two steps disagree; at it they agree (ReLU's central
// differences are 1/2 at every step) but the derivative varies within the
// step.
func TestCompare(t *testing.T) {
	line := func(f func(x float64) float64, df func(x float64) float64, x float64) godiffLine_tmpl {
		return godiffLine_tmpl{
			at:    func(h float64) ([]float64, float64) { return []float64{f(x + h)}, h },
			claim: func(h float64) []float64 { return []float64{df(x + h)} },
			unit:  math.Max(1, math.Abs(x)),
		}
	}
	label := func(int) string { return "d" }
	tests := []struct {
		name    string
		f, df   func(x float64) float64
		x       float64
		wrong   bool // the claim differs
		checked int  // entries compared
	}{
		{"exp", math.Exp, math.Exp, 0.3, false, 1},
		{"exp wrong by 1e-4", math.Exp, func(x float64) float64 { return math.Exp(x) * (1 + 1e-4) }, 0.3, true, 0},
		{"small derivative wrong by 2e-6", func(x float64) float64 { return 1e-4 * math.Sin(x) }, func(x float64) float64 { return 1e-4*math.Cos(x) + 2e-6 }, 0.3, true, 0},
		{"large", func(x float64) float64 { return 1e8 * x * x }, func(x float64) float64 { return 2e8 * x }, 3, false, 1},
		{"relu at its kink", relu, step, 0, false, 0},
		{"relu near its kink", relu, step, 1e-6, false, 0},
	}
	for _, tt := range tests {
		var tally godiffTally_tmpl
		m := godiffFloat64_tmpl.compare(line(tt.f, tt.df, tt.x), []float64{tt.df(tt.x)}, label, &tally)
		if (m != "") != tt.wrong || tally.checked != tt.checked {
			t.Errorf("%s: %q, %d checked; want wrong %v, %d checked", tt.name, m, tally.checked, tt.wrong, tt.checked)
		}
		if tt.wrong && !strings.Contains(m, "but central differences give") {
			t.Errorf("%s: message %q", tt.name, m)
		}
	}
}

func relu(x float64) float64 { return math.Max(0, x) }

func step(x float64) float64 {
	if x > 0 {
		return 1
	}
	return 0
}

// The points are the same on every run, and in [0, 1).
func TestRand(t *testing.T) {
	a, b := godiffNewRand_tmpl("Loss"), godiffNewRand_tmpl("Loss")
	c := godiffNewRand_tmpl("Loss2")
	same := true
	for range 100 {
		x, y, z := a.Float64(), b.Float64(), c.Float64()
		if x != y || x < 0 || x >= 1 {
			t.Fatalf("Float64 gave %v and %v", x, y)
		}
		same = same && x == z
	}
	if same {
		t.Error("two names gave the same numbers")
	}
}
