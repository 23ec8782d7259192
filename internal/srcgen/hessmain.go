package srcgen

import (
	"fmt"
	"strings"
)

// writeHessianCase writes the fcase fields of f's Hessian copy v: hidx,
// the flat entries of v.Subset in the Hessian's order (a receiver's
// first); hvp, FHVP along a tangent over those entries, returning F, the
// gradient and H·v flattened; hess, FHessian. A struct's entries are its
// W, B and C, its tangent a struct of them, its gradient and H·v structs
// flattened likewise. pre and post are writeCase's (unpacking p into the
// arguments a0, a1, ... and writing back the slices F writes).
func writeHessianCase(b *strings.Builder, f *Func, v *Variant, pre, post string) {
	in := map[string]bool{}
	for _, n := range v.Subset {
		in[n] = true
	}
	type entry struct {
		i, flat int
		p       Param
	}
	var order, rest []entry
	var args []string
	recv := ""
	n := 0
	for i, p := range f.Params {
		a := fmt.Sprintf("a%d", i)
		switch {
		case p.Name == v.Receiver && v.Receiver != "":
			recv = a + "."
			order = append(order, entry{i, n, p})
		case in[p.Name]:
			args = append(args, a)
			rest = append(rest, entry{i, n, p})
		default:
			args = append(args, a)
		}
		n += flatSize(p)
	}
	order = append(order, rest...)
	var idx, tangents, grads, hvs, flatG, flatH []string
	k := 0
	for _, e := range order {
		a := fmt.Sprintf("a%d", e.i)
		sz := flatSize(e.p)
		for j := range sz {
			idx = append(idx, fmt.Sprint(e.flat+j))
		}
		grads = append(grads, "g"+a)
		hvs = append(hvs, "h"+a)
		switch e.p.Kind {
		case Scalar:
			tangents = append(tangents, fmt.Sprintf("v[%d]", k))
			flatG = append(flatG, fmt.Sprintf("g = append(g, g%s)", a))
			flatH = append(flatH, fmt.Sprintf("hv = append(hv, h%s)", a))
		case Slice:
			tangents = append(tangents, fmt.Sprintf("slices.Clone(v[%d:%d])", k, k+sz))
			flatG = append(flatG, fmt.Sprintf("g = append(g, g%s...)", a))
			flatH = append(flatH, fmt.Sprintf("hv = append(hv, h%s...)", a))
		case Struct, StructPtr:
			amp := ""
			if e.p.Kind == StructPtr {
				amp = "&"
			}
			l := e.p.Type.Len
			tangents = append(tangents, fmt.Sprintf("%s%s{W: slices.Clone(v[%d:%d]), B: v[%d], C: v[%d], N: %d}", amp, e.p.Type.Name, k, k+l, k+l, k+l+1, e.p.Type.N))
			flatG = append(flatG, fmt.Sprintf("g = append(g, g%s.W...)\ng = append(g, g%s.B, g%s.C)", a, a, a))
			flatH = append(flatH, fmt.Sprintf("hv = append(hv, h%s.W...)\nhv = append(hv, h%s.B, h%s.C)", a, a, a))
		}
		k += sz
	}
	call := strings.Join(args, ", ")
	targs := strings.Join(tangents, ", ")
	if call != "" {
		targs = ", " + targs
	}
	fg := "var g []float64\n" + strings.Join(flatG, "\n") + "\n"
	fh := "var hv []float64\n" + strings.Join(flatH, "\n") + "\n"
	fmt.Fprintf(b, "hidx: []int{%s},\n", strings.Join(idx, ", "))
	fmt.Fprintf(b, "hvp: func(p, v []float64) (float64, []float64, []float64) {\n%sy, %s, %s := %s%sHVP(%s%s)\n%s%s%sreturn y, g, hv\n},\n",
		pre, strings.Join(grads, ", "), strings.Join(hvs, ", "), recv, v.Name, call, targs, post, fg, fh)
	fmt.Fprintf(b, "hess: func(p []float64) (float64, []float64, [][]float64) {\n%sy, %s, h := %s%sHessian(%s)\n%s%sreturn y, g, h\n},\n",
		pre, strings.Join(grads, ", "), recv, v.Name, call, post, fg)
}

