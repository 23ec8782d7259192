package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
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
	if o, ok := t.(ir.Opaque); ok {
		return opaqueType(o), nil
	}
	// ir types print themselves the way Go spells them.
	return jen.Id(t.String()), nil
}

// opaqueType spells an opaque type with every named type of another
// package through jen.Qual, so that the file imports each package under
// the name it chose (see imports): map[a.Key]b.Val, func(a.T) b.U,
// struct{A a.T; B *b.U}. jennifer separates the pieces by spaces, which
// gofmt removes.
func opaqueType(o ir.Opaque) *jen.Statement {
	var s jen.Statement
	for _, p := range o.Parts() {
		if p.Path == "" {
			s = append(s, jen.Id(p.Text))
		} else {
			s = append(s, jen.Qual(p.Path, p.Name))
		}
	}
	return &s
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
