package emit

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dave/jennifer/jen"

	"godiff/ir"
)

// goType returns a type as Go spells it: []T for a slice, [N]T for an
// array, *T for a pointer, *Name for a tape reference. A tuple is no Go
// type: only an invoke has one, and its results are declared one by one.
func goType(t ir.Type) (*jen.Statement, error) {
	switch t := t.(type) {
	case nil:
		return nil, fmt.Errorf("value without a type")
	case ir.Tuple:
		return nil, fmt.Errorf("tuple type %v outside an invoke", t)
	case ir.TapeRef:
		if t.Tape == nil {
			return nil, fmt.Errorf("tape reference without a tape")
		}
	}
	if o, ok := t.(ir.Opaque); ok && o.Imports != "" {
		if q := qualified(o); q != nil {
			return q, nil
		}
	}
	// ir types print themselves the way Go spells them.
	return jen.Id(t.String()), nil
}

// opaqueForeign matches the spelling of a type of one other package,
// behind pointers, slices and arrays: *strings.Builder, []time.Duration.
var opaqueForeign = regexp.MustCompile(`^((?:\*|\[[0-9]*\])*)([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$`)

// qualified spells an opaque type of one other package through
// jen.Qual, so that the file imports that package; nil if the spelling
// is another shape.
func qualified(o ir.Opaque) *jen.Statement {
	paths := strings.Fields(o.Imports)
	m := opaqueForeign.FindStringSubmatch(o.Go)
	if len(paths) != 1 || m == nil || packageName(paths[0]) != m[2] {
		return nil
	}
	return jen.Op(m[1]).Qual(paths[0], m[3])
}

// zeroValue returns the expression of t's zero value, which a variable
// declared without a value starts with.
func zeroValue(t ir.Type) (*jen.Statement, error) {
	switch t := t.(type) {
	case ir.Basic:
		if t == ir.Bool {
			return jen.False(), nil
		}
		return jen.Lit(0), nil
	case ir.Slice, ir.Pointer, ir.TapeRef:
		return jen.Nil(), nil
	case ir.Array:
		return jen.Id(t.String()).Values(), nil
	}
	return nil, fmt.Errorf("no zero value for type %v", t)
}

// typeIdents returns the identifiers a type's spelling uses (float64,
// the tape's name), which a local variable must not shadow.
func typeIdents(t ir.Type) []string {
	switch t := t.(type) {
	case ir.Basic:
		return []string{t.String()}
	case ir.Slice:
		return typeIdents(t.Elem)
	case ir.Array:
		return typeIdents(t.Elem)
	case ir.Pointer:
		return typeIdents(t.Elem)
	case ir.TapeRef:
		if t.Tape != nil {
			return []string{t.Tape.Name}
		}
	case ir.Tuple:
		var ids []string
		for _, e := range t {
			ids = append(ids, typeIdents(e)...)
		}
		return ids
	}
	return nil
}
