package emit

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/godiff/godiff/ir"
)

// runs call functions of the cases above on given arguments, both as
// generated Go and in the IR's interpreter, which must agree: the results,
// and the slice arguments after the call. This checks what the exact
// expected outputs cannot: that inlining, declarations and control flow
// keep the IR's meaning.
var runs = []struct {
	caseName string // a funcCases or fileCases name
	fn       string // the function called, for a file case
	args     [][]any
}{
	{caseName: "a loop with an accumulator", args: [][]any{{[]float64{1, 2, 3.5}}, {[]float64{}}}},
	{caseName: "a range loop reading its index, and compound stores", args: [][]any{{2.0, []float64{1, 2}, []float64{10, 20}}}},
	{caseName: "a range over an int with an unused index", args: [][]any{{1.5, 3}, {1.5, 0}}},
	{caseName: "nested loops with labeled break and continue", args: [][]any{
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3},
		{[]float64{1, 0, 3, 4, 5, 6, -7, 8, 9}, 3, 3},
	}},
	{caseName: "an unlabeled outer loop gets a fresh label", args: [][]any{{4, 0.5}, {1, 20.0}}},
	{caseName: "an if else-if chain setting a variable", args: [][]any{{3.0}, {-2.0}, {0.0}}},
	{caseName: "returns in both branches, and unreachable code is left out", args: [][]any{{-3.0}, {2.0}}},
	{caseName: "a value read before a set and used after it is declared", args: [][]any{{3.0}}},
	{caseName: "a value defined outside a loop and used inside is declared outside", args: [][]any{{[]float64{1, 2, 3}, 2.0, 0.5}}},
	{caseName: "a post block of sets is a parallel assignment", args: [][]any{{[]float64{1, 2, 3, 4, 5, 6, 7}}, {[]float64{}}}},
	{caseName: "loops with a condition only and with none", args: [][]any{{10.0, 2.0}}},
	{caseName: "a condition is written in place on each iteration, duplicating what it reads twice", args: [][]any{{[]float64{0.5, 0.25, 2, 0.5}}}},
	{caseName: "a variable declared in branches or a loop's init and read after is declared before", args: [][]any{{1.5, 4}, {-1.0, 3}}},
	{caseName: "logic operators keep the tree", args: [][]any{{true, false, true, 1.0, 2.0}, {false, true, false, 2.0, 2.0}}},
	{caseName: "slices: make, literals, subslices, copy and len", args: [][]any{{[]float64{1, 2, 3, 4}, 2}, {[]float64{1, 2, 3, 4, 5, 6}, 1}}},
	{caseName: "arrays", args: [][]any{{2.0, 3.0}}},
	{caseName: "an array variable is written as itself, a copy of it declared", args: [][]any{{2.0, 3.0}}},
	{caseName: "float32 and int64 variables get their types", args: [][]any{{int64(3)}}},
	{caseName: "accumulation through the address of a variable", args: [][]any{{3.0}}},
	{caseName: "split form: a tape, forward and backward functions, and calls of them", fn: "LossGrad", args: [][]any{{[]float64{1, 2, 3}, 0.5}}},
	{caseName: "split form: a tape, forward and backward functions, and calls of them", fn: "LossValueAndDx", args: [][]any{{[]float64{-1, 4}, 1.5}}},
	{caseName: "split form: a tape, forward and backward functions, and calls of them", fn: "LossSteps", args: [][]any{{[]float64{1, 2, 3, 4}, 2.0}}},
}

func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	var funcs []*ir.Func
	var calls, want strings.Builder
	for i, r := range runs {
		fs, entry := runFuncs(t, r.caseName, r.fn, i)
		funcs = append(funcs, fs...)
		byName := make(map[string]*ir.Func)
		for _, f := range fs {
			byName[f.Name] = f
		}
		for _, args := range r.args {
			calls.WriteString(goCall(entry, args))
			want.WriteString(evalCall(t, byName, entry, args))
		}
	}
	src, err := File(FileSpec{Package: "main", Funcs: funcs})
	if err != nil {
		t.Fatal(err)
	}
	main := "package main\n\nimport \"fmt\"\n\nfunc main() {\n" + calls.String() + "}\n"
	got := goRun(t, map[string]string{"gen.go": string(src), "main.go": main})
	if got != want.String() {
		t.Errorf("generated code printed:\n%s\nthe IR's interpreter:\n%s\nmain.go:\n%s\ngen.go:\n%s", got, want.String(), main, src)
	}
}

