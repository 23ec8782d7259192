package parse

import (
	"go/ast"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/godiff/godiff/ir"
)

// Functions of other packages.
//
// An annotated function may call a function of another package (another
// package of its module, or of another module: gonum's floats.Dot,
// stat.Mean) with arguments that carry a derivative. godiff then reads
// that function's source, which go/packages loads on demand, and builds
// its IR like a callee of the package's own; its derivatives are written,
// unexported and named after the package (vecsDotCallForward, vecsMeanGrad),
// into the caller's output, since nothing may be added to another package.
//
// The generated code lives in the caller's package, so it may name only
// what that package can: the other package's exported functions (a call
// that stays a call), its constants (copied as literals), and its
// unexported functions through a copy of their body that godiff writes
// out (their twin, like a method's). Anything else the body names is
// refused where a call of the function needs it, naming the identifier.

// foreignPackages loads other packages from source, once each, for the
// callees of one run. A package that does not load cleanly is nil: godiff
// then cannot see into its functions, and says so where a call needs it.
type foreignPackages struct {
	l    *loader
	pkgs map[string]*callees // by the home package's directory and the path
}

// callees returns the callees of the package at path, as the package of
// home (or the package home reads for it) imports it, loading it on first
// use; nil if it does not load.
func (fp *foreignPackages) callees(home *callees, path string) *callees {
	key := home.dir + "\x00" + path
	if cs, ok := fp.pkgs[key]; ok {
		return cs
	}
	fp.pkgs[key] = nil // a failed load, and a cycle, stay nil
	cfg := &packages.Config{Mode: loadMode | packages.NeedModule, Dir: home.dir, Fset: fp.l.fset}
	pkgs, err := packages.Load(cfg, path)
	if err != nil || len(pkgs) != 1 || len(pkgs[0].Errors) > 0 || pkgs[0].Types == nil {
		return nil
	}
	pkg := pkgs[0]
	var discard ErrorList
	c := &checker{
		reporter: reporter{fset: fp.l.fset, names: fileNamer(pkg), errs: &discard},
		info:     pkg.TypesInfo,
		qual:     qualifier(pkg.Types),
		scope:    home.check.scope, // names godiff generates must be free there
		fatal:    &discard,
	}
	cs := &callees{
		pkg:       pkg.Types,
		home:      home.home,
		dir:       home.dir,
		decls:     make(map[*types.Func]*ast.FuncDecl),
		rules:     home.rules,
		named:     home.named,
		derived:   make(map[*types.Func]*ir.CallRule),
		returning: make(map[*types.Func]bool),
		foreign:   fp,
		check:     c,
	}
	c.calls = cs
	for _, f := range pkg.Syntax {
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := c.info.Defs[fd.Name].(*types.Func); ok {
					cs.decls[fn] = fd
				}
			}
		}
	}
	cs.vars = readOnlyVars(c.info, pkg.Syntax)
	fp.pkgs[key] = cs
	return cs
}

// fileNamer returns how messages name the files of pkg, another package
// than the inputs': as the inputs' own files are named, by their absolute
// path, which the command prints relative to the working directory like
// every other, if pkg is the user's code (a package of the main module, or
// of a module replaced by a directory); by the package's path otherwise
// (sort/sort.go, gonum.org/v1/gonum/floats/floats.go), for a file of the
// standard library or of the module cache, which the user did not write.
func fileNamer(pkg *packages.Package) func(string) string {
	m := pkg.Module
	if m != nil && (m.Main || m.Replace != nil && m.Replace.Version == "") {
		return func(file string) string { return file }
	}
	return func(file string) string { return pkg.PkgPath + "/" + filepath.Base(file) }
}

// isHome reports whether pkg is the package whose output the generated
// code goes into.
func (c *checker) isHome(pkg *types.Package) bool {
	return pkg == nil || pkg.Path() == c.calls.home.Path()
}

// isForeign reports whether the checker reads the source of another
// package than the one it generates code for.
func (c *checker) isForeign() bool { return !c.isHome(c.calls.pkg) }

// ruleKey names fn across the separate loads of its package.
func ruleKey(fn *types.Func) string {
	if named := recvNamed(fn); named != nil {
		return fn.Pkg().Path() + "." + named.Obj().Name() + "." + fn.Name()
	}
	return fn.Pkg().Path() + "." + fn.Name()
}

