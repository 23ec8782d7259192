package srcgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

type vkind int

const (
	kFloat vkind = iota
	kSlice
	kInt
	kArray // [minLen]float64, a value
	// kStruct is a local struct of the struct parameter's type, whose
	// float fields are variables of their own (ls1.B, ls1.C) and whose
	// methods may be called (localstructs.go).
	kStruct
)

// variable is a name in scope with what the generator knows of it
// statically: a slice's length, an int's range. That knowledge is what
// keeps every index in bounds.
type variable struct {
	name     string
	kind     vkind
	minLen   int  // slices: len ≥ minLen
	exact    bool // slices: len == minLen
	writable bool // floats: may be assigned; slices: elements may be written
	param    bool
	used     bool // read somewhere (Go rejects locals never read)
	loops    int  // the number of loops around its declaration
	konst    bool // floats: only ever assigned constant expressions, which godiff folds
	moving   bool // slices: a window that moves or a swapped buffer, which no other window is taken of
	slow     bool // floats: a copy of a parameter's value on entry, never written (see slowVars)
	hidden   bool // neither read nor written by the statements being generated (see restricted)

	// ints: 0 ≤ value < bound when bound > 0; a valid index of the slice
	// boundSlice whatever its length.
	bound      int
	boundSlice string
	value      int // when known
	known      bool
	index      string // the expression to index with, when not name (j-1)
}

// validIndex reports whether the int v indexes slice s in bounds.
func (v *variable) validIndex(s *variable) bool {
	return v.boundSlice == s.name || (v.bound > 0 && v.bound <= s.minLen)
}

func (v *variable) indexExpr() string {
	if v.index != "" {
		return v.index
	}
	return v.name
}

// loop is an enclosing loop: its label, if it has one, and whether a
// labeled statement used it.
type loop struct {
	label     string
	labelUsed bool
}

// gen is the state of one function's generation. Helpers get a gen of
// their own (sub) sharing rng, cfg and the declarations.
type gen struct {
	rng    *rand.Rand
	cfg    Config
	prefix string
	decls  *[]string

	pkgScale, pkgDebug string
	st                 *StructType
	stPtr              bool      // the annotated function takes a *st
	structVar          string    // the struct parameter's name in the annotated function
	helpers            []*helper // callable from the function being generated
	derived            *helper   // an annotated float function whose GGrad and GJVP may be called (DerivedCalls)
	nhelpers           int

	// per function
	scopes     [][]*variable
	loops      []*loop
	depth      int
	n          int    // fresh-name counter
	acc        string // the accumulator, a float always in scope
	ret        func() string
	inHelper   bool
	sink       string // a writer's slice or array, where its accumulator goes
	localDebug string
	stmts      int  // statements left in the function's budget
	inConst    bool // generating inside a condition that has a constant operand
	nonConst   int  // counts what makes an expression non-constant: reads, calls
	switches   int  // switch cases around, inside the innermost loop
	deps       int  // counts reads of what godiff cannot fold to a constant
	// ckptWritten: a loop carrying slice state was written (sliceStateLoop)
	ckptWritten bool
	// fieldLength is set when swapped buffers were made with a struct
	// parameter's field as their length (Func.FieldLength); shared with
	// the helpers' generators.
	fieldLength *bool
}

func (g *gen) reset() {
	g.scopes = [][]*variable{nil}
	g.loops = nil
	g.depth = 0
	g.localDebug = ""
	g.stmts = 4 + g.rng.IntN(g.cfg.MaxStmts*3)
}

func (g *gen) chance(p float64) bool { return g.rng.Float64() < p }

func (g *gen) pick(xs ...string) string { return xs[g.rng.IntN(len(xs))] }

// choose calls one of fs: unlike pick, it generates only what it returns,
// so that nothing is marked read by text that is thrown away.
func (g *gen) choose(fs ...func() string) string { return fs[g.rng.IntN(len(fs))]() }

func lit(s string) func() string { return func() string { return s } }

func (g *gen) fresh(base string) string {
	g.n++
	return fmt.Sprintf("%s%d", base, g.n)
}

func (g *gen) declare(v *variable) {
	v.loops = len(g.loops)
	g.scopes[len(g.scopes)-1] = append(g.scopes[len(g.scopes)-1], v)
}

func (g *gen) push() { g.scopes = append(g.scopes, nil) }

// pop closes a block's scope and returns the statements that read the
// block's locals nobody read, so that Go accepts the block.
func (g *gen) pop() string {
	s := g.consume()
	g.scopes = g.scopes[:len(g.scopes)-1]
	return s
}

// consume returns the statements that read the innermost scope's locals
// nobody read.
func (g *gen) consume() string {
	top := g.scopes[len(g.scopes)-1]
	var b strings.Builder
	for _, v := range top {
		if v.used || v.param || v.name == g.acc || v.kind == kInt {
			continue
		}
		switch v.kind {
		case kFloat:
			fmt.Fprintf(&b, "%s += %s\n", g.accName(), v.name)
		case kSlice, kArray:
			fmt.Fprintf(&b, "%s += %s[0]\n", g.accName(), v.name)
		}
		v.used = true
	}
	return b.String()
}

