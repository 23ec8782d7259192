package godiff

import (
	"fmt"
	"slices"

	"github.com/godiff/godiff/forward"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/jacobian"
	"github.com/godiff/godiff/parse"
)

// deriveHessian builds what a //godiff:hessian directive d on f asks
// for: FHessian and FHessianTo, which call FHVP once per column, and
// FHVP itself unless f's //godiff:hvp directive (among directives)
// builds it. That directive must then differentiate the same
// parameters, FHVP being one function.
func deriveHessian(f *ir.Func, d parse.Directive, directives []parse.Directive, built map[string]*hvpBuilt) ([]*ir.Func, error) {
	for _, e := range directives {
		if e.Mode == parse.HVP && !slices.Equal(e.Wrt, d.Wrt) {
			return nil, parse.ErrorList{{Pos: d.Pos, Msg: fmt.Sprintf("//godiff:hessian of %s calls %s, which its //godiff:hvp builds with respect to other parameters; name the same parameters in both", f.Name, d.Hessian.HVP)}}
		}
	}
	if err := jacobian.HessianInputs(f, d.Wrt); err != nil {
		return nil, hvpError(f, d, err)
	}
	h, err := cachedHVP(f, d, d.Hessian.HVP, built)
	if err != nil {
		return nil, err
	}
	hvp, grad := h.hvp, h.grad
	spec := &jacobian.HessianSpec{F: f, Wrt: d.Wrt, Name: d.Name, To: d.Hessian.To, HVP: hvp}
	if n, ok := jacobian.Columns(f, d.Wrt); ok && n == len(d.Wrt) && n <= maxVectorHessian {
		// Floats only, few: one sweep of the gradient's vector JVP.
		if vec, err := forward.Vector(grad, d.Wrt, d.Hessian.Vector, n); err == nil {
			spec.Vector = vec
		}
	}
	fns, err := jacobian.BuildHessian(spec)
	if err != nil {
		return nil, hvpError(f, d, err)
	}
	if spec.Vector != nil {
		fns = append(fns, spec.Vector)
	}
	if d.Hessian.OwnHVP {
		fns = append(fns, hvp)
	}
	return fns, nil
}

// maxVectorHessian is the most float parameters whose Hessian one sweep
// of the gradient's vector JVP computes, one direction each: the
// tangents cost n entries per active value.
const maxVectorHessian = 16
