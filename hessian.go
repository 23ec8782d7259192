package godiff

import (
	"errors"
	"fmt"
	"slices"

	"github.com/godiff/godiff/forward"
	"github.com/godiff/godiff/internal/prose"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/jacobian"
	"github.com/godiff/godiff/parse"
)

// deriveHessian builds what a //godiff:hessian directive d on f asks
// for: FHessian and FHessianTo, which take their columns from sweeps of
// FHessianVec, the gradient's vector JVP, or else from FHVP, one per
// column; FHessianVec; and FHVP itself unless f's //godiff:hvp directive
// (among directives) builds it. That directive must then differentiate the same
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
	if spec.Written, spec.InPlace, err = hessianWrites(f, d); err != nil {
		return nil, err
	}
	for _, i := range forward.Outputs(grad, d.Wrt) {
		if i < len(f.Params) {
			spec.Outs = append(spec.Outs, i)
		}
	}
	vecErr := errors.New("its gradient's slices are not made where FHessianTo can pass buffers for them")
	if n, ok := jacobian.Columns(f, d.Wrt); ok && n == len(d.Wrt) && n <= maxVectorHessian {
		// Floats only, few: one sweep of the gradient's vector JVP.
		var vec *ir.Func
		if vec, vecErr = forward.VectorWith(grad, d.Wrt, d.Hessian.Vector, n, hessianSweeps); vecErr == nil {
			spec.Vector = vec
		}
	} else if into := jacobian.GradInto(grad, grad.Name+"Into"); into != nil {
		// Slices: HessianChunk columns per sweep of the gradient's
		// vector JVP, the gradient written into buffers (its outputs).
		var vec *ir.Func
		vec, vecErr = forward.VectorWith(into, d.Wrt, d.Hessian.Vector, jacobian.HessianChunk, hessianSweeps)
		switch {
		case vecErr != nil:
		case !jacobian.ChunkVector(f, into, vec, d.Wrt, spec.Outs):
			vecErr = errors.New("a slice's gradient does not vary with the parameters")
		default:
			jacobian.DropResultTangent(vec)
			vec.Doc = chunkDoc(f, vec, d.Wrt, len(spec.Outs))
			spec.Vector, spec.Chunked = vec, true
		}
	}
	if spec.Vector == nil && grouped(f, d.Wrt) {
		// FHessianTo would call FHVP, whose struct results it cannot
		// take apart.
		return nil, hvpError(f, d, fmt.Errorf("the Hessian of a struct's fields comes from sweeps of the gradient's vector JVP, which cannot be built here (%v); pass the fields as parameters", vecErr))
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

// hessianSweeps are the options of the Hessian's vector JVPs: their
// every operation is a loop over the directions, unrolled; and they keep
// the tangents of what the gradient records.
var hessianSweeps = forward.VectorOptions{Unroll: true, Tapes: true}

// maxVectorHessian is the most float parameters whose Hessian one sweep
// of the gradient's vector JVP computes, one direction each: the
// tangents cost n entries per active value.
const maxVectorHessian = 16

// chunkDoc is the doc comment of FHessianVec for a function of slices:
// the vector JVP of F's gradient written into buffers. Its parameters
// are F's, the gradient buffers, the directions, the buffers' tangents
// and dres.
func chunkDoc(f, vec *ir.Func, wrt []int, outs int) []string {
	n, k := len(f.Params), len(wrt)
	nb := (len(vec.Params) - n - 1 - k - outs) / 2
	span := func(lo, m int) string {
		idx := make([]int, m)
		for j := range idx {
			idx[j] = lo + j
		}
		return prose.List(ir.GoNames(vec.Params, idx))
	}
	bufs := span(n, nb)
	return []string{fmt.Sprintf("%s runs the reverse sweep of %s with respect to %s, adding the gradients of the slices into %s (which the caller zeroes) and returning %s's result and the floats' gradients, and computes its derivatives along %d directions at once by vector forward mode: %s hold the directions, one entry per direction for each float; it adds the derivatives of %s into %s and writes those of the floats' gradients into the rows of %s after the first. They are %d Hessian-vector products for one forward and one backward sweep.",
		vec.Name, f.Name, prose.List(ir.GoNames(f.Params, wrt)), bufs, f.Name, jacobian.HessianChunk,
		span(n+nb, k), bufs, span(n+nb+k+outs, nb), vec.Params[len(vec.Params)-1].Name, jacobian.HessianChunk)}
}

// grouped reports whether a differentiated parameter is a field of a
// struct parameter or of the receiver.
func grouped(f *ir.Func, wrt []int) bool {
	return slices.ContainsFunc(wrt, func(i int) bool { return f.Params[i].Group != nil })
}
