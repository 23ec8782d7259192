package checkpoint

import "math"

//go:generate go run github.com/godiff/godiff/cmd/godiff step.go

// Pendulum integrates a pendulum whose restoring force is k·sin x on one
// side and the linear k·x on the other, by symplectic Euler: a body with a
// branch and a math call but no loop, so that the backward sweep runs each
// iteration's step adjoint in place, the values read by the backward code
// in variables the branches set (see reverse.Stepwise).
//
//godiff:grad x0 v0 k
//godiff:jvp x0 v0 k
func Pendulum(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	//godiff:checkpoint -snapshots=7
	for range steps {
		if x > 0 {
			v -= dt * k * math.Sin(x)
		} else {
			v -= dt * k * x
		}
		x += dt * v
	}
	return x*x + v*v
}

// PendulumRecorded is Pendulum with every step recorded.
//
//godiff:grad x0 v0 k
func PendulumRecorded(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	for range steps {
		if x > 0 {
			v -= dt * k * math.Sin(x)
		} else {
			v -= dt * k * x
		}
		x += dt * v
	}
	return x*x + v*v
}

// Drift is a loop marked with no option whose body has a branch and math
// calls: it carries x and v through sums only (each iteration adds a term
// that does not read them), two sums, so it is not fused, and the backward
// sweep runs each iteration again, its step adjoint in place.
//
//godiff:grad a b
//godiff:jvp a b
func Drift(a, b float64, steps int) float64 {
	x, v := 0.0, 0.0
	//godiff:checkpoint
	for i := range steps {
		t := float64(i) * 0.01
		if t < 0.5 {
			x += a * math.Sin(t)
		} else {
			x += a * b * t
		}
		v += b * math.Exp(-t)
	}
	return x*x + v
}

// DriftRecorded is Drift with every step recorded.
//
//godiff:grad a b
func DriftRecorded(a, b float64, steps int) float64 {
	x, v := 0.0, 0.0
	for i := range steps {
		t := float64(i) * 0.01
		if t < 0.5 {
			x += a * math.Sin(t)
		} else {
			x += a * b * t
		}
		v += b * math.Exp(-t)
	}
	return x*x + v
}

// Stencil is a loop under -snapshots whose body has no loop and calls only
// math, but builds a slice literal: the adjoints of a slice the body makes
// live in a buffer its backward function keeps on its tape, which the step
// adjoint has no place for, so the backward sweep runs the body's split
// form (srcgen seed 83 program 108 was refused with "the body's backward
// function uses its tape" before reverse.Stepwise knew this).
//
//godiff:grad a b
//godiff:jvp a b
func Stencil(a, b float64, steps int) float64 {
	x := a
	//godiff:checkpoint -snapshots=3
	for i := range steps {
		w := []float64{x, math.Sin(x) * b, float64(i)}
		x = 0.5*w[0] + w[1] - 0.01*w[2]
	}
	return x * x
}

// StencilRecorded is Stencil with every step recorded.
//
//godiff:grad a b
func StencilRecorded(a, b float64, steps int) float64 {
	x := a
	for i := range steps {
		w := []float64{x, math.Sin(x) * b, float64(i)}
		x = 0.5*w[0] + w[1] - 0.01*w[2]
	}
	return x * x
}
