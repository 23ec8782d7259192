package tmpl

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

// godiffChecker_tmpl runs the checks of one annotated function.
type godiffChecker_tmpl struct {
	t     *testing.T
	fn    *godiffFunc_tmpl
	fv    reflect.Value
	types []reflect.Type // F's parameters', receiver first
	// nout is the number of F's results that its derivatives return too:
	// all, but for a slice result, which is the parameter F writes and
	// returns (gonum's dst), among the leaves F writes.
	nout  int
	float []bool // per leaf: it holds floats
	prec  godiffPrecision_tmpl
	rng   *godiffRand_tmpl
	tapes []reflect.Value // per split form: the tape kept across points

	failed  bool
	hung    int                          // points where F did not return
	tallies map[string]*godiffTally_tmpl // by derivative
	layouts map[string][]godiffArg_tmpl
	order   []string
}

// godiffCheck_tmpl checks the derivatives of fn at the user's points, or,
// if the user gives none, at up to three random points where F runs and
// its values are finite:
//
//   - FGrad's, FVJP's, FJVP's and FForward's values are F's bit for bit,
//     and so are the floats they leave in the slices F writes;
//   - FVJP (FGrad where there is no FVJP) against central finite
//     differences of <s, F> along each differentiated number, for random
//     seeds s of F's results and of the slices F writes;
//   - FJVP against central finite differences of F along a random tangent;
//   - FVJP with seed 1 is FGrad bit for bit, and FForward then FBackward
//     on a tape kept from point to point give FVJP's (FGrad's) gradient
//     bit for bit;
//   - <FJVP(v), w> = <v, FVJP(w)> (FGrad's for FVJP's where there is none);
//   - where F allocates nothing, FForward then FBackward on a kept tape
//     allocate nothing (testing.AllocsPerRun).
func godiffCheck_tmpl(t *testing.T, fn *godiffFunc_tmpl) {
	t.Helper()
	c := &godiffChecker_tmpl{t: t, fn: fn, fv: reflect.ValueOf(fn.fn), tallies: make(map[string]*godiffTally_tmpl), layouts: make(map[string][]godiffArg_tmpl)}
	c.prec = godiffFloat64_tmpl
	for i := 0; i < c.fv.Type().NumIn(); i++ {
		c.types = append(c.types, c.fv.Type().In(i))
	}
	for i := 0; i < c.fv.Type().NumOut(); i++ {
		if godiffIsFloat32_tmpl(c.fv.Type().Out(i)) {
			c.prec = godiffFloat32_tmpl
		}
	}
	c.nout = c.fv.Type().NumOut()
	if c.nout == 1 && c.fv.Type().Out(0).Kind() == reflect.Slice {
		c.nout = 0
	}
	for _, l := range fn.leaves {
		lt := c.types[l.param]
		if l.at != nil {
			p := reflect.New(lt)
			if lt.Kind() == reflect.Pointer {
				p.Elem().Set(reflect.New(lt.Elem()))
			}
			lt = reflect.TypeOf(l.at(p.Interface())).Elem()
		}
		c.float = append(c.float, godiffHasFloats_tmpl(lt))
		if godiffIsFloat32_tmpl(lt) {
			c.prec = godiffFloat32_tmpl
		}
	}
	c.rng = godiffNewRand_tmpl(fn.name)
	for _, r := range fn.reverse {
		c.tapes = append(c.tapes, reflect.ValueOf(r.tape()))
	}
	c.run()
}

