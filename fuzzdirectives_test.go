package godiff

import (
	"bytes"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"
	"testing"
)

// Edits of FuzzMutate that add the directives of checkpointing and second
// order: a //godiff:checkpoint line, with or without an option, before a
// loop (or, now and then, before another statement), and //godiff:hvp
// and //godiff:hessian on an annotated function, on all its parameters
// or a few. godiff must generate them exactly or refuse them at a
// position; the edits write text, since go/ast places a new comment
// where its position says and not where the edit means.

// checkpointOptions are the options insertCheckpoint writes: none, the
// three schemes at small counts and budgets in each unit, and a few that
// godiff must refuse with a position (zero, a budget below one state,
// two options, a misspelling).
var checkpointOptions = []string{
	"", "", "-every=1", "-every=2", "-every=3", "-snapshots=1", "-snapshots=2", "-snapshots=3", "-snapshots=10",
	"-memory=64", "-memory=100B", "-memory=1kB", "-memory=1KiB", "-memory=1MB",
	"-every=0", "-memory=8", "-snapshots=2 -every=2", "-snapshot=2", "-memory=1XB",
}

// insertCheckpoint writes //godiff:checkpoint with an option the choices
// pick on the line before a for statement of the function, or, one time
// in eight, before another statement.
func (m *mutation) insertCheckpoint() bool {
	var at []ast.Stmt
	stray := m.c.next(8) == 0
	ast.Inspect(m.fn.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			at = append(at, n.(ast.Stmt))
		case *ast.AssignStmt, *ast.IfStmt, *ast.ReturnStmt:
			if stray {
				at = append(at, n.(ast.Stmt))
			}
		}
		return true
	})
	s, ok := pick(m, at)
	if !ok {
		return false
	}
	line := "//godiff:checkpoint"
	if opt := checkpointOptions[m.c.next(len(checkpointOptions))]; opt != "" {
		line += " " + opt
	}
	return m.insertLine(s.Pos(), line)
}

// insertHessian writes //godiff:hvp, //godiff:hessian or both after the
// directives of an annotated function, on the parameters of its first
// directive (no names), or on a random few of its float64 and []float64
// parameters.
func (m *mutation) insertHessian() bool {
	if !annotatedFunc(m.fn) {
		return false
	}
	var names []string
	if m.c.next(2) == 1 {
		for _, f := range m.fn.Type.Params.List {
			t := m.typeOf(f.Type)
			sl, isSlice := t.(*types.Slice)
			if !isFloat64(t) && !(isSlice && isFloat64(sl.Elem())) {
				continue
			}
			for _, n := range f.Names {
				if n.Name != "_" && m.c.next(3) != 0 {
					names = append(names, n.Name)
				}
			}
		}
	}
	wrt := ""
	if len(names) > 0 {
		wrt = " " + strings.Join(names, " ")
	}
	var lines []string
	switch m.c.next(3) {
	case 0:
		lines = []string{"//godiff:hvp" + wrt}
	case 1:
		lines = []string{"//godiff:hessian" + wrt}
	default:
		lines = []string{"//godiff:hvp" + wrt, "//godiff:hessian" + wrt}
	}
	return m.insertLine(m.fn.Type.Func, strings.Join(lines, "\n"))
}

// insertLine writes text as lines of their own just before the line of
// pos, indented as that line, into the program's source: m.text.
func (m *mutation) insertLine(pos token.Pos, text string) bool {
	off := m.fset.Position(pos).Offset
	if off < 0 || off > len(m.src) {
		return false
	}
	start := bytes.LastIndexByte(m.src[:off], '\n') + 1
	indent := m.src[start:off]
	if len(bytes.TrimLeft(indent, " \t")) != 0 {
		return false // pos is not the first thing on its line
	}
	var b bytes.Buffer
	b.Write(m.src[:start])
	for _, l := range strings.Split(text, "\n") {
		b.Write(indent)
		b.WriteString(l)
		b.WriteByte('\n')
	}
	b.Write(m.src[start:])
	m.text = b.Bytes()
	return true
}

// TestDirectiveEdits shows that FuzzMutate's new edits reach godiff: on
// every seed with a loop in its first annotated function, the checkpoint
// edit writes //godiff:checkpoint before it and the program still
// type-checks, and on every seed with an annotated function the Hessian
// edit adds both directives.
func TestDirectiveEdits(t *testing.T) {
	idx := func(f func(*mutation) bool) byte {
		for i, e := range edits {
			if reflect.ValueOf(e).Pointer() == reflect.ValueOf(f).Pointer() {
				return byte(i)
			}
		}
		t.Fatal("edit not in the list")
		return 0
	}
	ck, hs := idx((*mutation).insertCheckpoint), idx((*mutation).insertHessian)
	cases := []struct {
		name string
		ops  []byte // one step, the edit, the first function, its choices
		want string
	}{
		{"checkpoint", []byte{0, ck, 0, 1, 0, 2}, "//godiff:checkpoint -every=1\n"},
		{"checkpoint-memory", []byte{0, ck, 0, 1, 0, 9}, "//godiff:checkpoint -memory=64\n"},
		{"hessian", []byte{0, hs, 0, 0, 2}, "//godiff:hvp\n//godiff:hessian\nfunc "},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			edited := 0
			for _, src := range fuzzSeeds(t) {
				out := mutate(src, tc.ops)
				if bytes.Equal(out, src) {
					continue
				}
				if !bytes.Contains(out, []byte(tc.want)) {
					t.Fatalf("the edit did not write %q:\n%s", tc.want, out)
				}
				if typeCheckSource(out) == nil {
					t.Fatalf("the edited program does not type-check:\n%s", out)
				}
				edited++
			}
			if edited < 20 {
				t.Errorf("the edit changed %d seeds, want at least 20", edited)
			}
		})
	}
}
