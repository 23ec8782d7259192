// Package fdcheck holds the numerical checks every derivative in godiff's
// tests goes through: central finite differences, and the dot-product test
// that compares forward mode with reverse mode.
package fdcheck

import (
	"fmt"
	"math"
)

// Jacobian returns the central-difference Jacobian of f at x: rows are
// results, columns parameters. The step for x[i] is eps^(1/3)·max(1, |x[i]|),
// which balances truncation and rounding error for a smooth f.
func Jacobian(f func([]float64) []float64, x []float64) [][]float64 {
	n := len(f(x))
	jac := make([][]float64, n)
	for r := range jac {
		jac[r] = make([]float64, len(x))
	}
	xp := append([]float64(nil), x...)
	for i := range x {
		h := 6e-6 * math.Max(1, math.Abs(x[i]))
		xp[i] = x[i] + h
		up := f(xp)
		xp[i] = x[i] - h
		down := f(xp)
		xp[i] = x[i]
		for r := range jac {
			jac[r][i] = (up[r] - down[r]) / (2 * h)
		}
	}
	return jac
}

// Gradient returns the central-difference gradient of a scalar f at x.
func Gradient(f func([]float64) float64, x []float64) []float64 {
	return Jacobian(func(x []float64) []float64 { return []float64{f(x)} }, x)[0]
}

// GradientStep is Gradient with the step h·max(1, |x[i]|). Two steps that
// disagree show that f is not smooth around x (a branch's boundary lies
// within the steps), where no finite difference is a fair reference.
func GradientStep(f func([]float64) float64, x []float64, h float64) []float64 {
	g := make([]float64, len(x))
	xp := append([]float64(nil), x...)
	for i := range x {
		hi := h * math.Max(1, math.Abs(x[i]))
		xp[i] = x[i] + hi
		up := f(xp)
		xp[i] = x[i] - hi
		down := f(xp)
		xp[i] = x[i]
		g[i] = (up - down) / (2 * hi)
	}
	return g
}

// Close reports whether got is within tol of want, relative to the larger of
// 1 and |want|.
func Close(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// Dot returns the inner product of a and b.
func Dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// Mismatch returns a description of the first entry where got and want are
// not Close, or "" if all are.
func Mismatch(got, want []float64, tol float64) string {
	if len(got) != len(want) {
		return fmt.Sprintf("length %d, want %d", len(got), len(want))
	}
	for i := range got {
		if !Close(got[i], want[i], tol) {
			return fmt.Sprintf("entry %d: got %.12g, want %.12g (tolerance %g)", i, got[i], want[i], tol)
		}
	}
	return ""
}