// run checks every point: the user's if there are, random ones otherwise
// until three were checked or six tried.
func (c *godiffChecker_tmpl) run() {
	user := c.userPoints()
	checked, tried, skips := 0, 0, []string(nil)
	allocs := true
	for _, pt := range user {
		if c.point(pt, &skips, &allocs) {
			checked++
		}
		if c.failed {
			return
		}
	}
	random := 0
	for i := 0; i < 6 && random < 3 && len(user) == 0 && !c.fn.exits && c.hung < 2; i++ {
		tried++
		if c.point(c.random(i), &skips, &allocs) {
			random++
		}
		if c.failed {
			return
		}
	}
	checked += random
	for _, s := range skips {
		c.t.Log(s)
	}
	switch {
	case checked == 0 && c.fn.exits:
		c.t.Fatalf("%s: no point to check: %s may call os.Exit or log.Fatal, which would end the test, so it is run only at points you give; declare %s in a _test.go file of the package, calling at once per point", c.fn.name, c.fn.name, c.fn.pointsDecl)
	case checked == 0:
		c.t.Fatalf("%s: no point to check: %s panicked, was not finite or did not return at all %d points tried (their reasons are logged above); declare %s in a _test.go file of the package, calling at once per point where %s runs", c.fn.name, c.fn.name, len(user)+tried, c.fn.pointsDecl, c.fn.name)
	}
	var summary []string
	for _, name := range c.order {
		ta := c.tallies[name]
		if ta.checked == 0 && ta.skipped > 0 {
			c.t.Errorf("%s: no entry could be compared with finite differences at any point: %d were not smooth there (a kink or a boundary within the steps); give points where %s is smooth in %s", name, ta.skipped, c.fn.name, c.fn.pointsName)
		}
		summary = append(summary, fmt.Sprintf("%s: %d entries against finite differences, %d skipped as not smooth", name, ta.checked, ta.skipped))
	}
	if c.fn.noFD != "" {
		summary = append(summary, fmt.Sprintf("no comparison with finite differences (godiffNoFD: %s)", c.fn.noFD))
	}
	what := "random"
	if len(user) > 0 {
		what = "yours"
	}
	points := "points"
	if checked == 1 {
		points = "point"
	}
	c.t.Logf("%s: checked at %d %s (%s); %s", c.fn.name, checked, points, what, strings.Join(summary, "; "))
}

// fail reports a failure at a point; the function's checks stop after it.
func (c *godiffChecker_tmpl) fail(pt *godiffPoint_tmpl, format string, args ...any) {
	c.t.Helper()
	c.t.Errorf("%s\n\tat %s", fmt.Sprintf(format, args...), c.show(pt))
	c.failed = true
}

// tally returns the counts of the derivative named name.
func (c *godiffChecker_tmpl) tally(name string) *godiffTally_tmpl {
	if c.tallies[name] == nil {
		c.tallies[name] = new(godiffTally_tmpl)
		c.order = append(c.order, name)
	}
	return c.tallies[name]
}

// point checks every derivative at pt and reports whether it could: F
// ran there and its values were finite. A random point where F panics is
// skipped (a guard) with a line in skips; a point of the user's where F
// panics fails.
func (c *godiffChecker_tmpl) point(pt *godiffPoint_tmpl, skips *[]string, allocs *bool) bool {
	timeout := godiffTimeout_tmpl
	if pt.user {
		timeout = 30 * timeout
	}
	ref, ys, hung := c.runFWithin(pt, timeout)
	switch {
	case hung && pt.user:
		c.fail(pt, "%s did not return within %v at a point of %s", c.fn.name, timeout, c.fn.pointsName)
		return false
	case hung:
		*skips = append(*skips, fmt.Sprintf("%s did not return within %v at %s, skipped (it may loop forever there: give points)", c.fn.name, timeout, c.show(pt)))
		c.hung++
		return false
	case ref.panic != "" && pt.user:
		c.fail(pt, "%s panics at a point of %s: %s", c.fn.name, c.fn.pointsName, ref.panic)
		return false
	case ref.panic != "":
		*skips = append(*skips, fmt.Sprintf("%s panics at %s, skipped: %s", c.fn.name, c.show(pt), ref.panic))
		return false
	case c.fn.noFD == "" && (!godiffFinite_tmpl(ref.ys) || !godiffFinite_tmpl(godiffConcat_tmpl(ref.finals))):
		*skips = append(*skips, fmt.Sprintf("%s is not finite at %s, skipped", c.fn.name, c.show(pt)))
		return false
	}
	x := c.floats(pt)
	for k, r := range c.fn.reverse {
		if !c.checkReverse(k, r, pt, x, ref, ys) {
			return true
		}
	}
	if c.fn.forward != nil && !c.checkForward(pt, x, ref, ys) {
		return true
	}
	if !c.checkModes(pt, ys) {
		return true
	}
	if *allocs {
		*allocs = false
		c.checkAllocs(pt, ys)
	}
	return true
}

// labels names each float of each leaf, w[2], n.W1[1][0].
func (c *godiffChecker_tmpl) labels(pt *godiffPoint_tmpl) [][]string {
	out := make([][]string, len(c.fn.leaves))
	for i, l := range c.fn.leaves {
		if c.float[i] && c.reachable(pt, i) {
			out[i] = godiffLabels_tmpl(nil, l.name, c.leaf(pt, i))
		}
	}
	return out
}

