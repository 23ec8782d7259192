package parse

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/godiff/godiff/ir"
)

// checker checks the annotated functions of one file and builds their IR.
type checker struct {
	reporter
	info  *types.Info
	qual  types.Qualifier // spells types as the file's package does
	scope *types.Scope    // the package's, godiff's own outputs left out
	calls *callees        // the package's rules and differentiated callees
	// method is the receiver's type while the directives of a method are
	// checked, nil otherwise.
	method *types.Named
	// fatal is the run's diagnostics, which the type errors of a callee
	// go to even while the callee's own problems are kept apart (see
	// derive).
	fatal *ErrorList
	// marked holds the loops of the file a //godiff:checkpoint marks.
	marked map[ast.Stmt]loopOptions
}

// position returns the reported position of pos.
func (c *checker) position(pos token.Pos) token.Position {
	p := c.fset.Position(pos)
	p.Filename = c.names(p.Filename)
	return p
}

// typeString spells t as the file's package does.
func (c *checker) typeString(t types.Type) string { return types.TypeString(t, c.qual) }

// targets returns the file's annotated functions that pass every check, in
// source order. Functions without a directive are not looked at.
func (c *checker) targets(f *ast.File) []*Target {
	byFunc := c.directives(f)
	c.marked = c.checkpoints(f, byFunc)
	var ts []*Target
	for _, decl := range f.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || len(byFunc[fd]) == 0 {
			continue
		}
		if t := c.target(fd, byFunc[fd]); t != nil {
			ts = append(ts, t)
		}
	}
	c.checkDistinct(ts)
	return ts
}

// target checks one annotated function and builds its IR. It returns nil
// if anything about the function was reported. The body is built even when
// a directive is wrong, so that one run reports the body's problems too.
func (c *checker) target(fd *ast.FuncDecl, raws []rawDirective) *Target {
	before := c.count()
	if !c.supportedShape(fd, raws) {
		return nil
	}
	obj, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok {
		// The type checker reports the second declaration of a name; the
		// run over the inputs reports it, and this is a sibling's.
		c.errorf(fd.Name.Pos(), "%s redeclared in this block", fd.Name.Name)
		return nil
	}
	if c.reportTypeErrors(fd) {
		// A sibling's function (an input's errors stop its package
		// before): godiff builds only bodies that type-check.
		return nil
	}
	sig := obj.Signature()
	returned := c.targetReturnedParam(obj, fd, sig, raws)
	if returned != nil {
		sig = withoutResults(sig) // see returnsdst.go
	}
	results := c.results(sig)
	params, lay := c.flatSignature(sig, false)
	c.method = c.recvType(sig)
	dirs := c.checkDirectives(fd.Name.Name, lay.directiveSignature(sig), raws)
	c.method = nil
	for i := range dirs {
		c.expandWrt(&dirs[i], lay, params, raws)
	}
	fn := c.buildFunc(fd, sig, params, lay, results, returned)
	if fn != nil {
		c.checkGroupOutputs(fn, dirs, raws)
	}
	if c.count() > before {
		return nil
	}
	if fn == nil {
		panic(fmt.Sprintf("parse: function %s skipped without a diagnostic", fd.Name.Name))
	}
	return &Target{Func: fn, Directives: dirs, Pos: c.position(fd.Name.Pos())}
}

// supportedShape reports, once per directive, a function godiff cannot
// handle whatever its body: a method of a type other than a struct, a
// generic or variadic function, a function without a body.
func (c *checker) supportedShape(fd *ast.FuncDecl, raws []rawDirective) bool {
	var why string
	switch {
	case fd.Recv != nil && c.methodShape(fd) != "":
		why = c.methodShape(fd)
	case fd.Type.TypeParams != nil:
		why = "on a generic function is not supported"
	case isVariadic(fd.Type):
		why = "on a variadic function is not supported; pass the values as separate parameters"
	case fd.Body == nil:
		why = "on a function without a body is not supported: godiff needs the function's Go source"
	default:
		return true
	}
	for _, d := range raws {
		c.errorf(d.comment.Slash, "%v %s", d, why)
	}
	return false
}

// isVariadic reports whether the last parameter of ft is ...T.
func isVariadic(ft *ast.FuncType) bool {
	ps := ft.Params.List
	if len(ps) == 0 {
		return false
	}
	_, ok := ps[len(ps)-1].Type.(*ast.Ellipsis)
	return ok
}

// signature returns the IR parameters and results of sig. Unnamed and
// blank parameters are called "_"; unnamed results have no name.
func (c *checker) signature(sig *types.Signature) ([]ir.Param, []ir.Result) {
	params := make([]ir.Param, sig.Params().Len())
	for i := range params {
		v := sig.Params().At(i)
		name := v.Name()
		if name == "" {
			name = "_"
		}
		params[i] = ir.Param{Name: name, Type: irType(v.Type(), c.qual)}
	}
	results := make([]ir.Result, sig.Results().Len())
	for i := range results {
		v := sig.Results().At(i)
		results[i] = ir.Result{Name: v.Name(), Type: irType(v.Type(), c.qual)}
	}
	return params, results
}
