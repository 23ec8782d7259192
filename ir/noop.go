package ir

// dropNoOps removes the assignments that write back what their target
// already holds: s[i] = s[i] and x = x, the value read before with nothing
// in between that may write the target. The transforms make
// them (reverse mode's reset of an adjoint that the same element's read
// then restores); Go code would not say them, and emit writes no
// statement for them. Removed here, before liveness, they no longer keep
// alive what only they read (the index i), which the generated code would
// otherwise declare and never use.
func dropNoOps(f *Func) {
	dropNoOpsIn(f.Body)
}

// dropNoOpsIn drops the no-ops of blk and the blocks inside, in program
// order, each as soon as it is found: in s[i], s[i] = s[i], s[i] the
// second store is a no-op once the first is gone.
func dropNoOpsIn(blk *Block) {
	for k := 0; k < len(blk.Values); {
		v := blk.Values[k]
		if isNoOp(v) {
			removeValue(v)
			continue
		}
		for _, nb := range v.Blocks {
			dropNoOpsIn(nb)
		}
		k++
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

// nothingWrites reports whether nothing can write, by writes, between
// read and write: read comes first in write's block or in a block around
// it (but not around a loop holding write, whose later iterations would
// run after read's), and no value between them, or nested in one, writes.
func nothingWrites(read, write *Value, writes func(*Value) bool) bool {
	at := write
	for at.Block != read.Block {
		blk := at.Block
		if anyWrites(blk.Values[:indexIn(blk, at)], writes) {
			return false
		}
		if blk.Parent == nil || blk.Parent.Op.IsLoop() {
			return false
		}
		at = blk.Parent
	}
	from, to := indexIn(read.Block, read), indexIn(at.Block, at)
	return from < to && !anyWrites(at.Block.Values[from+1:to], writes)
}

// anyWrites reports whether any of vs, or a value nested in one, writes.
func anyWrites(vs []*Value, writes func(*Value) bool) bool {
	found := false
	(&Block{Values: vs}).Walk(func(w *Value) {
		found = found || writes(w)
	})
	return found
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
