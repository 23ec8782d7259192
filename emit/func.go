package emit

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/godiff/godiff/ir"
)

// funcEmitter writes one IR function as a Go function declaration.
type funcEmitter struct {
	fn     *ir.Func
	plan   *plan
	names  map[*ir.Value]string    // parameters and declared values
	vars   map[*ir.Var]*varInfo    // every live variable
	hoist  map[*ir.Value][]*ir.Var // variables declared by var just before a value
	labels map[*ir.Value]string    // the loops a break or continue names
	// arrayNames names the array results of invokes (see arrays.go).
	arrayNames map[arrayKey]string
	// callees are the functions of the file, by receiver type and name:
	// an invoke of one whose signature has structs passes them whole
	// (group.go).
	callees   map[calleeKey]*ir.Func
	groupDecl map[*ir.Value][]*ir.Group // structs the function makes, declared just before a value
	// blank names the blank parameters the function reads, by index: a
	// derivative passes F's blank parameter on to F's forward function,
	// and a read needs a name. The others stay "_".
	blank map[int]string
}

// function returns the declaration of fn, doc comment included.
func function(fn *ir.Func, imps *imports, callees map[calleeKey]*ir.Func) (jen.Code, error) {
	code, err := emitFunc(fn, imps, callees)
	if err != nil {
		return nil, fmt.Errorf("emit: func %s: %w", fn.Name, err)
	}
	return code, nil
}

func emitFunc(fn *ir.Func, imps *imports, callees map[calleeKey]*ir.Func) (jen.Code, error) {
	if err := ir.Verify(fn); err != nil {
		return nil, err
	}
	if err := checkOps(fn); err != nil {
		return nil, err
	}
	if err := checkSignature(fn); err != nil {
		return nil, err
	}
	p, err := makePlan(fn)
	if err != nil {
		return nil, err
	}
	e := &funcEmitter{fn: fn, plan: p, callees: callees}
	e.placeVars()
	if err := e.nameValues(imps); err != nil {
		return nil, err
	}
	body, err := e.block(fn.Body)
	if err != nil {
		return nil, err
	}
	decl := docComment(fn.Doc)
	decl.Func().Add(receiver(fn)).Id(fn.Name).Params(params(fn, e.blank)...).Add(results(fn.Results)).Block(codes(body)...)
	return decl, nil
}

// checkSignature checks that the names the signature spells are Go
// identifiers: jennifer writes them verbatim.
func checkSignature(fn *ir.Func) error {
	if !token.IsIdentifier(fn.Name) {
		return fmt.Errorf("function name %q is not a Go identifier", fn.Name)
	}
	for _, p := range fn.Params {
		if p.Name != "" && !token.IsIdentifier(p.Name) {
			return fmt.Errorf("parameter name %q is not a Go identifier", p.Name)
		}
		if p.Group != nil && !token.IsIdentifier(p.Group.Name) {
			return fmt.Errorf("struct parameter name %q is not a Go identifier", p.Group.Name)
		}
	}
	return nil
}

// docComment returns the doc comment, each paragraph filled to lines of at
// most docWidth characters and paragraphs separated by an empty comment
// line, as the start of the declaration.
func docComment(doc []string) *jen.Statement {
	s := jen.Null()
	for i, para := range doc {
		if i > 0 {
			s.Add(lineComment("")).Line()
		}
		if strings.HasPrefix(para, "\t") { // preformatted: a table
			for _, line := range strings.Split(para, "\n") {
				s.Add(jen.Comment("//" + line)).Line()
			}
			continue
		}
		for _, line := range fill(para, docWidth) {
			s.Add(lineComment(line)).Line()
		}
	}
	return s
}

// docWidth is the width doc comments are filled to, "// " included.
const docWidth = 80

// fill breaks text into lines of at most width-3 characters at spaces (a
// longer word stands on a line of its own).
func fill(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) <= width-3:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}

// lineComment returns "// text". Passing the slashes ourselves makes
// jennifer write the text verbatim instead of guessing a comment style.
func lineComment(text string) *jen.Statement {
	if text == "" {
		return jen.Comment("//")
	}
	return jen.Comment("// " + text)
}

// params returns the parameter list, grouping consecutive parameters of one
// type the way people write it: x, y float64. A struct's leaves are one
// parameter (see group.go). blank names the blank parameters the body reads.
func params(fn *ir.Func, blank map[int]string) []jen.Code {
	ps := signatureParams(fn, blank)
	out := make([]jen.Code, len(ps))
	for i, p := range ps {
		id := jen.Id(p.name)
		if i == len(ps)-1 || !sameType(ps[i+1], p) {
			id.Add(paramType(p))
		}
		out[i] = id
	}
	return out
}

// paramName is the parameter's name, "_" if it has none: Go does not allow
// a mix of named and unnamed parameters.
func paramName(p ir.Param) string {
	if p.Name == "" {
		return "_"
	}
	return p.Name
}

// results returns the result list. Results are never named: a named result
// would clash with the locals that keep the source's names.
func results(rs []ir.Result) jen.Code {
	ts := resultTypes(rs)
	switch len(ts) {
	case 0:
		return jen.Null()
	case 1:
		return ts[0]
	}
	return jen.Params(ts...)
}

// describe names a value in error messages the way the IR prints it.
func describe(v *ir.Value) string {
	if v.Name != "" {
		return fmt.Sprintf("value %s (v%d, %v)", v.Name, v.ID, v.Op)
	}
	return fmt.Sprintf("value v%d (%v)", v.ID, v.Op)
}

// paramType spells a parameter's type: an opaque one through opaqueType
// (so the file imports its packages), others as written.
func paramType(p goParam) *jen.Statement {
	if o, ok := p.ir.(ir.Opaque); ok {
		return opaqueType(o)
	}
	return jen.Id(p.typ)
}

// sameType reports whether two parameters have one type, so that the
// first can go without it (x, y float64). Go's spelling is not enough: two
// packages of one name (math/rand, math/rand/v2) spell their types alike.
func sameType(p, q goParam) bool {
	po, _ := p.ir.(ir.Opaque)
	qo, _ := q.ir.(ir.Opaque)
	return p.typ == q.typ && po.Qualified == qo.Qualified
}
