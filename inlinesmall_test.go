package godiff

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/godiff/godiff/reverse"
)

// inlineHelpers are helpers of slices, each called once by F below, and
// whether reverse mode inlines their calls (see reverse.InlineSmall).
var inlineHelpers = []struct {
	name, src string
	inlined   bool
}{
	{"subtract", `func subtract(x, y, out []float64) {
	for i := range out {
		out[i] = x[i] - y[i]
	}
}`, true},
	{"sqnorm", `func sqnorm(x []float64) float64 {
	s := x[0] * x[0]
	for i := 1; i < len(x); i++ {
		s += x[i] * x[i]
	}
	return s
}`, true},
	{"lse", `func lse(x []float64) float64 {
	m := top(x)
	s := 0.0
	for i := range x {
		s += math.Exp(x[i] - m)
	}
	return math.Log(s) + m
}`, true}, // calls top, which stays a call
	{"top", `func top(x []float64) float64 {
	m := x[0]
	for i := 1; i < len(x); i++ {
		m = math.Max(m, x[i])
	}
	return m
}`, false}, // a running maximum: state
	{"tri", `func tri(l, x, out []float64) {
	k := 0
	for i := range x {
		for j := i + 1; j < len(x); j++ {
			out[j] += l[k] * x[i]
			k++
		}
	}
}`, true}, // an index stepped through a triangle: a counter, one record per call
	{"twice", `func twice(x []float64) float64 {
	s := 0.0
	for i := range x {
		s += x[i]
	}
	for i := range x {
		s += x[i] * x[i]
	}
	return s
}`, true}, // two loops
	{"qtx", `func qtx(d int, q, l, x, out []float64) {
	for i := 0; i < d; i++ {
		out[i] = q[i] * x[i]
	}
	idx := 0
	for i := 0; i < d; i++ {
		for j := i + 1; j < d; j++ {
			out[j] += l[idx] * x[i]
			idx += 1
		}
	}
}`, true}, // GMM's qTimesX: two loops, a counter stepped through a triangle
	{"doubling", `func doubling(x []float64) float64 {
	s := 0.0
	k := 1
	for i := range x {
		s += x[i] * float64(k)
		k *= 2
	}
	return s
}`, false}, // an integer not stepped by a constant: state
	{"firstPos", `func firstPos(x []float64) float64 {
	for i := range x {
		if x[i] > 0 {
			return x[i]
		}
	}
	return 0
}`, false}, // returns inside its loop
	{"halve", `func halve(x []float64, n int) float64 {
	if n == 0 {
		return x[0]
	}
	return 0.5 * halve(x, n-1)
}`, false}, // recursive
	{"fresh", `func fresh(x []float64) float64 {
	y := make([]float64, len(x))
	s := 0.0
	for i := range x {
		y[i] = x[i] * x[i]
		s += y[i]
	}
	return s
}`, false}, // makes a slice
	{"long", longHelper(), false}, // over InlineMaxValues
}

// longHelper returns a helper of more than InlineMaxValues IR values and
// no loop: s = s*x[0] + j, once for each j.
func longHelper() string {
	src := "func long(x []float64) float64 {\n\ts := 0.0\n"
	for j := range reverse.InlineMaxValues {
		src += fmt.Sprintf("\ts = s*x[0] + %d\n", j+1)
	}
	return src + "\treturn s\n}"
}

