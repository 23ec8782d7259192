package srcgen

import (
	"fmt"
	"strings"
)

type helperKind int

const (
	hNum    helperKind = iota // func h(a, b float64) float64
	hSlice                    // func h(v []float64, a float64) float64, maybe writing v
	hWriter                   // func h(dst []float64, a float64), writing dst
	hRec                      // func h(a float64, d int) float64, recursive
	hMulti                    // func h(a, b float64) (float64, float64)
	hMethod                   // func (s T) h(a float64) float64
	hStruct                   // func h(s T, a float64) float64
	hArrMap                   // func h(a [n]float64, b float64) [n]float64
	hArrDot                   // func h(a, b [n]float64) float64
)

// helper is a generated function the annotated function (or a later
// helper) may call.
type helper struct {
	name   string
	kind   helperKind
	nargs  int  // float arguments
	writes bool // writes its slice argument
	arrLen int  // hArrMap, hArrDot: the length of its arrays
}

// makeHelpers generates zero to four helpers; later ones may call earlier
// ones.
func (g *gen) makeHelpers() {
	var kinds []helperKind
	c := g.cfg
	for k, on := range map[helperKind]bool{hNum: c.NumHelpers, hSlice: c.SliceHelpers && c.Slices, hWriter: c.WriterHelpers && c.Slices,
		hRec: c.Recursion, hMulti: c.MultiResult, hMethod: c.Methods && g.st != nil, hStruct: c.StructFuncs && g.st != nil,
		hArrMap: c.ArrayHelpers && c.Arrays, hArrDot: c.ArrayHelpers && c.Arrays} {
		if on {
			kinds = append(kinds, k)
		}
	}
	if len(kinds) == 0 {
		return
	}
	// map order is random: sort for determinism.
	for i := range kinds {
		for j := i + 1; j < len(kinds); j++ {
			if kinds[j] < kinds[i] {
				kinds[i], kinds[j] = kinds[j], kinds[i]
			}
		}
	}
	for range g.rng.IntN(5) {
		g.helper(kinds[g.rng.IntN(len(kinds))])
	}
	if c.DerivedCalls {
		g.derivedHelper()
	}
}

// sub returns a generator for a helper's body, sharing the file's state,
// with fewer statements and shallower nesting.
func (g *gen) sub() *gen {
	h := &gen{rng: g.rng, cfg: g.cfg, prefix: g.prefix, decls: g.decls, pkgScale: g.pkgScale, pkgDebug: g.pkgDebug,
		st: g.st, helpers: g.helpers, inHelper: true, n: g.n, fieldLength: g.fieldLength}
	h.cfg.MaxStmts = max(2, g.cfg.MaxStmts/2)
	h.cfg.MaxDepth = max(1, g.cfg.MaxDepth-1)
	h.reset()
	h.stmts = 2 + g.rng.IntN(5)
	return h
}

