package srcgen

import (
	"fmt"
	"strings"
)

// MainFile returns a main.go, package main, that checks every function's
// generated derivatives (FGrad, FVJP, FJVP beside it) and prints one line
// per function: "START name" before it, then
//
//	OK name fd=N nonsmooth=M        checked; N gradient entries agreed with
//	                                finite differences, M were skipped where
//	                                two step sizes disagree
//	FAIL name what: detail          a wrong value or derivative, a panic in
//	                                generated code
//	GENBUG name what: detail        F itself panicked (a generator bug)
//	NONFINITE name                  F is not finite at the points tried
//
// The checks, at three random points per function: FGrad's, FVJP's and
// FJVP's values and the final contents of the slices F writes are F's bit
// for bit; FGrad (FVJP along random seeds, for two results) matches
// central finite differences wherever steps of 6e-6 and 3e-5 agree (up to
// the rounding error of F's values over the step; where they agree only
// within that bound and the gradient is not theirs, smaller steps decide,
// and the entry is skipped if none converge), except where the gradient
// itself varies within the step by as much as it differs from them (finite
// differences are its mean over the step);
// <JVP(v), w> = <v, VJP(w)> to 1e-9 (NaN fails); FVJP with seed 1 is FGrad
// bit for bit; FJacobian's values are F's, and its rows (F's results,
// then the elements of the slices F writes) are FVJP's with unit seeds and
// its columns FJVP's along unit vectors (checkJacobian). The slices F
// writes are outputs like its results: random seeds in FVJP, their
// tangents read after FJVP, so finite differences and the modes check
// them too. Variants: the checkpointed copy's FGrad is FGrad to 1e-12
// (checkAlt); the Hessian copy's H·v matches central differences of
// FGrad, its Hessian is symmetric and its product with v is H·v
// (checkHessian).
func MainFile(fs []*Func) string {
	var b strings.Builder
	b.WriteString(mainHeader)
	b.WriteString(variantChecks)
	b.WriteString("var cases = []fcase{\n")
	for _, f := range fs {
		writeCase(&b, f)
	}
	b.WriteString("}\n")
	return b.String()
}

// flatSize is the number of floats a parameter contributes to the flat
// vector the checks work on.
func flatSize(p Param) int {
	switch p.Kind {
	case Scalar:
		return 1
	case Slice, Array:
		return p.Len
	case Struct, StructPtr:
		return p.Type.Len + 2
	}
	return 0
}

