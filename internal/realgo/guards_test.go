package realgo

import (
	"fmt"
	"io"
	"log"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

func guardProblems() []fdcheck.Problem {
	return []fdcheck.Problem{
		{
			Name:  "Rosen",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2, -2, 2) },
			F:     Rosen,
			Grad:  RosenGrad,
			JVP:   RosenJVP,
		},
		{
			Name: "WeightedSquares",
			Point: func(rng *rand.Rand) []float64 {
				p := fdcheck.Uniform(rng, 9, -2, 2)
				copy(p[4:8], fdcheck.Uniform(rng, 4, 0.1, 2)) // positive weights
				return p
			},
			F: func(p []float64) float64 { return WeightedSquares(p[0:4], p[4:8], p[8]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, dw, ds := WeightedSquaresGrad(p[0:4], p[4:8], p[8])
				return y, append(append(dx, dw...), ds)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return WeightedSquaresJVP(p[0:4], p[4:8], p[8], v[0:4], v[4:8], v[8])
			},
		},
		{
			// nil weights, and entries the function skips: their
			// derivative is 0, which finite differences see too.
			Name: "WeightedSquaresNil",
			Point: func(rng *rand.Rand) []float64 {
				p := fdcheck.Uniform(rng, 4, -2, 2)
				p[1] = math.Inf(-1)
				return p
			},
			F: func(p []float64) float64 { return WeightedSquares(p[0:3], nil, p[3]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, _, ds := WeightedSquaresGrad(p[0:3], nil, p[3])
				return y, append(dx, ds)
			},
			JVP: func(p, v []float64) (float64, float64) {
				return WeightedSquaresJVP(p[0:3], nil, p[3], v[0:3], nil, v[3])
			},
		},
		{
			Name:  "Steps",
			Point: func(rng *rand.Rand) []float64 { return []float64{rng.Float64(), 0.5 + rng.Float64(), 100} },
			F:     func(p []float64) float64 { return Steps(p[0], p[1], p[2]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, dr, dl := StepsGrad(p[0], p[1], p[2])
				return y, []float64{dx, dr, dl}
			},
			JVP: func(p, v []float64) (float64, float64) { return StepsJVP(p[0], p[1], p[2], v[0], v[1], v[2]) },
		},
		{
			Name:  "LogSum",
			Point: func(rng *rand.Rand) []float64 { return append(fdcheck.Uniform(rng, 3, -2, 2), 0.1+rng.Float64()) },
			F:     func(p []float64) float64 { return LogSum(p[0:3], p[3]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, dmu := LogSumGrad(p[0:3], p[3])
				return y, append(dx, dmu)
			},
			JVP: func(p, v []float64) (float64, float64) { return LogSumJVP(p[0:3], p[3], v[0:3], v[3]) },
		},
		{
			Name:  "Dispatch1",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 2, -2, 2) },
			F:     func(p []float64) float64 { return Dispatch(p[0:1], p[1]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, da := DispatchGrad(p[0:1], p[1])
				return y, append(dx, da)
			},
			JVP: func(p, v []float64) (float64, float64) { return DispatchJVP(p[0:1], p[1], v[0:1], v[1]) },
		},
		{
			Name:  "Dispatch3",
			Point: func(rng *rand.Rand) []float64 { return fdcheck.Uniform(rng, 4, -2, 2) },
			F:     func(p []float64) float64 { return Dispatch(p[0:3], p[3]) },
			Grad: func(p []float64) (float64, []float64) {
				y, dx, da := DispatchGrad(p[0:3], p[3])
				return y, append(dx, da)
			},
			JVP: func(p, v []float64) (float64, float64) { return DispatchJVP(p[0:3], p[3], v[0:3], v[3]) },
		},
	}
}

func TestGuardsAgainstFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 1))
	for _, pr := range guardProblems() {
		t.Run(pr.Name, func(t *testing.T) { fdcheck.Check(t, pr, rng, 10, 1e-5) })
	}
}

// TestVJPIsSeedTimesGradient checks the VJPs against the gradients.
func TestVJPIsSeedTimesGradient(t *testing.T) {
	x := []float64{0.3, -1.2}
	_, g := RosenGrad(x)
	_, v := RosenVJP(x, 2.5)
	if m := fdcheck.Mismatch(v, []float64{2.5 * g[0], 2.5 * g[1]}, 1e-12); m != "" {
		t.Errorf("RosenVJP: %s", m)
	}
	_, gx, ga := DispatchGrad(x, 0.7)
	_, vx, va := DispatchVJP(x, 0.7, -2)
	if m := fdcheck.Mismatch(append(vx, va), []float64{-2 * gx[0], -2 * gx[1], -2 * ga}, 1e-12); m != "" {
		t.Errorf("DispatchVJP: %s", m)
	}
}

