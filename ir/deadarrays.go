package ir

// DeadArrays removes the local arrays nothing reads (a made array, or a
// variable holding one): those whose every use is either written into
// (x[j] = ...) or read from only to compute what is written into them
// again (x[j] = x[j] + ...), with those writes, then the code only they
// needed. A transform that drops the one real read of such an array
// (the tangents of a result nobody wants) leaves it behind; DeadCode
// alone keeps the writes, which are statements.
func DeadArrays(f *Func) {
	for {
		refs := deadArray(f)
		if refs == nil {
			return
		}
		var dead []*Value
		f.Walk(func(v *Value) {
			if v.Op == OpStore && refs[v.Args[0]] {
				dead = append(dead, v)
			}
		})
		for _, v := range dead {
			removeValue(v)
		}
		DeadCode(f)
		dropEmptyLoops(f.Body)
	}
}

// deadArray returns the references to a local array of f that
// DeadArrays removes (the make, or the gets of its variable), or nil.
func deadArray(f *Func) map[*Value]bool {
	users := make(map[*Value][]*Value)
	results := make(map[*Value]bool) // values that are a block's result
	addressed := make(map[*Var]bool)
	var cands []map[*Value]bool
	vars := make(map[*Var]map[*Value]bool)
	var order []*Var
	f.Walk(func(v *Value) {
		for _, a := range v.Args {
			users[a] = append(users[a], v)
		}
		for _, blk := range v.Blocks {
			results[blk.Result] = true
		}
		switch v.Op {
		case OpMake:
			if _, ok := v.Type.(Array); ok {
				cands = append(cands, map[*Value]bool{v: true})
			}
		case OpDecl:
			if _, ok := v.Aux.(*Var).Type.(Array); ok {
				vars[v.Aux.(*Var)] = make(map[*Value]bool)
				order = append(order, v.Aux.(*Var))
			}
		case OpAddr, OpSet:
			addressed[v.Aux.(*Var)] = true // kept whole: assigned or shared
		case OpGet:
			if refs := vars[v.Aux.(*Var)]; refs != nil {
				refs[v] = true
			}
		}
	})
	for _, x := range order {
		if !addressed[x] {
			cands = append(cands, vars[x])
		}
	}
	var feedsOnly func(v *Value, refs map[*Value]bool, depth int) bool
	feedsOnly = func(v *Value, refs map[*Value]bool, depth int) bool {
		if results[v] || depth > 64 {
			return false
		}
		for _, u := range users[v] {
			if u.Op == OpStore && refs[u.Args[0]] && u.Args[0] != v || u.Op.IsPure() && feedsOnly(u, refs, depth+1) {
				continue
			}
			return false
		}
		return true
	}
	for _, refs := range cands {
		dead := true
		for r := range refs {
			if results[r] {
				dead = false
			}
			for _, u := range users[r] {
				switch {
				case u.Op == OpStore && u.Args[0] == r && !refs[u.Args[2]]:
				case u.Op == OpLoad && u.Args[0] == r && feedsOnly(u, refs, 0):
				default:
					dead = false
				}
			}
		}
		if dead {
			return refs
		}
	}
	return nil
}

// dropEmptyLoops removes the range loops over an integer whose bodies
// are empty.
func dropEmptyLoops(blk *Block) {
	kept := blk.Values[:0]
	for _, v := range blk.Values {
		for _, nb := range v.Blocks {
			dropEmptyLoops(nb)
		}
		if v.Op == OpRange && len(v.Blocks) == 1 && emptyBody(v.Blocks[0]) && v.Args[0].Type == Int {
			continue
		}
		kept = append(kept, v)
	}
	blk.Values = kept
}

// emptyBody reports whether a loop's body holds nothing but its index.
func emptyBody(b *Block) bool {
	for _, v := range b.Values {
		if v.Op != OpIndex {
			return false
		}
	}
	return true
}