// accName is the accumulator, marked read.
func (g *gen) accName() string {
	for _, sc := range g.scopes {
		for _, v := range sc {
			if v.name == g.acc {
				v.used = true
			}
		}
	}
	return g.acc
}

// vars returns the variables in scope of the kind, innermost last,
// shadowed names excluded (the generator never shadows).
func (g *gen) vars(k vkind, pred func(*variable) bool) []*variable {
	var out []*variable
	for _, sc := range g.scopes {
		for _, v := range sc {
			if v.kind == k && !v.hidden && (pred == nil || pred(v)) {
				out = append(out, v)
			}
		}
	}
	return out
}

// pickSeq picks a slice or an array in scope (arrays when Arrays is on).
func (g *gen) pickSeq(pred func(*variable) bool) *variable {
	vs := g.vars(kSlice, pred)
	if g.cfg.Arrays {
		vs = append(vs, g.vars(kArray, pred)...)
	}
	if len(vs) == 0 {
		return nil
	}
	return vs[g.rng.IntN(len(vs))]
}

// whole is a slice or an array as a slice: a[:] for an array.
func whole(v *variable) string {
	if v.kind == kArray {
		return v.name + "[:]"
	}
	return v.name
}

func (g *gen) pickVar(k vkind, pred func(*variable) bool) *variable {
	vs := g.vars(k, pred)
	if len(vs) == 0 {
		return nil
	}
	return vs[g.rng.IntN(len(vs))]
}

// funcBody writes a body: the accumulator, a block, the return.
func (g *gen) funcBody(ret func() string) string {
	g.acc = "r"
	g.ret = ret
	var b strings.Builder
	if g.cfg.ConstConds && g.chance(0.2) {
		g.localDebug = "debug"
		fmt.Fprintf(&b, "const debug = %v\n", g.rng.IntN(2) == 0)
	}
	if g.cfg.Guards && g.chance(0.3) {
		b.WriteString(g.entryGuard())
	}
	if !g.inHelper && (g.cfg.Steps || g.cfg.NewKinks) {
		b.WriteString(g.slowVars())
	}
	deps := g.deps
	fmt.Fprintf(&b, "r := %s\n", g.typed(func() string { return g.fexpr(1) }))
	g.declare(&variable{name: "r", kind: kFloat, writable: true, used: true, konst: g.deps == deps})
	// State the body's loops may carry across iterations, and swap.
	for range g.rng.IntN(3) {
		b.WriteString(g.declStmt())
	}
	if g.cfg.Arrays && g.chance(0.4) {
		b.WriteString(g.newArray())
	}
	if !g.inHelper && g.cfg.CkptLoops {
		b.WriteString(g.ckptLoop())
	}
	if !g.inHelper && g.derived != nil {
		b.WriteString(g.derivedCall())
	}
	b.WriteString(g.stmtList(g.cfg.MaxStmts))
	b.WriteString(g.consume())
	if !g.inHelper && g.cfg.HessianWide {
		b.WriteString(g.couplings())
	}
	b.WriteString(g.gather())
	if ret == nil {
		// A writer: the accumulator goes into its slice (or array).
		fmt.Fprintf(&b, "%s[len(%s)-1] += %s\n", g.sink, g.sink, g.accName())
		return b.String()
	}
	if g.inHelper && g.cfg.Guards && g.chance(0.15) {
		// A panic ending the function, which never runs.
		// (panic, not log.Panicf: Go knows only panic ends a function.)
		fmt.Fprintf(&b, "if !(%s) {\nreturn %s\n}\npanic(%q)\n", g.impossible(), g.accName()+" + "+ret(), g.prefix+": unreachable")
		return b.String()
	}
	fmt.Fprintf(&b, "return %s\n", g.accName()+" + "+ret())
	return b.String()
}

// stmtList writes up to max statements in the current scope.
func (g *gen) stmtList(max int) string {
	var b strings.Builder
	n := 1 + g.rng.IntN(max)
	for range n {
		if g.stmts <= 0 {
			break
		}
		g.stmts--
		b.WriteString(g.stmt())
	}
	return b.String()
}

// block writes a nested block: a new scope, statements, the reads of its
// unread locals and the terminator (break, continue, return or nothing).
func (g *gen) block(max int, pre func(), term string) string {
	g.push()
	g.depth++
	if pre != nil {
		pre()
	}
	body := g.stmtList(max)
	body += g.pop()
	g.depth--
	return body + term
}

// typed returns the expression gen writes, converted to float64 when it is
// a constant (which := would make an int).
func (g *gen) typed(gen func() string) string {
	before := g.nonConst
	e := gen()
	if g.nonConst == before {
		return "float64(" + e + ")"
	}
	return e
}

// gather returns statements that add some of the function's float
// variables into the accumulator before the return, so that more of what
// the body computes reaches the result (a wrong derivative of a value no
// result reads goes unnoticed).
func (g *gen) gather() string {
	var b strings.Builder
	for _, v := range g.vars(kFloat, nil) {
		if v.name != g.acc && g.chance(0.5) {
			v.used = true
			fmt.Fprintf(&b, "%s += %s * %s\n", g.accName(), g.pick("0.5", "0.25", "1.5"), v.name)
		}
	}
	return b.String()
}