// sameValues checks that a generated function's values and the floats it
// leaves in the arguments are F's bit for bit.
func (c *godiffChecker_tmpl) sameValues(name string, pt *godiffPoint_tmpl, o, ref godiffOut_tmpl, resultLabels []string) bool {
	if o.panic != "" {
		c.fail(pt, "%s panics where %s does not: %s", name, c.fn.name, o.panic)
		return false
	}
	if m := godiffSame_tmpl(o.ys, ref.ys, resultLabels); m != "" {
		c.fail(pt, "%s's values are not %s's bit for bit: %s", name, c.fn.name, m)
		return false
	}
	labels := godiffConcatLabels_tmpl(c.labels(pt))
	if m := godiffSame_tmpl(godiffConcat_tmpl(o.finals), godiffConcat_tmpl(ref.finals), labels); m != "" {
		c.fail(pt, "%s leaves other numbers than %s in the arguments: after the call %s", name, c.fn.name, m)
		return false
	}
	return true
}

// resultLabels names the floats of F's results: result 1, result 2[0]...
func godiffResultLabels_tmpl(ys [][]float64) []string {
	var out []string
	for k, y := range ys {
		for j := range y {
			if len(y) == 1 {
				out = append(out, fmt.Sprintf("result %d", k+1))
			} else {
				out = append(out, fmt.Sprintf("result %d[%d]", k+1, j))
			}
		}
	}
	return out
}

func godiffConcatLabels_tmpl(xs [][]string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, x...)
	}
	return out
}

// seeds returns random seeds for F's results, and for the leaves r seeds.
func (c *godiffChecker_tmpl) seeds(r *godiffReverse_tmpl, x [][]float64, ys [][]float64) (s, so [][]float64) {
	s = godiffUniform_tmpl(c.rng, ys)
	so = make([][]float64, len(c.fn.leaves))
	for _, i := range r.seeded {
		so[i] = godiffUniform_tmpl(c.rng, x[i:i+1])[0]
	}
	return s, so
}

// gradSeeds returns FGrad's seeds: 1 for F's result, 0 for the leaves.
func (c *godiffChecker_tmpl) gradSeeds() (s, so [][]float64) {
	return [][]float64{{1}}, make([][]float64, len(c.fn.leaves))
}

// checkReverse checks the functions of split form k at pt.
func (c *godiffChecker_tmpl) checkReverse(k int, r *godiffReverse_tmpl, pt *godiffPoint_tmpl, x [][]float64, ref godiffOut_tmpl, ys [][]float64) bool {
	rl := godiffResultLabels_tmpl(ys)
	var grad, vjp godiffOut_tmpl
	if r.grad != nil {
		grad = c.runGrad(r, pt)
		if !c.sameValues(r.gradName, pt, grad, ref, rl) {
			return false
		}
	}
	s, so := c.gradSeeds()
	name, best := r.gradName, grad
	if r.vjp != nil {
		if r.grad != nil {
			one := c.runVJP(r, pt, s, so)
			if !c.sameValues(r.vjpName, pt, one, ref, rl) {
				return false
			}
			if m := c.sameGrad(r, one.grad, grad.grad, pt); m != "" {
				c.fail(pt, "%s with seed 1 is not %s bit for bit: %s", r.vjpName, r.gradName, m)
				return false
			}
		}
		s, so = c.seeds(r, x, ys)
		vjp = c.runVJP(r, pt, s, so)
		if !c.sameValues(r.vjpName, pt, vjp, ref, rl) {
			return false
		}
		name, best = r.vjpName, vjp
	}
	split := c.runSplit(r, c.tapes[k], pt, s, so)
	if !c.sameValues(r.forwardName, pt, split, ref, rl) {
		return false
	}
	if m := c.sameGrad(r, split.grad, best.grad, pt); m != "" {
		c.fail(pt, "%s then %s on a kept tape do not give %s's gradient bit for bit: %s", r.forwardName, r.backwardName, name, m)
		return false
	}
	return c.checkGradient(name, r, pt, x, s, so, best.grad)
}

