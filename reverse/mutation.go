package reverse

import "github.com/godiff/godiff/ir"

// mutation, when not empty, breaks one piece of the transform on purpose,
// so that a test can show that godiff's random program tests catch that
// kind of bug (internal/srcgen's TestMutations, issue 9). It is set only
// by SetMutation, from tests; with it empty every hook below is a no-op.
//
//	"overwrite"   an assignment does not clear the adjoint of the variable
//	              it overwrites (see backward.assign)
//	"multiresult" the seeds of a function's results after the first are
//	              dropped (see backward.value, OpReturn)
//	"tuple"       in a tuple assignment a, b = b, a, the adjoints of the two
//	              values read go to each other's variable (see
//	              backward.value, OpGet)
var mutation string

// SetMutation turns on one mutation for godiff's own tests and returns
// the function that turns it off. Not safe for concurrent transforms; never
// call it outside tests.
func SetMutation(m string) (restore func()) {
	old := mutation
	mutation = m
	return func() { mutation = old }
}

// tupleMate returns, under the "tuple" mutation, the variable whose
// adjoint the Get v's adjoint goes to instead of its own: that of the
// other Get of a pair of Gets of different variables followed by a Set
// (how a, b = b, a is built). Otherwise it returns v's own variable.
func tupleMate(v *ir.Value, active map[*ir.Var]bool) *ir.Var {
	x := v.Aux.(*ir.Var)
	if mutation != "tuple" {
		return x
	}
	vals := v.Block.Values
	for i, w := range vals {
		if w != v {
			continue
		}
		for _, j := range []int{i - 1, i + 1} {
			k := max(i, j) + 1 // the value after the pair
			if j < 0 || k >= len(vals) || vals[j].Op != ir.OpGet || vals[k].Op != ir.OpSet {
				continue
			}
			if y := vals[j].Aux.(*ir.Var); y != x && y.Type == x.Type && active[y] {
				return y
			}
		}
	}
	return x
}
