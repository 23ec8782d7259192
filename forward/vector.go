package forward

import (
	"fmt"
	"slices"
	"strings"

	"github.com/godiff/godiff/internal/prose"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/rules"
)

// maxTerms bounds the terms a tangent carries before it is written into
// an array of its own: a long chain of single-use values would otherwise
// carry every row it ever read.
const maxTerms = 8

// VecName returns the name of the vector-mode JVP with k directions of a
// function whose JVP is named jvp: dotJVPVec8.
func VecName(jvp string, k int) string { return fmt.Sprintf("%sVec%d", jvp, k) }

// Vector returns FJVPVec, named name: f's results, and their directional
// derivatives along k directions at once. Every tangent of Transform's
// JVP becomes k tangents: a float parameter's is a [k]T array, a slice's
// a slice of such arrays ([]float64 → [][k]float64, see Widen), an
// output's likewise; the results' tangents are written into one array
// dres, *[m][k]T, row i for f's i-th float result. A struct parameter's
// tangents are one parameter per leaf.
//
// The forward sweep is f's, computed once; each partial derivative is
// computed once too, and only the sums over the directions loop k times
// (see lin). So one sweep gives k columns of the Jacobian for about the
// cost of one JVP plus k multiply-adds per active operation.
//
// It fails on what vector mode cannot follow: a call of a function whose
// derivative is a //godiff:rule for slices (the user's JVP takes one
// direction), results of two float types, a variable holding a slice.
func Vector(f *ir.Func, wrt []int, name string, k int) (g *ir.Func, err error) {
	return VectorWith(f, wrt, name, k, VectorOptions{})
}

// VectorOptions are what VectorWith does beyond Vector.
type VectorOptions struct {
	// Unroll writes the k tangents of each operation as k statements
	// rather than a loop over the directions: longer code, which Go
	// compiles without the loop's counter and bounds checks. A
	// Hessian's sweeps, whose every operation is such a loop, run about
	// twice as fast.
	Unroll bool
	// Tapes follows the local tape of a gradient as one function
	// (reverse.Split.OneCall), keeping the tangents of what it records
	// on a tape beside it (see vtape.go), where Vector fails.
	Tapes bool
}

// VectorWith is Vector with the options o.
func VectorWith(f *ir.Func, wrt []int, name string, k int, o VectorOptions) (g *ir.Func, err error) {
	return vector(f, wrt, name, k, o)
}

func vector(f *ir.Func, wrt []int, name string, k int, o VectorOptions) (g *ir.Func, err error) {
	varied := ir.Analyse(f, wrt).Varied
	outputs := outputParams(f, wrt, varied)
	g, dresType, err := vectorSignature(f, wrt, outputs, name, k)
	if err != nil {
		return nil, err
	}
	b := ir.NewBuilder(g)
	t := &vtangents{
		b: b, k: k, varied: varied,
		value:  make(map[*ir.Value]*lin),
		vars:   make(map[*ir.Var]*ir.Var),
		mem:    make(map[*ir.Value]*ir.Value),
		uses:   tangentUses(f, o.Tapes),
		writes: writeEffects(f, o.Tapes),
		unroll: o.Unroll,
		tp:     vtapes{follow: o.Tapes, name: name, tapes: make(map[*ir.Value]*ir.Value), types: make(map[*ir.Tape]*ir.Tape), fields: make(map[*ir.TapeField]*ir.TapeField)},
	}
	tangentParam := make(map[int]*ir.Value)
	for i, p := range append(slices.Clone(wrt), outputs...) {
		tangentParam[p] = b.Param(len(f.Params) + i)
	}
	var dres *ir.Value
	if dresType != nil {
		dres = b.Param(len(g.Params) - 1)
	}
	c := ir.NewCopier(b)
	t.c = c
	c.After = func(old, v *ir.Value) {
		if t.err != nil {
			return
		}
		if old.Op == ir.OpParam {
			if tp, ok := tangentParam[old.Aux.(int)]; ok {
				if ir.IsSlice(v.Type) {
					t.mem[v] = tp
				} else {
					t.value[v] = rowLin(tp, false, nil)
				}
			}
			return
		}
		t.copied(old, v)
	}
	results := make(map[*ir.Value]*vcall) // vector JVP calls of several results, by the call they stand for
	c.Before = func(old *ir.Value) bool {
		if t.err != nil {
			return true
		}
		if onTape(old) || !o.Tapes && recorded(old) {
			// A pointer into a tape's entries (a rule's or a call
			// site's tape): its tangents would have to be kept beside
			// it.
			t.fail("vector mode does not follow values recorded on a tape (%s): %s", old.Op, f.Name)
			return true
		}
		t.beforeWrite(old)
		if old.Op == ir.OpExtract && results[old.Args[0]] != nil {
			t.result(old, results[old.Args[0]])
			return true
		}
		if !derivedCall(old) || !varied.Value[old] && !slices.ContainsFunc(ir.Written(old), func(x *ir.Value) bool { return varied.Mem[ir.Root(x)] }) {
			return false
		}
		if call := t.call(old); call != nil {
			results[old] = call
		}
		return true
	}
	c.Return = func(old *ir.Value, args []*ir.Value) {
		if t.err != nil {
			return
		}
		b.Simplify = true
		row := 0
		for i, r := range old.Args {
			if !ir.IsFloat(r.Type) {
				continue
			}
			t.storeRow(dres, b.Const(ir.Int, int64(row)), t.take(args[i]), r.Type)
			row++
		}
		b.Simplify = false
		b.Return(args...)
	}
	c.Block(f.Body)
	if t.err != nil {
		return nil, t.err
	}
	ir.CondsIntoBodies(g)
	if f.Return() == nil && len(f.Results) == 0 && !endsInExit(g.Body) {
		b.Return()
	}
	ir.DeadCode(g)
	ir.UniqueNames(g)
	return g, nil
}