// sameGrad compares two gradients over r's leaves bit for bit.
func (c *godiffChecker_tmpl) sameGrad(r *godiffReverse_tmpl, a, b [][]float64, pt *godiffPoint_tmpl) string {
	labels := c.labels(pt)
	for _, i := range r.wrt {
		if m := godiffSame_tmpl(a[i], b[i], labels[i]); m != "" {
			return "the derivative by " + m
		}
	}
	return ""
}

// phi returns <s, F's results> + <so, what F leaves in the leaves>.
func godiffPhi_tmpl(o godiffOut_tmpl, s, so [][]float64) float64 {
	v, _ := godiffDot_tmpl(o.ys, godiffConcat_tmpl(s))
	for i, w := range so {
		if w != nil {
			d, _ := godiffDot_tmpl(o.finals[i], w)
			v += d
		}
	}
	return v
}

// checkGradient compares the gradient g of <s, F> + <so, F's writes>,
// from the derivative called name, with central differences along each
// of its entries.
func (c *godiffChecker_tmpl) checkGradient(name string, r *godiffReverse_tmpl, pt *godiffPoint_tmpl, x, s, so, g [][]float64) bool {
	if c.fn.noFD != "" {
		return true
	}
	labels := c.labels(pt)
	tally := c.tally(name)
	cond := godiffSensitivity_tmpl(x, g)
	for _, i := range r.wrt {
		for j := range g[i] {
			line := godiffLine_tmpl{unit: math.Max(1, math.Abs(x[i][j])), cond: cond}
			line.at = func(t float64) ([]float64, float64) {
				q := godiffMoved_tmpl(x, i, j, t)
				at := c.at(pt, q)
				moved := c.floats(at)[i][j] - x[i][j]
				o, _ := c.runF(at)
				if o.panic != "" {
					return nil, moved
				}
				return []float64{godiffPhi_tmpl(o, s, so)}, moved
			}
			line.claim = func(t float64) []float64 {
				at := c.at(pt, godiffMoved_tmpl(x, i, j, t))
				var o godiffOut_tmpl
				if r.vjp != nil {
					o = c.runVJP(r, at, s, so)
				} else {
					o = c.runGrad(r, at)
				}
				if o.panic != "" {
					return nil
				}
				return []float64{o.grad[i][j]}
			}
			label := func(int) string { return fmt.Sprintf("the derivative by %s", labels[i][j]) }
			if m := c.prec.compare(line, []float64{g[i][j]}, label, tally); m != "" {
				c.fail(pt, "%s: %s%s", name, m, c.seedNote(r, name, s, so))
				return false
			}
		}
	}
	return true
}

// seedNote describes the seeds of an FVJP, for messages.
func (c *godiffChecker_tmpl) seedNote(r *godiffReverse_tmpl, name string, s, so [][]float64) string {
	if name != r.vjpName {
		return ""
	}
	return "\n\twith the seeds " + c.showSeeds(r, s, so)
}

// showSeeds describes seeds of F's results and of the leaves r seeds.
func (c *godiffChecker_tmpl) showSeeds(r *godiffReverse_tmpl, s, so [][]float64) string {
	var parts []string
	for k, x := range s {
		parts = append(parts, fmt.Sprintf("result %d: %v", k+1, godiffShort_tmpl(x)))
	}
	for _, i := range r.seeded {
		if so[i] != nil {
			parts = append(parts, fmt.Sprintf("%s: %v", c.fn.leaves[i].name, so[i]))
		}
	}
	return strings.Join(parts, ", ")
}

// showLeaves describes values of some leaves (a tangent), by name.
func (c *godiffChecker_tmpl) showLeaves(v [][]float64) string {
	var parts []string
	for i, x := range v {
		if x != nil {
			parts = append(parts, fmt.Sprintf("%s: %v", c.fn.leaves[i].name, godiffShort_tmpl(x)))
		}
	}
	return strings.Join(parts, ", ")
}

// godiffShort_tmpl returns the one number of x, or x.
func godiffShort_tmpl(x []float64) any {
	if len(x) == 1 {
		return x[0]
	}
	return x
}

// godiffMoved_tmpl returns x with entry j of leaf i moved by t.
func godiffMoved_tmpl(x [][]float64, i, j int, t float64) [][]float64 {
	q := make([][]float64, len(x))
	copy(q, x)
	q[i] = append([]float64(nil), x[i]...)
	q[i][j] += t
	return q
}

