package explain

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
)

// chapterNet is the chapter's 2-2-1 ReLU network, as examples/chapter
// writes it.
const chapterNet = "../examples/chapter/net.go"

// chapterArgs are the chapter's initial weights (b1 as given), its
// example x = (1, 2) and its target y = 1.
func chapterArgs(b1 string) []string {
	return []string{"w11=0.5", "w12=0.3", "w21=0.4", "w22=0.2", "w3=1.0", "w4=-0.5", "b1=" + b1, "b2=0", "b3=0.1", "x1=1", "x2=2", "y=1"}
}

// values reads the lines of an explanation as lhs → the number each line
// ends with, by pass: a name may have a line in each.
func values(out string) map[string]map[string]float64 {
	secs := make(map[string]map[string]float64)
	sec := ""
	for _, ln := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(ln, "Forward pass"):
			sec = "forward"
		case strings.HasPrefix(ln, "Backward pass"):
			sec = "backward"
		case strings.HasPrefix(ln, "Gradient"):
			sec = "gradient"
		}
		lhs, rhs, ok := strings.Cut(strings.TrimSpace(ln), " = ")
		if !ok || sec == "" {
			continue
		}
		if note := strings.Index(rhs, "   "); note >= 0 {
			rhs = rhs[:note]
		}
		parts := strings.Split(rhs, " = ")
		x, err := strconv.ParseFloat(parts[len(parts)-1], 64)
		if err != nil {
			continue
		}
		if secs[sec] == nil {
			secs[sec] = make(map[string]float64)
		}
		secs[sec][strings.TrimSpace(lhs)] = x
	}
	return secs
}

// near is how close a number must be to the chapter's: its numbers are
// exact decimals, the float64 arithmetic is off from them by a few ulps.
const near = 1e-12

// TestChapterNumbers runs explain on the chapter's network at the
// chapter's point, every digit written, and checks each number the
// chapter states: the forward values z1 = 1.3 ... L = 0.0025, and the
// memos dL/dyhat = 0.10, dL/dw3 = 0.130 ... dL/dw22 = -0.10, in the
// backward pass and in the gradient.
func TestChapterNumbers(t *testing.T) {
	var out bytes.Buffer
	err := Explain(&out, Options{File: chapterNet, Func: "Loss", Args: chapterArgs("0.0")})
	if err != nil {
		t.Fatal(err)
	}
	got := values(out.String())
	tests := []struct {
		sec, lhs string
		want     float64
	}{
		{"forward", "z1", 1.3},
		{"forward", "z2", 0.7},
		{"forward", "h1", 1.3},
		{"forward", "h2", 0.7},
		{"forward", "yhat", 1.05},
		{"forward", "e", 0.05},
		{"forward", "L", 0.0025},
		{"backward", "∂L/∂yhat", 0.10},
		{"backward", "∂L/∂w3", 0.130},
		{"backward", "∂L/∂w4", 0.070},
		{"backward", "∂L/∂b3", 0.10},
		{"backward", "∂L/∂h1", 0.10},
		{"backward", "∂L/∂h2", -0.05},
		{"backward", "∂L/∂z1", 0.10},
		{"backward", "∂L/∂z2", -0.05},
		{"backward", "∂L/∂w11", 0.10},
		{"backward", "∂L/∂w21", 0.20},
		{"backward", "∂L/∂w12", -0.05},
		{"backward", "∂L/∂w22", -0.10},
		{"backward", "∂L/∂b1", 0.10},
		{"backward", "∂L/∂b2", -0.05},
		{"gradient", "∂L/∂w11", 0.10},
		{"gradient", "∂L/∂w12", -0.05},
		{"gradient", "∂L/∂w21", 0.20},
		{"gradient", "∂L/∂w22", -0.10},
		{"gradient", "∂L/∂w3", 0.130},
		{"gradient", "∂L/∂w4", 0.070},
		{"gradient", "∂L/∂b1", 0.10},
		{"gradient", "∂L/∂b2", -0.05},
		{"gradient", "∂L/∂b3", 0.10},
	}
	for _, tt := range tests {
		x, ok := got[tt.sec][tt.lhs]
		switch {
		case !ok:
			t.Errorf("%s pass: no line for %s in\n%s", tt.sec, tt.lhs, out.String())
		case math.Abs(x-tt.want) > near:
			t.Errorf("%s pass: %s = %v, the chapter says %v", tt.sec, tt.lhs, x, tt.want)
		}
	}
}

