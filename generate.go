package godiff

import (
	"fmt"
	"path/filepath"
	"strings"

	"godiff/emit"
	"godiff/forward"
	"godiff/ir"
	"godiff/parse"
	"godiff/reverse"
)

// Options adjusts a run.
type Options struct {
	// Output, if set, is the one file that receives every generated
	// function; by default each input x.go gets x_godiff.go beside it.
	Output string
}

// Output is one generated file.
type Output struct {
	Path    string   // where the file goes
	Sources []string // the input files it was generated from
	// Content is the file's Go source, or nil when its sources have no
	// directives, in which case an earlier godiff output there is stale.
	Content []byte
}

// Generate differentiates every annotated function of the given files and
// returns the files to write. A problem with the input is a parse.ErrorList
// holding every diagnostic of the run.
func Generate(paths []string, opts Options) ([]Output, error) {
	files, err := parse.Load(paths)
	if err != nil {
		return nil, err
	}
	if opts.Output != "" {
		return generateInto(files, opts.Output)
	}
	var outs []Output
	for _, f := range files {
		out, err := generateFile(OutputPath(f.Path), []*parse.File{f})
		if err != nil {
			return nil, err
		}
		outs = append(outs, out)
	}
	return outs, nil
}

// OutputPath returns the default output of a source file: net.go →
// net_godiff.go in the same directory.
func OutputPath(source string) string {
	return strings.TrimSuffix(source, ".go") + "_godiff.go"
}

// generateInto puts the functions of all files into one output, which must
// then be in their package.
func generateInto(files []*parse.File, path string) ([]Output, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(files[0].Path)
	for _, f := range files[1:] {
		if f.Package != files[0].Package || filepath.Dir(f.Path) != dir {
			return nil, fmt.Errorf("-o %s: %s and %s are in different packages; run godiff once per package", path, files[0].Path, f.Path)
		}
	}
	if !sameDir(filepath.Dir(abs), dir) {
		return nil, fmt.Errorf("-o %s: the output must be in the package's directory %s, beside its sources", path, dir)
	}
	out, err := generateFile(abs, files)
	if err != nil {
		return nil, err
	}
	return []Output{out}, nil
}

// sameDir reports whether a and b name the same directory, through
// symbolic links too.
func sameDir(a, b string) bool {
	if a == b {
		return true
	}
	ra, errA := filepath.EvalSymlinks(a)
	rb, errB := filepath.EvalSymlinks(b)
	return errA == nil && errB == nil && ra == rb
}

// generateFile builds one output from the annotated functions of files.
func generateFile(path string, files []*parse.File) (Output, error) {
	out := Output{Path: path}
	spec := emit.FileSpec{Package: files[0].Package, BuildConstraint: files[0].BuildConstraint}
	for _, f := range files {
		out.Sources = append(out.Sources, f.Path)
		for _, t := range f.Targets {
			gs, err := Derive(t.Func, t.Directives)
			if err != nil {
				// What a transform refuses is a diagnostic like parse's,
				// at the function.
				return Output{}, parse.ErrorList{{Pos: t.Pos, Msg: err.Error()}}
			}
			spec.Funcs = append(spec.Funcs, gs...)
		}
	}
	if len(spec.Funcs) == 0 {
		return out, nil
	}
	content, err := emit.File(spec)
	if err != nil {
		return Output{}, fmt.Errorf("internal error emitting %s: %v", path, err)
	}
	out.Content = content
	return out, nil
}

// Derive builds the functions f's directives ask for, in order, and checks
// each with the IR verifier. Reverse-mode directives with the same split
// names (see parse.Directive) share one split form, built before the first
// of them.
func Derive(f *ir.Func, directives []parse.Directive) (out []*ir.Func, err error) {
	// A panic in a transform is a broken invariant, not the user's fault:
	// report it as an error naming the function rather than crash.
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("internal error differentiating %s (please report): %v", f.Name, r)
		}
	}()
	splits := make(map[reverse.Names]*reverse.Split)
	for _, d := range directives {
		var g *ir.Func
		switch d.Mode {
		case parse.Grad, parse.VJP:
			sp := splits[d.Split]
			if sp == nil {
				var err error
				sp, err = reverse.NewSplit(f, d.Wrt, d.Split)
				if err != nil {
					return nil, err
				}
				splits[d.Split] = sp
				out = append(out, sp.Forward, sp.Backward)
			}
			mode := reverse.Grad
			if d.Mode == parse.VJP {
				mode = reverse.VJP
			}
			g = sp.Wrapper(mode, d.Name)
		case parse.JVP:
			g = forward.Transform(f, d.Wrt, d.Name)
		default:
			return nil, fmt.Errorf("%v: unknown directive mode %v", d.Pos, d.Mode)
		}
		out = append(out, g)
	}
	for _, g := range out {
		if err := ir.Verify(g); err != nil {
			return nil, fmt.Errorf("internal error in a transform of %s (please report): %v", f.Name, err)
		}
	}
	return out, nil
}
