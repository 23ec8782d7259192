package srcgen

import (
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var (
	flagReduce  = flag.Bool("srcgen.reduce", false, "TestReduce shrinks the failing program -srcgen.func")
	flagVariant = flag.String("srcgen.variant", "", "TestReduce keeps only this variant of the program: K (checkpointed) or H (Hessian)")
)

// TestReduce shrinks program -srcgen.func of -srcgen.seed while it fails
// the same way (same outcome, same first line of the message with names
// and numbers blanked), deleting lines and blocks and unwrapping blocks,
// and prints the smallest source found: a minimal reproducer for a bug
// report. It runs only with -srcgen.reduce.
//
//	go test ./internal/srcgen -run TestReduce -srcgen.reduce -srcgen.seed=1 -srcgen.func=11 -v
func TestReduce(t *testing.T) {
	if !*flagReduce {
		t.Log("-srcgen.reduce not set: nothing to do")
		return
	}
	if *flagFunc < 0 {
		t.Fatal("-srcgen.reduce needs -srcgen.func")
	}
	cfg := testConfig(t)
	f := funcAt(*flagSeed, *flagFunc, cfg)
	if *flagVariant != "" {
		// Shrink the variant's failure alone, without the others.
		f.Variants = slices.DeleteFunc(f.Variants, func(v *Variant) bool { return v.Name != f.Name+*flagVariant })
	}
	dir := t.TempDir()
	n := 0
	check := func(decls string) *result {
		n++
		g := &Func{Name: f.Name, Params: f.Params, Results: f.Results, Decls: decls}
		g.Variants = Rederive(f, g)
		return runBatch(filepath.Join(dir, fmt.Sprint(n)), *flagSeed, *flagFunc, []*Func{g})[0]
	}
	first := check(f.Decls)
	if !first.failure() {
		t.Fatalf("program %d does not fail: %s", *flagFunc, first.out)
	}
	class := func(r *result) string {
		msg := firstLine(r.msg)
		if r.out == noncompile {
			// The compiler's first complaint about godiff's output.
			for _, l := range strings.Split(r.msg, "\n") {
				if strings.Contains(l, "a_godiff.go:") {
					msg = l[strings.Index(l, "a_godiff.go:"):]
					break
				}
			}
		}
		return r.out.String() + " " + normalizeRE.ReplaceAllString(msg, "#")
	}
	want := class(first)
	t.Logf("reducing %s", want)
	cur := f.Decls
	for changed := true; changed; {
		changed = false
		for _, cand := range candidates(cur) {
			if !strings.Contains(cand, "func "+f.Name+"(") {
				continue // the annotated function must stay
			}
			r := check(cand)
			if class(r) == want {
				cur, changed = cand, true
				fmt.Fprintf(os.Stderr, "srcgen: reduced to %d lines after %d checks\n", strings.Count(cur, "\n"), n)
				break
			}
		}
	}
	r := check(cur)
	t.Logf("after %d checks:\n%s\n%s", n, r.msg, (&Func{Decls: cur}).Source("main"))
}

// candidates returns smaller versions of decls, largest cuts first:
// a whole block deleted, a block unwrapped, one line deleted. Only those
// that parse are returned.
func candidates(decls string) []string {
	lines := strings.Split(decls, "\n")
	var out []string
	try := func(ls []string) {
		src := strings.Join(ls, "\n")
		if b, err := format.Source([]byte("package p\n" + src)); err == nil && typeChecks(string(b)) {
			out = append(out, strings.TrimPrefix(string(b), "package p\n"))
		}
	}
	for i, l := range lines {
		if !strings.HasSuffix(l, "{") {
			continue
		}
		end := closing(lines, i)
		if end < 0 {
			continue
		}
		try(cut(lines, i, end+1)) // delete the block
		unwrapped := append(append(append([]string(nil), lines[:i]...), lines[i+1:end]...), lines[end+1:]...)
		try(unwrapped) // unwrap it
	}
	for i, l := range lines {
		if strings.TrimSpace(l) == "" || strings.HasSuffix(l, "{") || strings.TrimSpace(l) == "}" || strings.HasPrefix(l, "//godiff:") {
			continue
		}
		try(cut(lines, i, i+1))
	}
	return out
}

func cut(lines []string, i, j int) []string {
	return append(append([]string(nil), lines[:i]...), lines[j:]...)
}

// closing returns the line of the } that closes the block opened on line
// i, by gofmt's indentation, or -1.
func closing(lines []string, i int) int {
	ind := lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], "\t"))]
	for j := i + 1; j < len(lines); j++ {
		if strings.HasPrefix(lines[j], ind+"}") {
			return j
		}
		if strings.TrimSpace(lines[j]) != "" && !strings.HasPrefix(lines[j], ind+"\t") && !strings.HasPrefix(lines[j], ind+"case") && !strings.HasPrefix(lines[j], ind+"default") {
			return -1
		}
	}
	return -1
}

var sourceImporter = importer.ForCompiler(token.NewFileSet(), "source", nil)

// typeChecks reports whether src, a file of package p, is valid Go: a
// reduction must stay a program the compiler accepts.
func typeChecks(src string) bool {
	src = strings.Replace(src, "package p\n", "package p\n\n"+imports(src), 1)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "a.go", src, 0)
	if err != nil {
		return false
	}
	conf := types.Config{Importer: sourceImporter}
	_, err = conf.Check("p", fset, []*ast.File{f}, nil)
	return err == nil
}
