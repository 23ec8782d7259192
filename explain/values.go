package explain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// node is a value as the user wrote it, before it meets the type of the
// parameter it is for: a scalar's text, a list of elements (a slice or an
// array), or named fields (a struct). at says where it was written, for
// messages.
type node struct {
	at     string
	text   string           // a scalar: a number, true or false
	elems  []*node          // a list
	fields map[string]*node // a struct
	list   bool             // elems is set (a list may be empty)
}

// parseArg reads one command-line argument name=value. The value is a
// number, true or false, a JSON array or object, or a Go composite
// literal ([]float64{1, 2}, Net{W: []float64{1}, B: 2}).
func parseArg(arg string) (string, *node, error) { return parseArgAs(arg, "argument") }

// parseArgAs is parseArg for an argument of the given kind ("argument",
// "-dir"), which messages name.
func parseArgAs(arg, kind string) (string, *node, error) {
	name, text, ok := strings.Cut(arg, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return "", nil, fmt.Errorf("%s %q: want name=value, as w1=0.5 or x=[1,2,3]", kind, arg)
	}
	at := kind + " " + name
	n, err := parseValue(text, at)
	if err != nil {
		return "", nil, err
	}
	return name, n, nil
}

// parseValue reads a value written as JSON (an array or an object) or as
// a Go expression (a number, a composite literal).
func parseValue(text, at string) (*node, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, fmt.Errorf("%s: no value after =", at)
	}
	if text[0] == '[' || text[0] == '{' {
		return parseJSON([]byte(text), at)
	}
	x, err := parser.ParseExpr(text)
	if err != nil {
		return nil, fmt.Errorf("%s: %q is neither a number nor a JSON or Go literal: %v", at, text, err)
	}
	return fromGo(x, func(token.Pos) string { return at })
}

// parseJSON reads a JSON value.
func parseJSON(data []byte, at string) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return nil, fmt.Errorf("%s: bad JSON: %v", at, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: bad JSON: more after the value", at)
	}
	return fromJSON(x, at)
}

// fromJSON converts a decoded JSON value.
func fromJSON(x any, at string) (*node, error) {
	switch x := x.(type) {
	case json.Number:
		return &node{at: at, text: x.String()}, nil
	case bool:
		return &node{at: at, text: strconv.FormatBool(x)}, nil
	case []any:
		n := &node{at: at, list: true}
		for i, e := range x {
			en, err := fromJSON(e, fmt.Sprintf("%s[%d]", at, i))
			if err != nil {
				return nil, err
			}
			n.elems = append(n.elems, en)
		}
		return n, nil
	case map[string]any:
		n := &node{at: at, fields: make(map[string]*node)}
		for k, e := range x {
			en, err := fromJSON(e, at+"."+k)
			if err != nil {
				return nil, err
			}
			n.fields[k] = en
		}
		return n, nil
	}
	return nil, fmt.Errorf("%s: %v is not a number, a bool, an array or an object", at, x)
}

// fromGo converts a Go expression: a number (signed), true or false, or a
// composite literal of them, with or without its type. where positions a
// part of it.
func fromGo(x ast.Expr, where func(token.Pos) string) (*node, error) {
	at := where(x.Pos())
	switch x := x.(type) {
	case *ast.ParenExpr:
		return fromGo(x.X, where)
	case *ast.BasicLit:
		if x.Kind == token.INT || x.Kind == token.FLOAT {
			return &node{at: at, text: x.Value}, nil
		}
	case *ast.UnaryExpr:
		if x.Op == token.SUB || x.Op == token.ADD {
			n, err := fromGo(x.X, where)
			if err != nil || n.text == "" {
				break
			}
			if x.Op == token.SUB {
				n.text = "-" + n.text
			}
			return n, nil
		}
	case *ast.Ident:
		if x.Name == "true" || x.Name == "false" {
			return &node{at: at, text: x.Name}, nil
		}
	case *ast.CompositeLit:
		return fromComposite(x, where)
	}
	return nil, fmt.Errorf("%s: want a number, true, false or a composite literal of them, not %s", at, exprString(x))
}