// godiffAlong_tmpl returns x moved by t along v; nil entries of v are 0.
func godiffAlong_tmpl(x, v [][]float64, t float64) [][]float64 {
	q := make([][]float64, len(x))
	for i := range x {
		q[i] = append([]float64(nil), x[i]...)
		if v[i] != nil {
			for j := range q[i] {
				q[i][j] += t * v[i][j]
			}
		}
	}
	return q
}

// tangents returns a random tangent for the leaves wrt, zero elsewhere.
func (c *godiffChecker_tmpl) tangents(x [][]float64, wrt []int) [][]float64 {
	v := make([][]float64, len(x))
	for _, i := range wrt {
		v[i] = godiffUniform_tmpl(c.rng, x[i:i+1])[0]
	}
	return v
}

// checkForward checks FJVP at pt: its values, and its tangents against
// central differences of F's results and of what F leaves in its
// arguments, along a random tangent.
func (c *godiffChecker_tmpl) checkForward(pt *godiffPoint_tmpl, x [][]float64, ref godiffOut_tmpl, ys [][]float64) bool {
	fw := c.fn.forward
	v := c.tangents(x, fw.wrt)
	o := c.runJVP(pt, v)
	if !c.sameValues(fw.name, pt, o, ref, godiffResultLabels_tmpl(ys)) {
		return false
	}
	if c.fn.noFD != "" {
		return true
	}
	unit, big, bi, bj := 1.0, 0.0, -1, -1
	for i := range v {
		for j := range v[i] {
			unit = math.Max(unit, math.Abs(x[i][j]))
			if math.Abs(v[i][j]) > big {
				big, bi, bj = math.Abs(v[i][j]), i, j
			}
		}
	}
	if bi < 0 {
		return true // no float to move
	}
	line := godiffLine_tmpl{unit: unit}
	line.at = func(t float64) ([]float64, float64) {
		at := c.at(pt, godiffAlong_tmpl(x, v, t))
		moved := (c.floats(at)[bi][bj] - x[bi][bj]) / v[bi][bj]
		r, _ := c.runF(at)
		if r.panic != "" {
			return nil, moved
		}
		return append(r.ys, godiffConcat_tmpl(r.finals)...), moved
	}
	line.claim = func(t float64) []float64 {
		r := c.runJVP(c.at(pt, godiffAlong_tmpl(x, v, t)), v)
		if r.panic != "" {
			return nil
		}
		return append(r.dys, godiffConcat_tmpl(r.dfinal)...)
	}
	labels := append(godiffResultLabels_tmpl(ys), godiffConcatLabels_tmpl(c.labels(pt))...)
	for k := range labels {
		if k >= len(ys) {
			labels[k] = "the tangent of " + labels[k] + " after the call"
		} else {
			labels[k] = "the tangent of " + labels[k]
		}
	}
	got := append(append([]float64(nil), o.dys...), godiffConcat_tmpl(o.dfinal)...)
	if m := c.prec.compare(line, got, func(k int) string { return labels[k] }, c.tally(fw.name)); m != "" {
		c.fail(pt, "%s: %s\n\talong the tangent %s", fw.name, m, c.showLeaves(v))
		return false
	}
	return true
}

// checkModes checks <FJVP(v), w> = <v, FVJP(w)> for each split form whose
// differentiated leaves FJVP's share, v random on those leaves, w random
// seeds (FGrad's 1 where there is no FVJP).
func (c *godiffChecker_tmpl) checkModes(pt *godiffPoint_tmpl, ys [][]float64) bool {
	fw := c.fn.forward
	if fw == nil {
		return true
	}
	x := c.floats(pt)
	for _, r := range c.fn.reverse {
		var both []int
		for _, i := range fw.wrt {
			for _, j := range r.wrt {
				if i == j {
					both = append(both, i)
				}
			}
		}
		if len(both) == 0 {
			continue
		}
		v := c.tangents(x, both)
		jvp := c.runJVP(pt, v)
		s, so := c.gradSeeds()
		var o godiffOut_tmpl
		name := r.gradName
		if r.vjp != nil {
			s, so = c.seeds(r, x, ys)
			o, name = c.runVJP(r, pt, s, so), r.vjpName
		} else {
			o = c.runGrad(r, pt)
		}
		if jvp.panic != "" || o.panic != "" {
			continue // reported by the other checks
		}
		lhs, scale := godiffDot_tmpl(jvp.dys, godiffConcat_tmpl(s))
		for _, i := range r.seeded {
			if so[i] == nil {
				continue // FGrad's: no seed
			}
			d, sc := godiffDot_tmpl(jvp.dfinal[i], so[i])
			lhs, scale = lhs+d, scale+sc
		}
		rhs := 0.0
		for _, i := range both {
			d, sc := godiffDot_tmpl(v[i], o.grad[i])
			rhs, scale = rhs+d, scale+sc
		}
		if !godiffFinite_tmpl([]float64{lhs, rhs, scale}) {
			continue // an infinite derivative: finite differences judge it
		}
		if math.Abs(lhs-rhs) > c.prec.modes*math.Max(1, scale) {
			c.fail(pt, "forward and reverse mode disagree: <%s(v), w> = %v, <v, %s(w)> = %v\n\talong the tangent v: %s\n\twith the seeds w: %s",
				fw.name, lhs, name, rhs, c.showLeaves(v), c.showSeeds(r, s, so))
			return false
		}
	}
	return true
}

