package parse

import "github.com/godiff/godiff/reverse"

// hessianNames names what the hessian directive d of fname generates
// besides FHessian: FHessianTo, and FHVP unless a //godiff:hvp directive
// of fname (raws) generates it; each must be free.
func (c *checker) hessianNames(d rawDirective, fname string, raws []rawDirective, dir *Directive) {
	spec := &dir.Hessian
	spec.To = dir.Name + "To"
	spec.HVP = HVP.FuncName(fname)
	spec.Vector = dir.Name + "Vec"
	c.checkFreeMember(d, spec.To)
	c.checkFreeMember(d, spec.Vector)
	for _, r := range raws {
		if r.mode == HVP {
			return // FHVP is the hvp directive's, its names checked there
		}
	}
	spec.OwnHVP = true
	c.checkFreeMember(d, spec.HVP)
	c.checkFree(d, reverse.SplitNames(spec.HVP).Tape)
}
