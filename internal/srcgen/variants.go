package srcgen

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
)

// VariantKind is what a variant of an annotated function tests.
type VariantKind int

const (
	// Checkpointed: a copy with //godiff:grad only and //godiff:checkpoint
	// marks on some of its loops; its gradient must equal the unmarked
	// function's to 1e-12 (relative), or godiff must refuse a mark with a
	// positioned message.
	Checkpointed VariantKind = iota
	// Hessian: a copy with //godiff:hvp and //godiff:hessian on its float
	// and []float64 parameters; H·v is checked against central
	// differences of the gradient, the Hessian's symmetry and its product
	// with a vector against FHVP.
	Hessian
)

// Variant is a copy of an annotated function under another name (F3K,
// F3H) with other directives. godiff may refuse it, with a positioned
// message: the harness then records the refusal and drops the variant,
// and the function itself is still checked.
type Variant struct {
	Kind   VariantKind
	Name   string
	Decl   string   // the copy's declaration, gofmt-formatted
	Subset []string // Hessian: the parameters differentiated, in signature order
	Marks  int      // Checkpointed: the loops marked
	Every  int      // Checkpointed: the loops marked with -every, -snapshots or -memory
	Memory int      // Checkpointed: the loops marked with -memory
	// Checkpointed: the three-clause and while loops marked with
	// -snapshots or -memory.
	CondState int
	// Checkpointed: set by the harness when godiff saves, for a marked
	// loop, state held in a slice (its tape keeps states of elements).
	SliceState bool
	// Hessian: Wide when the struct parameter is differentiated too, and
	// Receiver its name when the copy is a method with it as receiver.
	Wide     bool
	Receiver string
	Refusal  string // set by the harness when godiff refuses the variant
}

// sideSalt makes the stream that decides programs' kinds and variants
// independent of the one that writes a program, so that a program of a
// seed is the same text with and without the new features.
const sideSalt = 0x5eed_13

// newSalt seeds a third stream, which gives the newer constructs (slice
// state, G of weight slices, Hessians of structs) to half the programs
// of a kind: drawing from side instead would change the kinds and
// variants of every later program of a seed. Of the salts, it is the
// first from 0x5eed05 that gives none of them to the programs README and
// the tests cite (citedPrograms), so those keep their text.
const newSalt = 0x999deb

// localSalt seeds the stream that gives local structs (Config.LocalStructs)
// to half the programs: the first salt from 0x10ca1 that gives them to none
// of the cited programs with a struct parameter, so those keep their text.
const localSalt = 0x10ce0

// Program writes program number index of seed: Generate's function, or,
// when the side stream says so and cfg allows, a function generated with
// loops godiff can checkpoint, with no helpers (the subset of Hessians),
// or calling another annotated function's GGrad and GJVP; then its
// variants (see Variant). The text of a plain program does not depend on
// the new features' switches.
func Program(seed uint64, index int, cfg Config) *Func {
	rng := rand.New(rand.NewPCG(seed, uint64(index)))
	side := rand.New(rand.NewPCG(seed^sideSalt, uint64(index)))
	name := fmt.Sprintf("F%d", index)
	newer := rand.New(rand.NewPCG(seed^newSalt, uint64(index)))
	c := cfg
	kind := side.IntN(10)
	half := newer.IntN(2) == 0
	switch {
	case kind < 2 && cfg.CheckpointLoops:
		c.CkptLoops = true
		c.InPlace = false // slices written after the loop it reads are refused
		c.SliceStateLoop = half && cfg.SliceStateLoops
	case kind >= 2 && kind < 4 && cfg.Hessians:
		if half && cfg.HessianStructs {
			c = hessianWideConfig(c)
		} else {
			c = hessianConfig(c)
		}
	case kind >= 4 && kind < 6 && cfg.Derived:
		c.DerivedCalls = true
		c.DerivedOfSlices = half && cfg.DerivedSlices
	}
	c.LocalStructs = cfg.LocalStructs && localStructs(seed, index)
	f := Generate(rng, name, c)
	f.LocalStructs = c.LocalStructs && f.HasStruct()
	if cfg.NewerPaths {
		if p, paths := drawPath(seed, index); p != NoPath {
			addPath(f, paths, p)
		}
	}
	f.SliceStateLoop, f.DerivedSlices, f.HessianWide = c.SliceStateLoop, c.DerivedOfSlices, c.HessianWide
	if f.Results == 1 && cfg.Checkpoint {
		others := kind < 2 || side.IntN(3) == 0
		if c.SliceStateLoop {
			// Only the loop carrying slice state: a mark on another
			// loop (its state's filling) would refuse the whole copy.
			others = false
		}
		if v := checkpointVariant(side, f, others); v != nil {
			f.Variants = append(f.Variants, v)
		}
	}
	if f.Results == 1 && cfg.Hessians && ((kind >= 2 && kind < 4) || side.IntN(4) == 0) {
		if v := hessianVariant(f, c.HessianWide, newer.IntN(2) == 0); v != nil {
			f.Variants = append(f.Variants, v)
		}
	}
	return f
}

