package srcgen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// checkCases are hand-written cases for the checks MainFile writes, each
// F(p) = sin(1e6·p0) + 1e-3·sin(1e16·p1) with a gradient that is right
// or wrong along p0. The huge partial along p1 makes the rounding bound of
// the finite differences so wide that the standard steps along p0 (which
// span many periods of sin(1e6·p0)) "agree" while both are far from the
// derivative: the situation of program 5130 of seed 2, where the checks
// flagged a right gradient. Smaller steps must decide: the right gradient
// passes, with p0 counted as checked, a wrong one still fails.
//
// G(p) = p1 + 1e-16·sin(1e12·p0) is program 6584 of seed 2 in small: its
// dependence on p0 oscillates too fast for any step and is too small to
// show in G's rounded values, so finite differences see 0 where the exact
// derivative is 1e-4·cos(1e12·p0). The checks must not call that wrong,
// nor let an offset of 1e-3 (a wrong derivative) pass.
const checkCases = `
func osc(p []float64) float64 { return math.Sin(1e6*p[0]) + 1e-3*math.Sin(1e16*p[1]) }

func oscCase(name string, scale float64) fcase {
	grad := func(p []float64) []float64 {
		return []float64{scale * 1e6 * math.Cos(1e6*p[0]), 1e13 * math.Cos(1e16*p[1])}
	}
	return fcase{name: name, n: 2, m: 1,
		f:    func(p []float64) []float64 { return []float64{osc(p)} },
		grad: func(p []float64) (float64, []float64) { return osc(p), grad(p) },
		vjp: func(p, s []float64) ([]float64, []float64) {
			g := grad(p)
			return []float64{osc(p)}, []float64{s[0] * g[0], s[0] * g[1]}
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			g := grad(p)
			return []float64{osc(p)}, []float64{g[0]*v[0] + g[1]*v[1]}
		},
		jac: func(p []float64) ([]float64, [][]float64) {
			return []float64{osc(p)}, [][]float64{grad(p)}
		},
	}
}

func tiny(p []float64) float64 { return p[1] + 1e-16*math.Sin(1e12*p[0]) }

func tinyCase(name string, offset float64) fcase {
	grad := func(p []float64) []float64 { return []float64{1e-4*math.Cos(1e12*p[0]) + offset, 1} }
	return fcase{name: name, n: 2, m: 1,
		f:    func(p []float64) []float64 { return []float64{tiny(p)} },
		grad: func(p []float64) (float64, []float64) { return tiny(p), grad(p) },
		vjp: func(p, s []float64) ([]float64, []float64) {
			g := grad(p)
			return []float64{tiny(p)}, []float64{s[0] * g[0], s[0] * g[1]}
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			g := grad(p)
			return []float64{tiny(p)}, []float64{g[0]*v[0] + g[1]*v[1]}
		},
		jac: func(p []float64) ([]float64, [][]float64) {
			return []float64{tiny(p)}, [][]float64{grad(p)}
		},
	}
}

var cases = []fcase{
	oscCase("right", 1), oscCase("doubled", 2), oscCase("halved", 0.5),
	tinyCase("tiny", 0), tinyCase("offset", 1e-3),
}
`

func TestChecksOscillating(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/c\n\ngo 1.26\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(mainHeader+checkCases), 0o666); err != nil {
		t.Fatal(err)
	}
	out, err := goCmd(dir, 2*time.Minute, "run", ".")
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	for _, tc := range []struct{ name, want string }{
		{"right", "OK right fd="}, // and not fd=0: see below
		{"doubled", "FAIL doubled gradient: entry 0"},
		{"halved", "FAIL halved gradient: entry 0"},
		{"tiny", "OK tiny fd=3 nonsmooth=3"}, // p1 checked, p0 skipped
		{"offset", "FAIL offset gradient: entry 0"},
	} {
		if !strings.Contains(out, tc.want) {
			t.Errorf("%s: want a line %q in\n%s", tc.name, tc.want, out)
		}
	}
	if strings.Contains(out, "OK right fd=0 ") {
		t.Errorf("right: p0 was never compared with finite differences:\n%s", out)
	}
}
