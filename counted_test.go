package godiff

import (
	"path/filepath"
	"testing"

	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/parse"
)

// TestCountedLoop checks ir.CountedLoop, the one recogniser of counted
// loops behind ir.ConstTrip (fixed-size stacks) and reverse mode's
// counters and trip counts: the step, the bound in the direction of the
// step, and the constant trip count, on the first loop of each function.
func TestCountedLoop(t *testing.T) {
	cases := []struct {
		name, loop string
		counted    bool
		step       int64
		bound      bool // Bound finds the bound
		inclusive  bool
		trips      int // ConstTrip's count, or -1 for none
	}{
		{"Up", "for i := 0; i < n; i++ {", true, 1, true, false, -1},
		{"Const", "for i := 1; i <= 5; i++ {", true, 1, true, true, 5},
		{"Empty", "for i := 4; i < 2; i++ {", true, 1, true, false, 0},
		{"Down", "for i := n - 1; i >= 0; i-- {", true, -1, true, true, -1},
		{"Stride", "for i := 0; i < 6; i += 2 {", true, 2, true, false, -1},
		{"StrideDown", "for i := 9; i > 0; i -= 3 {", true, -3, true, false, -1},
		{"AwayFromBound", "for i := 0; i > -3; i++ {", true, 1, false, false, -1},
		{"Range", "for i := range 4 {\n_ = i", false, 0, false, false, 4},
		{"While", "for n > 0 {\nn--", false, 0, false, false, -1},
		{"Written", "for i := 0; i < 6; i++ {\nif x > 0.5 {\ni++\n}", false, 0, false, false, -1},
		{"CondAnd", "for i := 0; i < 3 && x < 2; i++ {", true, 1, false, false, -1},
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	src := "package m\n\nimport \"math\"\n"
	for _, c := range cases {
		src += "\n//godiff:grad x\nfunc " + c.name + "(x float64, n int) float64 {\n" + c.loop + "\nx = math.Sin(x)\n}\nreturn x\n}\n"
	}
	writeFile(t, filepath.Join(dir, "f.go"), src)
	files, err := parse.Load([]string{filepath.Join(dir, "f.go")})
	if err != nil {
		t.Fatal(err)
	}
	loops := make(map[string]*ir.Value)
	for _, tg := range files[0].Targets {
		tg.Func.Walk(func(v *ir.Value) {
			if v.Op.IsLoop() && loops[tg.Func.Name] == nil {
				loops[tg.Func.Name] = v
			}
		})
	}
	for _, c := range cases {
		l := loops[c.name]
		if l == nil {
			t.Errorf("%s: no loop", c.name)
			continue
		}
		cl, ok := ir.CountedLoop(l)
		if ok != c.counted || ok && cl.Step != c.step {
			t.Errorf("%s: CountedLoop = %v, step %d; want %v, step %d", c.name, ok, cl.Step, c.counted, c.step)
		}
		if ok {
			bound, inclusive := cl.Bound(l)
			if (bound != nil) != c.bound || inclusive != c.inclusive {
				t.Errorf("%s: Bound = %v, inclusive %v; want found %v, inclusive %v", c.name, bound, inclusive, c.bound, c.inclusive)
			}
		}
		trips, ok := ir.ConstTrip(l)
		if !ok {
			trips = -1
		}
		if trips != c.trips {
			t.Errorf("%s: ConstTrip = %d; want %d", c.name, trips, c.trips)
		}
	}
}
