package godiff

import (
	"slices"

	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/reverse"
	"github.com/godiff/godiff/rules"
)

// fixer chooses, for each reverse-mode call of a function of slices, the
// variant of the callee's split form that reads again the elements of
// the arguments its caller leaves unchanged (reverse.FixedArgs) rather
// than record them. Only the parameters for which it makes a difference
// are named in the variant (reverse.ReadParams, through the callee's own
// calls too), so that callers that differ elsewhere share one variant.
type fixer struct {
	read map[string]map[int]bool // by the forward name of a variant without fixed parameters
	// keepCalls says that every call stays a call: no helper is inlined
	// (see inline and DeriveCalls).
	keepCalls bool
}

// inline returns g with its calls of small helpers of slices inlined for
// reverse mode (reverse.InlineSmall), or g itself under keepCalls.
func (fx *fixer) inline(g *ir.Func, wrt []int) *ir.Func {
	if fx.keepCalls {
		return g
	}
	return reverse.InlineSmall(g, wrt)
}

func newFixer() *fixer { return &fixer{read: make(map[string]map[int]bool)} }

// fix sets the Fixed of each call of a function of slices among calls,
// calls of f whose parameters fixed says are fixed themselves.
func (fx *fixer) fix(f *ir.Func, calls []rules.Call, fixed func(int) bool) {
	for k, c := range calls {
		r := c.V.Aux.(ir.Callee).Rule
		if c.JVP || r == nil || !r.Split || r.Derived == nil || r.Custom {
			continue
		}
		read := fx.readParams(r, c.Wrt)
		if r.Recompute {
			// Its backward function runs right after its forward function,
			// in the caller's backward sweep: every slice it does not
			// write is as the forward function left it.
			calls[k].Fixed = nil
			for i, p := range r.Derived.Params {
				if ir.IsSlice(p.Type) && !r.Writes[i] && read[i] {
					calls[k].Fixed = append(calls[k].Fixed, i)
				}
			}
			continue
		}
		calls[k].Fixed = slices.DeleteFunc(reverse.FixedArgs(f, c.V, fixed), func(p int) bool { return !read[p] })
	}
}

// readParams returns the parameters of r's function whose being fixed
// changes its split form with respect to wrt: those whose elements it
// records only because a caller might overwrite them, and those it passes
// to a callee for which that holds. A function met again while its own
// parameters are being found (recursion) is taken to need them all.
func (fx *fixer) readParams(r *ir.CallRule, wrt []int) map[int]bool {
	key := r.Variant(wrt).Forward
	if read, ok := fx.read[key]; ok {
		if read == nil {
			return allParams(r.Derived)
		}
		return read
	}
	fx.read[key] = nil // being found
	g := r.Derived
	calls, err := activeCalls(g, displayName(r), wrt, false)
	if err != nil {
		delete(fx.read, key)
		return nil // the split form fails the same way, and says so
	}
	read, err := reverse.ReadParams(rules.LowerCalls(g, calls, true), wrt)
	if err != nil {
		delete(fx.read, key)
		return nil
	}
	for _, c := range calls {
		cr := c.V.Aux.(ir.Callee).Rule
		if c.JVP || cr == nil || !cr.Split || cr.Derived == nil || cr.Custom {
			continue
		}
		for p := range fx.readParams(cr, c.Wrt) {
			if root := ir.Root(c.V.Args[p]); root.Op == ir.OpParam {
				read[root.Aux.(int)] = true
			}
		}
	}
	fx.read[key] = read
	return read
}

// allParams returns every parameter index of f.
func allParams(f *ir.Func) map[int]bool {
	all := make(map[int]bool)
	for i := range f.Params {
		all[i] = true
	}
	return all
}

// allFixed says that every parameter is fixed: those of a function
// godiff's user calls, who must not change its slices between FForward
// and FBackward (see the README).
func allFixed(int) bool { return true }
