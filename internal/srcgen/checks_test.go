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
// quadCase checks the variants' checks (checkAlt, checkHessian): right
// closures pass, a checkpointed gradient off by 1e-9, an H·v off by 1%
// and an asymmetric Hessian fail.
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

// quad is H(p) = p0²·p1 + sin(p1), with the variants' closures: the
// checkpointed copy's gradient scaled by altScale, H·v by hvScale, and
// the Hessian's (0, 1) entry moved by asym.
func quad(p []float64) float64 { return p[0]*p[0]*p[1] + math.Sin(p[1]) }

func quadGrad(p []float64) []float64 { return []float64{2 * p[0] * p[1], p[0]*p[0] + math.Cos(p[1])} }

func quadHess(p []float64) [][]float64 {
	return [][]float64{{2 * p[1], 2 * p[0]}, {2 * p[0], -math.Sin(p[1])}}
}

func quadCase(name string, altScale, hvScale, asym float64) fcase {
	return fcase{name: name, n: 2, m: 1,
		f:    func(p []float64) []float64 { return []float64{quad(p)} },
		grad: func(p []float64) (float64, []float64) { return quad(p), quadGrad(p) },
		vjp: func(p, s []float64) ([]float64, []float64) {
			g := quadGrad(p)
			return []float64{quad(p)}, []float64{s[0] * g[0], s[0] * g[1]}
		},
		jvp: func(p, v []float64) ([]float64, []float64) {
			g := quadGrad(p)
			return []float64{quad(p)}, []float64{g[0]*v[0] + g[1]*v[1]}
		},
		jac: func(p []float64) ([]float64, [][]float64) { return []float64{quad(p)}, [][]float64{quadGrad(p)} },
		alt: func(p []float64) (float64, []float64) {
			g := quadGrad(p)
			return quad(p), []float64{g[0], altScale * g[1]}
		},
		hidx: []int{0, 1},
		hvp: func(p, v []float64) (float64, []float64, []float64) {
			h := quadHess(p)
			return quad(p), quadGrad(p), []float64{hvScale * (h[0][0]*v[0] + h[0][1]*v[1]), h[1][0]*v[0] + h[1][1]*v[1]}
		},
		hess: func(p []float64) (float64, []float64, [][]float64) {
			h := quadHess(p)
			h[0][1] += asym
			return quad(p), quadGrad(p), h
		},
	}
}

var cases = []fcase{
	oscCase("right", 1), oscCase("doubled", 2), oscCase("halved", 0.5),
	tinyCase("tiny", 0), tinyCase("offset", 1e-3),
	quadCase("quad", 1, 1, 0), quadCase("altoff", 1+1e-9, 1, 0), quadCase("hvoff", 1, 1.01, 0), quadCase("asym", 1, 1, 1e-3),
}
`

func TestChecksOscillating(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/c\n\ngo 1.26\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(mainHeader+variantChecks+checkCases), 0o666); err != nil {
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
		{"quad", "OK quad fd=6 nonsmooth=0 alt=3 hvpfd=6 hvpskip=0 hess=3"},
		{"altoff", "FAIL altoff checkpointed: gradient entry 1"},
		{"hvoff", "FAIL hvoff hvp: (H·v)[0]"},
		{"asym", "FAIL asym hessian: not symmetric"},
	} {
		if !strings.Contains(out, tc.want) {
			t.Errorf("%s: want a line %q in\n%s", tc.name, tc.want, out)
		}
	}
	if strings.Contains(out, "OK right fd=0 ") {
		t.Errorf("right: p0 was never compared with finite differences:\n%s", out)
	}
}
