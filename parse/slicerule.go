package parse

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/godiff/godiff/ir"
)

// Custom rules for functions of slices.
//
// A function of slices (vecs.Dot(s1, s2 []float64) float64, or one whose
// body is assembly) gets its rule in the split form's shape, like JAX's
// custom_vjp: three functions, each with //godiff:rule f, told apart by
// their signatures. For f(p1 T1, ..., pn Tn) R with float result R:
//
//	forward:  func(t *Tape, p1 T1, ..., pn Tn) R
//	backward: func(t *Tape, s R, d1 B1, ..., dk Bk)
//	jvp:      func(p1 T1, ..., pn Tn, d1 D1, ..., dk Dk) (R, R)
//
// where Tape is a struct type of the package (what the forward function
// keeps for the backward function), d1 ... dk stand for f's differentiable
// parameters in order (floats and slices of floats), Bi is the slice
// itself for a slice and a pointer for a float, and Di is the parameter's
// own type. The backward function adds s·∂f/∂pi into each buffer; the
// JVP returns f's value and its derivative along the tangents. The
// generated code calls them for every call of f whose arguments carry a
// derivative, passing a throwaway buffer or a zero tangent for an
// argument that does not: so they always see every buffer and tangent.
// The caller may overwrite a slice after the call, so the forward
// function must keep in its tape whatever the backward function reads.

// sliceRule gathers the three functions of a rule for a function of
// slices as readRules meets them.
type sliceRule struct {
	target                 *types.Func
	name                   string // as the directive spells it: vecs.Dot
	pos                    token.Pos
	forward, backward, jvp *ast.FuncDecl
	tape                   *types.Named
	failed                 bool // one of its functions is malformed
}

// sliceRuleRole files fd, which stands under //godiff:rule name, in the
// rule of target, a function of slices; it returns what is wrong, or "".
func (c *checker) sliceRuleRole(pending map[*types.Func]*sliceRule, fd *ast.FuncDecl, target *types.Func, name string, pos token.Pos) string {
	tsig := target.Signature()
	if tsig.Recv() != nil || tsig.Variadic() || tsig.Results().Len() != 1 || !isFloat(tsig.Results().At(0).Type()) {
		return fmt.Sprintf("%s must be a function of one float result; %s", target.Name(), sliceRuleShape)
	}
	fn, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok || fd.Recv != nil || fd.Type.TypeParams != nil {
		return "a rule must be a plain function; " + sliceRuleShape
	}
	r := pending[target]
	if r == nil {
		r = &sliceRule{target: target, name: name, pos: pos}
		pending[target] = r
	}
	sig := fn.Signature()
	role, slot := "", (**ast.FuncDecl)(nil)
	switch tape := tapeParam(sig); {
	case tape != nil && sig.Results().Len() > 0:
		role, slot = "forward", &r.forward
		if msg := c.sameTape(r, tape); msg != "" {
			return msg
		}
		if !params(sig, 1, tsig.Params()) || !types.Identical(sig.Results().At(0).Type(), tsig.Results().At(0).Type()) || sig.Results().Len() != 1 {
			return c.badRole(fd, sig, "forward", target)
		}
	case tape != nil:
		role, slot = "backward", &r.backward
		if msg := c.sameTape(r, tape); msg != "" {
			return msg
		}
		if !c.backwardParams(sig, tsig) {
			return c.badRole(fd, sig, "backward", target)
		}
	default:
		role, slot = "jvp", &r.jvp
		if !c.jvpParams(sig, tsig) {
			return c.badRole(fd, sig, "JVP", target)
		}
	}
	if *slot != nil {
		return fmt.Sprintf("%s has a %s rule already (%s); give it one", name, role, (*slot).Name.Name)
	}
	*slot = fd
	return ""
}

// sliceRuleShape is the shape every malformed rule of a function of
// slices is told.
const sliceRuleShape = "the rule of a function of slices f(p1, ..., pn) R is three functions, each with //godiff:rule f: func fFwd(t *fTape, p1, ..., pn) R, func fBwd(t *fTape, s R, d1, ..., dk) adding s·∂f/∂pi into a buffer per float or slice parameter (a slice for a slice, a pointer for a float), and func fJVP(p1, ..., pn, d1, ..., dk) (R, R) (see the README)"

// badRole explains that fd does not have the shape of role.
func (c *checker) badRole(fd *ast.FuncDecl, sig *types.Signature, role string, target *types.Func) string {
	return fmt.Sprintf("%s has signature %s, which is not that of a %s rule of %s; %s", fd.Name.Name, types.TypeString(sig, c.qual), role, target.Name(), sliceRuleShape)
}

// tapeParam returns the struct type T of sig's first parameter if it is
// a *T of a struct type T, else nil.
func tapeParam(sig *types.Signature) *types.Named {
	if sig.Params().Len() == 0 {
		return nil
	}
	p, ok := types.Unalias(sig.Params().At(0).Type()).(*types.Pointer)
	if !ok {
		return nil
	}
	named, ok := types.Unalias(p.Elem()).(*types.Named)
	if _, isStruct := named.Underlying().(*types.Struct); !ok || !isStruct {
		return nil
	}
	return named
}

