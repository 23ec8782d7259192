package godiff

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"
)

// fuzzSeeds returns the seed corpus of the fuzz targets: the input of every
// golden file, every annotated source file of internal/ and examples/, and,
// cut out of each of them, every annotated function alone with the
// declarations it uses. Lines with //go: directives other than //go:build
// are dropped (fuzzSkip would skip the file). Files larger than
// maxFuzzSource are kept only as their cut-outs.
func fuzzSeeds(tb testing.TB) [][]byte {
	seedsOnce.Do(func() { seedList, seedErr = readSeeds() })
	if seedErr != nil {
		tb.Fatal(seedErr)
	}
	return seedList
}

var (
	seedsOnce sync.Once
	seedList  [][]byte
	seedErr   error
)

func readSeeds() ([][]byte, error) {
	var files [][]byte
	goldens, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil || len(goldens) == 0 {
		return nil, fmt.Errorf("no golden files: %v", err)
	}
	for _, g := range goldens {
		ar, err := txtar.ParseFile(g)
		if err != nil {
			return nil, err
		}
		for _, f := range ar.Files {
			if f.Name == "input.go" {
				files = append(files, f.Data)
			}
		}
	}
	sources, err := filepath.Glob("internal/*/*.go")
	if err != nil {
		return nil, err
	}
	examples, err := filepath.Glob("examples/*/*.go")
	if err != nil {
		return nil, err
	}
	for _, p := range append(sources, examples...) {
		if strings.HasSuffix(p, "_test.go") || strings.HasSuffix(p, "_godiff.go") {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		if bytes.Contains(src, []byte("//godiff:")) {
			files = append(files, src)
		}
	}
	var seeds [][]byte
	for _, src := range files {
		src = dropGoDirectives(src)
		if len(src) <= maxFuzzSource {
			seeds = append(seeds, src)
		}
		seeds = append(seeds, cutOuts(src)...)
	}
	// Cut-outs of a one-function file are the file again.
	slices.SortStableFunc(seeds, bytes.Compare)
	return slices.CompactFunc(seeds, bytes.Equal), nil
}

// fuzzing reports whether this run is fuzzing (go test -fuzz), rather than
// replaying the seed corpus as a test.
func fuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}

// replaySeeds is how many seeds a plain go test replays per fuzz target:
// each costs a few go list runs, and the full corpus is for fuzzing.
const replaySeeds = 6

// flagBaseline cuts the seeds a fuzzing run starts from: go test -fuzz
// runs every seed before its first mutation (its baseline), and all of
// them take longer than 10 minutes.
var flagBaseline = flag.Int("fuzz.baseline", 0, "when fuzzing, how many seeds, spread evenly over them all, the fuzzer's baseline runs (0: all); FuzzMutate's mutations still pick among them all")

// addSeeds adds seeds to f's corpus, each through add with its index in
// fuzzSeeds: all of them when fuzzing (-fuzz.baseline of them if set),
// otherwise replaySeeds of them, spread evenly over the corpus.
func addSeeds(f *testing.F, add func(i int, src []byte)) {
	seeds := fuzzSeeds(f)
	n := len(seeds)
	switch {
	case !fuzzing():
		n = min(replaySeeds, n)
	case *flagBaseline > 0:
		n = min(*flagBaseline, n)
	}
	for k := range n {
		// The index in the whole corpus: FuzzMutate's pick indexes it.
		i := k * len(seeds) / n
		add(i, seeds[i])
	}
}

var goDirective = regexp.MustCompile(`(?m)^//go:(generate|embed)\b.*\n`)

// dropGoDirectives removes //go:generate and //go:embed lines.
func dropGoDirectives(src []byte) []byte { return goDirective.ReplaceAll(src, nil) }

// cutOuts returns, for each function of src with a //godiff: directive,
// a file of src's package holding that function, the declarations it uses
// (by name, transitively: types, constants, variables, helpers, methods of
// the types it uses whose names it mentions, the custom rules of the
// functions among them) and the imports those use.
func cutOuts(src []byte) [][]byte {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "seed.go", src, parser.ParseComments)
	if err != nil {
		return nil
	}
	decls := declsOf(file)
	var out [][]byte
	for i, d := range decls {
		if d.directive && d.rule == "" {
			out = append(out, cutOut(fset, file, src, decls, i))
		}
	}
	return out
}