// variantChecks is the part of main.go that checks the variants (see
// checkAlt, checkHessian).
const variantChecks = `
// near12 reports whether a and b agree to 1e-12 of the larger.
func near12(a, b float64) bool {
	return same(a, b) || math.Abs(a-b) <= 1e-12*math.Max(math.Abs(a), math.Abs(b))
}

// checkAlt checks the checkpointed copy at p: its value is F's bit for
// bit and its gradient FGrad's, g, to 1e-12.
func checkAlt(c fcase, p []float64, want float64, g []float64, st *stats) bool {
	var y float64
	var ga []float64
	if m := try(func() { y, ga = c.alt(slices.Clone(p)) }); m != "" {
		fmt.Printf("FAIL %s checkpointed FGrad panics: %s\n", c.name, m)
		return false
	}
	if !same(y, want) {
		fmt.Printf("FAIL %s checkpointed: value %v, F's %v at %v\n", c.name, y, want, p)
		return false
	}
	for i := range g {
		if !near12(ga[i], g[i]) {
			fmt.Printf("FAIL %s checkpointed: gradient entry %d is %v, unmarked %v at %v\n", c.name, i, ga[i], g[i], p)
			return false
		}
	}
	st.alt++
	return true
}

// refinedHVP returns entry j of central differences of FGrad along v at
// the first of two successive smaller steps that agree (diff gives them
// at a step), and that step; false if none do.
func refinedHVP(diff func(h float64) []float64, j int) (d, h float64, ok bool) {
	steps := []float64{1e-6, 1e-7, 1e-8, 1e-9, 1e-10}
	prev := diff(steps[0])[j]
	for _, step := range steps[1:] {
		cur := diff(step)[j]
		if finite(cur) && math.Abs(cur-prev) <= 1e-4*math.Max(1, math.Abs(cur)) {
			return cur, step, true
		}
		prev = cur
	}
	return 0, 0, false
}

// checkHessian checks the Hessian copy at p, where F is want and FGrad
// g: FHVP's value is F's and its gradient FGrad's; H·v matches central
// differences of FGrad along v where two steps agree; FHessian's value
// and gradient likewise, its matrix exactly symmetric, and its product
// with v FHVP's H·v.
func checkHessian(c fcase, p []float64, want float64, g []float64, rng *rand.Rand, st *stats) bool {
	k := len(c.hidx)
	v := random(rng, k, -1, 1)
	var y float64
	var gh, hv []float64
	if m := try(func() { y, gh, hv = c.hvp(slices.Clone(p), v) }); m != "" {
		fmt.Printf("FAIL %s FHVP panics: %s\n", c.name, m)
		return false
	}
	if !same(y, want) {
		fmt.Printf("FAIL %s hvp: value %v, F's %v at %v\n", c.name, y, want, p)
		return false
	}
	for j, i := range c.hidx {
		if !near12(gh[j], g[i]) {
			fmt.Printf("FAIL %s hvp: gradient entry %d is %v, FGrad's %v at %v\n", c.name, i, gh[j], g[i], p)
			return false
		}
	}
	// Central differences of FGrad along v (over the entries hidx).
	gmax := 1.0
	for _, x := range g {
		if finite(x) {
			gmax = math.Max(gmax, math.Abs(x))
		}
	}
	diff := func(h float64) []float64 {
		q1, q2 := slices.Clone(p), slices.Clone(p)
		for j, i := range c.hidx {
			q1[i] += h * v[j]
			q2[i] -= h * v[j]
		}
		_, g1 := c.grad(q1)
		_, g2 := c.grad(q2)
		d := make([]float64, k)
		for j, i := range c.hidx {
			d[j] = (g1[i] - g2[i]) / (2 * h)
		}
		return d
	}
	d1, d2 := diff(1e-5), diff(5e-5)
	for j := range k {
		noise := 1e-12 * gmax / 1e-5
		a, b := d1[j], d2[j]
		if !finite(a) || !finite(b) || math.Abs(a-b) > 1e-5*math.Max(1, math.Abs(a))+2*noise {
			st.hvpskip++
			continue
		}
		if !(math.Abs(hv[j]-a) <= 1e-4*math.Max(1, math.Abs(a))+2*noise) {
			// a and b may agree only up to the rounding bound (noise,
			// large where FGrad is): both are then truncation alone where
			// FGrad turns within the step (program 201 of seed 115:
			// FGrad 9e6, differences -54.9 and -54.5 at the two steps,
			// H·v 30718, which steps of 1e-8 and 1e-9 see). Smaller
			// steps then decide, as for the gradient; if none converge,
			// the reference is inconclusive unless a and b agree without
			// the bound.
			how := fmt.Sprintf("steps agree: %v", b)
			if r, h, ok := refinedHVP(diff, j); ok {
				if math.Abs(hv[j]-r) <= 1e-4*math.Max(1, math.Abs(r)) {
					st.hvpfd++
					continue
				}
				a, how = r, fmt.Sprintf("step %v; steps 1e-5 and 5e-5: %v, %v", h, d1[j], b)
			} else if math.Abs(a-b) > 1e-5*math.Max(1, math.Abs(a)) {
				st.hvpskip++
				continue
			}
			fmt.Printf("FAIL %s hvp: (H·v)[%d] is %v, central differences of FGrad %v (%s) along %v at %v\n", c.name, c.hidx[j], hv[j], a, how, v, p)
			return false
		}
		st.hvpfd++
	}
	var h [][]float64
	if m := try(func() { y, gh, h = c.hess(slices.Clone(p)) }); m != "" {
		fmt.Printf("FAIL %s FHessian panics: %s\n", c.name, m)
		return false
	}
	if !same(y, want) {
		fmt.Printf("FAIL %s hessian: value %v, F's %v at %v\n", c.name, y, want, p)
		return false
	}
	for j, i := range c.hidx {
		if !near12(gh[j], g[i]) {
			fmt.Printf("FAIL %s hessian: gradient entry %d is %v, FGrad's %v at %v\n", c.name, i, gh[j], g[i], p)
			return false
		}
	}
	if len(h) != k {
		fmt.Printf("FAIL %s hessian: %d rows, want %d\n", c.name, len(h), k)
		return false
	}
	for i := range k {
		if len(h[i]) != k {
			fmt.Printf("FAIL %s hessian: row %d has %d entries, want %d\n", c.name, i, len(h[i]), k)
			return false
		}
		hvi, scale := 0.0, 0.0
		for j := range k {
			if !same(h[i][j], h[j][i]) {
				fmt.Printf("FAIL %s hessian: not symmetric: (%d, %d) is %v, (%d, %d) %v at %v\n", c.name, i, j, h[i][j], j, i, h[j][i], p)
				return false
			}
			hvi += h[i][j] * v[j]
			scale += math.Abs(h[i][j] * v[j])
		}
		if !(math.Abs(hvi-hv[i]) <= 1e-9*math.Max(1, scale)) && !(math.IsNaN(hvi) && math.IsNaN(hv[i])) {
			fmt.Printf("FAIL %s hessian: row %d times v is %v, FHVP's %v along %v at %v\n", c.name, i, hvi, hv[i], v, p)
			return false
		}
	}
	st.hess++
	return true
}
`
