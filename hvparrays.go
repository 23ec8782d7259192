package godiff

import (
	"fmt"

	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/parse"
)

// arrayRefusal refuses a //godiff:hvp (or the FHVP of a
// //godiff:hessian) with respect to an array parameter or an array field
// of a struct parameter: FHVP's one-call gradient (reverse.OneCall) has
// no adjoint for an array yet, and differentiating one crashed the
// transform (fuzzing found it). An array that is not differentiated is
// taken: name the other parameters in the directive.
func arrayRefusal(f *ir.Func, d parse.Directive) error {
	for _, i := range d.Wrt {
		t := f.Params[i].Type
		if p, ok := t.(ir.Pointer); ok {
			t = p.Elem
		}
		if _, ok := t.(ir.Array); !ok {
			continue
		}
		name := sourceName(f.Params[i])
		return hvpError(f, d, fmt.Errorf("%s is an array, and differentiating with respect to an array is not supported yet; pass its floats as a []float64 (or separate float parameters), or name the parameters to differentiate in the directive, leaving %s out", name, name))
	}
	return nil
}