// vtangents builds the k tangents of each varied value, variable and
// piece of memory next to it, as tangents does for one.
type vtangents struct {
	b      *ir.Builder
	c      *ir.Copier
	k      int
	varied *ir.Flow
	value  map[*ir.Value]*lin      // the copy of a varied float value → its tangents
	vars   map[*ir.Var]*ir.Var     // the copy of a varied variable → its tangent array
	mem    map[*ir.Value]*ir.Value // the copy of a varied slice → its widened tangent slice
	uses   map[*ir.Value]uses      // see tangentUses
	writes map[*ir.Value]writes    // see writeEffects
	tp     vtapes                  // the tangent tapes (see vtape.go)
	unroll bool                    // write the k entries one by one, without a loop

	// pending lists the values whose tangent is a lin that a write may
	// spoil (see lin.stable), not yet taken by their one user.
	pending []pend
	err     error
}

// pend is a value of f and its copy, and how many of its users have yet
// to take its tangents.
type pend struct {
	old, v *ir.Value
	left   int
}

func (t *vtangents) fail(format string, args ...any) {
	if t.err == nil {
		t.err = fmt.Errorf(format, args...)
	}
}

// take returns the tangents of the copied value v, nil if none, for its
// user: v is no longer pending.
func (t *vtangents) take(v *ir.Value) *lin {
	for i := range t.pending {
		if t.pending[i].v == v {
			t.pending[i].left--
		}
	}
	t.pending = slices.DeleteFunc(t.pending, func(p pend) bool { return p.left <= 0 })
	return t.value[v]
}

// define records l as the tangents of the copy v of old. They stay a
// combination, for the users to take, if old has one user that reads
// them, in its own block; or if they are one row as it is and every user
// is in the block (a load's, a variable's). Otherwise they are written
// into an array now, so that users in loops or several users read them
// rather than compute them again. A combination that a write may spoil
// waits, pending, for its users (see beforeWrite).
func (t *vtangents) define(old, v *ir.Value, l *lin) {
	if l == nil {
		return
	}
	u := t.uses[old]
	oneRow := len(l.terms) == 1 && l.terms[0].coef == nil
	if !l.stable() && !t.spoiltLater(old, l) {
		l.mem, l.vars = false, nil // nothing after old in its block writes its rows
	}
	switch {
	case u.cross || u.n > 1 && !oneRow || len(l.terms) > maxTerms:
		l = rowLin(t.materialize(l, v.Type, v.Name, true), false, nil)
	case !l.stable() && u.n > 0:
		t.pending = append(t.pending, pend{old: old, v: v, left: u.n})
	}
	t.value[v] = l
}

