package ir

// This file passes a stored element on to the loads of it that follow in
// the same block, for reverse mode's backward sweep. The chain rule taken
// link by link writes an adjoint element and reads it back at once: once
// FuseLoops has put GMM's diagonal and subtract adjoints in one loop,
//
//	dxc[i] += dqx[i] * qdiag[i]
//	dy[i] -= dxc[i]
//	dxc[i] = 0
//
// stores dxc[i], loads it again and overwrites it with zero. The load can
// take the value just stored, and the first store is then dead:
//
//	dy[i] -= dxc[i] + dqx[i]*qdiag[i]
//	dxc[i] = 0
//
// The Go compiler does neither through memory: it keeps every store and
// load of a slice element, and a load right after a store of the same
// address waits for it.

// ForwardStores rewrites each block of f, nested ones too, in two ways,
// both exact (an element read back is the bits written):
//
//   - a load of s[i] after a store to s[i] in the same block becomes the
//     value stored, when nothing between may have written that element;
//   - a store to s[i] that a later store to s[i] in the same block
//     overwrites is removed, when nothing between may have read it (the
//     forwarded loads no longer do).
//
// "The same s[i]" is the same slice value at the same index: one value, or
// two gets of one variable with no assignment between, or equal constants.
// Anything "between" that FuseLoops' distinctRoots does not show to touch
// other memory counts as a write and a read: a store to another slice of
// the same memory, a call, a copy, a tape's stack, a nested block, an exit.
// Only numbers are forwarded: an array element is storage its loads stand
// for.
func ForwardStores(f *Func) {
	subst := make(map[*Value]*Value)
	var dead []*Value
	var visit func(b *Block)
	visit = func(b *Block) {
		fw := &forwarder{subst: subst, gen: make(map[*Var]int)}
		for _, v := range b.Values {
			fw.step(v)
			for _, nb := range v.Blocks {
				visit(nb)
			}
		}
		dead = append(dead, fw.dead...)
	}
	visit(f.Body)
	for _, v := range dead {
		removeValue(v)
	}
	f.Walk(func(v *Value) {
		for i, a := range v.Args {
			if s, ok := subst[a]; ok {
				v.Args[i] = s
			}
		}
		for _, nb := range v.Blocks {
			if s, ok := subst[nb.Result]; ok {
				nb.Result = s
			}
		}
		// A constant stored and read back may leave an operation on
		// constants only (0 * 2, an adjoint reset then doubled:
		// FuzzMutate), which emit cannot write: fold it, and in
		// definition order the operations its constant reaches.
		foldInPlace(v)
	})
}

// forwarder follows one block's stores in order.
type forwarder struct {
	subst map[*Value]*Value // forwarded loads and the values they take
	dead  []*Value          // stores overwritten unread
	gen   map[*Var]int      // assignments to each variable seen so far
	// stored are the stores whose element may still hold what they
	// wrote; read is set once something may have read it.
	stored []storedElem
}

type storedElem struct {
	store *Value
	gen   int // the index variable's assignments when stored (see sameIndex)
	read  bool
}

func (fw *forwarder) step(v *Value) {
	if v.Op == OpLoad || v.Op == OpStore {
		if _, ok := v.Args[0].Type.(Array); ok {
			fw.forgetAll() // an array's elements are its variable's
			return
		}
	}
	switch {
	case v.Op == OpLoad:
		if s := fw.find(v); s != nil && IsNumeric(v.Type) {
			fw.subst[v] = resolve(fw.subst, s.store.Args[2])
			return
		}
		fw.readBy(v)
	case v.Op == OpStore:
		if s := fw.find(v); s != nil && !s.read {
			fw.dead = append(fw.dead, s.store)
		}
		fw.overwrite(v)
		fw.stored = append(fw.stored, storedElem{store: v, gen: fw.gen[indexVar(v.Args[1])]})
	case v.Op == OpSet || v.Op == OpDecl:
		x := v.Aux.(*Var)
		if _, ok := x.Type.(Array); ok {
			fw.forgetAll() // an array variable is memory
		}
		fw.gen[x]++
	case v.Op == OpGet:
		if _, ok := v.Aux.(*Var).Type.(Array); ok {
			fw.forgetAll()
		}
	case v.Op.IsPure(), v.Op == OpComment, v.Op == OpParam, v.Op == OpIndex,
		v.Op == OpTapeLoad, v.Op == OpTapeCalls, v.Op == OpAddr:
		// reads and writes no slice element
	default:
		fw.forgetAll()
	}
}

// find returns the store whose element access a (a load or a store) is:
// the same slice value at the same index.
func (fw *forwarder) find(a *Value) *storedElem {
	for i := len(fw.stored) - 1; i >= 0; i-- {
		s := &fw.stored[i]
		if s.store.Args[0] == a.Args[0] && fw.sameIndex(s, a.Args[1]) {
			return s
		}
	}
	return nil
}

// sameIndex reports whether index i is the one s stored at.
func (fw *forwarder) sameIndex(s *storedElem, i *Value) bool {
	j := s.store.Args[1]
	if sameOperand(i, j) {
		return true
	}
	x, y := indexVar(i), indexVar(j)
	return x != nil && x == y && fw.gen[x] == s.gen
}

// indexVar returns the variable i gets (through copies), or nil.
func indexVar(i *Value) *Var {
	for i.Op == OpCopy {
		i = i.Args[0]
	}
	if i.Op == OpGet {
		return i.Aux.(*Var)
	}
	return nil
}

// readBy marks read every stored element load l may read.
func (fw *forwarder) readBy(l *Value) {
	for i := range fw.stored {
		if !distinctRoots(Root(fw.stored[i].store.Args[0]), Root(l.Args[0])) {
			fw.stored[i].read = true
		}
	}
}

// overwrite drops the stored elements store w may overwrite: it holds
// their values no more, and w's own element is w's now.
func (fw *forwarder) overwrite(w *Value) {
	kept := fw.stored[:0]
	for _, s := range fw.stored {
		if distinctRoots(Root(s.store.Args[0]), Root(w.Args[0])) {
			kept = append(kept, s)
		}
	}
	clear(fw.stored[len(kept):])
	fw.stored = kept
}

// forgetAll is for a value that may read or write any element: nothing
// stored before it can be forwarded past it or found dead.
func (fw *forwarder) forgetAll() { fw.stored = fw.stored[:0] }

// resolve follows forwarded loads to the value they end at.
func resolve(subst map[*Value]*Value, v *Value) *Value {
	for {
		s, ok := subst[v]
		if !ok {
			return v
		}
		v = s
	}
}
