package tmpl

import (
	"fmt"
	"math"
)

// This file compares derivatives with central finite differences, as
// godiff's own tests do (internal/srcgen): a difference counts only where
// two step sizes agree, and where they do not, the entry is skipped as
// not smooth (a kink or a branch's boundary within the steps, or rounding
// too large for the steps), never passed or failed on a bad reference.

// godiffPrecision_tmpl is how finely a function can be checked: F computes
// in float64, or in float32 somewhere among its parameters and results.
type godiffPrecision_tmpl struct {
	h1, h2 float64 // the two steps, relative to max(1, |x|)
	agree  float64 // the steps' differences agree to this, relative
	tol    float64 // the derivative agrees with them to this, relative
	noise  float64 // the rounding error of F's values, relative
	modes  float64 // <JVP(v), w> = <v, VJP(w)> to this, relative to the terms' sum
	refine bool    // try smaller steps where the two disagree within the noise
}

var (
	godiffFloat64_tmpl = godiffPrecision_tmpl{h1: 6e-6, h2: 3e-5, agree: 1e-6, tol: 1e-5, noise: 1e-13, modes: 1e-9, refine: true}
	godiffFloat32_tmpl = godiffPrecision_tmpl{h1: 4e-3, h2: 1.6e-2, agree: 2e-3, tol: 5e-3, noise: 1e-6, modes: 1e-4}
)

// godiffLine_tmpl is F's values along a direction through the point:
// at(t) returns them at the point moved by t times the direction (nil if
// F panics there), and the t the rounded arguments really moved by.
type godiffLine_tmpl struct {
	at   func(t float64) ([]float64, float64)
	unit float64 // the steps are h·unit: max(1, the largest coordinate moved)
	// claim returns the derivatives under test at the point moved by t,
	// or nil.
	claim func(t float64) []float64
	cond  float64 // F's sensitivity to relative changes of its inputs (see fd)
}

// godiffTally_tmpl counts the entries compared with finite differences and
// those skipped as not smooth.
type godiffTally_tmpl struct{ checked, skipped int }

// fd returns the central differences of the components along the line
// with step h·unit, and a bound on each one's rounding error: F's values
// are rounded to about noise of the larger of their size and cond (its
// sensitivity, sum |x_j·∂F/∂x_j|, large where an intermediate is), over
// the step. It returns nil where F panics or did not move.
func (p godiffPrecision_tmpl) fd(l godiffLine_tmpl, h float64) (d, noise []float64) {
	up, tu := l.at(h * l.unit)
	down, td := l.at(-h * l.unit)
	if up == nil || down == nil || tu == td {
		return nil, nil
	}
	d = make([]float64, len(up))
	noise = make([]float64, len(up))
	for k := range up {
		d[k] = (up[k] - down[k]) / (tu - td)
		noise[k] = p.noise * math.Max(l.cond, math.Max(math.Abs(up[k]), math.Abs(down[k]))) / math.Abs(tu-td) * 2
	}
	return d, noise
}