// beforeWrite writes into arrays of their own the pending tangents that
// old, about to be copied, may overwrite the rows of: a store, a copy or
// a call writing memory, or the assignment of a variable, or a loop or
// if holding one. A store or assignment reads the tangents it takes
// before it writes, entry by entry, so those stay as they are.
func (t *vtangents) beforeWrite(old *ir.Value) {
	w, ok := t.writes[old]
	if !ok || len(t.pending) == 0 {
		return
	}
	elementwise := old.Op == ir.OpStore || old.Op == ir.OpSet || old.Op == ir.OpDecl
	b := t.b
	saved := b.Simplify
	b.Simplify = true
	defer func() { b.Simplify = saved }()
	// A value of a block that has ended has no user left.
	t.pending = slices.DeleteFunc(t.pending, func(p pend) bool { return !b.Block.Ancestor(p.v.Block) })
	for _, p := range slices.Clone(t.pending) {
		v, l := p.v, t.value[p.v]
		if elementwise && slices.Contains(old.Args, p.old) {
			continue
		}
		spoilt := l.mem && w.mem
		for _, x := range l.vars {
			spoilt = spoilt || w.vars[x]
		}
		if !spoilt {
			continue
		}
		arr := t.materialize(l, v.Type, v.Name, true)
		t.value[v] = rowLin(arr, false, nil)
		t.pending = slices.DeleteFunc(t.pending, func(x pend) bool { return x.v == v })
	}
}

// spoiltLater reports whether a statement after old in its block (or in
// a block nested there) may write the rows of l. Every user of old is
// there, so if none does, l's rows hold old's tangents for them all.
func (t *vtangents) spoiltLater(old *ir.Value, l *lin) bool {
	vals := old.Block.Values
	for _, v := range vals[slices.Index(vals, old)+1:] {
		w, ok := t.writes[v]
		if !ok {
			continue
		}
		if l.mem && w.mem {
			return true
		}
		for _, x := range l.vars {
			if w.vars[x] {
				return true
			}
		}
	}
	return false
}

// tangentVar returns the tangent array of the copied variable x.
func (t *vtangents) tangentVar(x *ir.Var) *ir.Var {
	if d, ok := t.vars[x]; ok {
		return d
	}
	d := &ir.Var{Name: "d" + x.Name, Type: t.row(x.Type)}
	t.vars[x] = d
	return d
}

// copied builds the tangent code of one copied value.
func (t *vtangents) copied(old, v *ir.Value) {
	b := t.b
	b.Simplify = true
	defer func() { b.Simplify = false }()
	switch old.Op {
	case ir.OpLocalTape, ir.OpTapeReset, ir.OpTapeGrow, ir.OpTapeSave, ir.OpTapeLoad:
		if t.tp.follow {
			t.tapeOp(old, v)
		}
	case ir.OpDecl, ir.OpSet:
		t.assign(old, v)
	case ir.OpGet:
		if dx, ok := t.vars[v.Aux.(*ir.Var)]; ok {
			t.define(old, v, rowLin(b.Get(dx), false, old.Aux.(*ir.Var)))
		}
	case ir.OpLoad:
		ds, ok := t.mem[v.Args[0]]
		if !ok {
			return
		}
		row := b.Load(ds, v.Args[1])
		if ir.IsSlice(v.Type) {
			t.mem[v] = row
			return
		}
		t.define(old, v, rowLin(row, true, nil))
	case ir.OpStore:
		t.store(old, v)
	case ir.OpSubslice:
		if ds, ok := t.mem[v.Args[0]]; ok {
			t.mem[v] = b.Subslice(ds, v.Args[1], v.Args[2])
		}
	case ir.OpMake:
		if t.varied.Mem[old] {
			t.mem[v] = b.Make(Widen(v.Type, t.k), v.Args[0])
		}
	case ir.OpSliceLit:
		if t.varied.Mem[old] {
			elems := make([]*ir.Value, len(v.Args))
			for i, x := range v.Args {
				elems[i] = t.materialize(t.take(x), ir.Elem(v.Type), "", false)
			}
			t.mem[v] = b.SliceLit(Widen(v.Type, t.k), elems...)
		}
	case ir.OpCopySlice:
		t.copySlice(old, v)
	default:
		if v.Op.IsPure() && ir.IsFloat(v.Type) {
			t.define(old, v, t.chain(v))
		}
	}
	if d := t.mem[v]; d != nil && v.Name != "" && d.Name == "" && d.ID > v.ID {
		d.Name = "d" + v.Name
	}
}

