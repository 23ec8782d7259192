package godiff

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/godiff/godiff/reverse"
)

// onceHelpers are helpers of slices and whether reverse mode inlines the
// call F below makes of them: in a loop of F, or once per run (see
// reverse.InlineMaxValuesOnce).
var onceHelpers = []struct {
	name, src, call string
	inLoop          bool
	inlined         bool
}{
	// A local array, an output slice and a loop of constant count, called
	// once: inlined (BA's rodriguesRotatePoint).
	{"arrOnce", arrayHelper("arrOnce"), "arrOnce(x, out[:])", false, true},
	// The same called in a loop: it would make its array per iteration.
	{"arrLoop", arrayHelper("arrLoop"), "arrLoop(x, out[:])", true, false},
	// About 96 IR values, over InlineMaxValues, under
	// InlineMaxValuesOnce: inlined once per run, not in a loop.
	{"midOnce", chainHelper("midOnce", 30), "s += midOnce(x)", false, true},
	{"midLoop", chainHelper("midLoop", 30), "s += midLoop(x)", true, false},
	// About 190 values: over both.
	{"bigOnce", chainHelper("bigOnce", 60), "s += bigOnce(x)", false, false},
	// Two loops carrying only sums: inlined (see InlineSmall).
	{"twoOnce", `func twoOnce(x []float64) float64 {
	s := 0.0
	for i := range x {
		s += x[i]
	}
	for i := range x {
		s += x[i] * x[i]
	}
	return s
}`, "s += twoOnce(x)", false, true},
	// A running maximum stays a call wherever the call is: its split form
	// recovers it from one record per call.
	{"maxOnce", `func maxOnce(x []float64) float64 {
	m := x[0]
	for i := range x {
		if x[i] > m {
			m = x[i]
		}
	}
	return m
}`, "s += maxOnce(x)", false, false},
}

// arrayHelper returns a helper writing into out, through a local array.
func arrayHelper(name string) string {
	return "func " + name + `(x, out []float64) {
	var w [3]float64
	for i := 0; i < 3; i++ {
		w[i] = x[i] * x[(i+1)%3]
	}
	out[0] = w[1]*x[2] - w[2]*x[1]
	out[1] = w[2]*x[0] - w[0]*x[2]
	out[2] = w[0]*x[1] - w[1]*x[0]
}`
}

// chainHelper returns a helper of about 3·n+6 IR values and no loop.
func chainHelper(name string, n int) string {
	src := "func " + name + "(x []float64) float64 {\n\ts := 0.0\n"
	for j := range n {
		src += fmt.Sprintf("\ts = s*x[0] + %d\n", j+1)
	}
	return src + "\treturn s\n}"
}

// TestInlineOncePolicy checks which calls of helpers reverse mode inlines
// depending on whether they run once per run of the caller, and that the
// output builds (go vet).
func TestInlineOncePolicy(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	var helpers []string
	body := "\tvar out [3]float64\n\ts := 0.0\n"
	loop := ""
	for _, h := range onceHelpers {
		helpers = append(helpers, h.src)
		if h.inLoop {
			loop += "\t\t" + h.call + "\n\t\ts += out[0]\n"
		} else {
			body += "\t" + h.call + "\n\ts += out[1]\n"
		}
	}
	body += "\tfor k := 0; k < len(x); k++ {\n" + loop + "\t\tx[0] *= 0.5\n\t}\n\treturn s\n"
	writeFile(t, filepath.Join(dir, "helpers.go"), "package m\n\n"+strings.Join(helpers, "\n\n")+"\n")
	writeFile(t, filepath.Join(dir, "f.go"), "package m\n\n//godiff:grad x\nfunc F(x []float64) float64 {\n"+body+"}\n")
	outs, err := Generate([]string{filepath.Join(dir, "f.go")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := string(outs[0].Content)
	for _, h := range onceHelpers {
		if got := strings.Contains(out, "func "+h.name+"Call"); got == h.inlined {
			t.Errorf("%s: split form for callers in the output: %v; want inlined: %v", h.name, got, h.inlined)
		}
	}
	writeFile(t, outs[0].Path, out)
	vet := exec.Command("go", "vet", ".")
	vet.Dir = dir
	if b, err := vet.CombinedOutput(); err != nil {
		t.Errorf("go vet: %v\n%s", err, b)
	}
	if reverse.InlineMaxValuesOnce < 90 || reverse.InlineMaxValuesOnce > 180 {
		t.Errorf("InlineMaxValuesOnce = %d: the mid and big cases no longer straddle it", reverse.InlineMaxValuesOnce)
	}
}