// TestInlineSmallPolicy checks which calls of helpers of slices reverse
// mode inlines: a helper that stays a call has its split form for callers
// (helperCall...Forward) in the output, an inlined one has none (its JVP
// stays: forward mode calls it). The output must build and its gradient
// pass its own finite-difference check (the generated test file).
func TestInlineSmallPolicy(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	var helpers []string
	for _, h := range inlineHelpers {
		helpers = append(helpers, h.src)
	}
	writeFile(t, filepath.Join(dir, "helpers.go"), "package m\n\nimport \"math\"\n\n"+strings.Join(helpers, "\n\n")+"\n")
	writeFile(t, filepath.Join(dir, "f.go"), `package m

//godiff:grad x y
func F(x, y []float64) float64 {
	d := make([]float64, len(x))
	subtract(x, y, d)
	s := sqnorm(d) + lse(d) + top(y)
	e := make([]float64, len(x))
	tri(x, y, e)
	o := make([]float64, len(x))
	qtx(len(x), y, x, d, o)
	return s + twice(e) + halve(x, 3) + fresh(d) + long(x) + sqnorm(o) + doubling(x) + firstPos(y)
}
`)
	outs, err := Generate([]string{filepath.Join(dir, "f.go")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := string(outs[0].Content)
	for _, h := range inlineHelpers {
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
	if reverse.InlineMaxValues < 45 {
		t.Errorf("InlineMaxValues = %d, under the size of GMM's helpers", reverse.InlineMaxValues)
	}
}

// TestInlineSmallSameGradient checks that inlining a helper changes no
// derivative, bit for bit: G calls sqsum, which reverse mode inlines, and
// H calls sqsumCall, the same arithmetic with w indexed by a variable k
// carried from one iteration to the next (k = i + 1: state, which keeps a
// call), which stays a call. Likewise Q calls lower, GMM's qTimesX, whose
// index steps through a triangle and whose input centred the backward
// sweep computes again from xs and mu, inlined; R calls lowerCall, the
// same with x indexed by such a carried c. Their gradients must be equal
// with ==.
func TestInlineSmallSameGradient(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	writeFile(t, filepath.Join(dir, "a.go"), `package m

import "math"

func sqsum(x, w []float64) float64 {
	m := 0.0
	for i := range w {
		d := x[i] - w[i]
		m += math.Exp(d*d) * w[i]
	}
	return math.Log(m)
}

func sqsumCall(x, w []float64) float64 {
	m := 0.0
	k := 0
	for i := range w {
		d := x[i] - w[k]
		m += math.Exp(d*d) * w[k]
		k = i + 1
	}
	return math.Log(m)
}

func lower(d int, diag, ltri, x, out []float64) {
	for i := 0; i < d; i++ {
		out[i] = diag[i] * x[i]
	}
	k := 0
	for i := 0; i < d; i++ {
		for j := i + 1; j < d; j++ {
			out[j] += ltri[k] * x[i]
			k++
		}
	}
}

func lowerCall(d int, diag, ltri, x, out []float64) {
	c := 0
	for i := 0; i < d; i++ {
		out[i] = diag[i] * x[c]
		c = i + 1
	}
	k := 0
	for i := 0; i < d; i++ {
		for j := i + 1; j < d; j++ {
			out[j] += ltri[k] * x[i]
			k++
		}
	}
}

//godiff:grad diag ltri mu
func Q(d int, diag, ltri, mu, xs []float64) float64 {
	centred := make([]float64, d)
	out := make([]float64, d)
	s := 0.0
	for p := 0; p < len(xs)/d; p++ {
		for i := 0; i < d; i++ {
			centred[i] = xs[p*d+i] - mu[i]
		}
		lower(d, diag, ltri, centred, out)
		for i := 0; i < d; i++ {
			s += math.Exp(out[i]) * out[i]
		}
	}
	return s
}

//godiff:grad diag ltri mu
func R(d int, diag, ltri, mu, xs []float64) float64 {
	centred := make([]float64, d)
	out := make([]float64, d)
	s := 0.0
	for p := 0; p < len(xs)/d; p++ {
		for i := 0; i < d; i++ {
			centred[i] = xs[p*d+i] - mu[i]
		}
		lowerCall(d, diag, ltri, centred, out)
		for i := 0; i < d; i++ {
			s += math.Exp(out[i]) * out[i]
		}
	}
	return s
}

//godiff:grad x w
func G(x, w []float64) float64 {
	s := 0.0
	for k := range 3 {
		s += sqsum(x[k:], w) * float64(k+1)
	}
	return s
}

//godiff:grad x w
func H(x, w []float64) float64 {
	s := 0.0
	for k := range 3 {
		s += sqsumCall(x[k:], w) * float64(k+1)
	}
	return s
}
`)
	outs, err := Generate([]string{filepath.Join(dir, "a.go")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := string(outs[0].Content)
	if strings.Contains(out, "func sqsumCall(") || !strings.Contains(out, "func sqsumCallCall") ||
		strings.Contains(out, "func lowerCall(") || !strings.Contains(out, "func lowerCallCall") {
		t.Fatalf("sqsum and lower should be inlined and sqsumCall and lowerCall stay calls:\n%s", out)
	}
	if !strings.Contains(out, "- mu[") {
		t.Errorf("Q's backward sweep should compute centred's elements again from xs and mu:\n%s", out)
	}
	writeFile(t, outs[0].Path, out)
	writeFile(t, filepath.Join(dir, "same_test.go"), `package m

import "testing"

func TestSame(t *testing.T) {
	x := []float64{0.3, -0.7, 1.1, 0.2, -0.4, 0.9}
	w := []float64{0.5, 0.25, 0.6, 0.1}
	g, gx, gw := GGrad(x, w)
	h, hx, hw := HGrad(x, w)
	same := g == h
	for i := range gx {
		same = same && gx[i] == hx[i]
	}
	for i := range gw {
		same = same && gw[i] == hw[i]
	}
	if !same {
		t.Errorf("inlined %v %v %v, called %v %v %v", g, gx, gw, h, hx, hw)
	}
	xs := []float64{0.3, -1.2, 0.8, 1.5, 0.4, -0.6, -0.9, 2.1, 0.2}
	diag, ltri, mu := []float64{1.1, 0.9, 1.3}, []float64{0.4, -0.7, 0.2}, []float64{0.1, -0.2, 0.3}
	q, qd, ql, qm := QGrad(3, diag, ltri, mu, xs)
	r, rd, rl, rm := RGrad(3, diag, ltri, mu, xs)
	same = q == r
	for i := range 3 {
		same = same && qd[i] == rd[i] && ql[i] == rl[i] && qm[i] == rm[i]
	}
	if !same {
		t.Errorf("inlined %v %v %v %v, called %v %v %v %v", q, qd, ql, qm, r, rd, rl, rm)
	}
}
`)
	run := exec.Command("go", "test", "-run", "TestSame", ".")
	run.Dir = dir
	if b, err := run.CombinedOutput(); err != nil {
		t.Errorf("go test: %v\n%s", err, b)
	}
}