// assign builds the tangent of x := e or x = e: the tangent array of x
// takes e's tangents.
func (t *vtangents) assign(old, v *ir.Value) {
	b := t.b
	x := old.Aux.(*ir.Var)
	if !t.varied.Vars[x] {
		return
	}
	if !ir.IsFloat(x.Type) {
		t.fail("vector mode cannot follow the variable %s of type %s", x.Name, x.Type)
		return
	}
	dx := t.tangentVar(t.c.Var[x])
	var l *lin
	if len(v.Args) == 1 {
		l = t.take(v.Args[0])
	}
	var whole *ir.Value // an array holding the tangents as they are
	if l != nil && len(l.terms) == 1 && l.terms[0].coef == nil && ir.Elem(l.terms[0].row.Type) == x.Type {
		whole = l.terms[0].row
	}
	if old.Op == ir.OpDecl {
		b.Declare(dx, whole)
		if whole == nil && l != nil {
			t.fill(b.Get(dx), l, x.Type)
		}
		return
	}
	if whole != nil {
		if whole.Op != ir.OpGet || whole.Aux != dx {
			b.Set(dx, whole)
		}
		return
	}
	t.fill(t.varRow(dx, l), l, x.Type)
}

// varRow returns the tangent array of variable dx to fill with l: the
// read of it l holds, if any, so that the generated code reads
// ds[j] += ..., else a new one.
func (t *vtangents) varRow(dx *ir.Var, l *lin) *ir.Value {
	if l != nil {
		for _, tm := range l.terms {
			if tm.row.Op == ir.OpGet && tm.row.Aux == dx {
				return tm.row
			}
		}
	}
	return t.b.Get(dx)
}

// store builds the tangent of s[i] = e: the row of the tangent slice
// takes e's tangents, or for a slice of slices the row its tangent.
func (t *vtangents) store(old, v *ir.Value) {
	b := t.b
	if !t.varied.Mem[ir.Root(old.Args[0])] {
		return
	}
	ds, ok := t.mem[v.Args[0]]
	if !ok {
		panic(fmt.Sprintf("forward: no tangent slice for %v (%v)", v.Args[0].Name, v.Args[0].Op))
	}
	x := v.Args[2]
	switch {
	case ir.IsFloat(x.Type):
		t.storeRow(ds, v.Args[1], t.take(x), x.Type)
	case ir.IsSlice(x.Type) && !isArray(x.Type):
		dx := t.mem[x]
		if dx == nil {
			dx = b.Make(Widen(x.Type, t.k), b.Len(x))
		}
		b.Store(ds, v.Args[1], dx)
	default:
		t.fail("vector mode cannot follow a store of %s into %s", x.Type, v.Args[0].Type)
	}
}

// copySlice copies the tangents along with the values; from memory that
// does not vary, the copied tangents are zero.
func (t *vtangents) copySlice(old, v *ir.Value) {
	if !t.varied.Mem[ir.Root(old.Args[0])] {
		return
	}
	b := t.b
	ddst, ok := t.mem[v.Args[0]]
	if !ok {
		panic(fmt.Sprintf("forward: no tangent slice for %v (%v)", v.Args[0].Name, v.Args[0].Op))
	}
	if dsrc, ok := t.mem[v.Args[1]]; ok {
		b.CopySlice(ddst, dsrc)
		return
	}
	if !ir.IsFloat(ir.Elem(v.Args[0].Type)) {
		t.fail("vector mode cannot follow a copy of %s", v.Args[0].Type)
		return
	}
	loop := b.Range("", v)
	b.In(loop.Blocks[0], func() {
		k := b.Index("k")
		t.fill(b.Load(ddst, k), nil, ir.Elem(v.Args[0].Type))
	})
}

