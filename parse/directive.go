package parse

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/reverse"
)

// directivePrefix starts every directive. Like //go: directives it has no
// space after the slashes, which keeps it out of the doc comment's text.
const directivePrefix = "//godiff:"

// verbs maps each directive verb to its mode.
var verbs = map[string]Mode{"grad": Grad, "vjp": VJP, "jvp": JVP, "jacobian": Jacobian, "hvp": HVP, "hessian": Hessian}

// rawDirective is a directive as written, before it is checked against its
// function.
type rawDirective struct {
	comment *ast.Comment
	mode    Mode
	names   []string // the parameter names after the verb, as written
	options []option // the words starting with "-", as written
}

// option is one -name=value word of a directive, and where it is.
type option struct {
	text string
	pos  token.Pos
}

// String returns the directive's verb as written: "//godiff:grad".
func (d rawDirective) String() string { return directivePrefix + d.mode.String() }

// directives finds every //godiff: comment of f and returns the
// well-formed ones by the function they annotate, in source order. An
// unknown verb or a directive outside a top-level function's doc comment is
// reported and dropped.
func (c *checker) directives(f *ast.File) map[*ast.FuncDecl][]rawDirective {
	owner := make(map[*ast.Comment]*ast.FuncDecl)
	for _, decl := range f.Decls {
		if fd, ok := decl.(*ast.FuncDecl); ok && fd.Doc != nil {
			for _, cm := range fd.Doc.List {
				owner[cm] = fd
			}
		}
	}
	byFunc := make(map[*ast.FuncDecl][]rawDirective)
	for _, g := range f.Comments {
		for _, cm := range g.List {
			text, ok := strings.CutPrefix(cm.Text, directivePrefix)
			if !ok {
				continue
			}
			verb, _ := cutVerb(text)
			if verb == "rule" || verb == checkpointVerb {
				continue // read with the package's rules (calls.go), or on its loop (checkpoint.go)
			}
			mode, known := verbs[verb]
			if !known {
				c.errorf(cm.Slash, "unknown directive %s%s; want //godiff:grad, //godiff:vjp, //godiff:jvp, //godiff:jacobian, //godiff:hvp or //godiff:hessian (or //godiff:checkpoint on a loop)", directivePrefix, verb)
				continue
			}
			d := rawDirective{comment: cm, mode: mode}
			d.names, d.options = words(cm, len(directivePrefix)+len(verb))
			fd := owner[cm]
			if fd == nil {
				c.errorf(cm.Slash, "%v must be in the doc comment of a top-level function", d)
				continue
			}
			byFunc[fd] = append(byFunc[fd], d)
		}
	}
	return byFunc
}

// words splits the text of comment cm from byte offset start into the
// parameter names and the options (the words starting with "-", with
// their positions).
func words(cm *ast.Comment, start int) (names []string, options []option) {
	text := cm.Text
	for i := start; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		end := i + strings.IndexFunc(text[i:], unicode.IsSpace)
		if end < i {
			end = len(text)
		}
		if w := text[i:end]; strings.HasPrefix(w, "-") {
			options = append(options, option{text: w, pos: cm.Slash + token.Pos(i)})
		} else {
			names = append(names, w)
		}
		i = end
	}
	return names, options
}

// cutVerb splits a directive's text after the prefix at its first space.
func cutVerb(text string) (verb, args string) {
	if i := strings.IndexFunc(text, unicode.IsSpace); i >= 0 {
		return text[:i], text[i:]
	}
	return text, ""
}

