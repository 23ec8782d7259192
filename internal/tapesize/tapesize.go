// Package tapesize measures a generated tape: how many machine words it
// holds after a forward run, for the tests and benchmarks that check what
// the reverse transform records.
package tapesize

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
)

// Stacks says, for each tape struct type of a generated file and each of
// its fields, whether the field is a stack the forward function fills (one
// entry per iteration, or a callee's tape in a slice of one entry) rather
// than a single value or a slice the tape refers to (a parameter, a local
// slice), as the field's comment says.
type Stacks map[string]map[string]bool

// ReadStacks reads the tape structs of the generated file path.
func ReadStacks(path string) (Stacks, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	out := make(Stacks)
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, spec := range g.Specs {
			ts := spec.(*ast.TypeSpec)
			st, ok := ts.Type.(*ast.StructType)
			if !ok || !strings.HasSuffix(ts.Name.Name, "Tape") {
				continue
			}
			fields := make(map[string]bool)
			for _, fl := range st.Fields.List {
				doc := strings.Join(strings.Fields(fl.Doc.Text()), " ")
				stack := strings.Contains(doc, "one entry per") || strings.Contains(doc, "in a slice of one entry")
				for _, n := range fl.Names {
					fields[n.Name] = stack
				}
			}
			out[ts.Name.Name] = fields
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s declares no tape struct", path)
	}
	return out, nil
}

// Words returns the size of tape (a pointer to a tape struct after a
// forward run) in words: data counts the entries of its stacks and of the
// stacks of the callee tapes it holds, one word per number or bool
// recorded whatever its size; total adds every scalar field and slice
// header (three words) of its struct, of each callee tape, and of each
// record a callee's tape keeps per call. A slice the tape refers to counts
// as its header only.
func (s Stacks) Words(tape any) (data, total int) {
	return s.words(reflect.ValueOf(tape).Elem())
}

func (s Stacks) words(v reflect.Value) (data, total int) {
	fields, ok := s[v.Type().Name()]
	if !ok {
		panic(fmt.Sprintf("tapesize: no tape struct %s in the generated file", v.Type().Name()))
	}
	for i := range v.NumField() {
		f := v.Field(i)
		switch {
		case f.Kind() == reflect.Struct: // a callee's tape, shared by the calls of a site
			d, t := s.words(f)
			data += d
			total += t
		case f.Kind() != reflect.Slice:
			total++
		default:
			total += 3
			if !fields[v.Type().Field(i).Name] {
				continue
			}
			for k := range f.Len() {
				switch e := f.Index(k); {
				case e.Kind() == reflect.Struct && e.Type().Name() == "": // a call's record
					total += plainWords(e)
				case e.Kind() == reflect.Struct:
					d, t := s.words(e)
					data += d
					total += t
				default:
					data++
					total++
				}
			}
		}
	}
	return data, total
}

// plainWords counts the words of a record: one per scalar, three per
// slice header, nested structs field by field.
func plainWords(v reflect.Value) int {
	n := 0
	for i := range v.NumField() {
		switch f := v.Field(i); f.Kind() {
		case reflect.Struct:
			n += plainWords(f)
		case reflect.Slice:
			n += 3
		default:
			n++
		}
	}
	return n
}

// IntStacks lists the stacks of ints in the tape struct type of tape (a
// pointer to one) and in the callee tapes it holds, as Type.field: the
// counters, indexes and trip counts recorded per iteration.
func (s Stacks) IntStacks(tape any) []string {
	var out []string
	seen := make(map[reflect.Type]bool)
	var visit func(t reflect.Type)
	visit = func(t reflect.Type) {
		if seen[t] || t.Name() == "" {
			return
		}
		seen[t] = true
		for i := range t.NumField() {
			f := t.Field(i)
			switch {
			case f.Type.Kind() == reflect.Struct:
				visit(f.Type)
			case f.Type.Kind() != reflect.Slice || !s[t.Name()][f.Name]:
			case f.Type.Elem().Kind() == reflect.Struct:
				visit(f.Type.Elem())
			case f.Type.Elem().Kind() == reflect.Int:
				out = append(out, t.Name()+"."+f.Name)
			}
		}
	}
	visit(reflect.TypeOf(tape).Elem())
	return out
}
