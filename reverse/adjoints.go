package reverse

import "godiff/ir"

// adjoints collects, for each forward value, the contributions its uses
// make to its adjoint, and sums them once all are in: the backward sweep
// visits values in reverse order, so when it reaches a value every use has
// already contributed.
type adjoints struct {
	b       *ir.Builder
	terms   map[*ir.Value][]*ir.Value
	lastFwd int // the ID of the last forward value; later IDs are backward code
}

func newAdjoints(b *ir.Builder, lastForwardID int) *adjoints {
	return &adjoints{b: b, terms: make(map[*ir.Value][]*ir.Value), lastFwd: lastForwardID}
}

// add records one contribution to v's adjoint.
func (a *adjoints) add(v, term *ir.Value) {
	a.terms[v] = append(a.terms[v], term)
}

// sum returns v's adjoint, named after v where v has a name, or nil if
// nothing contributed.
func (a *adjoints) sum(v *ir.Value) *ir.Value {
	terms := a.terms[v]
	if len(terms) == 0 {
		return nil
	}
	dv := a.b.Sum(v.Type, terms)
	if v.Name != "" && dv.Name == "" && dv.ID > a.lastFwd && !dv.IsConst() {
		dv.Name = "d" + v.Name
	}
	return dv
}

// final returns parameter p's adjoint under the given name: a value of its
// own, so the generated code returns a variable that says what it holds.
func (a *adjoints) final(p *ir.Value, name string) *ir.Value {
	dp := a.b.Sum(p.Type, a.terms[p])
	if dp.IsConst() {
		return a.b.Bind(dp, name) // no contribution: a named zero
	}
	if dp.Name == "" && dp.ID > a.lastFwd {
		dp.Name = name
		return dp
	}
	return a.b.Copy(dp, name)
}
