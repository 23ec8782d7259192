package ir

// dropNoOps removes the assignments that write back what their target
// already holds: s[i] = s[i] and x = x, the value read in the same block
// with nothing in between that may write the target. The transforms make
// them (reverse mode's reset of an adjoint that the same element's read
// then restores); Go code would not say them, and emit writes no
// statement for them. Removed here, before liveness, they no longer keep
// alive what only they read (the index i), which the generated code would
// otherwise declare and never use.
func dropNoOps(f *Func) {
	var dead []*Value
	f.Walk(func(v *Value) {
		if isNoOp(v) {
			dead = append(dead, v)
		}
	})
	for _, v := range dead {
		removeValue(v)
	}
}

// isNoOp reports whether v is a store or set of the value its target holds.
func isNoOp(v *Value) bool {
	switch v.Op {
	case OpStore:
		r := stripCopies(v.Args[2])
		return r.Op == OpLoad && r.Args[0] == v.Args[0] && r.Args[1] == v.Args[1] &&
			nothingWrites(r, v, writesMemory)
	case OpSet:
		x := v.Aux.(*Var)
		r := stripCopies(v.Args[0])
		return r.Op == OpGet && r.Aux == x &&
			nothingWrites(r, v, func(w *Value) bool { return writesVar(w, x) })
	}
	return false
}

func stripCopies(v *Value) *Value {
	for v.Op == OpCopy {
		v = v.Args[0]
	}
	return v
}

// nothingWrites reports whether read and write are in the same block, read
// first, and no value between them (or nested in one) writes, by writes.
func nothingWrites(read, write *Value, writes func(*Value) bool) bool {
	if read.Block != write.Block {
		return false
	}
	vs := write.Block.Values
	from, to := indexIn(write.Block, read), indexIn(write.Block, write)
	if from > to {
		return false
	}
	found := false
	for _, v := range vs[from+1 : to] {
		(&Block{Values: []*Value{v}}).Walk(func(w *Value) {
			found = found || writes(w)
		})
	}
	return !found
}

// writesMemory reports whether v may write an element of a slice.
func writesMemory(v *Value) bool {
	switch v.Op {
	case OpStore, OpCopySlice, OpInvoke, OpAccum, OpTapeSlot:
		return true
	}
	return false
}

// writesVar reports whether v may assign x: directly, or through a
// pointer (a call or an accumulation).
func writesVar(v *Value, x *Var) bool {
	switch v.Op {
	case OpDecl, OpSet:
		return v.Aux == x
	case OpInvoke, OpAccum:
		return true
	}
	return false
}
