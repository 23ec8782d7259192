package godiff_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"

	"github.com/godiff/godiff"
	"github.com/godiff/godiff/parse"
)

// Generate is the godiff command as a library: it differentiates the
// annotated functions of the files it is given, which must be in a module,
// and returns the files to write; Write writes them, and Check then finds
// every output current. A function godiff refuses comes back as a
// parse.ErrorList, one diagnostic per problem, at its position.
func ExampleGenerate() {
	dir, err := os.MkdirTemp("", "godiff-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "sq.go")
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/m\n\ngo 1.26\n"), 0o644)
	os.WriteFile(src, []byte(`package m

// Square is x².
//
//godiff:grad
func Square(x float64) float64 { return x * x }
`), 0o644)

	outs, err := godiff.Generate([]string{src}, godiff.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range outs {
		fmt.Println(filepath.Base(o.Path), "declares", declared(o.Content))
	}
	if _, err := godiff.Write(outs); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("not current after Write:", len(godiff.Check(outs)))

	// A parameter the function does not have is refused, at its position.
	os.WriteFile(src, []byte("package m\n\n//godiff:grad y\nfunc Square(x float64) float64 { return x * x }\n"), 0o644)
	_, err = godiff.Generate([]string{src}, godiff.Options{})
	var list parse.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Printf("%s:%d:%d: %s\n", filepath.Base(e.Pos.Filename), e.Pos.Line, e.Pos.Column, e.Msg)
		}
	}
	// Output:
	// sq_godiff.go declares [SquareTape SquareForward SquareBackward SquareGrad]
	// not current after Write: 0
	// sq.go:3:1: //godiff:grad names "y", which is not a parameter of Square
}

// declared returns the names of the types and the functions (not the
// methods) a Go file declares, in order.
func declared(src []byte) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, 0)
	if err != nil {
		return []string{err.Error()}
	}
	var names []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil {
				continue // the tape's Bytes method
			}
			names = append(names, d.Name.Name)
		case *ast.GenDecl:
			for _, s := range d.Specs {
				if ts, ok := s.(*ast.TypeSpec); ok {
					names = append(names, ts.Name.Name)
				}
			}
		}
	}
	return names
}
