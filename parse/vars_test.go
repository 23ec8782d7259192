package parse

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"testing"
)

// TestSlotVars checks which variables live in an ir.Var: those assigned
// in a region other than their declaration's, those declared in a
// three-clause loop's init, and never slices.
func TestSlotVars(t *testing.T) {
	const src = `package p

func F(p, q float64, n int, s []float64) (r, unused float64) {
	straight := p   // reassigned in line: SSA
	straight *= 2
	straight++
	{
		straight = straight + q // a nested block runs in line
	}
	merged := 0.0 // set in both branches
	if p > 0 {
		merged = p
		inIf := 1.0 // declared and reassigned in the same branch: SSA
		inIf++
		_ = inIf
	} else {
		merged = q
	}
	acc := 0.0 // accumulated in a loop
	for i := 0; i < n; i++ { // i is declared in the init
		acc += float64(i)
		body := p // declared and reassigned in the body: SSA
		body *= 2
		_ = body
	}
	for j, limit := 0, n; j < limit; { // both declared in the init
		break
	}
	var key int
	for key = range n { // assigned by the range header
	}
	for k, v := range s {
		v *= 2 // the value variable, reassigned in line: SSA
		if k > 1 {
			k = 0 // the key, reassigned in a branch
		}
		_, _ = k, v
	}
	switch ix := n; ix {
	case 1:
		ix = 2 // a case is a region of its own
		q = 1  // a parameter assigned in a case
	}
	if init := p; init > 0 { // declared in line, by the if's init
		init = 2 // and assigned in its body
		_ = init
	}
	s2 := s
	_ = s2
	r = straight + merged + acc + float64(key) // a named result assigned in line: SSA
	return
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "a.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: make(map[*ast.Ident]types.Object), Uses: make(map[*ast.Ident]types.Object)}
	if _, err := new(types.Config).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	fd := f.Decls[0].(*ast.FuncDecl)
	sig := info.Defs[fd.Name].(*types.Func).Signature()
	var got []string
	for v := range slotVars(info, fd, sig) {
		got = append(got, v.Name())
	}
	slices.Sort(got)
	want := []string{"acc", "i", "init", "ix", "j", "k", "key", "limit", "merged", "q"}
	if !slices.Equal(got, want) {
		t.Errorf("slot variables %v, want %v", got, want)
	}
}
