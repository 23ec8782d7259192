package godiff

import (
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/reverse"
)

// tapelessWrapper returns FGrad or FVJP (mode), whose split-form
// version is wrapper, as one function with no tape, where F's forward
// sweep saves only single values once (see tapeless) and the function so
// written has wrapper's signature (no struct of a gradient, no seed of a
// slice F writes). It computes what wrapper does, bit for bit: the forward
// sweep's code, then the backward sweep's, the values the tape would
// carry in local variables. On a function of a dozen operations (the
// chapter's network) the split form's two calls and the tape's stores
// and loads cost as much as the arithmetic. Else it returns nil.
func tapelessWrapper(sp *reverse.Split, wrapper *ir.Func, mode reverse.Mode) *ir.Func {
	one := tapeless(sp, wrapper.Name, mode == reverse.VJP)
	if one == nil || !sameSignature(one, wrapper) {
		return nil
	}
	one.Doc = wrapper.Doc
	return one
}

// sameSignature reports whether f and g take and return the same types,
// with no result a field of a struct's gradient.
func sameSignature(f, g *ir.Func) bool {
	if len(f.Params) != len(g.Params) || len(f.Results) != len(g.Results) {
		return false
	}
	for i, p := range f.Params {
		if p.Type.String() != g.Params[i].Type.String() {
			return false
		}
	}
	for i, r := range f.Results {
		if r.Group != nil || g.Results[i].Group != nil || r.Type.String() != g.Results[i].Type.String() {
			return false
		}
	}
	return true
}

// tapeless returns the gradient of sp's function as one function named
// name (reverse.Split.OneCall, or OneCallSeeded when seeded), its saved
// values in local variables and no tape, or nil where the forward
// function records more than single values once in its body, or OneCall
// cannot write it so. sp is left as it was: OneCall trims the tape type
// to the fields its function keeps, which is undone here.
func tapeless(sp *reverse.Split, name string, seeded bool) *ir.Func {
	if !straightLine(sp.Forward) {
		return nil
	}
	if sp.Tape != nil {
		fields, doc := sp.Tape.Fields, sp.Tape.Doc
		defer func() { sp.Tape.Fields, sp.Tape.Doc = fields, doc }()
	}
	oneCall := sp.OneCall
	if seeded {
		oneCall = sp.OneCallSeeded
	}
	one, err := oneCall(name)
	if err != nil || !dropEmptyTape(one) {
		return nil
	}
	return one
}

// dropEmptyTape removes the tape OneCall's function f names and declares
// where it keeps no field on it and nothing uses it, and reports whether
// f is left with no tape.
func dropEmptyTape(f *ir.Func) bool {
	if f.Tape != nil && len(f.Tape.Fields) > 0 {
		return false
	}
	var tapes []*ir.Value
	used := false
	f.Walk(func(v *ir.Value) {
		if v.Op == ir.OpLocalTape {
			tapes = append(tapes, v)
		}
		for _, a := range v.Args {
			used = used || a != nil && a.Op == ir.OpLocalTape
		}
	})
	if used {
		return false
	}
	for _, v := range tapes {
		ir.Remove(v)
	}
	f.Tape = nil
	return true
}

// straightLine reports whether forward function fwd saves only single
// values, each once, in its body: then OneCall keeps no tape (it would
// otherwise keep some of the split form's tape type, changing it).
func straightLine(fwd *ir.Func) bool {
	ok := true
	fwd.Walk(func(v *ir.Value) {
		fld, isField := v.Aux.(*ir.TapeField)
		switch {
		case v.Op == ir.OpLocalTape:
			ok = false
		case isField && (v.Op != ir.OpTapeSave || fld.Stack || v.Block != fwd.Body):
			ok = false
		}
	})
	return ok
}