func (g *gen) helper(k helperKind) {
	g.nhelpers++
	hp := &helper{name: fmt.Sprintf("%sH%d", g.prefix, g.nhelpers), kind: k}
	h := g.sub()
	var decl string
	switch k {
	case hNum:
		hp.nargs = 1 + g.rng.IntN(3)
		var ps []string
		for i := range hp.nargs {
			n := string(rune('a' + i))
			ps = append(ps, n)
			h.declare(&variable{name: n, kind: kFloat, writable: true, param: true})
		}
		decl = fmt.Sprintf("func %s(%s float64) float64 {\n%s}\n", hp.name, strings.Join(ps, ", "), h.funcBody(h.fexpr1))
	case hSlice:
		hp.nargs = 1
		hp.writes = g.cfg.WriterHelpers && g.chance(0.4)
		h.declare(&variable{name: "v", kind: kSlice, minLen: 1, writable: hp.writes, param: true})
		h.declare(&variable{name: "a", kind: kFloat, writable: true, param: true})
		decl = fmt.Sprintf("func %s(v []float64, a float64) float64 {\n%s}\n", hp.name, h.funcBody(h.fexpr1))
	case hWriter:
		hp.nargs, hp.writes = 1, true
		h.declare(&variable{name: "dst", kind: kSlice, minLen: 1, writable: true, param: true})
		h.declare(&variable{name: "a", kind: kFloat, writable: true, param: true})
		h.cfg.Return = false
		h.sink = "dst"
		body := h.funcBody(nil)
		decl = fmt.Sprintf("func %s(dst []float64, a float64) {\n%s}\n", hp.name, body)
	case hArrMap:
		// Its parameter is its own copy: it writes it and returns it.
		hp.nargs, hp.arrLen = 1, 2+g.rng.IntN(2)
		h.declare(&variable{name: "a", kind: kArray, minLen: hp.arrLen, exact: true, writable: true, param: true})
		h.declare(&variable{name: "b", kind: kFloat, writable: true, param: true})
		h.cfg.Return = false
		h.sink = "a"
		body := h.funcBody(nil)
		t := arrayType(hp.arrLen)
		decl = fmt.Sprintf("func %s(a %s, b float64) %s {\n%sreturn a\n}\n", hp.name, t, t, body)
	case hArrDot:
		hp.arrLen = 2 + g.rng.IntN(2)
		h.declare(&variable{name: "a", kind: kArray, minLen: hp.arrLen, exact: true, writable: true, param: true})
		h.declare(&variable{name: "b", kind: kArray, minLen: hp.arrLen, exact: true, writable: true, param: true})
		decl = fmt.Sprintf("func %s(a, b %s) float64 {\n%s}\n", hp.name, arrayType(hp.arrLen),
			h.funcBody(func() string { return fmt.Sprintf("a[%d]*b[len(b)-1] + %s", g.rng.IntN(hp.arrLen), h.fexpr(2)) }))
	case hRec:
		hp.nargs = 1
		h.declare(&variable{name: "a", kind: kFloat, writable: true, param: true})
		h.declare(&variable{name: "d", kind: kInt, param: true, used: true, bound: -1})
		base := h.fexpr(2)
		decl = fmt.Sprintf("func %s(a float64, d int) float64 {\nif d <= 0 {\nreturn %s\n}\n%s}\n", hp.name, base,
			h.funcBody(func() string {
				return fmt.Sprintf("%s * %s(%s, d-1)", h.choose(lit("0.5"), lit("a"), func() string { return h.squash(h.fexpr(1)) }), hp.name, h.squash(h.fexpr(1)))
			}))
	case hMulti:
		hp.nargs = 2
		h.declare(&variable{name: "a", kind: kFloat, writable: true, param: true})
		h.declare(&variable{name: "b", kind: kFloat, writable: true, param: true})
		decl = fmt.Sprintf("func %s(a, b float64) (float64, float64) {\n%s}\n", hp.name,
			h.funcBody(func() string { return h.fexpr(2) + ", " + h.fexpr(2) }))
	case hMethod, hStruct:
		hp.nargs = 1
		ptr := g.chance(0.5)
		if k == hStruct {
			ptr = g.stPtr // passed as the caller has it
		}
		t := g.st.Name
		if ptr {
			t = "*" + t
		}
		h.helpers = nil // a struct helper calls no other helper: it would need its struct
		h.structParam(Param{Name: "s", Type: g.st})
		h.declare(&variable{name: "a", kind: kFloat, writable: true, param: true})
		for _, v := range h.vars(kSlice, nil) {
			v.writable = false
		}
		body := h.funcBody(h.fexpr1)
		if k == hMethod {
			hp.name = fmt.Sprintf("m%d", g.nhelpers)
			decl = fmt.Sprintf("func (s %s) %s(a float64) float64 {\n%s}\n", t, hp.name, body)
		} else {
			decl = fmt.Sprintf("func %s(s %s, a float64) float64 {\n%s}\n", hp.name, t, body)
		}
		hp.writes = ptr // records the pointer: the caller passes s as it has it
	}
	g.n = h.n
	*g.decls = append(*g.decls, decl)
	g.helpers = append(g.helpers, hp)
}

func (g *gen) fexpr1() string { return g.fexpr(2) }
