package analyzer

import (
	"go/ast"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/godiff/godiff"
	"github.com/godiff/godiff/emit"
)

// Analyzer reports what godiff would refuse in a package, misspelled
// directives, and generated files that are not current.
var Analyzer = &analysis.Analyzer{
	Name: "godiff",
	Doc: "report what godiff (source-to-source automatic differentiation) would refuse\n\n" +
		"The godiff analyzer reports annotated functions godiff cannot differentiate, " +
		"malformed or misspelled //godiff: directives, and generated _godiff.go files " +
		"that are not current against their sources.",
	Run: run,
}

func run(pass *analysis.Pass) (any, error) {
	reportTypos(pass)
	sources, outputs := classify(pass)
	if len(sources) == 0 {
		return nil, nil
	}
	opts := godiff.Options{Output: oneOutput(pass, outputs)}
	var paths []string
	for _, f := range sources {
		paths = append(paths, fileName(pass, f))
	}
	if opts.Output != "" {
		outs, err := godiff.Generate(paths, opts)
		report(pass, sources, outs, err, "-o "+filepath.Base(opts.Output)+" ")
		return nil, nil
	}
	// As go generate runs godiff: one file at a time, each reporting its
	// own functions' problems and checking its own output.
	for _, p := range paths {
		outs, err := godiff.Generate([]string{p}, opts)
		report(pass, sources, outs, err, "")
	}
	return nil, nil
}

// report reports the diagnostics of err, or else the outputs that are not
// current; flags are those of the godiff command that writes them.
func report(pass *analysis.Pass, sources []*ast.File, outs []godiff.Output, err error, flags string) {
	if err != nil {
		reportErrors(pass, sources, err)
		return
	}
	reportNotCurrent(pass, sources, outs, flags)
}

// classify returns the files of the package that are godiff's inputs and
// those godiff generated. An input is a file that is neither a test nor
// generated and has a //godiff: line or a generated file at its default
// output (which, its directives gone, is stale).
func classify(pass *analysis.Pass) (sources, outputs []*ast.File) {
	generated := make(map[string]bool)
	var others []*ast.File
	for _, f := range pass.Files {
		switch name := fileName(pass, f); {
		case strings.HasSuffix(name, "_test.go"):
		case generatedByGodiff(f):
			outputs = append(outputs, f)
			generated[name] = true
		default:
			others = append(others, f)
		}
	}
	for _, f := range others {
		if hasDirective(f) || generated[godiff.OutputPath(fileName(pass, f))] {
			sources = append(sources, f)
		}
	}
	return sources, outputs
}

// oneOutput returns the output of godiff -o, if the package was generated
// that way: its one godiff output that is not the default output of one of
// its files. It returns "" otherwise.
func oneOutput(pass *analysis.Pass, outputs []*ast.File) string {
	defaults := make(map[string]bool)
	for _, f := range pass.Files {
		defaults[godiff.OutputPath(fileName(pass, f))] = true
	}
	var others []string
	for _, f := range outputs {
		if name := fileName(pass, f); !defaults[name] {
			others = append(others, name)
		}
	}
	if len(others) == 1 {
		return others[0]
	}
	return ""
}

// fileName returns the name of f's file.
func fileName(pass *analysis.Pass, f *ast.File) string {
	return pass.Fset.File(f.Pos()).Name()
}

// generatedByGodiff reports whether f starts with godiff's header.
func generatedByGodiff(f *ast.File) bool {
	for _, g := range f.Comments {
		if g.Pos() > f.Package {
			break
		}
		for _, c := range g.List {
			if c.Text == emit.Header {
				return true
			}
		}
	}
	return false
}

// hasDirective reports whether a comment of f starts with //godiff:.
func hasDirective(f *ast.File) bool {
	for _, g := range f.Comments {
		for _, c := range g.List {
			if strings.HasPrefix(c.Text, "//godiff:") {
				return true
			}
		}
	}
	return false
}