// TestChapterChains checks that each memo is written as the chapter writes
// its chain, in order: the backward pass runs from the loss to the
// weights of the first layer.
func TestChapterChains(t *testing.T) {
	var out bytes.Buffer
	if err := Explain(&out, Options{File: chapterNet, Func: "Loss", Args: chapterArgs("0"), Digits: 6}); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	chains := []string{
		"z1   = w11·x1 + w21·x2 + b1 = 0.5·1 + 0.4·2 + 0 = 1.3",
		"h1   = math.Max(0, z1) = math.Max(0, 1.3) = 1.3   ReLU, alive: z1 > 0",
		"yhat = w3·h1 + w4·h2 + b3 = 1·1.3 + (-0.5)·0.7 + 0.1 = 1.05",
		"L    = e·e = 0.05·0.05 = 0.0025",
		"∂L/∂L    = 1   the seed",
		"∂L/∂yhat = ∂L/∂e = 0.1",
		"∂L/∂b3   = ∂L/∂yhat = 0.1",
		"∂L/∂w4   = ∂L/∂yhat · h2 = 0.1 · 0.7 = 0.07",
		"∂L/∂w3   = ∂L/∂yhat · h1 = 0.1 · 1.3 = 0.13",
		"∂L/∂z1   = ∂L/∂h1 = 0.1   ReLU'(z1) = 1: z1 = 1.3 > 0",
		"∂L/∂w22  = ∂L/∂z2 · x2 = -0.05 · 2 = -0.1",
		"∂L/∂w12  = ∂L/∂z2 · x1 = -0.05 · 1 = -0.05",
		"∂L/∂w21  = ∂L/∂z1 · x2 = 0.1 · 2 = 0.2",
		"∂L/∂w11  = ∂L/∂z1 · x1 = 0.1 · 1 = 0.1",
	}
	last := -1
	for _, c := range chains {
		i := strings.Index(text, c)
		if i < 0 {
			t.Errorf("no line %q in\n%s", c, text)
			continue
		}
		if i < last {
			t.Errorf("%q comes before the line above it in the table", c)
		}
		last = i
	}
}

// TestDeadReLU checks the chapter's dead unit, b1 = -2: z1 = -0.7, the
// ReLU passes no memo back, and the weights behind it get exactly zero,
// which the gradient says comes from the cut at z1; the other path still
// learns.
func TestDeadReLU(t *testing.T) {
	var out bytes.Buffer
	if err := Explain(&out, Options{File: chapterNet, Func: "Loss", Args: chapterArgs("-2"), Digits: 6}); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"h1   = math.Max(0, z1) = math.Max(0, -0.7) = 0   ReLU, dead: z1 = -0.7 ≤ 0",
		"∂L/∂z1   = 0   ReLU'(z1) = 0: z1 = -0.7 ≤ 0, so the ReLU passes no memo back: the chain is cut here (dead ReLU)",
		"∂L/∂w11 = 0   its chains pass the cut at z1\n",
		"∂L/∂w21 = 0   its chains pass the cut at z1\n",
		"∂L/∂b1  = 0   its chains pass the cut at z1\n",
		"∂L/∂w12 = 1.25\n",
		"∂L/∂w3  = 0\n", // zero because h1 is, not through a cut
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
}

// TestForwardMode checks the tangents of forward mode against the
// gradient: along w11 and half of b1, dL = dL/dw11 + dL/db1 / 2.
func TestForwardMode(t *testing.T) {
	var out bytes.Buffer
	o := Options{File: chapterNet, Func: "Loss", Args: chapterArgs("0"), Mode: Forward, Dir: []string{"w11=1", "b1=0.5"}}
	if err := Explain(&out, o); err != nil {
		t.Fatal(err)
	}
	got := values(out.String())["forward"]
	want := map[string]float64{"dz1": 1.5, "dz2": 0, "dh1": 1.5, "dyhat": 1.5, "de": 1.5, "dL": 0.15, "L": 0.0025}
	for name, w := range want {
		if x, ok := got[name]; !ok || math.Abs(x-w) > near {
			t.Errorf("%s = %v (line %v), want %v\n%s", name, x, ok, w, out.String())
		}
	}
}