// writeCase writes one fcase literal: closures that unpack the flat vector
// p into arguments, call, and write the final contents of slices back.
func writeCase(b *strings.Builder, f *Func) {
	n := 0
	var unpack, args, writeBack, tangents, tdecl, grads, flat []string
	for i, p := range f.Params {
		a := fmt.Sprintf("a%d", i)
		sz := flatSize(p)
		switch p.Kind {
		case Blank:
			// Not differentiated: godiff gives it no derivative and no tangent.
			unpack = append(unpack, fmt.Sprintf("%s := 0.75", a))
		case Scalar:
			unpack = append(unpack, fmt.Sprintf("%s := p[%d]", a, n))
			tangents = append(tangents, fmt.Sprintf("v[%d]", n))
			grads = append(grads, "g"+a)
			flat = append(flat, fmt.Sprintf("g = append(g, g%s)", a))
		case Slice:
			unpack = append(unpack, fmt.Sprintf("%s := slices.Clone(p[%d:%d])", a, n, n+sz))
			writeBack = append(writeBack, fmt.Sprintf("copy(p[%d:%d], %s)", n, n+sz, a))
			tdecl = append(tdecl, fmt.Sprintf("t%d := slices.Clone(v[%d:%d])", i, n, n+sz))
			tangents = append(tangents, fmt.Sprintf("t%d", i))
			grads = append(grads, "g"+a)
			flat = append(flat, fmt.Sprintf("g = append(g, g%s...)", a))
		case Array:
			// Passed by value: F cannot write the caller's.
			unpack = append(unpack, fmt.Sprintf("%s := [%d]float64(p[%d:%d])", a, p.Len, n, n+sz))
			tangents = append(tangents, fmt.Sprintf("[%d]float64(v[%d:%d])", p.Len, n, n+sz))
			grads = append(grads, "g"+a)
			flat = append(flat, fmt.Sprintf("g = append(g, g%s[:]...)", a))
		case Int:
			unpack = append(unpack, fmt.Sprintf("%s := %d", a, p.Value))
		case Struct, StructPtr:
			amp := ""
			if p.Kind == StructPtr {
				amp = "&"
			}
			lit := func(src string) string {
				return fmt.Sprintf("%s%s{W: slices.Clone(%s[%d:%d]), B: %s[%d], C: %s[%d], N: %d}", amp, p.Type.Name, src, n, n+p.Type.Len, src, n+p.Type.Len, src, n+p.Type.Len+1, p.Type.N)
			}
			unpack = append(unpack, fmt.Sprintf("%s := %s", a, lit("p")))
			writeBack = append(writeBack, fmt.Sprintf("copy(p[%d:%d], %s.W)", n, n+p.Type.Len, a))
			tdecl = append(tdecl, fmt.Sprintf("t%d := %s", i, lit("v")))
			tangents = append(tangents, fmt.Sprintf("t%d", i))
			grads = append(grads, "g"+a)
			flat = append(flat, fmt.Sprintf("g = append(g, g%s.W...)\ng = append(g, g%s.B, g%s.C)", a, a, a))
		}
		if p.Kind != Int {
			args = append(args, a)
		} else {
			args = append(args, a)
		}
		n += sz
	}
	pre := strings.Join(unpack, "\n") + "\n"
	post := strings.Join(writeBack, "\n") + "\n"
	call := strings.Join(args, ", ")
	gl := strings.Join(grads, ", ")
	if gl != "" {
		gl = ", " + gl
	}
	var ys, dys, seeds []string
	for k := range f.Results {
		ys = append(ys, fmt.Sprintf("y%d", k))
		dys = append(dys, fmt.Sprintf("dy%d", k))
		seeds = append(seeds, fmt.Sprintf("s[%d]", k))
	}
	yl, dyl := strings.Join(ys, ", "), strings.Join(dys, ", ")
	flatten := "var g []float64\n" + strings.Join(flat, "\n") + "\n"
	// The outputs: F's results, then the final contents of the slices F
	// writes (when their seeds are known), and their tangents.
	outs := []string{fmt.Sprintf("res := []float64{%s}", yl)}
	douts := []string{fmt.Sprintf("dres := []float64{%s}", dyl)}
	o := 0
	if len(f.Outputs) == f.OutputSeeds {
		for _, out := range f.Outputs {
			outs = append(outs, fmt.Sprintf("res = append(res, p[%d:%d]...)", out.Flat, out.Flat+out.Len))
			t := fmt.Sprintf("t%d", out.Param)
			if out.Field {
				t += ".W"
			}
			douts = append(douts, fmt.Sprintf("dres = append(dres, %s...)", t))
			seeds = append(seeds, fmt.Sprintf("slices.Clone(s[%d:%d])", f.Results+o, f.Results+o+out.Len))
			o += out.Len
		}
	} else {
		for range f.OutputSeeds {
			seeds = append(seeds, "nil")
		}
	}
	res := strings.Join(outs, "\n") + "\n"
	dres := strings.Join(douts, "\n") + "\n"
	fmt.Fprintf(b, "{name: %q, n: %d, m: %d, o: %d,\n", f.Name, n, f.Results, o)
	fmt.Fprintf(b, "f: func(p []float64) []float64 {\n%s%s := %s(%s)\n%s%sreturn res\n},\n", pre, yl, f.Name, call, post, res)
	if f.Results == 1 {
		fmt.Fprintf(b, "grad: func(p []float64) (float64, []float64) {\n%sy0%s := %sGrad(%s)\n%s%sreturn y0, g\n},\n", pre, gl, f.Name, call, post, flatten)
	}
	fmt.Fprintf(b, "vjp: func(p, s []float64) ([]float64, []float64) {\n%s%s%s := %sVJP(%s, %s)\n%s%s%sreturn res, g\n},\n",
		pre, yl, gl, f.Name, call, strings.Join(seeds, ", "), post, flatten, res)
	tl := strings.Join(tangents, ", ")
	if tl != "" {
		tl = ", " + tl
	}
	td := strings.Join(tdecl, "\n") + "\n"
	fmt.Fprintf(b, "jvp: func(p, v []float64) ([]float64, []float64) {\n%s%s%s, %s := %sJVP(%s%s)\n%s%s%sreturn res, dres\n},\n",
		pre, td, yl, dyl, f.Name, call, tl, post, res, dres)
	fmt.Fprintf(b, "jac: func(p []float64) ([]float64, [][]float64) {\n%s%s, jac := %sJacobian(%s)\n%s%sreturn res, jac\n},\n",
		pre, yl, f.Name, call, post, res)
	for _, v := range f.Variants {
		switch v.Kind {
		case Checkpointed:
			fmt.Fprintf(b, "alt: func(p []float64) (float64, []float64) {\n%sy0%s := %sGrad(%s)\n%s%sreturn y0, g\n},\n", pre, gl, v.Name, call, post, flatten)
		case Hessian:
			writeHessianCase(b, f, v, pre, post)
		}
	}
	b.WriteString("},\n")
}

