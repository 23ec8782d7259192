package reverse

import (
	"slices"

	"github.com/godiff/godiff/ir"
)

// InlineMaxValues is the most IR values a helper's body may hold for
// InlineSmall to inline its calls: GMM's subtract, sqnorm, logsumexp and
// preprocessQs have 19 to 42, BA's project 56; BA's rodriguesRotatePoint
// (85) stays a call. A longer body stays a call, whose split form's record
// per call costs little beside its work.
const InlineMaxValues = 80

// InlineSmall returns f with its calls of small helpers of slices
// replaced by the helpers' bodies (see Inline, whose inliner it runs), so
// that reverse mode splits one function: a call of a helper of slices
// otherwise costs a record on its own tape, the arguments it keeps, and
// two calls (forward and backward) with their slices; inlined, the
// caller's loops record what the helper's would, and the backward sweep
// runs the helper's backward code in place. It returns f itself if it
// inlines nothing.
//
// A call is inlined when its callee, a function of f's package taking
// slices (its derivative would be a split form, see ir.CallRule's Split)
// through which a derivative flows, is small and simple (see
// smallHelper): at most InlineMaxValues IR values; its parameters
// numbers, bools and slices of numbers; one float result or none,
// returned at the end of its body only; no slice made; calls only of
// package math and of the package's own functions; not recursive; and no
// loop of it carries a variable from one iteration to the next but sums
// (s += e, s read nowhere else in the loop), its own counters, and
// integer counters declared in the helper's body and only stepped by
// constants (GMM's lparamsIdx, stepped through a triangle: see
// stepsOnly). Such a counter costs the inlined body one record per call,
// its value as the body ends, from which the backward sweep steps it back
// (see induction), as the helper's own split form does. A helper may have
// several loops; an element the first one reads that a later one reads
// again is then recorded by the caller's loop where the split form would
// read the first loop's record again (see recordedEarlier), unless the
// caller computed it from memory nothing writes (see forwarded). A call
// outside every loop of f may inline a helper of up to
// InlineMaxValuesOnce values that holds local arrays (see inlineonce.go).
// What stays a call is better served by its own split form: a loop
// carrying other state (a running maximum) it recovers from one record
// per call, where the caller would record it per iteration. (A running
// maximum records only its winner's index, argmax.go; inlined, GMM's
// gradient was still 8% slower than with the call.) Methods and
// functions taking structs, other packages' functions, //godiff:rule
// functions and the bodies of checkpointed loops stay calls. Calls inside
// an inlined body are inlined by the same rule; the others stay calls
// there.
//
// The inlined body keeps the helper's names, suffixed where they clash
// with the caller's (id2), and does the helper's arithmetic in the
// helper's order, so the derivatives are those of the call (the tests
// compare them bit for bit on GMM).
func InlineSmall(f *ir.Func, wrt []int) *ir.Func {
	g := ir.NewFunc(f.Name, f.Params, f.Results)
	g.Doc = f.Doc
	g.Tape = f.Tape
	b := ir.NewBuilder(g)
	b.Simplify = false
	recursive := make(map[*ir.Func]bool)
	in := &inliner{b: b, pick: func(call *ir.Value, callee *ir.Func) bool {
		return smallHelper(call, callee, recursive, outsideLoops(b.Block))
	}}
	in.copyBody(f, ir.NewCopier(b), ir.Analyse(f, wrt).Varied, []string{f.Name}, false)
	if in.err != nil || !in.inlined {
		// Nothing picked fails (the inliner fails on recursion and
		// tapes, which smallHelper rules out): a broken invariant.
		if in.err != nil {
			panic("reverse.InlineSmall: " + in.err.Error())
		}
		return f
	}
	relabel(g)
	ir.UniqueNames(g)
	return g
}