// checkAllocs checks that, where F allocates nothing at pt, each split
// form on a kept tape allocates nothing either. The arguments are restored
// before each run, so that F's work is the same every time.
func (c *godiffChecker_tmpl) checkAllocs(pt *godiffPoint_tmpl, ys [][]float64) {
	if c.fn.alloc == nil {
		c.t.Logf("%s: allocations not checked: the test cannot name the type of a parameter", c.fn.name)
		return
	}
	q := c.clone(pt)
	x := c.floats(q)
	restore := c.restorer(q, x)
	f := c.fn.alloc(godiffInterfaces_tmpl(c.argValues(q)))
	if n := testing.AllocsPerRun(5, func() { restore(); f() }); n != 0 {
		c.t.Logf("%s allocates %v times per call: its split forms' allocations are not checked", c.fn.name, n)
		return
	}
	if c.fn.makes && len(c.fn.reverse) > 0 {
		c.t.Logf("%s makes slices, whose derivatives' buffers its split form allocates on every run: its allocations are not checked", c.fn.name)
		return
	}
	for k, r := range c.fn.reverse {
		s, so := c.seeds(r, x, ys)
		in := godiffInputs_tmpl{pt: q, tape: c.tapes[k], seeds: s, outSeeds: so}
		fwd, _ := c.args(reflect.ValueOf(r.forward), c.lay(r.forwardArgs), in)
		bwd, store := c.args(reflect.ValueOf(r.backward), c.lay(r.backwardArgs), in)
		buffers := c.bufferRestorer(r, store)
		run := r.alloc(godiffInterfaces_tmpl(fwd), godiffInterfaces_tmpl(bwd))
		if n := testing.AllocsPerRun(5, func() { restore(); buffers(); run() }); n != 0 {
			c.fail(pt, "%s then %s allocate %v times per run on a kept tape, where %s allocates nothing", r.forwardName, r.backwardName, n, c.fn.name)
			return
		}
	}
}

// restorer returns a function that writes x back into the point's leaves,
// allocating nothing.
func (c *godiffChecker_tmpl) restorer(pt *godiffPoint_tmpl, x [][]float64) func() {
	var leaves []reflect.Value
	var vals [][]float64
	for i, v := range x {
		if v != nil {
			leaves = append(leaves, c.leaf(pt, i))
			vals = append(vals, v)
		}
	}
	return func() {
		for i, l := range leaves {
			godiffSetFloats_tmpl(l, vals[i])
		}
	}
}

// bufferRestorer returns a function that writes FBackward's buffers back
// to what they hold now (the seeds of the leaves F writes, zero for the
// others), allocating nothing.
func (c *godiffChecker_tmpl) bufferRestorer(r *godiffReverse_tmpl, store []reflect.Value) func() {
	var leaves []reflect.Value
	var vals [][]float64
	for j, a := range c.lay(r.backwardArgs) {
		if a.kind == 'd' {
			for _, i := range a.leaves {
				l := c.derivedLeaf(a, store[j], i)
				leaves = append(leaves, l)
				vals = append(vals, godiffFloats_tmpl(nil, l))
			}
		}
	}
	return func() {
		for i, l := range leaves {
			godiffSetFloats_tmpl(l, vals[i])
		}
	}
}

// godiffInterfaces_tmpl returns the values of vs as interfaces.
func godiffInterfaces_tmpl(vs []reflect.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v.Interface()
	}
	return out
}
