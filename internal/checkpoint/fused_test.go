package checkpoint

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// TestFusedWhereItApplies checks, in the generated code, which
// checkpointed loops run each iteration's backward code in the forward
// sweep (fused: the forward function calls the body's backward function)
// and which run their iterations again in the backward sweep: a loop with
// one sum and work buffers nothing else reads is fused; several sums, a
// sum into memory, a work buffer read after the loop, a loop inside a
// loop and a loop saving its state (-every) are not. The derivatives of
// all of them are checked in TestSameAsRecorded and TestDerivatives.
func TestFusedWhereItApplies(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "funcs_godiff.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	calls := make(map[string][]string) // forward function → the functions it calls
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || !strings.HasSuffix(fd.Name.Name, "Forward") {
			continue
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				if id, ok := c.Fun.(*ast.Ident); ok {
					calls[fd.Name.Name] = append(calls[fd.Name.Name], id.Name)
				}
			}
			return true
		})
	}
	for _, c := range []struct {
		forward string
		fused   bool
	}{
		{"MixtureForward", true},
		{"LayerForward", true},
		{"LossForward", true}, // Model.Loss: a number and a slice of the receiver
		{"ScaledForward", true},
		{"BatchForward", false},     // two sums
		{"HistogramForward", false}, // a sum into memory
		{"TailForward", false},      // a work buffer read after the loop
		{"NestedForward", false},    // inside a loop
		{"OrbitForward", false},     // -every
		{"RowsForward", false},      // reads a slice of slices
	} {
		names, ok := calls[c.forward]
		if !ok {
			t.Errorf("%s: not in funcs_godiff.go", c.forward)
			continue
		}
		fused := false
		for _, n := range names {
			if strings.Contains(n, "Loop1") && strings.HasSuffix(n, "Backward") {
				fused = true
			}
		}
		if fused != c.fused {
			t.Errorf("%s calls %v: fused %v, want %v", c.forward, names, fused, c.fused)
		}
	}
}