// smallHelper reports whether call, of callee, is one InlineSmall inlines
// (see there). recursive caches, per function, whether it calls itself.
func smallHelper(call *ir.Value, callee *ir.Func, recursive map[*ir.Func]bool, once bool) bool {
	c := call.Aux.(ir.Callee)
	r := c.Rule
	if c.Path != "" || !r.Split || r.Twin || r.Foreign || r.Custom || r.Recompute || r.Err != "" || callee.Tape != nil {
		return false
	}
	if len(callee.Results) > 1 || len(callee.Results) == 1 && (!ir.IsFloat(callee.Results[0].Type) || callee.Results[0].Group != nil) {
		return false
	}
	for _, p := range callee.Params {
		if p.Group != nil || !plainType(p.Type) {
			return false
		}
	}
	n := 0
	ok := true
	callee.Walk(func(v *ir.Value) {
		n++
		switch {
		case v.Op == ir.OpMake && !(once && localArray(v)), v.Op == ir.OpReturn && v.Block != callee.Body:
			ok = false
		case isCall(v):
			cc := v.Aux.(ir.Callee)
			if cc.Path != "math" && (cc.Path != "" || cc.Rule == nil || cc.Rule.Derived == nil || cc.Rule.Err != "") {
				ok = false
			}
		}
	})
	if !ok || n > maxValues(once) || !carriesOnlySums(callee) {
		return false
	}
	if _, seen := recursive[callee]; !seen {
		recursive[callee] = reaches(callee, callee, make(map[*ir.Func]bool))
	}
	return !recursive[callee]
}

// plainType reports whether t is a number, a bool or a slice of numbers:
// a parameter the inlined body may share with the caller as Go passes it
// (an array would be a copy).
func plainType(t ir.Type) bool {
	if ir.IsSlice(t) {
		t = ir.Elem(t)
	}
	return ir.IsNumeric(t) || t == ir.Bool
}

// reaches reports whether from calls target, directly or through the
// package's functions it calls.
func reaches(from, target *ir.Func, seen map[*ir.Func]bool) bool {
	found := false
	from.Walk(func(v *ir.Value) {
		if found || !isCall(v) {
			return
		}
		r := v.Aux.(ir.Callee).Rule
		if r == nil || r.Derived == nil {
			return
		}
		g := r.Derived
		if g == target {
			found = true
			return
		}
		if !seen[g] {
			seen[g] = true
			found = reaches(g, target, seen)
		}
	})
	return found
}

// carriesOnlySums reports whether every loop of g carries no variable
// from one iteration to the next but sums and counters: each variable its
// header or body assigns, declared outside the loop, is assigned only x =
// x + e or x - e, and read only there (see the outliner's accumulator,
// which checkpointed loops pass too), or is an integer stepped by
// constants only (see stepsOnly).
func carriesOnlySums(g *ir.Func) bool {
	o := &outliner{f: g, uses: usesOf(g)}
	ok := true
	g.Walk(func(l *ir.Value) {
		if !ok || !l.Op.IsLoop() {
			return
		}
		declared := make(map[*ir.Var]bool)
		var set []*ir.Var
		for _, blk := range l.Blocks {
			blk.Walk(func(v *ir.Value) {
				switch v.Op {
				case ir.OpDecl:
					declared[v.Aux.(*ir.Var)] = true
				case ir.OpSet:
					if x := v.Aux.(*ir.Var); !slices.Contains(set, x) {
						set = append(set, x)
					}
				}
			})
		}
		checked := l.Blocks
		if l.Op == ir.OpFor {
			checked = checked[1:] // the init block runs once
		}
		for _, x := range set {
			if !declared[x] && stepsOnly(g, x) {
				continue
			}
			for _, blk := range checked {
				if !declared[x] && o.accumulator(blk, x) != "" {
					ok = false
				}
			}
		}
	})
	return ok
}

// stepsOnly reports whether x is an integer declared in g's body, outside
// its loops and branches, and otherwise only stepped by constants (x++, x
// += 2) outside loops' headers: a counter whose value the backward sweep
// recovers by stepping it back from its last (see induction), which
// inlined in a caller's loop costs one record per call.
func stepsOnly(g *ir.Func, x *ir.Var) bool {
	if x.Type != ir.Int {
		return false
	}
	decls := 0
	ok := true
	g.Walk(func(v *ir.Value) {
		if (v.Op != ir.OpDecl && v.Op != ir.OpSet) || v.Aux != x {
			return
		}
		switch {
		case v.Op == ir.OpDecl:
			decls++
			ok = ok && v.Block == g.Body
		case inHeader(v.Block):
			ok = false
		default:
			_, isStep := step(v, x)
			ok = ok && isStep
		}
	})
	return ok && decls == 1
}
