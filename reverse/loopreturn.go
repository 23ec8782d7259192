package reverse

import (
	"slices"

	"github.com/godiff/godiff/ir"
)

// leaveLoops rewrites, in place, each return of fn from inside a loop
// (fn's exits nested by nestExits) as an exit of the outermost loop
// around it: the return assigns the results to variables, sets a flag
// done and breaks out of that loop, and after the loop, and after each if
// around it, "if done { return results } else { the rest }" returns them.
//
//	for i := range x {                 for i := range x {
//		if x[i] > 0 {                      if x[i] > 0 {
//			return x[i] * x[i]   →              r, done = x[i]*x[i], true
//		}                                      break
//	}                                      }
//	return 0                           }
//	                                   if done { return r } else { return 0 }
//
// Every return is then the last statement on its path through no loop,
// which the one-call gradient (OneCall) and the inliner take. The
// program computes the same; the backward sweep replays the branch on
// done as it replays any other.
func leaveLoops(fn *ir.Func) {
	var loops []*ir.Value // the outermost loops around a return, in order
	var rets []*ir.Value
	fn.Walk(func(v *ir.Value) {
		if v.Op != ir.OpReturn || v.Block == fn.Body || lastOnItsPath(v, fn.Body) {
			return
		}
		// Only returns inside a loop: one from an if inside another,
		// after the loop, has no loop to break and stays for the
		// transforms to refuse (srcgen seed 64 program 96: it became a
		// break of no loop, an internal error).
		if l := outermostLoop(v); l != nil {
			rets = append(rets, v)
			if !slices.Contains(loops, l) {
				loops = append(loops, l)
			}
		}
	})
	if len(rets) == 0 || len(loops) == 0 {
		return
	}
	b := ir.NewBuilder(fn)
	var vars []*ir.Var
	done := &ir.Var{Name: "done", Type: ir.Bool}
	b.InsertIn(fn.Body, 0, func() {
		for _, r := range fn.Results {
			x := &ir.Var{Name: resultName(r, "r"), Type: r.Type}
			b.Declare(x, nil)
			vars = append(vars, x)
		}
		b.Declare(done, nil)
	})
	for _, ret := range rets {
		blk := ret.Block
		at := slices.Index(blk.Values, ret)
		blk.Values = slices.Delete(blk.Values, at, at+1)
		b.InsertIn(blk, at, func() {
			for i, x := range vars {
				b.Set(x, ret.Args[i])
			}
			b.Set(done, b.Const(ir.Bool, true))
			b.Break(outermostLoop(ret))
		})
	}
	for _, l := range loops {
		guardRest(b, fn, l, vars, done)
	}
}

// outermostLoop returns the outermost loop of its function around v.
func outermostLoop(v *ir.Value) *ir.Value {
	var loop *ir.Value
	for blk := v.Block; blk.Parent != nil; blk = blk.Parent.Block {
		if p := blk.Parent; p.Op == ir.OpFor || p.Op == ir.OpRange {
			loop = p
		}
	}
	return loop
}

// guardRest puts what follows the loop l, and each if around it, in the
// else branch of "if done { return vars }". At the end of the body, with
// nothing after the loop, the loop can only have been left by a return:
// the results are returned.
func guardRest(b *ir.Builder, fn *ir.Func, l *ir.Value, vars []*ir.Var, done *ir.Var) {
	returnVars := func() {
		res := make([]*ir.Value, len(vars))
		for i, x := range vars {
			res[i] = b.Get(x)
		}
		b.Return(res...)
	}
	for s := l; ; s = s.Block.Parent {
		blk := s.Block
		at := slices.Index(blk.Values, s)
		rest := slices.Clone(blk.Values[at+1:])
		blk.Values = blk.Values[:at+1]
		switch {
		case len(rest) > 0:
			b.In(blk, func() {
				guard := b.If(b.Get(done))
				b.In(guard.Blocks[0], returnVars)
				els := guard.Blocks[1]
				for _, r := range rest {
					r.Block = els
				}
				els.Values = rest
			})
		case blk == fn.Body:
			b.In(blk, returnVars)
		}
		if blk == fn.Body {
			return
		}
	}
}