// hessianConfig is cfg with what //godiff:hessian refuses, or the
// checks cannot call, turned off (README, Hessians and composition):
// slice parameters F writes into (FHessian would run F again from the
// updated values), recursion (FHVP inlines its callees), struct
// parameters and methods (the checks give FHVP floats and slices only).
// Calls of the package's functions of numbers and slices, helpers
// writing into local slices, several results, arrays and returns inside
// loops stay: FHVP inlines the calls and turns such a return into a
// break.
func hessianConfig(c Config) Config {
	c.Structs, c.InPlace, c.InPlaceInLoops = false, false, false
	c.Recursion, c.Methods, c.StructFuncs = false, false, false
	return c
}

// hessianWideConfig is hessianConfig keeping what //godiff:hessian
// takes since (README, Hessians and composition): a struct parameter,
// which every such program gets, its methods and functions, and slices F
// updates in place; recursion stays off.
func hessianWideConfig(c Config) Config {
	c.Recursion = false
	c.HessianWide = true
	return c
}

// annotatedDecl returns the annotated function's declaration in f.Decls
// (the last one) and what comes before it.
func annotatedDecl(f *Func) (before, decl string) {
	i := strings.LastIndex(f.Decls, "//godiff:grad\n")
	if i < 0 {
		return f.Decls, ""
	}
	return f.Decls[:i], f.Decls[i:]
}

var directiveLineRE = regexp.MustCompile(`(?m)^//godiff:\w+.*\n`)

// rename returns the annotated declaration decl without its directives,
// declaring name instead of old and carrying directives.
func rename(decl, old, name, directives string) string {
	body := directiveLineRE.ReplaceAllString(decl, "")
	body = strings.Replace(body, "func "+old+"(", "func "+name+"(", 1)
	return directives + body
}

var (
	forLineRE   = regexp.MustCompile(`^(\t*)for\b(.*)$`)
	rangeLoopRE = regexp.MustCompile(`^for (range |[\w, ]+:= range )`)
	ckptMarkRE  = regexp.MustCompile(`^(\t*)//srcgen:ckpt(?: -(every|snapshots)=(\d+))?$`)
	// A three-clause loop or a while loop (not a bare for): -snapshots
	// and -memory take them, -every does not.
	condLoopRE = regexp.MustCompile(`^for (\w+ := [^;{]*;|[^;{ ][^;{]*\{$)`)
)

// stateOption is the //godiff:checkpoint option of a range loop carrying
// state, from the count k drawn for it: -every=k for an odd k, binomial
// checkpointing holding k states for an even one, so that both schemes
// are checked without another draw; snapshotOption says how many.
func stateOption(side *rand.Rand, k string) string {
	if n, _ := strconv.Atoi(k); n%2 == 0 {
		return snapshotOption(side, k)
	}
	return "-every=" + k
}

// memoryBudgets are -memory sizes: a bare number of bytes and the units
// godiff reads. A state is 8 bytes a variable the loop carries plus 8, so
// 64 bytes hold one to four states of these loops, 1kB more states than
// iterations; a budget below one state is refused at the for.
var memoryBudgets = []string{"64", "96", "160B", "200", "1kB", "1KiB"}

// snapshotOption is -snapshots=k, or, for one draw in three of side,
// -memory with one of memoryBudgets.
func snapshotOption(side *rand.Rand, k string) string {
	if side.IntN(3) == 0 {
		return "-memory=" + memoryBudgets[side.IntN(len(memoryBudgets))]
	}
	return "-snapshots=" + k
}

// count counts mark, on the loop whose header is head, into v.
func (v *Variant) count(mark, head string) {
	v.Marks++
	if !strings.Contains(mark, " -") {
		return
	}
	v.Every++
	if strings.Contains(mark, " -memory=") {
		v.Memory++
	}
	if !rangeLoopRE.MatchString(head) {
		v.CondState++
	}
}

