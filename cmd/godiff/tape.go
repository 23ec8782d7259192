package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"strings"

	"github.com/godiff/godiff"
)

// printTapes prints, for -tape, the report of every tape the outputs
// declare: the doc comment of each tape type from its "Memory:"
// paragraph on (see reverse/report.go), under the type's name. It reads
// the generated source rather than godiff's internals, so that the report
// printed is the one the file would hold.
func printTapes(w io.Writer, outs []godiff.Output) error {
	for _, o := range outs {
		if o.Content == nil {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, o.Path, o.Content, parser.ParseComments)
		if err != nil {
			return fmt.Errorf("%s: generated code does not parse: %v", o.Path, err) // a broken invariant, said rather than panicked
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE || gd.Doc == nil {
				continue
			}
			name := gd.Specs[0].(*ast.TypeSpec).Name.Name
			doc := gd.Doc.Text()
			i := strings.Index(doc, "Memory:")
			if i < 0 {
				continue
			}
			fmt.Fprintf(w, "%s (%s):\n", name, relative(strings.Join(o.Sources, ", ")))
			for _, line := range strings.Split(strings.TrimRight(doc[i:], "\n"), "\n") {
				if strings.HasPrefix(line, "\t") { // a line of the table
					line = "  " + line[1:]
				}
				fmt.Fprintln(w, strings.TrimRight("  "+line, " "))
			}
			fmt.Fprintln(w)
		}
	}
	return nil
}
