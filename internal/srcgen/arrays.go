package srcgen

import (
	"fmt"
	"strings"
)

// arrayType is the type of arrays of n floats.
func arrayType(n int) string { return fmt.Sprintf("[%d]float64", n) }

// arrayStmt writes a statement on whole arrays: a new one (a literal, a
// zero value, a copy of another, a helper's result), an assignment of a
// whole array, a swap of two. Elements are read and written as those of
// slices are (element, elementWrite).
func (g *gen) arrayStmt() string {
	switch g.rng.IntN(5) {
	case 0, 1:
		return g.newArray()
	case 2, 3:
		return g.assignArray()
	default:
		return g.swapArrays()
	}
}

// newArray declares a local array.
func (g *gen) newArray() string {
	name := g.fresh("arr")
	n := 2 + g.rng.IntN(2)
	var s string
	switch r := g.rng.IntN(20); {
	case r < 3:
		s = fmt.Sprintf("var %s %s\n", name, arrayType(n))
	case r < 10:
		if src := g.pickVar(kArray, nil); src != nil {
			// A copy: writes into either leave the other as it was.
			src.used = true
			n = src.minLen
			s = fmt.Sprintf("%s := %s\n", name, src.name)
			break
		}
		fallthrough
	case r < 15:
		if e := g.arrayCall(n); e != "" {
			s = fmt.Sprintf("%s := %s\n", name, e)
			break
		}
		fallthrough
	default:
		s = fmt.Sprintf("%s := %s\n", name, g.arrayLit(n, 2))
	}
	g.declare(&variable{name: name, kind: kArray, minLen: n, exact: true, writable: true})
	return s
}

// assignArray assigns a whole array: a copy of another, a literal, a
// helper's result (which may read the array itself: a = h(a, x)).
func (g *gen) assignArray() string {
	dst := g.pickVar(kArray, func(v *variable) bool { return v.writable })
	if dst == nil {
		return ""
	}
	var e string
	switch g.rng.IntN(5) {
	case 0, 1:
		src := g.pickVar(kArray, func(v *variable) bool { return v.minLen == dst.minLen && v != dst })
		if src != nil {
			src.used = true
			e = src.name
		}
	case 2, 3:
		e = g.arrayCall(dst.minLen)
	}
	if e == "" {
		e = g.arrayLit(dst.minLen, 2)
	}
	return fmt.Sprintf("%s = %s\n", dst.name, e)
}

// swapArrays swaps two arrays of one length.
func (g *gen) swapArrays() string {
	a := g.pickVar(kArray, func(v *variable) bool { return v.writable })
	if a == nil {
		return ""
	}
	b := g.pickVar(kArray, func(v *variable) bool { return v.writable && v.minLen == a.minLen && v != a })
	if b == nil {
		return ""
	}
	a.used, b.used = true, true
	return fmt.Sprintf("%s, %s = %s, %s\n", a.name, b.name, b.name, a.name)
}

// arrayLit writes a literal of n floats of depth d; sometimes fewer, the rest zero.
func (g *gen) arrayLit(n, d int) string {
	k := n
	if g.chance(0.2) {
		k = n - 1
	}
	var elems []string
	for range k {
		elems = append(elems, g.fexpr(d))
	}
	return arrayType(n) + "{" + strings.Join(elems, ", ") + "}"
}

// arrayArg writes an array of n floats to pass by value: an array in
// scope or a literal.
func (g *gen) arrayArg(n, d int) string {
	if a := g.pickVar(kArray, func(v *variable) bool { return v.minLen == n }); a != nil && g.chance(0.85) {
		a.used = true
		return a.name
	}
	return g.arrayLit(n, d)
}

// arrayCall writes a call of a helper returning an array of n floats, or
// "".
func (g *gen) arrayCall(n int) string {
	var hs []*helper
	for _, h := range g.helpers {
		if h.kind == hArrMap && h.arrLen == n {
			hs = append(hs, h)
		}
	}
	if len(hs) == 0 {
		return ""
	}
	h := hs[g.rng.IntN(len(hs))]
	g.nonConst++
	g.deps++
	return fmt.Sprintf("%s(%s, %s)", h.name, g.arrayArg(n, 1), g.fexpr(2))
}