// checkpointVariant marks loops of f's annotated function in a copy: the
// loops the generator wrote to be checkpointed (//srcgen:ckpt comments,
// with their -every), and, when others is set, a random choice of the
// other loops not inside a marked one, which godiff must either
// checkpoint exactly or refuse at their for. It returns nil when nothing
// is marked.
func checkpointVariant(side *rand.Rand, f *Func, others bool) *Variant {
	_, decl := annotatedDecl(f)
	if decl == "" {
		return nil
	}
	v := &Variant{Kind: Checkpointed, Name: f.Name + "K"}
	lines := strings.Split(rename(decl, f.Name, v.Name, "//godiff:grad\n"), "\n")
	var out []string
	inside := -1 // the indentation of the marked loop we are in, or -1
	pending := ""
	for _, l := range lines {
		indent := len(l) - len(strings.TrimLeft(l, "\t"))
		if inside >= 0 && indent <= inside && strings.TrimSpace(l) == "}" {
			out = append(out, l)
			inside = -1
			continue
		}
		if m := ckptMarkRE.FindStringSubmatch(l); m != nil {
			if inside < 0 {
				pending = "//godiff:checkpoint"
				opt := ""
				switch m[2] {
				case "every":
					opt = stateOption(side, m[3])
				case "snapshots":
					opt = snapshotOption(side, m[3])
				}
				if opt != "" {
					pending += " " + opt
				}
			}
			continue // the copy carries the mark instead
		}
		if m := forLineRE.FindStringSubmatch(l); m != nil && inside < 0 {
			mark := pending
			if mark == "" && others && side.IntN(2) == 0 {
				mark = "//godiff:checkpoint"
				head := strings.TrimSpace(l)
				opt := ""
				switch {
				case rangeLoopRE.MatchString(head):
					if side.IntN(2) == 0 {
						opt = stateOption(side, strconv.Itoa(1+side.IntN(3)))
					}
				case condLoopRE.MatchString(head) && side.IntN(2) == 0:
					opt = snapshotOption(side, strconv.Itoa(1+side.IntN(3)))
				}
				if opt != "" {
					mark += " " + opt
				}
			}
			pending = ""
			if mark != "" {
				out = append(out, m[1]+mark)
				v.count(mark, strings.TrimSpace(l))
				inside = indent
			}
		}
		out = append(out, l)
	}
	if v.Marks == 0 {
		return nil
	}
	v.Decl = strings.Join(out, "\n")
	return v
}

// hessianVariant copies f's annotated function with //godiff:hvp and
// //godiff:hessian on its float and []float64 parameters, and with wide
// on its struct parameter too; with method as well, the copy is a method
// of the struct's type, the struct its receiver (Receiver). It returns
// nil if there is nothing to differentiate.
func hessianVariant(f *Func, wide, method bool) *Variant {
	_, decl := annotatedDecl(f)
	if decl == "" {
		return nil
	}
	v := &Variant{Kind: Hessian, Name: f.Name + "H", Wide: wide}
	for _, p := range f.Params {
		switch {
		case p.Kind == Scalar || p.Kind == Slice:
			v.Subset = append(v.Subset, p.Name)
		case wide && (p.Kind == Struct || p.Kind == StructPtr):
			v.Subset = append(v.Subset, p.Name)
			if method {
				v.Receiver = p.Name
			}
		}
	}
	if len(v.Subset) == 0 {
		return nil
	}
	names := strings.Join(v.Subset, " ")
	v.Decl = rename(decl, f.Name, v.Name, "//godiff:hvp "+names+"\n//godiff:hessian "+names+"\n")
	if v.Receiver != "" {
		v.Decl = asMethod(v.Decl, v.Name, f.Params, v.Receiver)
	}
	return v
}

// asMethod makes the function name declared in decl a method whose
// receiver is its parameter recv (the struct, the only parameter of its
// type).
func asMethod(decl, name string, ps []Param, recv string) string {
	for _, p := range ps {
		if p.Name != recv {
			continue
		}
		t := p.Type.Name
		if p.Kind == StructPtr {
			t = "*" + t
		}
		param := recv + " " + t
		head, rest, _ := strings.Cut(decl, "func "+name+"(")
		sig, body, _ := strings.Cut(rest, ")")
		var keep []string
		for _, q := range strings.Split(sig, ", ") {
			if q != param {
				keep = append(keep, q)
			}
		}
		return head + "func (" + param + ") " + name + "(" + strings.Join(keep, ", ") + ")" + body
	}
	return decl
}

// variantOf returns the variant named name among fs's, and its function.
func variantOf(fs []*Func, name string) (*Func, *Variant) {
	for _, f := range fs {
		for _, v := range f.Variants {
			if v.Name == name {
				return f, v
			}
		}
	}
	return nil, nil
}

// dropVariant takes v out of f.
func dropVariant(f *Func, v *Variant) {
	for i, w := range f.Variants {
		if w == v {
			f.Variants = append(f.Variants[:i:i], f.Variants[i+1:]...)
			return
		}
	}
}

// Rederive makes for g, a reduced text of f (TestReduce), variants of the
// kinds f has: the Hessian copy as Program makes it; the checkpointed
// copy with the marks of g's //srcgen:ckpt comments and the other loops
// marked by a fixed stream, so that the same text gives the same copy.
func Rederive(f, g *Func) []*Variant {
	var out []*Variant
	for _, v := range f.Variants {
		var w *Variant
		switch v.Kind {
		case Checkpointed:
			w = checkpointVariant(rand.New(rand.NewPCG(sideSalt, 0)), g, true)
		case Hessian:
			w = hessianVariant(g, v.Wide, v.Receiver != "")
		}
		if w != nil {
			out = append(out, w)
		}
	}
	return out
}

// localStructs reports whether program index of seed may declare local
// structs.
func localStructs(seed uint64, index int) bool {
	return rand.New(rand.NewPCG(seed^localSalt, uint64(index))).IntN(2) == 0
}
