package ir

// Live returns the values f needs: its statements (returns, comments,
// stores, control flow, tape writes), the parameters, the values with
// effects (a copy into a slice, a range index, an invoke), the declarations and assignments of variables something reads,
// and, transitively, the values they read. Every other value is pure or
// only reads, so a value outside this set computes something nobody uses.
func Live(f *Func) map[*Value]bool {
	live := make(map[*Value]bool)
	writes := make(map[*Var][]*Value) // the decl and sets of each variable
	var work []*Value
	mark := func(v *Value) {
		if v != nil && !live[v] {
			live[v] = true
			work = append(work, v)
		}
	}
	f.Walk(func(v *Value) {
		if v.Op == OpDecl || v.Op == OpSet {
			x := v.Aux.(*Var)
			writes[x] = append(writes[x], v)
			return
		}
		if isRoot(v) {
			mark(v)
		}
	})
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		if v.Op == OpGet || v.Op == OpAddr {
			for _, w := range writes[v.Aux.(*Var)] {
				mark(w)
			}
		}
		for _, a := range v.Args {
			mark(a)
		}
		for _, blk := range v.Blocks {
			mark(blk.Result)
		}
	}
	return live
}

// isRoot reports whether v must be kept whether or not anything reads it.
func isRoot(v *Value) bool {
	switch v.Op {
	case OpParam, OpCopySlice, OpIndex, OpLocalTape, OpInvoke, OpTapeSlot:
		return true
	}
	return !v.Op.HasValue()
}

// DeadCode removes every value that is not Live: the user's dead stores,
// and partials a derivative rule built but the transform did not need.
// Assignments of what their target holds already (s[i] = s[i]) go first,
// and with them what only they read. An if left with two empty branches
// goes too, and one whose then branch is empty is turned around: if !c {
// else }.
func DeadCode(f *Func) {
	dropNoOps(f)
	deadCode(f)
	if pruneIfs(f, f.Body) {
		deadCode(f) // conditions of removed ifs
	}
}

func deadCode(f *Func) {
	live := Live(f)
	var sweep func(b *Block)
	sweep = func(b *Block) {
		vs := b.Values
		kept := vs[:0]
		for _, v := range vs {
			if live[v] {
				kept = append(kept, v)
				for _, nb := range v.Blocks {
					sweep(nb)
				}
			}
		}
		for i := len(kept); i < len(vs); i++ {
			vs[i] = nil
		}
		b.Values = kept
	}
	sweep(f.Body)
}

// pruneIfs removes the ifs of blk (and the blocks inside) whose branches
// are both empty, and negates the condition of those with only an else.
// It reports whether it removed any.
func pruneIfs(f *Func, blk *Block) bool {
	removed := false
	var kept []*Value
	for _, v := range blk.Values {
		for _, nb := range v.Blocks {
			removed = pruneIfs(f, nb) || removed
		}
		if v.Op == OpIf {
			then, els := v.Blocks[0], v.Blocks[1]
			switch {
			case len(then.Values) == 0 && len(els.Values) == 0:
				removed = true
				continue
			case len(then.Values) == 0:
				f.nextID++
				not := &Value{ID: f.nextID, Op: OpNot, Type: Bool, Args: []*Value{v.Args[0]}, Block: blk}
				if c := v.Args[0]; c.IsConst() {
					// Emit writes no op on constants only: !false is true.
					not = &Value{ID: f.nextID, Op: OpConst, Type: Bool, Aux: !c.Aux.(bool), Block: blk}
				}
				kept = append(kept, not)
				v.Args[0] = not
				v.Blocks[0], v.Blocks[1] = els, then
			}
		}
		kept = append(kept, v)
	}
	blk.Values = kept
	return removed
}