// recvNamed returns the named type of fn's receiver, nil for a function.
func recvNamed(fn *types.Func) *types.Named {
	if r := fn.Signature().Recv(); r != nil {
		named, _, _ := namedStruct(r.Type())
		return named
	}
	return nil
}

// lookupFunc returns the function or method of pkg that fn, from another
// load of the same package, is: nil if there is none.
func lookupFunc(pkg *types.Package, fn *types.Func) *types.Func {
	named := recvNamed(fn)
	if named == nil {
		obj, _ := pkg.Scope().Lookup(fn.Name()).(*types.Func)
		return obj
	}
	tn, _ := pkg.Scope().Lookup(named.Obj().Name()).(*types.TypeName)
	if tn == nil {
		return nil
	}
	other, _ := tn.Type().(*types.Named)
	if other == nil {
		return nil
	}
	for i := range other.NumMethods() {
		if m := other.Method(i); m.Name() == fn.Name() {
			return m
		}
	}
	return nil
}

// foreignRule returns how a call of fn, a function of another package
// than the output's, is differentiated: from its source, or not at all
// (nil: calls of it may stay calls, and an active one is refused).
// Package math keeps its built-in rules.
func (c *checker) foreignRule(fn *types.Func) *ir.CallRule {
	if r := c.calls.named[ruleKey(fn)]; r != nil {
		return r
	}
	if fn.Pkg().Path() == "math" || !numericParams(fn.Signature()) {
		return nil
	}
	cs := c.calls.foreign.callees(c.calls, fn.Pkg().Path())
	if cs == nil {
		return nil
	}
	obj := lookupFunc(cs.pkg, fn)
	if obj == nil {
		return nil
	}
	if r := cs.derived[obj]; r != nil {
		return r
	}
	fd := cs.decls[obj]
	if fd == nil {
		switch {
		case !fn.Exported():
			// The output can neither call it nor copy it.
			return &ir.CallRule{Twin: true, Foreign: true, Source: calleeName(fn, c.calls.home),
				Err: "it is unexported and has no Go body (assembly?), so the generated code cannot call it; write a //godiff:rule for the exported function that calls it"}
		case !importable(c.calls.home.Path(), fn.Pkg().Path()):
			return &ir.CallRule{Twin: true, Foreign: true, Source: calleeName(fn, c.calls.home),
				Err: "it has no Go body (assembly?) and is in an internal package, so the generated code can neither copy nor call it; write a //godiff:rule for the exported function that calls it"}
		}
		return nil
	}
	return cs.check.derive(obj, fd)
}

// numericParams reports whether sig takes a float, a slice or a struct
// (its receiver too), the arguments a derivative can flow through.
func numericParams(sig *types.Signature) bool {
	vars := []*types.Var{}
	if r := sig.Recv(); r != nil {
		vars = append(vars, r)
	}
	for i := range sig.Params().Len() {
		vars = append(vars, sig.Params().At(i))
	}
	for _, v := range vars {
		t := v.Type()
		if isDifferentiable(t) {
			return true
		}
		if _, ok := t.Underlying().(*types.Slice); ok {
			return true
		}
		if named, _, _ := namedStruct(t); named != nil {
			return true // its fields may be
		}
	}
	return false
}

// namable returns the package path the generated code names obj by, ""
// for the output's own package, and whether it can name it at all: an
// unexported name of another package it cannot, nor a name of an internal
// package it may not import.
func (c *checker) namable(obj types.Object) (string, bool) {
	if c.isHome(obj.Pkg()) {
		return "", true
	}
	path := obj.Pkg().Path()
	return path, obj.Exported() && importable(c.calls.home.Path(), path)
}

// importable reports whether package from may import path: path has no
// internal element, or from lies under its parent.
func importable(from, path string) bool {
	i := strings.LastIndex(path, "/internal/")
	switch {
	case strings.HasSuffix(path, "/internal"):
		i = len(path) - len("/internal")
	case strings.HasPrefix(path, "internal/") || path == "internal":
		return false
	case i < 0:
		return true
	}
	parent := path[:i]
	return from == parent || strings.HasPrefix(from, parent+"/")
}
