package srcgen

import (
	"fmt"
	"go/format"
	"math/rand/v2"
	"strings"
)

// Kind is the kind of a parameter of a generated function.
type Kind int

const (
	Scalar    Kind = iota // float64, differentiated
	Slice                 // []float64 of length Len, differentiated
	Int                   // int with value Value, a constant
	Blank                 // _ float64, unused, so not differentiated
	Struct                // a value of type Type, differentiated in its float fields
	StructPtr             // a *Type
	Array                 // [Len]float64, differentiated
)

// Param is a parameter of a generated function, with what the harness
// needs to call it: the length of a slice, the value of an int.
type Param struct {
	Name  string
	Kind  Kind
	Len   int // Slice, Array
	Value int // Int
	Type  *StructType
}

// StructType is the struct type of a Struct or StructPtr parameter. Its
// fields are always W []float64 (of length Len), B and C float64 and N int
// (of value N); the harness builds and flattens values of it.
type StructType struct {
	Name string
	Len  int
	N    int
}

// Decl returns the type's declaration.
func (s *StructType) Decl() string {
	return fmt.Sprintf("type %s struct {\n\tW []float64\n\tB, C float64\n\tN int\n}\n", s.Name)
}

// Func is one generated annotated function with the declarations it needs
// (its helpers, its struct type, its package constants), all named after it
// so that many can share one file.
type Func struct {
	Name    string
	Params  []Param
	Results int    // 1, or 2 for a function with only vjp and jvp
	Decls   string // gofmt-formatted declarations, the annotated function last
	// OutputSeeds is the number of seeds FVJP takes after the results'
	// ones, one per slice F writes (an in-place update is an output too),
	// which only godiff's output tells; the checks pass nil (zero) seeds
	// for them, and compare the slices' final contents bit for bit.
	OutputSeeds int
	// Outputs are those slices, in FVJP's order (parameter order), when
	// the seeds' names tell which they are; the checks then give them
	// random seeds and read their tangents, and FJacobian's rows of them
	// are checked too.
	Outputs []Output
	// Variants are copies with other directives (see Variant); the
	// harness moves those godiff refuses to Refused.
	Variants []*Variant
	Refused  []*Variant
	// SliceStateLoop: a loop written to be checkpointed carries state in
	// slices; DerivedSlices: F calls GGrad or GVJP of a G of weight
	// slices; HessianWide: F is in the Hessians' subset with a struct (all
	// set by Program, for the summary and TestNewerKeepText).
	SliceStateLoop, DerivedSlices, HessianWide bool
	// Path is the construct Program added to reach one of reverse mode's
	// newer paths, or NoPath.
	Path Path
	// ReturnsDst: the Path's triangle helper returns the slice it writes
	// (gonum's dst), its result unused or used as a value;
	// ReturnsDstCall: it returns it as what a second helper it passes it
	// to returns.
	ReturnsDst, ReturnsDstCall bool
	// FieldLength: buffers swapped in a loop are made with a struct
	// parameter's field as their length, len(s.W) (Config.NewerPaths;
	// without it the length is computed into a variable first).
	FieldLength bool
	// LocalStructs: the function has a struct parameter and Program let it
	// declare local structs of its type (Config.LocalStructs).
	LocalStructs bool
}

// Output is a slice F writes: parameter Param (its field W when Field),
// of Len floats at Flat in the flat vector of parameters.
type Output struct {
	Param int
	Field bool
	Len   int
	Flat  int
}

// Source returns a complete file, package p, holding the function alone.
func (f *Func) Source(pkg string) string {
	return File(pkg, []*Func{f})
}

// File returns a complete Go file of package pkg holding every function.
func File(pkg string, fs []*Func) string {
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	var all strings.Builder
	for _, f := range fs {
		all.WriteString(f.Decls)
	}
	b.WriteString(imports(all.String()))
	for _, f := range fs {
		b.WriteString(f.Decls)
		b.WriteString("\n")
		for _, v := range f.Variants {
			b.WriteString(v.Decl)
			b.WriteString("\n")
		}
	}
	return b.String()
}

// imports returns the import declaration of the packages the generated
// declarations decls use.
func imports(decls string) string {
	var ps []string
	for _, p := range []string{"fmt", "log", "math"} {
		if strings.Contains(decls, p+".") {
			ps = append(ps, fmt.Sprintf("%q", p))
		}
	}
	if len(ps) == 0 {
		return ""
	}
	return "import (\n" + strings.Join(ps, "\n") + "\n)\n\n"
}

// Generate writes one random annotated function named name, with
// //godiff:grad, //godiff:vjp and //godiff:jvp on all its parameters, and
// the helpers it calls. The same rng state and cfg give the same function.
// Every index is in bounds, every loop and recursion terminates, and every
// math function is called inside its smooth domain (a kink of Abs, Max,
// Min or a branch aside), so F is finite on moderate inputs.
func Generate(rng *rand.Rand, name string, cfg Config) *Func {
	f := &Func{Name: name, Results: 1}
	g := &gen{rng: rng, cfg: cfg, prefix: strings.ToLower(name), fieldLength: &f.FieldLength}
	var decls []string
	g.decls = &decls
	g.consts(&decls)
	f.Params = g.signature()
	g.makeHelpers()
	if cfg.Results2 && g.chance(0.2) {
		f.Results = 2
	}
	decls = append(decls, g.annotated(name, f.Params, f.Results))
	src := strings.Join(decls, "\n")
	out, err := format.Source([]byte("package p\n\n" + src))
	if err != nil {
		panic(fmt.Sprintf("srcgen: generated code does not parse: %v\n%s", err, src))
	}
	f.Decls = strings.TrimPrefix(string(out), "package p\n\n")
	return f
}

