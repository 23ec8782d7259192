package testgen

import (
	"embed"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// tmplFiles is the checking code every test file copies: the files of
// package tmpl but its tests.
//
//go:embed tmpl/spec.go tmpl/check*.go
var tmplFiles embed.FS

// runtime returns the declarations of the checking code, each identifier's
// suffix _tmpl made _suffix, and the imports they use, sorted by path: an
// import whose name the package takes is renamed godiff<name> (see
// imported).
func runtime(suffix string, taken map[string]bool) (string, []imported, error) {
	entries, err := tmplFiles.ReadDir("tmpl")
	if err != nil {
		return "", nil, err
	}
	var b strings.Builder
	var imports []string
	for _, e := range entries {
		src, err := tmplFiles.ReadFile("tmpl/" + e.Name())
		if err != nil {
			return "", nil, err
		}
		decls, paths, err := declarations(e.Name(), src)
		if err != nil {
			return "", nil, err
		}
		b.WriteString(decls)
		for _, p := range paths {
			if !slices.Contains(imports, p) {
				imports = append(imports, p)
			}
		}
	}
	if !slices.Contains(imports, "testing") {
		imports = append(imports, "testing")
	}
	slices.Sort(imports)
	text := strings.ReplaceAll(b.String(), "_tmpl", "_"+suffix)
	var out []imported
	for _, p := range imports {
		im := imported{path: p, name: path.Base(p)}
		if taken[im.name] {
			text = renameQualifier(text, im.name, "godiff"+im.name)
			im.name = "godiff" + im.name
		}
		out = append(out, im)
	}
	return text, out, nil
}

// imported is an import of the test file.
type imported struct {
	path, name string // name: the package's own (the last element of path), or godiff<that>
}

// spec returns the import's line in the import block.
func (im imported) spec() string {
	if im.name == path.Base(im.path) {
		return strconv.Quote(im.path)
	}
	return im.name + " " + strconv.Quote(im.path)
}

// renameQualifier renames the package name old to new where it qualifies
// an identifier (old.X) in Go source: after a character that cannot end an
// identifier or a selector.
func renameQualifier(src, old, new string) string {
	re := regexp.MustCompile(`(^|[^\w.])` + regexp.QuoteMeta(old) + `\.`)
	return re.ReplaceAllString(src, "${1}"+new+".")
}

// declarations returns the text of a file after its imports (after its
// package clause if it has none), and the paths it imports.
func declarations(name string, src []byte) (string, []string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return "", nil, fmt.Errorf("testgen: the checking code does not parse: %v", err)
	}
	end := f.Name.End()
	var paths []string
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			end = g.End()
			for _, s := range g.Specs {
				p, _ := strconv.Unquote(s.(*ast.ImportSpec).Path.Value)
				paths = append(paths, p)
			}
		}
	}
	return string(src[fset.Position(end).Offset:]), paths, nil
}

// Suffix returns the suffix of the declarations of the test file of the
// output at path: its base name without .go and _godiff, every character
// that cannot be in an identifier made _.
func Suffix(path string) string {
	base := path[strings.LastIndexAny(path, `/\`)+1:]
	base = strings.TrimSuffix(strings.TrimSuffix(base, ".go"), "_godiff")
	return strings.Map(func(r rune) rune {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, base)
}