// seedDecl is one top-level declaration of a seed file.
type seedDecl struct {
	node      ast.Decl
	provides  []string        // the names it declares; "T.m" for a method m of T
	uses      map[string]bool // every identifier in it
	directive bool            // a function with a //godiff: line
	rule      string          // for a //godiff:rule f, f
}

func declsOf(file *ast.File) []*seedDecl {
	var decls []*seedDecl
	for _, n := range file.Decls {
		d := &seedDecl{node: n, uses: make(map[string]bool)}
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				d.uses[id.Name] = true
			}
			return true
		})
		switch n := n.(type) {
		case *ast.FuncDecl:
			name := n.Name.Name
			if n.Recv != nil && len(n.Recv.List) == 1 {
				name = recvTypeName(n.Recv.List[0].Type) + "." + name
			}
			d.provides = []string{name}
			if n.Doc != nil {
				for _, c := range n.Doc.List {
					if rest, ok := strings.CutPrefix(c.Text, "//godiff:"); ok {
						d.directive = true
						if r, ok := strings.CutPrefix(rest, "rule "); ok {
							d.rule = strings.TrimSpace(r)
						}
					}
				}
			}
		case *ast.GenDecl:
			if n.Tok == token.IMPORT {
				continue
			}
			for _, s := range n.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					d.provides = append(d.provides, s.Name.Name)
				case *ast.ValueSpec:
					for _, id := range s.Names {
						d.provides = append(d.provides, id.Name)
					}
				}
			}
		}
		decls = append(decls, d)
	}
	return decls
}

func recvTypeName(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

// cutOut builds the file of decls[root] and what it uses.
func cutOut(fset *token.FileSet, file *ast.File, src []byte, decls []*seedDecl, root int) []byte {
	keep := map[int]bool{root: true}
	used := make(map[string]bool)
	for changed := true; changed; {
		changed = false
		for k := range keep {
			for name := range decls[k].uses {
				used[name] = true
			}
		}
		for i, d := range decls {
			if keep[i] || !needed(d, used) {
				continue
			}
			keep[i] = true
			changed = true
		}
	}
	var b bytes.Buffer
	b.WriteString("package " + file.Name.Name + "\n")
	for _, imp := range file.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil || !used[importName(imp, p)] {
			continue
		}
		b.WriteString("\nimport " + string(src[fset.Position(imp.Pos()).Offset:fset.Position(imp.End()).Offset]) + "\n")
	}
	for i, d := range decls {
		if !keep[i] {
			continue
		}
		start := d.node.Pos()
		if fd, ok := d.node.(*ast.FuncDecl); ok && fd.Doc != nil {
			start = fd.Doc.Pos()
		}
		if gd, ok := d.node.(*ast.GenDecl); ok && gd.Doc != nil {
			start = gd.Doc.Pos()
		}
		b.WriteString("\n" + string(src[fset.Position(start).Offset:fset.Position(d.node.End()).Offset]) + "\n")
	}
	return b.Bytes()
}

// needed reports whether a declaration not yet kept is needed by the
// names used so far.
func needed(d *seedDecl, used map[string]bool) bool {
	if d.rule != "" { // f, or pkg.F for a function of another package
		return used[d.rule[strings.LastIndex(d.rule, ".")+1:]]
	}
	for _, p := range d.provides {
		if t, m, ok := strings.Cut(p, "."); ok {
			if used[t] && used[m] {
				return true
			}
		} else if used[p] {
			return true
		}
	}
	return false
}

var versionSuffix = regexp.MustCompile(`^v[0-9]+$`)

// importName returns the name an import declares in the file.
func importName(imp *ast.ImportSpec, p string) string {
	if imp.Name != nil {
		return imp.Name.Name
	}
	base := path.Base(p)
	if versionSuffix.MatchString(base) {
		base = path.Base(path.Dir(p))
	}
	return base
}
