package parse

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/types"
	"slices"

	"golang.org/x/tools/go/packages"
)

// loadRoots loads the packages of patterns as packages.Load would with
// loadMode and cfg's overlay, but type-checks only those packages from
// source, against their imports' export data.
//
// go/packages cannot do that itself: as soon as a config has an overlay it
// distrusts every package's export data (compiled without the overlay) and
// type-checks the whole import graph from source, which made parsing the
// standard library most of a godiff run (about 600 files for a package
// that imports math). godiff's overlay changes files of the roots' own
// directory only (the generated files it empties and the declarations of
// generated functions it adds), so their imports' export data, compiled by
// go list and cached by the go command, is right. Loading is then two go
// list runs: the roots' files, syntax and imports with the overlay, and the
// imports' export data without it. The second starts at once, on the
// imports the directory's files name (see guessImports), and is run again
// after the first only if go list's answer names an import it missed.
func loadRoots(cfg *packages.Config, patterns ...string) ([]*packages.Package, error) {
	guessed := make(chan loadedImports, 1)
	go func() { guessed <- loadImports(cfg, guessImports(cfg.Dir)) }()
	rootCfg := *cfg
	rootCfg.Mode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
		packages.NeedSyntax | packages.NeedImports | packages.NeedModule | packages.NeedTypesSizes
	roots, err := packages.Load(&rootCfg, patterns...)
	imports := <-guessed
	if err != nil {
		return nil, err
	}
	if ids := importIDs(roots); imports.err != nil || !imports.hasAll(ids) {
		// One load for all of them: a type reached through two imports
		// must be one type.
		imports = loadImports(cfg, ids)
	}
	if imports.err != nil {
		return nil, imports.err
	}
	for _, pkg := range roots {
		typeCheck(pkg, imports.byID)
	}
	return roots, nil
}

// importIDs returns the sorted IDs of the packages the roots import that
// have export data (not unsafe nor cgo's C).
func importIDs(roots []*packages.Package) []string {
	var ids []string
	for _, pkg := range roots {
		for _, imp := range pkg.Imports {
			if hasExportData(imp.ID) && !slices.Contains(ids, imp.ID) {
				ids = append(ids, imp.ID)
			}
		}
	}
	slices.Sort(ids)
	return ids
}

// guessImports returns the import paths the non-test Go files of dir name
// under the build context of this process, which is normally go list's:
// outside the standard library's vendored packages an import path is its
// package's ID. A wrong guess costs time only (see loadRoots).
func guessImports(dir string) []string {
	bp, err := build.ImportDir(dir, 0)
	if err != nil {
		return nil
	}
	return slices.DeleteFunc(bp.Imports, func(path string) bool { return !hasExportData(path) })
}

// hasExportData reports whether the package id is loaded from export data:
// unsafe is built into the type checker and C is cgo's.
func hasExportData(id string) bool { return id != "unsafe" && id != "C" }

// loadedImports is the packages of one loadImports, keyed by ID.
type loadedImports struct {
	byID map[string]*packages.Package
	err  error
}

// hasAll reports whether every package of ids is loaded.
func (li loadedImports) hasAll(ids []string) bool {
	for _, id := range ids {
		if _, ok := li.byID[id]; !ok {
			return false
		}
	}
	return true
}

// loadImports loads the types of the packages ids, from export data, in
// one go/packages run, so that a type reached through two of them is one
// type.
func loadImports(cfg *packages.Config, ids []string) loadedImports {
	li := loadedImports{byID: make(map[string]*packages.Package)}
	if len(ids) == 0 {
		return li
	}
	depCfg := *cfg
	depCfg.Mode = packages.NeedName | packages.NeedTypes
	depCfg.Overlay = nil
	deps, err := packages.Load(&depCfg, ids...)
	if err != nil {
		return loadedImports{err: err}
	}
	for _, dep := range deps {
		li.byID[dep.ID] = dep
	}
	return li
}

// typeCheck type-checks pkg, whose syntax is loaded, against the imported
// packages, recording its type errors among its errors as go/packages does
// (parse and list errors are there already).
func typeCheck(pkg *packages.Package, imports map[string]*packages.Package) {
	pkg.Types = types.NewPackage(pkg.PkgPath, pkg.Name)
	pkg.TypesInfo = &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
	tc := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) { return importPackage(pkg, imports, path) }),
		Sizes:    pkg.TypesSizes,
		Error: func(err error) {
			if terr, ok := err.(types.Error); ok {
				pkg.TypeErrors = append(pkg.TypeErrors, terr)
				pkg.Errors = append(pkg.Errors, packages.Error{Pos: terr.Fset.Position(terr.Pos).String(), Msg: terr.Msg, Kind: packages.TypeError})
			}
		},
	}
	if pkg.Module != nil && pkg.Module.GoVersion != "" {
		tc.GoVersion = "go" + pkg.Module.GoVersion
	}
	// The errors reach tc.Error; the one Files returns is the first of them.
	_ = types.NewChecker(tc, pkg.Fset, pkg.Types, pkg.TypesInfo).Files(pkg.Syntax)
}

// importPackage is pkg's importer: path, as written in pkg's imports, is
// resolved to a package ID by go list's answer for pkg.
func importPackage(pkg *packages.Package, imports map[string]*packages.Package, path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	ref := pkg.Imports[path]
	if ref == nil {
		return nil, fmt.Errorf("no metadata for %s", path)
	}
	dep := imports[ref.ID]
	if dep == nil || dep.Types == nil {
		return nil, fmt.Errorf("no export data for %s", path)
	}
	return dep.Types, nil
}

// importerFunc is a types.Importer of one function.
type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