// checkDirectives checks the directives of the function fname against its
// signature and returns them resolved, in source order.
func (c *checker) checkDirectives(fname string, sig *types.Signature, raws []rawDirective) []Directive {
	var dirs []Directive
	seen := make(map[Mode]bool)
	for _, d := range raws {
		if seen[d.mode] {
			c.errorf(d.comment.Slash, "duplicate %v on %s; give each mode once, naming all its parameters", d, fname)
			continue
		}
		seen[d.mode] = true
		c.checkResults(d, fname, sig)
		name := d.mode.FuncName(fname)
		c.checkFreeMember(d, name)
		dir := Directive{
			Mode: d.mode,
			Wrt:  c.wrt(d, fname, sig.Params()),
			Name: name,
			Pos:  c.position(d.comment.Slash),
		}
		c.checkOptions(d, &dir)
		if d.mode == Jacobian {
			c.jacobianNames(d, fname, &dir)
		}
		if d.mode == HVP {
			// The tape type of FHVP's loops and branches.
			c.checkFree(d, reverse.SplitNames(name).Tape)
		}
		if d.mode == Hessian {
			c.hessianNames(d, fname, raws, &dir)
		}
		if d.mode != JVP && d.mode != HVP && d.mode != Hessian && dir.Jacobian.Mode != Forward {
			dir.Split = c.splitNames(fname, dir, dirs)
			if !sharesSplit(dir, dirs) {
				c.checkFree(d, dir.Split.Tape)
				c.checkFree(d, ir.PoolName(dir.Split.Tape)) // FGrad's and FVJP's pool of tapes
				c.checkFreeMember(d, dir.Split.Forward)
				c.checkFree(d, dir.Split.Backward)
			}
		}
		dirs = append(dirs, dir)
	}
	return dirs
}

// splitNames names the split form of a reverse directive: the function's
// own, unless an earlier reverse directive took it with other parameters.
func (c *checker) splitNames(fname string, d Directive, earlier []Directive) reverse.Names {
	for _, e := range earlier {
		if e.Mode != JVP && e.Split.Tape != "" {
			if slices.Equal(e.Wrt, d.Wrt) {
				return e.Split
			}
			return c.splitOf(d.Name)
		}
	}
	return c.splitOf(fname)
}

// sharesSplit reports whether d reuses an earlier directive's split form.
func sharesSplit(d Directive, earlier []Directive) bool {
	for _, e := range earlier {
		if e.Mode != JVP && e.Split.Tape != "" && e.Split == d.Split {
			return true
		}
	}
	return false
}

// checkFree reports a generated name that the package declares already:
// the output would not compile. (Two directives cannot generate the same
// name: the suffixes Grad, VJP and JVP end differently, and a function has
// each directive once.)
func (c *checker) checkFree(d rawDirective, name string) {
	if obj := c.lookup(name); obj != nil {
		c.errorf(d.comment.Slash, "%v would generate %s, but the package declares %s already (%s); rename one of them",
			d, name, name, c.position(obj.Pos()))
	}
}

// wrt returns the indexes of the parameters d differentiates with respect
// to, ascending: the named ones, or with no names every named float
// parameter.
func (c *checker) wrt(d rawDirective, fname string, params *types.Tuple) []int {
	if len(d.names) == 0 {
		return c.defaultWrt(d, fname, params)
	}
	index := make(map[string]int)
	for i := range params.Len() {
		if name := params.At(i).Name(); name != "" && name != "_" {
			index[name] = i
		}
	}
	var wrt []int
	for _, name := range d.names {
		i, ok := index[name]
		switch {
		case !ok && strings.Contains(name, ","):
			c.errorf(d.comment.Slash, "%v names %q, which is not a parameter of %s; separate names with spaces, not commas", d, name, fname)
		case !ok:
			c.errorf(d.comment.Slash, "%v names %q, which is not a parameter of %s", d, name, fname)
		case slices.Contains(wrt, i):
			c.errorf(d.comment.Slash, "%v names %s twice", d, name)
		case !isDifferentiable(params.At(i).Type()):
			c.errorf(d.comment.Slash, "%v names %s, which has type %s; only float64 and float32 parameters, slices and arrays of them, and structs with such fields can be differentiated",
				d, name, c.typeString(params.At(i).Type()))
		default:
			wrt = append(wrt, i)
		}
	}
	slices.Sort(wrt)
	return wrt
}