// chain builds v's tangents from its arguments', or returns nil when no
// argument has any.
func (t *vtangents) chain(v *ir.Value) *lin {
	ls := make([]*lin, len(v.Args))
	any := false
	for i, a := range v.Args {
		if l := t.value[a]; l != nil {
			ls[i] = t.take(a)
			any = true
		}
	}
	if !any {
		return nil
	}
	rule := rules.For(v)
	if rule == nil {
		panic(fmt.Sprintf("forward: no derivative rule for varied value %v (%v)", v.Name, v.Op))
	}
	return t.combine(v.Type, rule(t.b, v, v.Args), ls)
}

// vcall is a vector JVP call of several results: the call, and the
// array its results' tangents went into, by the row of each float result.
type vcall struct {
	call *ir.Value
	dres *ir.Var
	rows []int // by result, -1 for a result that is not a float
}

// call builds y := g(args) for a varied call of a function g godiff
// differentiates, as a call of g's vector JVP, the variant with respect
// to the arguments that have tangents: it gives y, fills the tangents of
// the slices g writes, and writes y's tangents into an array of the
// caller's (dres). For a call of several results it returns the call,
// whose results old's extracts take.
func (t *vtangents) call(old *ir.Value) *vcall {
	b := t.b
	b.Simplify = true
	defer func() { b.Simplify = false }()
	callee := old.Aux.(ir.Callee)
	if callee.Rule.Composed != nil {
		t.fail("vector mode cannot call %s, the gradient of a function of slices: its JVP takes one direction", callee.Rule.Names.Base)
		return nil
	}
	if callee.Rule.Custom {
		t.fail("vector mode cannot call %s, whose derivative is a //godiff:rule: its JVP takes one direction", callee.Name)
		return nil
	}
	derived := callee.Rule.Derived
	params := derived.Params
	args := make([]*ir.Value, len(old.Args))
	for i, a := range old.Args {
		args[i] = t.c.Value[a]
	}
	// The variant with respect to the arguments that vary, as the
	// activity analysis says (see splitWrt in package godiff, which
	// builds the callees' derivatives): a tangent that happens to be
	// zero here is passed as zeros.
	var tangents []*ir.Value
	var wrt []int
	for i, x := range args {
		p, a := params[i].Type, old.Args[i]
		switch {
		case !ir.IsDifferentiable(p):
		case ir.IsSlice(p) && t.varied.Mem[ir.Root(a)]:
			dx := t.mem[x]
			if dx == nil {
				dx = b.Make(Widen(x.Type, t.k), b.Len(x))
			}
			tangents = append(tangents, dx)
			wrt = append(wrt, i)
		case !ir.IsSlice(p) && t.varied.Value[a]:
			tangents = append(tangents, t.materialize(t.take(x), p, "", false))
			wrt = append(wrt, i)
		}
	}
	name := ir.Callee{Name: VecName(callee.Rule.Variant(wrt).JVP, t.k), Recv: callee.Recv}
	vc := &vcall{}
	var floatType ir.Type
	for _, r := range derived.Results {
		if !ir.IsFloat(r.Type) {
			vc.rows = append(vc.rows, -1)
			continue
		}
		if floatType != nil && floatType != r.Type {
			t.fail("vector mode cannot call %s, whose results are of two float types", callee.Name)
			return nil
		}
		floatType = r.Type
		vc.rows = append(vc.rows, len(vc.rows)-countNeg(vc.rows))
	}
	if floatType != nil {
		m := len(vc.rows) - countNeg(vc.rows)
		vc.dres = &ir.Var{Name: "d" + strings.ToLower(callee.Name[:1]) + callee.Name[1:], Type: ir.Array{Len: m, Elem: t.row(floatType)}}
		b.Declare(vc.dres, nil)
		tangents = append(tangents, b.Addr(vc.dres))
	}
	all := append(args, tangents...)
	switch typ := old.Type.(type) {
	case nil:
		t.c.Value[old] = b.Invoke(name, nil, all...)
		return nil
	case ir.Tuple:
		vc.call = b.Invoke(name, slices.Clone(typ), all...)
		t.c.Value[old] = vc.call
		return vc
	}
	y := b.Invoke(name, old.Type, all...)
	y.Name = old.Name
	t.c.Value[old] = y
	if vc.rows[0] >= 0 {
		t.define(old, y, rowLin(b.Load(b.Get(vc.dres), b.Const(ir.Int, int64(0))), false, nil))
	}
	return nil
}

