package ir

import "go/token"

// Copier copies the values of one function into the function a Builder
// builds, block by block, mapping each value, variable and loop to its
// copy. The transforms use it to reproduce the user's computation, with
// hooks to interleave derivative code.
type Copier struct {
	B     *Builder
	Value map[*Value]*Value // old value → its copy
	Var   map[*Var]*Var     // old variable → its copy

	// After, if set, runs after each value is copied (not after a return).
	After func(old, copy *Value)
	// Before, if set, runs before each value is copied; returning true
	// skips the value's copy (the hook wrote its own).
	Before func(old *Value) bool
	// Return, if set, writes the copy of a return, given its copied
	// arguments; by default it is copied as is.
	Return func(old *Value, args []*Value)
	// Enter, if set, runs when the copy of a nested block begins, with the
	// builder appending to the new block.
	Enter func(old *Block)

	tapeOf map[*Value]*Value // a callee's Tape → the copy of its invoke
}

// NewCopier returns a copier appending to b.
func NewCopier(b *Builder) *Copier {
	return &Copier{B: b, Value: make(map[*Value]*Value), Var: make(map[*Var]*Var)}
}

// CopyVar returns the copy of variable v, making it on first use.
func (c *Copier) CopyVar(v *Var) *Var {
	n, ok := c.Var[v]
	if !ok {
		cp := *v
		n = &cp
		c.Var[v] = n
	}
	return n
}

// Block copies the values of src, in order, into the builder's current
// block.
func (c *Copier) Block(src *Block) {
	for _, v := range src.Values {
		c.copyValue(v)
	}
}

func (c *Copier) copyValue(v *Value) {
	if c.Before != nil && c.Before(v) {
		return
	}
	args := make([]*Value, len(v.Args))
	for i, a := range v.Args {
		args[i] = c.Value[a]
	}
	if v.Op == OpReturn && c.Return != nil {
		c.Return(v, args)
		return
	}
	b := c.B
	var n *Value
	switch v.Op {
	case OpDecl, OpGet, OpSet, OpAddr:
		n = b.add(v.Op, v.Type, c.CopyVar(v.Aux.(*Var)), args...)
	case OpIf, OpFor, OpRange:
		n = b.add(v.Op, v.Type, v.Aux, args...)
		if l, ok := v.Aux.(*Loop); ok {
			cp := *l
			n.Aux = &cp
		}
		c.Value[v] = n
		for _, blk := range v.Blocks {
			nb := b.newBlock(n)
			n.Blocks = append(n.Blocks, nb)
			b.In(nb, func() {
				if c.Enter != nil {
					c.Enter(blk)
				}
				c.Block(blk)
			})
			if blk.Result != nil {
				nb.Result = c.Value[blk.Result]
			}
		}
	case OpBreak, OpContinue:
		n = b.add(v.Op, nil, c.Value[v.Aux.(*Value)])
	case OpIndex:
		n = b.Index(v.Name)
	default:
		n = b.CopyOf(v, args)
	}
	if n == nil {
		return
	}
	c.Value[v] = n
	c.note(v, n)
	c.linkTape(v, n)
	if c.After != nil && v.Op != OpReturn {
		c.After(v, n)
	}
}

// note records that n is a copy of v, with v's position, for godiff
// explain (see Note).
func (c *Copier) note(v, n *Value) {
	if n.Pos == (token.Position{}) {
		n.Pos = v.Pos
	}
	if n != v {
		n.AddNote(Note{Kind: NotePrimal, Of: v})
	}
}

// linkTape keeps a callee's Tape pointing at its value in the copy: the
// invoke comes first, so the copy of its Tape is linked when it is made.
func (c *Copier) linkTape(old, n *Value) {
	if callee, ok := n.Aux.(Callee); ok && callee.Tape != nil {
		if c.tapeOf == nil {
			c.tapeOf = make(map[*Value]*Value)
		}
		c.tapeOf[callee.Tape] = n
	}
	if call, ok := c.tapeOf[old]; ok {
		callee := call.Aux.(Callee)
		callee.Tape = n
		call.Aux = callee
	}
}

// UniqueNames renames values and variables so that no two share a source
// name: a value assigned three times becomes y, y2 and y3, numbered so as
// to clash with no parameter and no other name of f. The transforms name
// derivatives after the values (the adjoint of y3 is dy3), so names that
// are unique in the function's IR stay unique, and matching, in the
// generated code.
func UniqueNames(f *Func) {
	taken := make(map[string]bool) // every name in f
	seen := make(map[string]bool)  // the names given out so far
	for _, p := range f.Params {
		taken[p.Name], seen[p.Name] = true, true
	}
	f.Walk(func(v *Value) {
		taken[v.Name] = true
		if x, ok := v.Aux.(*Var); ok {
			taken[x.Name] = true
		}
	})
	rename := func(name string) string {
		if name != "" && seen[name] {
			name = FreshName(taken, name)
			taken[name] = true
		}
		seen[name] = true
		return name
	}
	f.Walk(func(v *Value) {
		if x, ok := v.Aux.(*Var); ok && v.Op == OpDecl {
			x.Name = rename(x.Name)
		}
		if v.Name == "" || v.Op == OpParam {
			return
		}
		v.Name = rename(v.Name)
	})
}
