package ir

// DeadStores removes the assignments to variables that nothing can read
// afterwards: no get of the variable follows the set in its block or in the
// blocks around it, up to the variable's declaration, and no loop between
// the two gets it (a later iteration would read the value). A variable whose
// address is taken is left alone. Reverse mode resets adjoint variables to
// zero where a later use might add to them; this drops the resets nothing
// reads.
func DeadStores(f *Func) {
	decl := make(map[*Var]*Value)
	addressed := make(map[*Var]bool)
	f.Walk(func(v *Value) {
		switch v.Op {
		case OpDecl:
			decl[v.Aux.(*Var)] = v
		case OpAddr:
			addressed[v.Aux.(*Var)] = true
		}
	})
	var dead []*Value
	f.Walk(func(v *Value) {
		if v.Op == OpSet && !addressed[v.Aux.(*Var)] && !readAfter(v, decl[v.Aux.(*Var)]) {
			dead = append(dead, v)
		}
	})
	for _, v := range dead {
		removeValue(v)
	}
}

// readAfter reports whether the variable set by set can be read after it:
// later in its block or an enclosing one (up to the block declaring it), or
// anywhere in a loop around it that the declaration is outside of.
func readAfter(set, decl *Value) bool {
	x := set.Aux.(*Var)
	at := set
	for {
		blk := at.Block
		if readsIn(blk.Values[indexIn(blk, at)+1:], x) {
			return true
		}
		if decl != nil && decl.Block == blk || blk.Parent == nil {
			return false
		}
		at = blk.Parent
		if at.Op.IsLoop() && readsIn([]*Value{at}, x) {
			return true
		}
	}
}

// readsIn reports whether any of vs, or anything nested in them, gets x.
func readsIn(vs []*Value, x *Var) bool {
	for _, v := range vs {
		found := false
		(&Block{Values: []*Value{v}}).Walk(func(w *Value) {
			if w.Op == OpGet && w.Aux == x {
				found = true
			}
		})
		if found {
			return true
		}
	}
	return false
}

func indexIn(b *Block, v *Value) int {
	for i, w := range b.Values {
		if w == v {
			return i
		}
	}
	panic("ir: value not in its block")
}

func removeValue(v *Value) {
	b := v.Block
	i := indexIn(b, v)
	b.Values = append(b.Values[:i], b.Values[i+1:]...)
}

// Remove takes statement v out of its block, for a transform that finds
// it has no purpose (nothing may read its value).
func Remove(v *Value) { removeValue(v) }