// compare checks the derivatives got of F's components along the line.
// It returns "" or what is wrong with the first wrong one; label names a
// component.
func (p godiffPrecision_tmpl) compare(l godiffLine_tmpl, got []float64, label func(k int) string, tally *godiffTally_tmpl) string {
	a, na := p.fd(l, p.h1)
	b, nb := p.fd(l, p.h2)
	y0, _ := l.at(0)
	for k, d := range got {
		if a == nil || b == nil || !godiffFinite_tmpl([]float64{a[k], b[k]}) ||
			math.Abs(a[k]-b[k]) > p.agree*math.Max(1, math.Abs(a[k]))+na[k]+nb[k] {
			tally.skipped++ // a kink, or F too large for finite differences
			continue
		}
		if y0 != nil && math.Abs(d)*p.h1*l.unit > 1e3*math.Max(1, math.Abs(y0[k])) {
			tally.skipped++ // the step moves F by far more than F: no fair reference
			continue
		}
		// The steps' difference bounds the truncation error of the
		// smaller (it is about 24 times it), and na its rounding error:
		// the derivative must be within those of a, and tol relative.
		if math.Abs(d-a[k]) <= p.tol*math.Abs(a[k])+2*na[k]+math.Abs(a[k]-b[k]) {
			tally.checked++
			continue
		}
		if math.IsNaN(d) {
			return fmt.Sprintf("%s is NaN, central differences give %v", label(k), a[k])
		}
		// The steps agree only within the rounding bound, or the
		// derivative is not theirs: smaller steps decide where they
		// converge (F may oscillate within the steps).
		strict := math.Abs(a[k]-b[k]) <= p.agree*math.Max(1, math.Abs(a[k]))
		ref, step, how := a[k], p.h1, fmt.Sprintf("steps %v and %v: %v and %v", p.h1, p.h2, a[k], b[k])
		if d2, e, h, ok := p.refined(l, k); ok {
			if math.Abs(d-d2) <= p.tol*math.Abs(d2)+10*e {
				tally.checked++
				continue
			}
			if !strict {
				ref, step, how = d2, h, fmt.Sprintf("step %v, where the steps %v and %v give %v and %v", h, p.h1, p.h2, a[k], b[k])
			}
		} else if !strict {
			tally.skipped++
			continue
		}
		// A central difference is the mean of the derivative over the
		// step: where the derivative itself varies that much within the
		// step, the difference is no reference for it at the point.
		if p.varies(l, k, step, d, math.Abs(d-ref)/2) {
			tally.skipped++
			continue
		}
		return fmt.Sprintf("%s is %v, but central differences give %v (%s)", label(k), d, ref, how)
	}
	return ""
}

// refined returns the central difference of component k at the first of
// the steps 6e-7, 6e-8, ... 6e-12 whose value agrees to 1e-4 with the one
// at ten times the step, that step, and the two values' difference as its
// error; ok is false if no two successive steps agree (or the precision
// is float32's, too coarse for small steps). Two steps a factor ten apart
// agree only where truncation and rounding are both small, so this finds
// the derivative where the standard steps are too large for F, and cannot
// confirm a wrong one by chance.
func (p godiffPrecision_tmpl) refined(l godiffLine_tmpl, k int) (d, e, h float64, ok bool) {
	if !p.refine {
		return 0, 0, 0, false
	}
	steps := []float64{6e-7, 6e-8, 6e-9, 6e-10, 6e-11, 6e-12}
	prev, _ := p.fd(l, steps[0])
	for _, step := range steps[1:] {
		cur, _ := p.fd(l, step)
		if prev != nil && cur != nil && godiffFinite_tmpl(cur[k:k+1]) && math.Abs(cur[k]-prev[k]) <= 1e-4*math.Max(1, math.Abs(cur[k])) {
			return cur[k], math.Abs(cur[k] - prev[k]), step, true
		}
		prev = cur
	}
	return 0, 0, 0, false
}

// varies reports whether component k of the derivative moves by dev or
// more within the step h·unit of the point, where finite differences
// average it. The derivative of a smooth F, right or wrong, moves little
// within a small step, so a wrong one is still reported.
func (p godiffPrecision_tmpl) varies(l godiffLine_tmpl, k int, h, d, dev float64) bool {
	for _, t := range []float64{-1, -0.5, 0.5, 1} {
		g := l.claim(t * h * l.unit)
		if g != nil && math.Abs(g[k]-d) >= dev {
			return true
		}
	}
	return false
}

// godiffSensitivity_tmpl is sum |x_j·g_j| over the finite entries of a
// gradient g at x: to first order, how far F moves when each input moves
// by its own size, so noise times it bounds what rounding does to F.
func godiffSensitivity_tmpl(x, g [][]float64) float64 {
	t := 0.0
	for i := range g {
		for j := range g[i] {
			if godiffFinite_tmpl(g[i][j : j+1]) {
				t += math.Abs(x[i][j] * g[i][j])
			}
		}
	}
	return t
}