// caught runs f and returns what it panicked with, as text, or "".
func caught(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// A guard that fires ends F and each generated function with the same
// message, before any derivative work.
func TestGuardsPanicAlike(t *testing.T) {
	log.SetOutput(io.Discard) // log.Panicf prints before it panics
	defer log.SetOutput(nil)
	nan := math.NaN()
	cases := []struct {
		want string
		runs map[string]func()
	}{
		{"dimension of the problem must be 2", map[string]func(){
			"F":    func() { Rosen([]float64{1, 2, 3}) },
			"Grad": func() { RosenGrad([]float64{1, 2, 3}) },
			"VJP":  func() { RosenVJP([]float64{1}, 1) },
			"JVP":  func() { RosenJVP([]float64{1}, []float64{1}) },
		}},
		{errLength, map[string]func(){
			"F":    func() { WeightedSquares([]float64{1, 2}, []float64{1}, 1) },
			"Grad": func() { WeightedSquaresGrad([]float64{1, 2}, []float64{1}, 1) },
			"JVP":  func() { WeightedSquaresJVP([]float64{1, 2}, []float64{1}, 1, []float64{1, 1}, []float64{1}, 1) },
		}},
		{"realgo: scale NaN for 2 values", map[string]func(){
			"F":    func() { WeightedSquares([]float64{1, 2}, nil, nan) },
			"Grad": func() { WeightedSquaresGrad([]float64{1, 2}, nil, nan) },
			"VJP":  func() { WeightedSquaresVJP([]float64{1, 2}, nil, nan, 1) },
			"JVP":  func() { WeightedSquaresJVP([]float64{1, 2}, nil, nan, []float64{1, 1}, nil, 0) },
		}},
		{ErrNegative.Error(), map[string]func(){
			"F":    func() { WeightedSquares([]float64{1, 2}, []float64{-1, -1}, 1) },
			"Grad": func() { WeightedSquaresGrad([]float64{1, 2}, []float64{-1, -1}, 1) },
			"JVP":  func() { WeightedSquaresJVP([]float64{1, 2}, []float64{-1, -1}, 1, []float64{1, 1}, []float64{0, 0}, 0) },
		}},
		{"realgo: step 1 went past 10", map[string]func(){
			"F":    func() { Steps(3, 2, 10) },
			"Grad": func() { StepsGrad(3, 2, 10) },
			"VJP":  func() { StepsVJP(3, 2, 10, 1) },
			"JVP":  func() { StepsJVP(3, 2, 10, 1, 0, 0) },
		}},
		{"realgo: norm of an infinite vector", map[string]func(){
			"F":    func() { Dispatch([]float64{1, math.Inf(1)}, 1) },
			"Grad": func() { DispatchGrad([]float64{1, math.Inf(1)}, 1) },
			"JVP":  func() { DispatchJVP([]float64{1, math.Inf(1)}, 1, []float64{1, 1}, 1) },
		}},
		{"realgo: log of -4", map[string]func(){
			"F":    func() { LogSum([]float64{3, 1}, -5) },
			"Grad": func() { LogSumGrad([]float64{3, 1}, -5) },
			"VJP":  func() { LogSumVJP([]float64{3, 1}, -5, 1) },
			"JVP":  func() { LogSumJVP([]float64{3, 1}, -5, []float64{1, 1}, 1) },
		}},
		{"realgo: Dispatch of 4 values", map[string]func(){
			"F":    func() { Dispatch(make([]float64, 4), 1) },
			"Grad": func() { DispatchGrad(make([]float64, 4), 1) },
			"VJP":  func() { DispatchVJP(make([]float64, 4), 1, 1) },
			"JVP":  func() { DispatchJVP(make([]float64, 4), 1, make([]float64, 4), 1) },
		}},
	}
	for _, c := range cases {
		for name, run := range c.runs {
			if got := caught(run); got != c.want {
				t.Errorf("%s: panicked with %q, want %q", name, got, c.want)
			}
		}
	}
}

// An entry math.IsNaN skips has derivative 0, in both modes, and the rest
// are differentiated as without it.
func TestNaNSkipped(t *testing.T) {
	x := []float64{1.5, math.NaN(), -0.5}
	y, dx, _, ds := WeightedSquaresGrad(x, nil, 2)
	if want := WeightedSquares(x, nil, 2); y != want {
		t.Errorf("value %v, want %v", y, want)
	}
	if want := []float64{6, 0, -4}; dx[0] != want[0] || dx[1] != want[1] || dx[2] != want[2] || ds != 2.75 {
		t.Errorf("gradient %v, %v; want %v, 2.75", dx, ds, want)
	}
	_, dy := WeightedSquaresJVP(x, nil, 2, []float64{1, 0, 1}, nil, 0)
	if dy != 2 {
		t.Errorf("JVP %v, want 2", dy)
	}
}