const mainHeader = `package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

type fcase struct {
	name string
	n, m int // flat parameters, results
	o    int // floats of the slices F writes: outputs after the results
	f    func(p []float64) []float64
	grad func(p []float64) (float64, []float64) // nil with several results
	vjp  func(p, s []float64) ([]float64, []float64)
	jvp  func(p, v []float64) ([]float64, []float64)
	jac  func(p []float64) ([]float64, [][]float64)
	alt  func(p []float64) (float64, []float64) // the checkpointed copy's FGrad, or nil
	hidx []int                                  // the flat entries the Hessian copy differentiates
	hvp  func(p, v []float64) (float64, []float64, []float64)
	hess func(p []float64) (float64, []float64, [][]float64)
}

// stats counts what the variants' checks did, printed on the OK line.
type stats struct{ alt, hvpfd, hvpskip, hess int }

func main() {
	for _, c := range cases {
		fmt.Printf("START %s\n", c.name)
		check(c)
	}
}

// try runs f and returns its panic, or "".
func try(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

func same(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
}

// sameAll reports the first entry where a and b differ bit for bit.
func sameAll(a, b []float64) string {
	for i := range a {
		if !same(a[i], b[i]) {
			return fmt.Sprintf("entry %d: %v, F's %v", i, a[i], b[i])
		}
	}
	return ""
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// fd is the central difference of f along entry i with step h·max(1, |p[i]|),
// and a bound on its rounding error: f's values are rounded to about
// 1e-13 of the larger of their size and cond (a few hundred operations),
// divided by the step. cond is f's sensitivity to relative perturbations of
// its inputs, sum |p[j]·∂f/∂p[j]| (see sensitivity): where it dwarfs |f|,
// f's computed value is not determined to 1e-13 of its size, as rounding an
// intermediate moves it by that much (an intermediate of 1e20 whose ulps are
// amplified by a partial of 1e20), and finite differences cannot see a
// derivative below that bound over the step.
func fd(f func([]float64) float64, p []float64, i int, h, cond float64) (d, noise float64) {
	hi := h * math.Max(1, math.Abs(p[i]))
	q := slices.Clone(p)
	q[i] = p[i] + hi
	up := f(q)
	q[i] = p[i] - hi
	down := f(q)
	return (up - down) / (2 * hi), 1e-13 * math.Max(cond, math.Max(math.Abs(up), math.Abs(down))) / hi
}

// checkJacobian checks FJacobian at p: its values and the slices it
// writes are F's bit for bit, it has a column per flat parameter, and
// its rows of F's results are FVJP's gradients with unit seeds and their
// columns FJVP's tangents along unit vectors, the rows of the slices F
// writes included (when their seeds are known, fcase.o). It prints a FAIL line and returns false on a
// mismatch.
func checkJacobian(c fcase, p []float64) bool {
	pf := slices.Clone(p)
	want := c.f(pf)
	if slices.ContainsFunc(want, func(y float64) bool { return !finite(y) }) {
		return true
	}
	var ys []float64
	var jac [][]float64
	pj := slices.Clone(p)
	if m := try(func() { ys, jac = c.jac(pj) }); m != "" {
		fmt.Printf("FAIL %s FJacobian panics: %s\n", c.name, m)
		return false
	}
	if m := sameAll(ys, want); m != "" {
		fmt.Printf("FAIL %s value: FJacobian's values differ from F's: %s at %v\n", c.name, m, p)
		return false
	}
	if m := sameAll(pj, pf); m != "" {
		fmt.Printf("FAIL %s value: FJacobian leaves the slices it writes different from F: %s at %v\n", c.name, m, p)
		return false
	}
	if len(jac) < c.m+c.o {
		fmt.Printf("FAIL %s jacobian: %d rows, want at least %d\n", c.name, len(jac), c.m+c.o)
		return false
	}
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) || same(a, b) }
	for r := range c.m + c.o {
		if len(jac[r]) != c.n {
			fmt.Printf("FAIL %s jacobian: row %d has %d columns, want %d\n", c.name, r, len(jac[r]), c.n)
			return false
		}
		s := make([]float64, c.m+c.o)
		s[r] = 1
		_, g := c.vjp(slices.Clone(p), s)
		for j := range g {
			if !near(jac[r][j], g[j]) {
				fmt.Printf("FAIL %s jacobian: entry (%d, %d) is %v, FVJP with the unit seed %v at %v\n", c.name, r, j, jac[r][j], g[j], p)
				return false
			}
		}
	}
	for j := range c.n {
		v := make([]float64, c.n)
		v[j] = 1
		_, dy := c.jvp(slices.Clone(p), v)
		for r := range c.m + c.o {
			if !near(jac[r][j], dy[r]) {
				fmt.Printf("FAIL %s jacobian: entry (%d, %d) is %v, FJVP along the unit vector %v at %v\n", c.name, r, j, jac[r][j], dy[r], p)
				return false
			}
		}
	}
	return true
}

// sensitivity is sum |p[j]·g[j]| over the finite entries of the gradient g:
// to first order, how far f moves when each input moves by its own size,
// so 1e-13 of it bounds what rounding does to f's value. Infinite or NaN
// entries are left out: they fail or are skipped at their own comparison and
// must not widen the others'. An entry can not hide its own error this way:
// it widens its tolerance by about 1e-8 of itself.
func sensitivity(p, g []float64) float64 {
	t := 0.0
	for j := range p {
		if finite(g[j]) {
			t += math.Abs(p[j] * g[j])
		}
	}
	return t
}


// refined is the central difference of f along entry i at the first of
// the steps 6e-7, 6e-8, ... 6e-12 (relative, as in fd) whose value agrees
// to 1e-4 with the one at ten times the step, that step, and the two
// values' difference as its error; ok is false if no two successive steps
// agree. Two steps a factor ten apart agree only where truncation (which
// shrinks a hundredfold) and rounding (which grows tenfold) are both
// small, so this finds the derivative where the standard steps are too
// large for F, and cannot confirm a wrong one by chance.
func refined(f func([]float64) float64, p []float64, i int) (d, e, h float64, ok bool) {
	steps := []float64{6e-7, 6e-8, 6e-9, 6e-10, 6e-11, 6e-12}
	prev, _ := fd(f, p, i, steps[0], 0)
	for _, step := range steps[1:] {
		cur, _ := fd(f, p, i, step, 0)
		if finite(cur) && math.Abs(cur-prev) <= 1e-4*math.Max(1, math.Abs(cur)) {
			return cur, math.Abs(cur - prev), step, true
		}
		prev = cur
	}
	return 0, 0, 0, false
}

// varies reports whether entry i of the gradient (FVJP along s), gi at p,
// moves by dev or more at points within the relative step h of p along
// entry i, where finite differences average it. The gradient of a smooth
// F, right or wrong, moves little within a small step, so a wrong one is
// still reported; NaN at those points does not count as moving.
func varies(c fcase, p, s []float64, i int, h, gi, dev float64) bool {
	hi := h * math.Max(1, math.Abs(p[i]))
	for _, t := range []float64{-1, -0.5, 0.5, 1} {
		q := slices.Clone(p)
		q[i] += t * hi
		_, g := c.vjp(q, s)
		if math.Abs(g[i]-gi) >= dev {
			return true
		}
	}
	return false
}

func random(rng *rand.Rand, n int, lo, hi float64) []float64 {
	p := make([]float64, n)
	for i := range p {
		p[i] = lo + (hi-lo)*rng.Float64()
	}
	return p
}

func check(c fcase) {
	rng := rand.New(rand.NewPCG(1, uint64(c.n)))
	fdn, nonsmooth, finitePoints := 0, 0, 0
	var st stats
	for range 3 {
		p := random(rng, c.n, -1.5, 1.5)
		pf := slices.Clone(p)
		var want []float64
		if m := try(func() { want = c.f(pf) }); m != "" {
			fmt.Printf("GENBUG %s F panics: %s\n", c.name, m)
			return
		}
		if slices.ContainsFunc(want, func(y float64) bool { return !finite(y) }) {
			continue
		}
		finitePoints++
		// The reference gradient: FGrad's, or FVJP's along seeds s for
		// several results; finite differences of <s, F>.
		s := []float64{1}
		if c.m+c.o > 1 {
			s = random(rng, c.m+c.o, -1, 1)
		}
		var g []float64
		if c.grad != nil {
			var y float64
			pg := slices.Clone(p)
			if m := try(func() { y, g = c.grad(pg) }); m != "" {
				fmt.Printf("FAIL %s FGrad panics: %s\n", c.name, m)
				return
			}
			if !same(y, want[0]) {
				fmt.Printf("FAIL %s value: FGrad's value %v, F's %v at %v\n", c.name, y, want[0], p)
				return
			}
			if m := sameAll(pg, pf); m != "" {
				fmt.Printf("FAIL %s value: FGrad leaves the slices it writes different from F: %s at %v\n", c.name, m, p)
				return
			}
		}
		var yv, gv []float64
		pv := slices.Clone(p)
		if m := try(func() { yv, gv = c.vjp(pv, s) }); m != "" {
			fmt.Printf("FAIL %s FVJP panics: %s\n", c.name, m)
			return
		}
		if m := sameAll(yv, want); m != "" {
			fmt.Printf("FAIL %s value: FVJP's values differ from F's: %s at %v\n", c.name, m, p)
			return
		}
		if m := sameAll(pv, pf); m != "" {
			fmt.Printf("FAIL %s value: FVJP leaves the slices it writes different from F: %s at %v\n", c.name, m, p)
			return
		}
		if g != nil {
			g1 := gv
			if c.o > 0 {
				s1 := make([]float64, c.m+c.o)
				s1[0] = 1
				_, g1 = c.vjp(slices.Clone(p), s1)
			}
			if m := sameAll(g1, g); m != "" {
				fmt.Printf("FAIL %s vjp: FVJP with seed 1 is not FGrad: %s at %v\n", c.name, m, p)
				return
			}
		}
		if len(gv) != c.n {
			fmt.Printf("FAIL %s gradient: %d entries, want %d\n", c.name, len(gv), c.n)
			return
		}
		phi := func(q []float64) float64 {
			ys := c.f(slices.Clone(q))
			t := 0.0
			for k := range ys {
				t += s[k] * ys[k]
			}
			return t
		}
		cond := sensitivity(p, gv)
		for i := range p {
			a, na := fd(phi, p, i, 6e-6, cond)
			b, nb := fd(phi, p, i, 3e-5, cond)
			if !finite(a) || !finite(b) || math.Abs(a-b) > 1e-6*math.Max(1, math.Abs(a))+na+nb {
				nonsmooth++ // a kink, or f too large for finite differences
				continue
			}
			if math.Abs(gv[i])*6e-6*math.Max(1, math.Abs(p[i])) > 1e3*math.Max(1, math.Abs(phi(p))) {
				nonsmooth++ // the step moves F by far more than F: no fair reference
				continue
			}
			if math.Abs(gv[i]-a) <= 1e-5*math.Max(1, math.Abs(a))+2*na {
				fdn++
				continue
			}
			if math.IsNaN(gv[i]) {
				fmt.Printf("FAIL %s gradient: entry %d is NaN, finite differences %v at %v, seeds %v\n", c.name, i, a, p, s)
				return
			}
			// a and b agreeing shows the steps are within F's linear
			// range only if their difference is seen: when they agree
			// merely up to the rounding bound (na+nb, large where another
			// entry's partial is huge), both may be truncation alone, as
			// where F oscillates many times within a step (a chaotic loop,
			// program 5130 of seed 2: partials of 1e13, F's values within
			// [4, 10], differences 1.2e5 and 312 at the two steps, the
			// derivative 1.75e7). Smaller steps then decide; if none
			// converge, the reference is inconclusive, unless a and b
			// agree without the rounding bound. None converge where F is
			// that sensitive down to its last bits: program 776 of seed 3
			// takes the cosine of A = 1.4e13 (nested calls of a helper
			// that cubes), whose rounding error is a hundredth of a
			// radian; F is 2.4e30 and oscillates in x with a period of
			// 1e-14 and an amplitude of 3e21, and only steps of a few ulps
			// of x see its derivative, -1.7e36, within 12%.
			ref, step, how := a, 6e-6, fmt.Sprintf("steps agree: %v", b)
			if d, e, h, ok := refined(phi, p, i); ok {
				if math.Abs(gv[i]-d) <= 1e-5*math.Max(1, math.Abs(d))+10*e {
					fdn++
					continue
				}
				ref, step, how = d, h, fmt.Sprintf("step %v; steps 6e-6 and 3e-5: %v, %v", h, a, b)
			} else if math.Abs(a-b) > 1e-6*math.Max(1, math.Abs(a)) {
				nonsmooth++
				continue
			}
			// A central difference is the mean of the derivative over
			// the step, so it is a reference for the derivative at p only
			// where that varies within the step by less than their
			// difference. Where F's dependence on p[i] is an oscillation
			// too fast for any step and too small to show in F's rounded
			// values, it does not: program 6584 of seed 2 computes x, then
			// adds 0.254/(2+x²) to about 3.9, so F moves by -5e-16 per
			// unit of x; x(xs[0]) has a term 1.25·cos(2·H²), H ≈ 18782
			// with dH/dxs[0] = 4.5e7, of period 1.8e-12 in xs[0]: F's exact
			// derivative along xs[0] is -1.6e-3 (-5e-16 times 3.3e12) and
			// changes sign within 1e-12, while F itself moves by less than
			// its last bit; finite differences at every step see only the
			// trend, 5e-9. The gradient at points of the step shows this.
			if varies(c, p, s, i, step, gv[i], math.Abs(gv[i]-ref)/2) {
				nonsmooth++
				continue
			}
			fmt.Printf("FAIL %s gradient: entry %d is %v, finite differences %v (%s) at %v, seeds %v\n", c.name, i, gv[i], ref, how, p, s)
			return
		}
		v := random(rng, c.n, -1, 1)
		w := random(rng, c.m+c.o, -1, 1)
		var yj, dy []float64
		pj := slices.Clone(p)
		if m := try(func() { yj, dy = c.jvp(pj, v) }); m != "" {
			fmt.Printf("FAIL %s FJVP panics: %s\n", c.name, m)
			return
		}
		if m := sameAll(yj, want); m != "" {
			fmt.Printf("FAIL %s value: FJVP's values differ from F's: %s at %v\n", c.name, m, p)
			return
		}
		if m := sameAll(pj, pf); m != "" {
			fmt.Printf("FAIL %s value: FJVP leaves the slices it writes different from F: %s at %v\n", c.name, m, p)
			return
		}
		pw := slices.Clone(p)
		var gw []float64
		if m := try(func() { _, gw = c.vjp(pw, w) }); m != "" {
			fmt.Printf("FAIL %s FVJP panics: %s\n", c.name, m)
			return
		}
		lhs, rhs, scale := 0.0, 0.0, 0.0
		for k := range w {
			lhs += w[k] * dy[k]
			scale += math.Abs(w[k] * dy[k])
		}
		for i := range v {
			rhs += v[i] * gw[i]
			scale += math.Abs(v[i] * gw[i])
		}
		if !(math.Abs(lhs-rhs) <= 1e-9*math.Max(1, scale)) {
			fmt.Printf("FAIL %s modes: <JVP(v), w> = %v, <v, VJP(w)> = %v along v = %v, w = %v at %v\n", c.name, lhs, rhs, v, w, p)
			return
		}
		if c.alt != nil && !checkAlt(c, p, want[0], g, &st) {
			return
		}
		if c.hvp != nil && !checkHessian(c, p, want[0], g, rng, &st) {
			return
		}
	}
	if finitePoints == 0 {
		fmt.Printf("NONFINITE %s\n", c.name)
		return
	}
	if !checkJacobian(c, random(rng, c.n, -1.5, 1.5)) {
		return
	}
	fmt.Printf("OK %s fd=%d nonsmooth=%d alt=%d hvpfd=%d hvpskip=%d hess=%d\n", c.name, fdn, nonsmooth, st.alt, st.hvpfd, st.hvpskip, st.hess)
}
`