// runFuncs builds the functions of a case and returns them with the one
// called. A function case's function is renamed R<i>, so that cases share
// a file; a file case's functions have names of their own.
func runFuncs(t *testing.T, caseName, fn string, i int) ([]*ir.Func, *ir.Func) {
	t.Helper()
	for _, tc := range funcCases {
		if tc.name == caseName {
			f := tc.build()
			f.Name = "R" + strconv.Itoa(i+1)
			return []*ir.Func{f}, f
		}
	}
	for _, tc := range fileCases {
		if tc.name == caseName {
			fs := tc.build()
			for _, f := range fs {
				f.Name += strconv.Itoa(i + 1)
				f.Walk(func(v *ir.Value) {
					if c, ok := v.Aux.(ir.Callee); ok && v.Op == ir.OpInvoke {
						v.Aux = ir.Callee{Path: c.Path, Name: c.Name + strconv.Itoa(i+1)}
					}
				})
				if f.Tape != nil && !strings.HasSuffix(f.Tape.Name, strconv.Itoa(i+1)) {
					f.Tape.Name += strconv.Itoa(i + 1)
				}
			}
			for _, f := range fs {
				if f.Name == fn+strconv.Itoa(i+1) {
					return fs, f
				}
			}
		}
	}
	t.Fatalf("no case %q with a function %q", caseName, fn)
	return nil, nil
}

// goCall returns a block of Go calling f on args and printing its name,
// its results and its slice arguments after the call.
func goCall(f *ir.Func, args []any) string {
	var sb strings.Builder
	sb.WriteString("\t{\n")
	names := make([]string, len(args))
	for i, a := range args {
		names[i] = "a" + strconv.Itoa(i)
		fmt.Fprintf(&sb, "\t\t%s := %s\n", names[i], goLiteral(f.Params[i].Type, a))
	}
	call := f.Name + "(" + strings.Join(names, ", ") + ")"
	printed := []string{strconv.Quote(f.Name)}
	if len(f.Results) > 0 {
		var rs []string
		for i := range f.Results {
			rs = append(rs, "r"+strconv.Itoa(i))
		}
		call = strings.Join(rs, ", ") + " := " + call
		printed = append(printed, rs...)
	}
	for i, a := range args {
		if _, ok := a.([]float64); ok {
			printed = append(printed, names[i])
		}
	}
	fmt.Fprintf(&sb, "\t\t%s\n\t\tfmt.Println(%s)\n\t}\n", call, strings.Join(printed, ", "))
	return sb.String()
}

// goLiteral writes an argument as a Go expression of type t.
func goLiteral(t ir.Type, a any) string {
	switch a := a.(type) {
	case []float64:
		elems := make([]string, len(a))
		for i, x := range a {
			elems[i] = strconv.FormatFloat(x, 'g', -1, 64)
		}
		return "[]float64{" + strings.Join(elems, ", ") + "}"
	case float64:
		return t.String() + "(" + strconv.FormatFloat(a, 'g', -1, 64) + ")"
	case int:
		return t.String() + "(" + strconv.Itoa(a) + ")"
	case int64:
		return t.String() + "(" + strconv.FormatInt(a, 10) + ")"
	}
	return fmt.Sprint(a)
}

// evalCall runs f on args in the interpreter and returns the line the
// generated code must print.
func evalCall(t *testing.T, funcs map[string]*ir.Func, f *ir.Func, args []any) string {
	t.Helper()
	in := make([]any, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case []float64:
			in[i] = ir.FloatSlice(append([]float64(nil), a...))
		case int:
			in[i] = int64(a)
		default:
			in[i] = a
		}
	}
	out, err := ir.EvalWith(funcs, f, in...)
	if err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	printed := []any{f.Name}
	for i, x := range out {
		printed = append(printed, printable(f.Results[i].Type, x))
	}
	for _, x := range in {
		if s, ok := x.(ir.SliceVal); ok {
			printed = append(printed, s.Floats())
		}
	}
	return fmt.Sprintln(printed...)
}

// printable converts an interpreter value to the Go value that prints the
// same: a float32 is held in a float64, a slice in a SliceVal.
func printable(t ir.Type, x any) any {
	switch {
	case t == ir.Float32:
		return float32(x.(float64))
	case ir.IsSlice(t):
		return x.(ir.SliceVal).Floats()
	}
	return x
}

// goRun writes files into a fresh module and returns what go run prints.
func goRun(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module x\n\ngo 1.26\n"
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "run", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s\n%s", err, out, files["gen.go"])
	}
	return string(out)
}