// sameTape checks that the forward and backward functions share a tape
// type, declared in the package.
func (c *checker) sameTape(r *sliceRule, tape *types.Named) string {
	if !c.inPackage(tape.Obj()) {
		return fmt.Sprintf("the tape type %s must be declared in this package", c.typeString(tape))
	}
	if r.tape != nil && r.tape != tape {
		return fmt.Sprintf("the forward and backward rules of %s take different tapes, %s and %s; give them one", r.name, c.typeString(r.tape), c.typeString(tape))
	}
	r.tape = tape
	return ""
}

// params reports whether sig's parameters from the from-th are want's.
func params(sig *types.Signature, from int, want *types.Tuple) bool {
	if sig.Params().Len() < from+want.Len() {
		return false
	}
	for i := range want.Len() {
		if !types.Identical(sig.Params().At(from+i).Type(), want.At(i).Type()) {
			return false
		}
	}
	return true
}

// diffParams returns the types of tsig's differentiable parameters:
// floats and slices of them.
func diffParams(tsig *types.Signature) []types.Type {
	var out []types.Type
	for i := range tsig.Params().Len() {
		if t := tsig.Params().At(i).Type(); isDifferentiable(t) {
			out = append(out, t)
		}
	}
	return out
}

// backwardParams reports whether sig is (t *T, s R, buffers...).
func (c *checker) backwardParams(sig *types.Signature, tsig *types.Signature) bool {
	ds := diffParams(tsig)
	if sig.Results().Len() != 0 || sig.Params().Len() != 2+len(ds) || !types.Identical(sig.Params().At(1).Type(), tsig.Results().At(0).Type()) {
		return false
	}
	for i, t := range ds {
		want := t
		if isFloat(t) {
			want = types.NewPointer(t)
		}
		if !types.Identical(sig.Params().At(2+i).Type(), want) {
			return false
		}
	}
	return true
}

// jvpParams reports whether sig is (params..., tangents...) (R, R).
func (c *checker) jvpParams(sig *types.Signature, tsig *types.Signature) bool {
	ds := diffParams(tsig)
	n := tsig.Params().Len()
	if sig.Params().Len() != n+len(ds) || !params(sig, 0, tsig.Params()) || sig.Results().Len() != 2 {
		return false
	}
	for i, t := range ds {
		if !types.Identical(sig.Params().At(n+i).Type(), t) {
			return false
		}
	}
	r := tsig.Results().At(0).Type()
	return types.Identical(sig.Results().At(0).Type(), r) && types.Identical(sig.Results().At(1).Type(), r)
}

// finishSliceRules turns the complete rules of functions of slices into
// CallRules, reporting those that miss a function.
func (c *checker) finishSliceRules(cs *callees, pending map[*types.Func]*sliceRule) {
	rs := make([]*sliceRule, 0, len(pending))
	for _, r := range pending {
		rs = append(rs, r)
	}
	slices.SortFunc(rs, func(a, b *sliceRule) int { return int(a.pos - b.pos) })
	for _, r := range rs {
		if r.failed {
			continue
		}
		var missing []string
		for role, fd := range map[string]*ast.FuncDecl{"forward": r.forward, "backward": r.backward, "JVP": r.jvp} {
			if fd == nil {
				missing = append(missing, role)
			}
		}
		if len(missing) > 0 {
			slices.Sort(missing)
			c.errorf(r.pos, "//godiff:rule %s: the rule of a function of slices needs a forward, a backward and a JVP function, and %s has no %s one; %s",
				r.name, r.name, strings.Join(missing, " or "), sliceRuleShape)
			continue
		}
		if cs.rules[r.target] != nil {
			c.errorf(r.pos, "//godiff:rule %s: %s has a rule already (%s); give each function one", r.name, r.name, cs.rules[r.target].Func.Name)
			continue
		}
		params, _ := c.flatSignature(r.target.Signature(), true)
		result, _ := basicOf(r.target.Signature().Results().At(0).Type())
		stub := ir.NewFunc(r.target.Name(), params, []ir.Result{{Name: "", Type: result}})
		rule := &ir.CallRule{
			Func:    ir.Callee{Name: r.forward.Name.Name},
			Derived: stub,
			Split:   true,
			Custom:  true,
			Writes:  make([]bool, len(params)),
			Source:  r.name,
			Names: ir.SplitCallNames{Base: r.target.Name(), Tape: r.tape.Obj().Name(),
				Forward: r.forward.Name.Name, Backward: r.backward.Name.Name, JVP: r.jvp.Name.Name},
		}
		for _, p := range params {
			rule.Params = append(rule.Params, p.Name)
		}
		cs.rules[r.target] = rule
		if r.target.Pkg() != cs.pkg {
			cs.named[ruleKey(r.target)] = rule
		}
	}
}
