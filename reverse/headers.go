package reverse

import (
	"slices"

	"github.com/godiff/godiff/ir"
)

// The backward sweep has no code for the header blocks of a for loop (see
// frameOf): it differentiates bodies. A float computed in a loop's init or
// post statement (for i, r := 0, y; ...; i, r = i+1, r*y) would get no
// adjoint, so before splitting, floatHeaders moves such an init before
// the loop, and such a post statement to the end of the body, with a copy
// before every continue of the loop, where Go would run it too. The
// program computes the same; counted loops (for i := a; i < n; i++) keep
// their headers, which carry no float. A condition that needs statements
// (a call lowered to an invoke) moves into the body too, as emit could
// not write it in the for clause.

// floatHeaders rewrites, in f, every for loop whose init or post carries a
// float, or whose condition needs statements.
func floatHeaders(f *ir.Func) {
	ir.CondsIntoBodies(f) // a call in the condition, lowered to an invoke
	var loops []*ir.Value
	f.Walk(func(v *ir.Value) {
		if v.Op == ir.OpFor {
			loops = append(loops, v)
		}
	})
	for _, l := range loops {
		if carriesFloat(l.Blocks[0]) {
			hoistInit(l)
		}
		if carriesFloat(l.Blocks[2]) {
			sinkPost(f, l)
		}
	}
}

// carriesFloat reports whether blk computes a float or assigns a variable
// that is not an integer or a bool.
func carriesFloat(blk *ir.Block) bool {
	found := false
	blk.Walk(func(v *ir.Value) {
		switch {
		case v.Type != nil && ir.IsFloat(v.Type):
			found = true
		case v.Op == ir.OpDecl || v.Op == ir.OpSet:
			t := v.Aux.(*ir.Var).Type
			found = found || !(ir.IsInteger(t) || t == ir.Bool)
		}
	})
	return found
}

// hoistInit moves the values of l's init block before l. Names are unique
// in the function, so the wider scope changes nothing.
func hoistInit(l *ir.Value) {
	init := l.Blocks[0]
	outer := l.Block
	at := slices.Index(outer.Values, l)
	for _, v := range init.Values {
		v.Block = outer
	}
	outer.Values = slices.Insert(outer.Values, at, init.Values...)
	init.Values = nil
}

// sinkPost moves the values of l's post block to the end of its body,
// unless the body never gets there, and puts a copy of them before each
// continue of l.
func sinkPost(f *ir.Func, l *ir.Value) {
	post, body := l.Blocks[2], l.Blocks[3]
	var continues []*ir.Value
	body.Walk(func(v *ir.Value) {
		if v.Op == ir.OpContinue && v.Aux == l {
			continues = append(continues, v)
		}
	})
	for _, c := range continues {
		copyBefore(f, post, c)
	}
	if !alwaysExits(body) {
		for _, v := range post.Values {
			v.Block = body
		}
		body.Values = append(body.Values, post.Values...)
	}
	post.Values = nil
}

// copyBefore inserts a copy of the values of blk before value at, reading
// the same variables and the same values from outside blk.
func copyBefore(f *ir.Func, blk *ir.Block, at *ir.Value) {
	b := ir.NewBuilder(f)
	c := ir.NewCopier(b)
	f.Walk(func(v *ir.Value) {
		c.Value[v] = v
		if x, ok := v.Aux.(*ir.Var); ok {
			c.Var[x] = x
		}
	})
	b.InsertIn(at.Block, slices.Index(at.Block.Values, at), func() { c.Block(blk) })
}