// defaultWrt returns the indexes of every named float parameter. A blank
// or unnamed parameter is left out: the body cannot use it, so its
// derivative is zero.
func (c *checker) defaultWrt(d rawDirective, fname string, params *types.Tuple) []int {
	var wrt []int
	for i := range params.Len() {
		p := params.At(i)
		if p.Name() != "" && p.Name() != "_" && isDifferentiable(p.Type()) {
			wrt = append(wrt, i)
		}
	}
	if len(wrt) == 0 {
		c.errorf(d.comment.Slash, "%s has no float64 or float32 parameter (or slice, array or struct of them) to differentiate", fname)
	}
	return wrt
}

// checkResults checks that the results of fname suit d's mode: grad
// differentiates one float result; vjp and jvp any number, all floats, and
// at least one unless a slice parameter can carry the output.
func (c *checker) checkResults(d rawDirective, fname string, sig *types.Signature) {
	results := sig.Results()
	if d.mode == Grad || d.mode == HVP || d.mode == Hessian {
		switch n := results.Len(); {
		case n == 0:
			c.errorf(d.comment.Slash, "%v needs exactly one float64 or float32 result; %s has none", d, fname)
		case n > 1:
			c.errorf(d.comment.Slash, "%v needs exactly one float64 or float32 result; %s has %d results: use //godiff:vjp", d, fname, n)
		case isFloatArray(results.At(0).Type()):
			c.errorf(d.comment.Slash, "%v needs exactly one float64 or float32 result; %s returns %s, an array: use //godiff:vjp (which takes a seed array) or //godiff:jvp (which returns the tangent array)", d, fname, c.typeString(results.At(0).Type()))
		case !isFloat(results.At(0).Type()):
			c.errorf(d.comment.Slash, "%v needs exactly one float64 or float32 result; %s returns %s%s", d, fname, c.typeString(results.At(0).Type()), sliceResultAdvice(results.At(0).Type()))
		}
		return
	}
	if results.Len() == 0 && !hasSliceParam(sig) {
		c.errorf(d.comment.Slash, "%v needs at least one float64 or float32 result, or a slice (a parameter, or a field of a struct parameter or of the receiver) it writes its output into; %s has neither", d, fname)
	}
	for i := range results.Len() {
		r := results.At(i)
		if !isFloat(r.Type()) && !isFloatArray(r.Type()) {
			c.errorf(d.comment.Slash, "%v needs float64 or float32 results, or arrays of them; %s of %s has type %s%s",
				d, resultName(i, r), fname, c.typeString(r.Type()), sliceResultAdvice(r.Type()))
		}
	}
}

// sliceResultAdvice says what to write instead of a slice result: godiff
// differentiates a function that writes its output into a slice it is
// passed, as gonum's floats.AddTo(dst, s, t) does, and returns nothing or
// that parameter itself (see returnsdst.go).
func sliceResultAdvice(t types.Type) string {
	if !isSliceType(t) {
		return ""
	}
	return ": write the output into a slice parameter instead, and return nothing or that parameter itself (func F(dst, x []float64) []float64 { ...; return dst }); //godiff:vjp and //godiff:jvp differentiate such an output"
}

// resultName names result i for a message: by its name if it has one,
// else by its place.
func resultName(i int, r *types.Var) string {
	if name := r.Name(); name != "" && name != "_" {
		return "result " + name
	}
	return fmt.Sprintf("result %d", i+1)
}

// hasSliceParam reports whether a parameter, the receiver, or a field of a
// struct one (or of a pointer to one) is a slice: an output a function
// without results can write into.
func hasSliceParam(sig *types.Signature) bool {
	vars := []*types.Var{}
	if r := sig.Recv(); r != nil {
		vars = append(vars, r)
	}
	for i := range sig.Params().Len() {
		vars = append(vars, sig.Params().At(i))
	}
	for _, v := range vars {
		t := v.Type()
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		switch u := t.Underlying().(type) {
		case *types.Slice:
			return true
		case *types.Struct:
			for f := range u.Fields() {
				if _, ok := f.Type().Underlying().(*types.Slice); ok {
					return true
				}
			}
		}
	}
	return false
}
