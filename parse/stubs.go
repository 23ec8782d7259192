package parse

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// stubFile is the name of the file the load overlays into a directory to
// declare, without bodies, the derivatives godiff generates that an
// annotated function may call (see stubs); generatedStub names one.
const stubFile = "godiff_calls_stub.go"

// stubs returns the source of a file of the package in dir declaring,
// without bodies, the FGrad and FJVP that the directives of its
// functions of float parameters ask for, so that an annotated function
// calling one type-checks before godiff has written it (and while the
// file it is written into is emptied: see generatedOverlay). The
// signatures are read from the syntax: a function qualifies when every
// parameter and result is float64 or float32; a name some source file
// declares already is left out. It returns "" when there is none.
func stubs(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	fset := token.NewFileSet()
	var files []*ast.File
	declared := make(map[string]bool)
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || name == stubFile {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || IsGenerated(src) {
			continue
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil || buildConstraint(f) != "" {
			continue // go list reports the syntax; a constrained file may not be built
		}
		files = append(files, f)
		for _, d := range f.Decls {
			for _, n := range declNames(d) {
				declared[n] = true
			}
		}
	}
	if len(files) == 0 {
		return ""
	}
	var b strings.Builder
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				for _, s := range funcStubs(fd) {
					if !declared[s.name] {
						declared[s.name] = true
						fmt.Fprintf(&b, "\nfunc %s(%s) (%s) { panic(\"godiff: a stub\") }\n", s.name, strings.Join(s.params, ", "), strings.Join(s.results, ", "))
					}
				}
			}
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return generatedHeader + "\n\npackage " + files[0].Name.Name + "\n" + b.String()
}

// declNames returns the top-level names d declares (a method declares
// none).
func declNames(d ast.Decl) []string {
	var names []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			names = append(names, d.Name.Name)
		}
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					names = append(names, n.Name)
				}
			}
		}
	}
	return names
}

// A stub is the signature of one generated function: its name and the
// types of its parameters and results.
type stub struct {
	name            string
	params, results []string
}

// funcStubs returns the stubs of FGrad, FJVP and FVJP that fd's
// directives ask for, with the types as fd spells them. A directive
// without names differentiates the float parameters and slices and
// arrays of them; where a parameter's type might be a struct (a named
// type), which it would differentiate too, the syntax cannot tell, and
// that directive gets no stub.
func funcStubs(fd *ast.FuncDecl) []stub {
	if fd.Recv != nil || fd.Type.TypeParams != nil || fd.Doc == nil || fd.Type.Results == nil {
		return nil
	}
	var names, params []string
	var kinds []floatKind
	for _, p := range fd.Type.Params.List {
		if len(p.Names) == 0 || qualified(p.Type) {
			return nil
		}
		for _, n := range p.Names {
			names, params = append(names, n.Name), append(params, types.ExprString(p.Type))
			kinds = append(kinds, kindOfExpr(p.Type))
		}
	}
	var results []string
	for _, r := range fd.Type.Results.List {
		if qualified(r.Type) {
			return nil
		}
		for range max(len(r.Names), 1) {
			results = append(results, types.ExprString(r.Type))
		}
	}
	var out []stub
	for _, cm := range fd.Doc.List {
		text, ok := strings.CutPrefix(cm.Text, directivePrefix)
		if !ok {
			continue
		}
		verb, args := cutVerb(text)
		wrt, ok := stubWrt(names, params, kinds, strings.Fields(args))
		if !ok {
			continue
		}
		n, m := len(params), len(results)
		switch verb {
		case "grad":
			out = append(out, stub{name: Grad.FuncName(fd.Name.Name), params: params, results: append(results[:1:1], wrt...)})
		case "jvp":
			out = append(out, stub{name: JVP.FuncName(fd.Name.Name), params: append(params[:n:n], wrt...), results: append(results[:m:m], results...)})
		case "vjp":
			out = append(out, stub{name: VJP.FuncName(fd.Name.Name), params: append(params[:n:n], results...), results: append(results[:m:m], wrt...)})
		}
	}
	return out
}

// qualified reports whether e names another package's type, which the
// stub file, importing nothing, cannot spell.
func qualified(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		_, sel := n.(*ast.SelectorExpr)
		found = found || sel
		return !found
	})
	return found
}

// floatKind is what the syntax tells of a parameter's type.
type floatKind int

const (
	notFloat   floatKind = iota // a type godiff does not differentiate
	floaty                      // float64 or float32, or a slice or array of them
	maybeFloat                  // a named type: perhaps a struct of floats
)

// kindOfExpr classifies the type expression e.
func kindOfExpr(e ast.Expr) floatKind {
	switch e := e.(type) {
	case *ast.Ident:
		switch e.Name {
		case "float64", "float32":
			return floaty
		case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "bool", "string", "byte", "rune", "complex64", "complex128":
			return notFloat
		}
		return maybeFloat
	case *ast.ArrayType:
		return kindOfExpr(e.Elt)
	case *ast.StarExpr, *ast.SelectorExpr:
		return maybeFloat
	}
	return notFloat
}

// stubWrt returns the types of the parameters a directive's names
// (none: all the floats) differentiate, in signature order; false if a
// name is not a parameter, an option is given, or the syntax cannot tell.
func stubWrt(names, params []string, kinds []floatKind, args []string) ([]string, bool) {
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			return nil, false
		}
	}
	var wrt []string
	for i, n := range names {
		switch {
		case len(args) == 0 && kinds[i] == maybeFloat:
			return nil, false
		case len(args) == 0 && kinds[i] == floaty || slices.Contains(args, n):
			wrt = append(wrt, params[i])
		}
	}
	return wrt, len(args) == 0 || len(wrt) == len(args)
}

// isStub reports whether pos lies in the stub file.
func isStub(fset *token.FileSet, pos token.Pos) bool {
	f := fset.File(pos)
	return f != nil && filepath.Base(f.Name()) == stubFile
}

// lookup returns the package-level object named name, nil if there is
// none or it is a stub: the stubs stand for godiff's own outputs, whose
// names must be free for it.
func (c *checker) lookup(name string) types.Object {
	obj := c.scope.Lookup(name)
	if obj == nil || isStub(c.fset, obj.Pos()) {
		return nil
	}
	return obj
}
