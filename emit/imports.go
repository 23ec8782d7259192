package emit

import (
	"math"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
)

// imports decides, once per file, the name by which the file refers to each
// imported package. Every function's local names then avoid these names, so
// that a variable never shadows a package the function calls into.
type imports struct {
	paths []string          // sorted
	name  map[string]string // import path → name used in the file
	pkg   map[string]string // import path → the package's own name (guessed for a callee's)
}

// newImports collects the packages the functions call, those their
// parameters' types name (with the names parse recorded: a package's name
// need not be its directory's), plus "math" if a special float constant
// (written as math.Inf(1) and so on) occurs.
func newImports(funcs []*ir.Func) *imports {
	paths := make(map[string]bool)
	pkgName := make(map[string]string) // a package's own name, where known
	taken := make(map[string]bool)     // names an import must not take
	for _, fn := range funcs {
		for name := range ir.SigNames(fn.Params) {
			taken[name] = true
		}
		for _, prm := range fn.Params {
			if o, ok := prm.Type.(ir.Opaque); ok {
				for _, part := range o.Parts() {
					if part.Path != "" {
						paths[part.Path] = true
						pkgName[part.Path] = part.Pkg
					}
				}
			}
		}
		fn.Walk(func(v *ir.Value) {
			switch {
			case v.Op == ir.OpCall || v.Op == ir.OpInvoke:
				if c, ok := v.Aux.(ir.Callee); ok {
					if c.Path == "" {
						taken[c.Name] = true // a function of this package
					} else {
						paths[c.Path] = true
					}
				}
			case v.Op == ir.OpHalt:
				for _, p := range v.Aux.(*ir.Halt).Paths() {
					paths[p] = true
				}
			case v.Op == ir.OpTapeGrow, v.Op == ir.OpTapeSlot && v.Aux.(*ir.TapeField).Stack,
				v.Op == ir.OpTapeBuffer:
				paths["slices"] = true
			case poolsHeap(v):
				paths["sync"] = true
			case v.Op == ir.OpConst && ir.IsFloat(v.Type) && isSpecialFloat(v.Float()):
				paths["math"] = true
			}
		})
	}
	sorted := make([]string, 0, len(paths))
	for p := range paths {
		sorted = append(sorted, p)
	}
	sort.Strings(sorted)
	im := &imports{paths: sorted, name: make(map[string]string), pkg: make(map[string]string)}
	for _, p := range sorted {
		im.pkg[p] = pkgName[p]
		if im.pkg[p] == "" {
			im.pkg[p] = packageName(p)
		}
		n := importName(im.pkg[p], taken)
		taken[n] = true
		im.name[p] = n
	}
	return im
}

// importName returns a package's own name n unless a parameter or an
// earlier import already uses it; then an alias, "stdmath" for "math".
func importName(n string, taken map[string]bool) string {
	if !taken[n] && !isUniverse(n) {
		return n
	}
	alias := "std" + n
	for i := 2; taken[alias]; i++ {
		alias = "std" + n + strconv.Itoa(i)
	}
	return alias
}

// packageName guesses a package's name from its path, as a standard
// library one is named (the last path element, "bits" for "math/bits",
// "rand" for "math/rand/v2"). An opaque parameter type's packages need no
// guess: parse records their names.
func packageName(p string) string {
	base := path.Base(p)
	if len(base) > 1 && base[0] == 'v' && isDigits(base[1:]) && strings.Contains(p, "/") {
		base = path.Base(path.Dir(p)) // major-version suffix: math/rand/v2
	}
	return sanitize(base)
}

func isDigits(s string) bool {
	return strings.Trim(s, "0123456789") == ""
}

// declare tells jennifer the names chosen, so that it writes the import
// block with exactly these names (aliased only where they differ).
func (im *imports) declare(f *jen.File) {
	for _, p := range im.paths {
		n := im.name[p]
		if n == im.pkg[p] {
			f.ImportName(p, n)
		} else {
			f.ImportAlias(p, n)
		}
	}
}

// names returns the import names, which local variables must not take.
func (im *imports) names() []string {
	out := make([]string, len(im.paths))
	for i, p := range im.paths {
		out[i] = im.name[p]
	}
	return out
}

// callee returns the code naming a called function: math.Sin, or a bare
// name for a function of the generated package itself.
func callee(c ir.Callee) *jen.Statement {
	if c.Path == "" {
		return jen.Id(c.Name)
	}
	return jen.Qual(c.Path, c.Name)
}

// isSpecialFloat reports whether f has no Go literal: infinities, NaN and
// negative zero (a literal -0 is the constant 0).
func isSpecialFloat(f float64) bool {
	return math.IsInf(f, 0) || math.IsNaN(f) || (f == 0 && math.Signbit(f))
}
