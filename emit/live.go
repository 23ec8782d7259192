package emit

import "github.com/godiff/godiff/ir"

// This file decides which values the generated code contains. Go is
// stricter than the IR: it rejects a declared variable nobody reads, and
// vet rejects statements control cannot reach. So emit computes liveness
// itself, as ir.Live does but over reachable code only, and counting as a
// read only what the emitted code actually writes.

// reachable returns the values control can get to. A value after a
// statement that ends its block (return, break, continue, an if whose
// branches both end, a for without condition that nothing breaks) can never
// run.
func reachable(fn *ir.Func) map[*ir.Value]bool {
	reach := make(map[*ir.Value]bool)
	markReachable(fn.Body, reach)
	return reach
}

// markReachable marks the reachable values of b and its nested blocks and
// reports whether b ends: control never falls off its end. It follows vet's
// notion of reachability, so that emitted code is never reported as
// unreachable.
func markReachable(b *ir.Block, reach map[*ir.Value]bool) (ends bool) {
	for _, v := range b.Values {
		if ends {
			return true
		}
		reach[v] = true
		nested := make([]bool, len(v.Blocks))
		for i, nb := range v.Blocks {
			nested[i] = markReachable(nb, reach)
		}
		switch {
		case v.Op.IsExit():
			ends = true
		case v.Op == ir.OpHalt:
			ends = v.Aux.(*ir.Halt).Ends() // vet knows panic ends a block
		case v.Op == ir.OpIf:
			ends = nested[0] && nested[1]
		case v.Op == ir.OpFor:
			ends = v.Blocks[1].Result == nil && !broken(v, reach)
		}
	}
	return ends
}

// broken reports whether a reachable break leaves loop.
func broken(loop *ir.Value, reach map[*ir.Value]bool) bool {
	found := false
	for _, nb := range loop.Blocks {
		nb.Walk(func(v *ir.Value) {
			if v.Op == ir.OpBreak && v.Aux == loop && reach[v] {
				found = true
			}
		})
	}
	return found
}

// liveValues returns the values the generated code needs, as ir.Live does
// (statements, values with effects, and what they read, variables' writes
// only if something reads the variable), restricted to reachable values.
func liveValues(fn *ir.Func, reach map[*ir.Value]bool) map[*ir.Value]bool {
	live := make(map[*ir.Value]bool)
	writes := make(map[*ir.Var][]*ir.Value) // the decl and sets of each variable
	var work []*ir.Value
	mark := func(v *ir.Value) {
		if v != nil && !live[v] {
			live[v] = true
			work = append(work, v)
		}
	}
	fn.Walk(func(v *ir.Value) {
		switch {
		case !reach[v]:
		case v.Op == ir.OpDecl || v.Op == ir.OpSet:
			x := v.Aux.(*ir.Var)
			writes[x] = append(writes[x], v)
		case isRoot(v):
			mark(v)
		}
	})
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		if v.Op == ir.OpGet || v.Op == ir.OpAddr {
			for _, w := range writes[v.Aux.(*ir.Var)] {
				mark(w)
			}
		}
		for _, a := range operands(v) {
			mark(a)
		}
		for _, blk := range v.Blocks {
			mark(blk.Result)
		}
	}
	return live
}

// isRoot reports whether v must be kept whether or not anything reads it,
// as in ir.Live.
func isRoot(v *ir.Value) bool {
	switch v.Op {
	case ir.OpParam, ir.OpCopySlice, ir.OpIndex, ir.OpLocalTape, ir.OpInvoke, ir.OpTapeSlot:
		return true
	}
	return !v.Op.HasValue()
}

// operands returns the arguments v's code reads. An array's make reads no
// length: `var a [N]T` takes it from the type, and a length variable read
// only there would be declared and never used.
func operands(v *ir.Value) []*ir.Value {
	switch {
	case v.Op == ir.OpMake && isArray(v.Type):
		return nil
	case v.Op == ir.OpPartials:
		return v.Args[:1] // the value; the partials are for the transforms
	}
	return v.Args
}

// isArray reports whether t is an array type.
func isArray(t ir.Type) bool {
	_, ok := t.(ir.Array)
	return ok
}
