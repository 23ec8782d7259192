package explain

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/godiff/godiff/graph"
	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/parse"
)

// TestExplainEveryGolden explains every annotated function of godiff's
// golden inputs (../testdata/golden), in both modes, at made-up values:
// explain must say something about each, never fail on its own (an
// internal error, an op of the derivatives the interpreter cannot run),
// and say the same on a second run. A function may fail at the values (an
// index out of range): that is the function's error, positioned.
func TestExplainEveryGolden(t *testing.T) {
	paths, err := filepath.Glob("../testdata/golden/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	module := t.TempDir()
	if err := os.WriteFile(filepath.Join(module, "go.mod"), []byte("module example.com/golden\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Every input first, then one load for them all: loading is the
	// slow part.
	var srcs []string
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		src := filepath.Join(module, name, "input.go")
		for _, f := range ar.Files {
			if f.Name == "input.go" {
				if err := os.MkdirAll(filepath.Dir(src), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(src, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				srcs = append(srcs, src)
			}
		}
	}
	explainEvery(t, srcs, true)
}

// TestExplainEveryPackage explains, as TestExplainEveryGolden does, every
// annotated function of the examples and the internal test packages,
// whose derivatives hold every form reverse mode writes: calls sharing a
// callee's tape (records, sites held by value and through a pointer),
// scratch buffers, mutual recursion.
func TestExplainEveryPackage(t *testing.T) {
	// The sources of the committed derivatives: x.go beside x_godiff.go.
	var srcs []string
	for _, dir := range []string{"../examples/*", "../internal/*", "../internal/adbench/*"} {
		gen, err := filepath.Glob(dir + "/*_godiff.go")
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range gen {
			srcs = append(srcs, strings.TrimSuffix(g, "_godiff.go")+".go")
		}
	}
	if len(srcs) < 20 {
		t.Fatalf("found %d sources: %v", len(srcs), srcs)
	}
	explainEvery(t, srcs, false)
}

// endingArgs are values for the functions whose loops do not end at
// made-up ones: DebugLoop's ends once r passes 100, which from 0.3 it
// never does (explain would say so, but only after the interpreter's
// millions of steps).
var endingArgs = map[string][]any{"DebugLoop": {3.0}}

// explainEvery explains every annotated function of the files srcs in
// both modes at made-up values (see TestExplainEveryGolden).
func explainEvery(t *testing.T, srcs []string, drawToo bool) {
	t.Helper()
	files, errs := parse.LoadEach(srcs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for k, f := range files {
		t.Run(filepath.Base(filepath.Dir(srcs[k]))+"/"+filepath.Base(srcs[k]), func(t *testing.T) {
			for _, target := range f.Targets {
				args := madeUp(target.Func)
				if a, ok := endingArgs[funcName(target.Func)]; ok {
					args = a
				}
				for _, mode := range []Mode{Reverse, Forward} {
					first, err := explainOnce(target, f.Targets, args, mode)
					if first == skipped {
						continue
					}
					if err != nil && !ownError(err) {
						t.Errorf("%s, mode %d: %v", funcName(target.Func), mode, err)
						continue
					}
					if err == nil && !strings.Contains(first, "Forward pass") {
						t.Errorf("%s, mode %d: no forward pass in\n%s", funcName(target.Func), mode, first)
					}
					if again, _ := explainOnce(target, f.Targets, args, mode); again != first {
						t.Errorf("%s, mode %d: a second run printed something else", funcName(target.Func), mode)
					}
					if mode == Reverse && drawToo {
						drawOnce(t, target, f.Targets, args, err)
					}
				}
			}
		})
	}
}

// drawOnce draws the graph of a target (godiff graph) at args, where
// explain ran with error explained: it must draw where explain ran, in
// every format, and say the same error where explain failed.
func drawOnce(t *testing.T, target *parse.Target, others []*parse.Target, args []any, explained error) {
	t.Helper()
	fresh := make([]any, len(args))
	for i, a := range args {
		fresh[i] = copyValue(a)
	}
	g, err := graphOf(target, others, fresh, Options{Digits: 4})
	switch {
	case (err == nil) != (explained == nil):
		t.Errorf("%s: graph says %v where explain says %v", funcName(target.Func), err, explained)
		return
	case err != nil:
		return
	}
	for name, write := range map[string]func(io.Writer, *graph.Graph) error{"dot": graph.WriteDOT, "mermaid": graph.WriteMermaid, "svg": graph.WriteSVG, "tree": graph.WriteTree} {
		var out bytes.Buffer
		if err := write(&out, g); err != nil || out.Len() == 0 {
			t.Errorf("%s: %s: %v", funcName(target.Func), name, err)
		}
	}
}

// ownError reports whether err is the function's own at the values (a
// guard's panic, an index out of range) or a rule godiff cannot run (one
// written by hand): anything else, the interpreter failing on code godiff
// derived (an op it cannot run), is explain's failure.
func ownError(err error) bool {
	for _, s := range []string{"program panicked", "out of range", "divide by zero", "written by hand", "at smaller values"} {
		if strings.Contains(err.Error(), s) && !strings.Contains(err.Error(), "internal error") {
			return true
		}
	}
	return false
}

// skipped is what explainOnce returns for a function reverse mode does
// not explain: one of several results, or none.
const skipped = "(skipped)"

// explainOnce explains a target in a mode, at fresh copies of args.
func explainOnce(target *parse.Target, others []*parse.Target, args []any, mode Mode) (string, error) {
	var out bytes.Buffer
	fresh := make([]any, len(args))
	for i, a := range args {
		fresh[i] = copyValue(a)
	}
	var err error
	switch {
	case mode == Forward:
		err = explainForward(&out, target, others, fresh, Options{Digits: 6})
	case len(target.Func.Results) == 1 && ir.IsFloat(target.Func.Results[0].Type):
		err = explainReverse(&out, target, others, fresh, Options{Digits: 6})
	default:
		return skipped, nil // reverse mode explains a function of one float result
	}
	return out.String(), err
}

// madeUp returns values for f's parameters: floats a little apart, 2 for
// an integer, three elements for a slice.
func madeUp(f *ir.Func) []any {
	args := make([]any, len(f.Params))
	for i, p := range f.Params {
		args[i] = valueOf(p.Type, 0.3+0.1*float64(i))
	}
	return args
}

func valueOf(t ir.Type, x float64) any {
	switch t := t.(type) {
	case ir.Basic:
		switch {
		case ir.IsFloat(t):
			return x
		case ir.IsInteger(t):
			return int64(2)
		case t == ir.Bool:
			return true
		}
	case ir.Slice:
		return list(t.Elem, 3, x)
	case ir.Array:
		return list(t.Elem, t.Len, x)
	case ir.Pointer:
		if a, ok := t.Elem.(ir.Array); ok {
			return list(a.Elem, a.Len, x)
		}
	}
	return nil
}

func list(elem ir.Type, n int, x float64) ir.SliceVal {
	elems := make([]any, n)
	for i := range elems {
		elems[i] = valueOf(elem, x+0.25*float64(i)-0.4)
	}
	return ir.NewSlice(elems...)
}

// copyValue copies a made-up value: slices are written by the functions.
func copyValue(x any) any {
	s, ok := x.(ir.SliceVal)
	if !ok || s.IsNil() {
		return x
	}
	elems := make([]any, s.Len())
	for i := range elems {
		elems[i] = copyValue(s.At(i))
	}
	return ir.NewSlice(elems...)
}