// consts declares the function's package constants: a scale factor and a
// debug flag, used as untyped constants and constant conditions.
func (g *gen) consts(decls *[]string) {
	g.pkgScale = g.prefix + "Scale"
	g.pkgDebug = g.prefix + "Debug"
	*decls = append(*decls, fmt.Sprintf("const (\n%s = %s\n%s = %v\n)\n", g.pkgScale, g.pick("0.5", "2", "1.5", "3"), g.pkgDebug, g.rng.IntN(2) == 0))
}

// signature picks the parameters: one to three scalars, up to two slices,
// up to two arrays, maybe an int, a blank and a struct.
func (g *gen) signature() []Param {
	var ps []Param
	ns := 1 + g.rng.IntN(3)
	for i := range ns {
		ps = append(ps, Param{Name: []string{"x", "y", "z"}[i], Kind: Scalar})
	}
	if g.cfg.Slices {
		for i := range g.rng.IntN(3) {
			ps = append(ps, Param{Name: []string{"xs", "ys"}[i], Kind: Slice, Len: 1 + g.rng.IntN(5)})
		}
	}
	if g.cfg.Arrays && g.cfg.ArrayParams && g.chance(0.3) {
		for i := range 1 + g.rng.IntN(2) {
			ps = append(ps, Param{Name: []string{"p", "q"}[i], Kind: Array, Len: 2 + g.rng.IntN(2)})
		}
	}
	if g.cfg.IntParam && g.chance(0.3) {
		ps = append(ps, Param{Name: "k", Kind: Int, Value: g.rng.IntN(4)})
	}
	if g.cfg.BlankParam && g.chance(0.1) {
		ps = append(ps, Param{Name: "_", Kind: Blank})
	}
	if g.cfg.Structs && (g.chance(0.3) || g.cfg.HessianWide) {
		st := &StructType{Name: strings.ToUpper(g.prefix[:1]) + g.prefix[1:] + "S", Len: 1 + g.rng.IntN(4), N: 1 + g.rng.IntN(3)}
		g.st = st
		*g.decls = append(*g.decls, st.Decl())
		k := Struct
		if g.chance(0.5) {
			k = StructPtr
			g.stPtr = true
		}
		ps = append(ps, Param{Name: "s", Kind: k, Type: st})
	}
	g.rng.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
	return ps
}

// annotated writes the annotated function.
func (g *gen) annotated(name string, ps []Param, results int) string {
	g.reset()
	var sig []string
	for _, p := range ps {
		switch p.Kind {
		case Scalar:
			g.declare(&variable{name: p.Name, kind: kFloat, writable: true, param: true})
			sig = append(sig, p.Name+" float64")
		case Blank:
			sig = append(sig, "_ float64")
		case Slice:
			g.declare(&variable{name: p.Name, kind: kSlice, minLen: p.Len, exact: true, writable: g.cfg.InPlace, param: true})
			sig = append(sig, p.Name+" []float64")
		case Int:
			g.declare(&variable{name: p.Name, kind: kInt, bound: p.Value + 1, value: p.Value, known: true, param: true})
			sig = append(sig, p.Name+" int")
		case Array:
			// A copy of the caller's: the function may write it.
			g.declare(&variable{name: p.Name, kind: kArray, minLen: p.Len, exact: true, writable: true, param: true})
			sig = append(sig, p.Name+" "+arrayType(p.Len))
		case Struct, StructPtr:
			g.structParam(p)
			t := p.Type.Name
			if p.Kind == StructPtr {
				t = "*" + t
			}
			sig = append(sig, p.Name+" "+t)
		}
	}
	if results == 2 {
		body := g.funcBody(func() string { return g.fexpr(g.cfg.MaxExpr) + ", " + g.fexpr(g.cfg.MaxExpr) })
		return fmt.Sprintf("//godiff:vjp\n//godiff:jvp\n//godiff:jacobian\nfunc %s(%s) (float64, float64) {\n%s}\n", name, strings.Join(sig, ", "), body)
	}
	body := g.funcBody(func() string { return g.fexpr(g.cfg.MaxExpr) })
	return fmt.Sprintf("//godiff:grad\n//godiff:vjp\n//godiff:jvp\n//godiff:jacobian\nfunc %s(%s) float64 {\n%s}\n", name, strings.Join(sig, ", "), body)
}

// structParam puts the struct parameter's fields in scope: floats that
// may be read, a slice whose elements may be written.
func (g *gen) structParam(p Param) {
	g.structVar = p.Name
	g.declare(&variable{name: p.Name + ".B", kind: kFloat, param: true})
	g.declare(&variable{name: p.Name + ".C", kind: kFloat, param: true})
	g.declare(&variable{name: p.Name + ".W", kind: kSlice, minLen: p.Type.Len, exact: true, writable: g.cfg.InPlace, param: true})
	g.declare(&variable{name: p.Name + ".N", kind: kInt, bound: p.Type.N + 1, value: p.Type.N, known: true, param: true})
}

// HasStruct reports whether f takes a struct parameter.
func (f *Func) HasStruct() bool {
	for _, p := range f.Params {
		if p.Kind == Struct || p.Kind == StructPtr {
			return true
		}
	}
	return false
}