func countNeg(xs []int) int {
	n := 0
	for _, x := range xs {
		if x < 0 {
			n++
		}
	}
	return n
}

// result builds result k of a vector JVP call of several results, where
// old, the extract of result k of the call it stands for, was.
func (t *vtangents) result(old *ir.Value, vc *vcall) {
	b := t.b
	k := old.Aux.(int)
	y := b.Extract(vc.call, k)
	y.Name = old.Name
	t.c.Value[old] = y
	if row := vc.rows[k]; row >= 0 {
		b.Simplify = true
		t.define(old, y, rowLin(b.Load(b.Get(vc.dres), b.Const(ir.Int, int64(row))), false, nil))
		b.Simplify = false
	}
}

// vectorSignature returns the empty vector JVP: f's parameters, the
// widened tangent of each differentiated parameter and output, and
// dres, the array its float results' tangents go into; f's results.
func vectorSignature(f *ir.Func, wrt, outputs []int, name string, k int) (*ir.Func, ir.Type, error) {
	params := slices.Clone(f.Params)
	taken := ir.SigNames(params)
	var tangentIdx, outIdx []int
	for n, i := range append(slices.Clone(wrt), outputs...) {
		p := f.Params[i]
		pn := ir.FreshName(taken, "d"+p.Name)
		taken[pn] = true
		if n < len(wrt) {
			tangentIdx = append(tangentIdx, len(params))
		} else {
			outIdx = append(outIdx, len(params))
		}
		params = append(params, ir.Param{Name: pn, Type: Widen(p.Type, k)})
	}
	var floatType ir.Type
	m := 0
	for _, r := range f.Results {
		if !ir.IsFloat(r.Type) {
			continue
		}
		if floatType != nil && floatType != r.Type {
			return nil, nil, fmt.Errorf("vector mode needs results of one float type; %s returns %s and %s", f.Name, floatType, r.Type)
		}
		floatType = r.Type
		m++
	}
	var dresType ir.Type
	if m > 0 {
		dresType = ir.Pointer{Elem: ir.Array{Len: m, Elem: ir.Array{Len: k, Elem: floatType}}}
		params = append(params, ir.Param{Name: ir.FreshName(taken, "dres"), Type: dresType})
	}
	g := ir.NewFunc(name, params, slices.Clone(f.Results))
	tangents, outNames := ir.GoNames(params, tangentIdx), ir.GoNames(params, outIdx)
	wrtNames := ir.GoNames(f.Params, wrt)
	g.Doc = []string{fmt.Sprintf("%s runs %s and computes, by forward-mode automatic differentiation in vector mode, its directional derivatives along %d directions at once: the tangents %s of %s hold, for each float, one entry per direction.",
		g.Name, f.Name, k, strings.Join(tangents, ", "), strings.Join(wrtNames, ", "))}
	if m > 0 {
		g.Doc = append(g.Doc, fmt.Sprintf("It returns %s's results and writes the derivatives of its float results into %s, row i for the i-th.", f.Name, params[len(params)-1].Name))
	}
	if len(outNames) > 0 {
		g.Doc = append(g.Doc, fmt.Sprintf("It writes the derivatives of what %s writes into its output %s into %s.",
			f.Name, prose.Plural(len(outNames), "slice", "slices"), prose.List(outNames)))
	}
	return g, dresType, nil
}

// isArray reports whether typ is an array type.
func isArray(typ ir.Type) bool {
	_, ok := typ.(ir.Array)
	return ok
}

// recorded reports whether v reads a float from a tape: a value the
// one-call gradient records in a loop or a branch, whose tangents only
// VectorOptions.Tapes keeps. Recorded bools and integers carry none.
func recorded(v *ir.Value) bool {
	return v.Op == ir.OpTapeLoad && (ir.IsDifferentiable(v.Type) || ir.IsFloat(ir.Elem(v.Type)))
}

// onTape reports whether v points into a tape's entries, which vector
// mode does not follow. The loads and saves of a local tape, the one-call
// gradient's (see reverse.Split.OneCall) values recorded in loops and
// branches, it follows on a tangent tape (see vtape.go).
func onTape(v *ir.Value) bool {
	return v.Op == ir.OpTapeSlot || v.Op == ir.OpTapeEntry
}
