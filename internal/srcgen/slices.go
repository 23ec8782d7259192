package srcgen

import "fmt"

// localSlice declares a local slice: make, a literal, a copy of another,
// a sub-slice of one.
func (g *gen) localSlice() string {
	name := g.fresh("buf")
	switch g.rng.IntN(4) {
	case 0:
		n := 1 + g.rng.IntN(4)
		g.declare(&variable{name: name, kind: kSlice, minLen: n, exact: true, writable: true})
		return fmt.Sprintf("%s := make([]float64, %d)\n", name, n)
	case 1:
		n := 1 + g.rng.IntN(4)
		var elems string
		for i := range n {
			if i > 0 {
				elems += ", "
			}
			elems += g.fexpr(2)
		}
		g.declare(&variable{name: name, kind: kSlice, minLen: n, exact: true, writable: true})
		return fmt.Sprintf("%s := []float64{%s}\n", name, elems)
	case 2:
		src := g.pickSeq(func(v *variable) bool { return v.minLen > 0 })
		if src == nil {
			return ""
		}
		src.used = true
		g.declare(&variable{name: name, kind: kSlice, minLen: src.minLen, exact: src.exact, writable: true})
		return fmt.Sprintf("%s := make([]float64, len(%s))\ncopy(%s, %s)\n", name, src.name, name, whole(src))
	default:
		if !g.cfg.SubSlices {
			return ""
		}
		src := g.pickVar(kSlice, func(v *variable) bool { return v.minLen > 1 })
		if src == nil {
			return ""
		}
		src.used = true
		v := &variable{name: name, kind: kSlice, writable: src.writable}
		var s string
		switch g.rng.IntN(3) {
		case 0:
			v.minLen, v.exact = src.minLen-1, src.exact
			s = fmt.Sprintf("%s := %s[1:]\n", name, src.name)
		case 1:
			v.minLen, v.exact = src.minLen-1, true
			s = fmt.Sprintf("%s := %s[:%d]\n", name, src.name, src.minLen-1)
		default:
			lo := g.rng.IntN(src.minLen - 1)
			hi := lo + 1 + g.rng.IntN(src.minLen-lo-1) + 1
			v.minLen, v.exact = hi-lo, true
			s = fmt.Sprintf("%s := %s[%d:%d]\n", name, src.name, lo, hi)
		}
		g.declare(v)
		return s
	}
}