// fromComposite converts a composite literal: a list, or a struct's
// fields (Name: value).
func fromComposite(x *ast.CompositeLit, where func(token.Pos) string) (*node, error) {
	at := where(x.Pos())
	keyed := len(x.Elts) > 0
	for _, e := range x.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); !ok {
			keyed = false
		} else if _, ok := kv.Key.(*ast.Ident); !ok {
			return nil, fmt.Errorf("%s: an indexed element (%s: ...) is not supported; list every element in order", where(kv.Pos()), exprString(kv.Key))
		}
	}
	if keyed {
		n := &node{at: at, fields: make(map[string]*node)}
		for _, e := range x.Elts {
			kv := e.(*ast.KeyValueExpr)
			v, err := fromGo(kv.Value, where)
			if err != nil {
				return nil, err
			}
			n.fields[kv.Key.(*ast.Ident).Name] = v
		}
		return n, nil
	}
	if _, isArray := x.Type.(*ast.ArrayType); x.Type != nil && !isArray && len(x.Elts) == 0 {
		return &node{at: at, fields: make(map[string]*node)}, nil // T{}: a struct of zeros
	}
	n := &node{at: at, list: true}
	for _, e := range x.Elts {
		if _, ok := e.(*ast.KeyValueExpr); ok {
			return nil, fmt.Errorf("%s: mix of keyed and unkeyed elements", where(e.Pos()))
		}
		v, err := fromGo(e, where)
		if err != nil {
			return nil, err
		}
		n.elems = append(n.elems, v)
	}
	return n, nil
}

func exprString(x ast.Expr) string { return types.ExprString(x) }

// readValueFile reads the values of a file: a JSON object (name: value)
// for a .json file, else Go assignments, one per line:
//
//	x = []float64{1, 2, 3}
//	n = Net{W: []float64{0.5, -1}, B: 0.1}
func readValueFile(path string) (map[string]*node, []string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	name := filepath.ToSlash(path)
	if strings.HasSuffix(path, ".json") {
		n, err := parseJSON(data, name)
		if err != nil {
			return nil, nil, err
		}
		if n.fields == nil {
			return nil, nil, fmt.Errorf("%s: want a JSON object of parameter names and values", name)
		}
		var order []string
		for k := range n.fields {
			order = append(order, k)
		}
		slices.Sort(order)
		return n.fields, order, nil
	}
	return readGoValues(data, name)
}

// readGoValues reads a file of Go assignments name = value.
func readGoValues(data []byte, name string) (map[string]*node, []string, error) {
	const head = "package p\nfunc _() {\n"
	fset := token.NewFileSet()
	src := head + string(data) + "\n}\n"
	f, err := parser.ParseFile(fset, name, src, 0)
	where := func(pos token.Pos) string {
		p := fset.Position(pos)
		return fmt.Sprintf("%s:%d:%d", name, p.Line-2, p.Column)
	}
	if err != nil {
		return nil, nil, errors.New(shiftLines(err.Error(), name, 2))
	}
	body := f.Decls[0].(*ast.FuncDecl).Body
	vals := make(map[string]*node)
	var order []string
	for _, s := range body.List {
		as, ok := s.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return nil, nil, fmt.Errorf("%s: want one assignment per line, name = value", where(s.Pos()))
		}
		id, ok := as.Lhs[0].(*ast.Ident)
		if !ok {
			return nil, nil, fmt.Errorf("%s: want a parameter's name on the left of =", where(as.Lhs[0].Pos()))
		}
		if vals[id.Name] != nil {
			return nil, nil, fmt.Errorf("%s: %s is given twice", where(id.Pos()), id.Name)
		}
		n, err := fromGo(as.Rhs[0], where)
		if err != nil {
			return nil, nil, err
		}
		vals[id.Name] = n
		order = append(order, id.Name)
	}
	return vals, order, nil
}

// shiftLines rewrites the positions name:line:col in a parser message to
// the lines of the file, which the parser saw below a two-line header.
func shiftLines(msg, name string, by int) string {
	var out []string
	for _, part := range strings.Split(msg, "\n") {
		rest, ok := strings.CutPrefix(part, name+":")
		if !ok {
			out = append(out, part)
			continue
		}
		line, tail, _ := strings.Cut(rest, ":")
		if n, err := strconv.Atoi(line); err == nil {
			part = fmt.Sprintf("%s:%d:%s", name, n-by, tail)
		}
		out = append(out, part)
	}
	return strings.Join(out, "\n")
}
