package parse

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"godiff/ir"
)

// callees resolves the calls of one package's annotated functions: the
// //godiff:rule functions that stand for a callee's derivative, and the
// functions of the package godiff differentiates itself when an annotated
// function calls them. One is shared by every file of the package, so that
// a callee is built once whoever calls it.
type callees struct {
	pkg   *types.Package
	decls map[*types.Func]*ast.FuncDecl // the package's functions with bodies
	rules map[*types.Func]*ir.CallRule  // from //godiff:rule, by the function they cover
	// derived holds the rule of each package function godiff was asked to
	// differentiate so far. It is filled before the function's body is
	// built, so that a recursive call finds it.
	derived map[*types.Func]*ir.CallRule
}

// newCallees indexes the functions of a package and reads its rules; a
// malformed rule is reported through c.
func newCallees(c *checker, pkg *types.Package, files []*ast.File) *callees {
	cs := &callees{
		pkg:     pkg,
		decls:   make(map[*types.Func]*ast.FuncDecl),
		rules:   make(map[*types.Func]*ir.CallRule),
		derived: make(map[*types.Func]*ir.CallRule),
	}
	for _, f := range files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if fn, ok := c.info.Defs[fd.Name].(*types.Func); ok && fd.Body != nil {
				cs.decls[fn] = fd
			}
			c.readRules(cs, f, fd)
		}
	}
	return cs
}

// calledFunc returns the function a call's fun denotes, if it is a
// function rather than a method, a builtin, a conversion or a function
// value.
func (c *checker) calledFunc(fun ast.Expr) *types.Func {
	var obj types.Object
	switch fun := fun.(type) {
	case *ast.Ident:
		obj = c.info.Uses[fun]
	case *ast.SelectorExpr:
		if _, isMethod := c.info.Selections[fun]; isMethod {
			return nil
		}
		obj = c.info.Uses[fun.Sel]
	}
	fn, ok := obj.(*types.Func)
	if !ok || fn.Signature().Recv() != nil {
		return nil
	}
	return fn
}

// userCall builds a call of fn, a function other than one of package
// math's with a built-in rule. Whether the call may be active is decided
// later, by the transforms' activity analysis: a call without a rule is
// fine as long as none of its arguments depends on a differentiated
// parameter.
func (fb *funcBuilder) userCall(e *ast.CallExpr, fn *types.Func) (*ir.Value, bool) {
	sig := fn.Signature()
	name := calleeName(fn, fb.calls.pkg)
	slices, ok := fb.checkArgs(e, fn, name)
	if !ok {
		return fb.silent()
	}
	if sig.Results().Len() != 1 {
		return fb.fail(e.Pos(), "%s has %d results; in a differentiated function, call it in an assignment of its own, or pass its results as arguments", name, sig.Results().Len())
	}
	result, ok := basicOf(sig.Results().At(0).Type())
	if !ok {
		return fb.fail(e.Pos(), "%s returns %s; a differentiated function may call only functions that return numbers and bools",
			name, fb.typeString(sig.Results().At(0).Type()))
	}
	args, ok := fb.exprs(e.Args)
	if !ok {
		return nil, false
	}
	callee := ir.Callee{Name: fn.Name(), Pos: fb.position(e.Pos()), Rule: fb.ruleFor(fn)}
	if fn.Pkg() != fb.calls.pkg {
		callee.Path = fn.Pkg().Path()
	}
	if slices {
		// A call passing memory is no pure function of its arguments.
		return fb.b.Invoke(callee, result, args...), true
	}
	return fb.b.Call(callee, result, args...), true
}

// procedureCall builds a call of fn, which has no result, as a statement:
// a function of the package that writes into slices it is passed.
func (fb *funcBuilder) procedureCall(e *ast.CallExpr, fn *types.Func) {
	name := calleeName(fn, fb.calls.pkg)
	slices, ok := fb.checkArgs(e, fn, name)
	switch {
	case !ok:
		return
	case !slices:
		fb.errorf(e.Pos(), "%s has no result and takes no slice to write into, so the call does nothing a derivative can see; remove it", name)
		return
	}
	args, ok := fb.exprs(e.Args)
	if !ok {
		return
	}
	fb.b.Invoke(ir.Callee{Name: fn.Name(), Pos: fb.position(e.Pos()), Rule: fb.ruleFor(fn)}, nil, args...)
}

// assignResults builds a, b := f(x) (or =) for a function f of several
// results. Such a call is not differentiated: it may stay only where its
// arguments are inactive, lg, _ := math.Lgamma(3) say.
func (fb *funcBuilder) assignResults(lhs []ast.Expr, call *ast.CallExpr) {
	fn := fb.calledFunc(ast.Unparen(call.Fun))
	if fn == nil {
		fb.errorf(call.Pos(), "calls of methods and function values (here %s) are not supported yet in a differentiated function; call a function", types.ExprString(call.Fun))
		return
	}
	sig := fn.Signature()
	name := calleeName(fn, fb.calls.pkg)
	var results ir.Tuple
	for i := range sig.Results().Len() {
		t, ok := basicOf(sig.Results().At(i).Type())
		if !ok {
			fb.errorf(call.Pos(), "%s returns %s; a differentiated function may call only functions that return numbers and bools",
				name, fb.typeString(sig.Results().At(i).Type()))
			return
		}
		results = append(results, t)
	}
	if slices, ok := fb.checkArgs(call, fn, name); !ok {
		return
	} else if slices {
		fb.errorf(call.Pos(), "%s takes slices and has several results; a differentiated function may pass slices only to functions of one float result", name)
		return
	}
	lvs := make([]lvalue, len(lhs))
	ok := true
	for i := range lhs {
		var okL bool
		lvs[i], okL = fb.lvalue(lhs[i], call)
		ok = ok && okL
	}
	args, okA := fb.exprs(call.Args)
	if !ok || !okA {
		return
	}
	callee := ir.Callee{Name: fn.Name(), Pos: fb.position(call.Pos())}
	if fn.Pkg() != fb.calls.pkg {
		callee.Path = fn.Pkg().Path()
	}
	values := fb.b.Invoke(callee, results, args...)
	for i, lv := range lvs {
		fb.write(lv, fb.b.Extract(values, i))
	}
}

// checkArgs checks the parameter types of fn, called by e: numbers and
// bools, or slices, which only a function of the package may take (godiff
// must see that it does not write into them). It reports whether a slice
// is passed, and whether all is well (if not, it reported why).
func (fb *funcBuilder) checkArgs(e *ast.CallExpr, fn *types.Func, name string) (slices, ok bool) {
	sig := fn.Signature()
	if sig.Variadic() {
		fb.errorf(e.Pos(), "calls of variadic functions (here %s) are not supported in a differentiated function", name)
		return false, false
	}
	for i := range sig.Params().Len() {
		t := sig.Params().At(i).Type()
		if _, ok := basicOf(t); ok {
			continue
		}
		lt, ok := localType(t)
		_, isSlice := lt.(ir.Slice)
		switch {
		case ok && isSlice && fb.calls.decls[fn] != nil:
			slices = true
		case ok && isSlice:
			fb.errorf(e.Args[i].Pos(), "%s takes a slice, and godiff cannot see into it to know whether it writes into it; pass numbers, or write the computation in a function of this package",
				name)
			return false, false
		default:
			fb.errorf(e.Args[i].Pos(), "calls with arguments of type %s (here to %s) are not supported yet; a differentiated function may pass numbers, bools and slices to another function",
				fb.typeString(t), name)
			return false, false
		}
	}
	return slices, true
}

// paramNames returns the names of sig's parameters.
func paramNames(sig *types.Signature) []string {
	names := make([]string, sig.Params().Len())
	for i := range names {
		names[i] = sig.Params().At(i).Name()
	}
	return names
}

// calleeName spells fn as a message names it: f, or math.Lgamma.
func calleeName(fn *types.Func, pkg *types.Package) string {
	if fn.Pkg() == nil || fn.Pkg() == pkg {
		return fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}

// ruleFor returns how calls of fn are differentiated: by the rule the
// package gives for it, by its gradient if it is a function of the
// package, or not at all (nil).
func (c *checker) ruleFor(fn *types.Func) *ir.CallRule {
	if r := c.calls.rules[fn]; r != nil {
		return r
	}
	if r := c.calls.derived[fn]; r != nil {
		return r
	}
	fd := c.calls.decls[fn]
	if fd == nil {
		return nil
	}
	return c.derive(fn, fd)
}

// derive builds the IR of the package function fn, whose gradient with
// respect to all its float parameters godiff then generates and uses as
// the rule of fn's calls. A problem with fn is not reported here: it goes
// into the rule's Err, reported only where a call of fn is active.
func (c *checker) derive(fn *types.Func, fd *ast.FuncDecl) *ir.CallRule {
	sig := fn.Signature()
	gradName := Grad.FuncName(fn.Name())
	r := &ir.CallRule{Func: ir.Callee{Name: gradName}}
	c.calls.derived[fn] = r
	var result ir.Basic
	if sig.Results().Len() == 1 {
		result, _ = basicOf(sig.Results().At(0).Type())
	}
	r.Results = ir.Tuple{result}
	r.Params = paramNames(sig)
	r.Partials = make([]int, sig.Params().Len())
	for i := range sig.Params().Len() {
		t, basic := basicOf(sig.Params().At(i).Type())
		switch {
		case !basic:
			r.Split = true
		case ir.IsFloat(t):
			r.Results = append(r.Results, t)
			r.Partials[i] = len(r.Results) - 1
		}
	}
	msg := ""
	switch {
	case !ir.IsFloat(result) && !r.Split:
		msg = fmt.Sprintf("%s must return one float", fn.Name())
	case r.Split:
		msg = c.callNames(fn, fd, r)
	default:
		msg = c.ownGradient(fn, fd, r)
	}
	if msg != "" {
		r.Err = msg
		return r
	}
	// The body's problems are kept, not reported: they matter only if a
	// call of fn is active.
	var errs ErrorList
	sub := *c
	sub.reporter.errs = &errs
	params, results := sub.signature(sig)
	var g *ir.Func
	if fd.Type.TypeParams == nil {
		g = sub.buildFunc(fd, sig, params, results)
	} else {
		errs = append(errs, Error{Pos: c.position(fd.Name.Pos()), Msg: "generic functions are not supported"})
	}
	if len(errs) > 0 {
		r.Err = errs.sorted()[0].Error()
		return r
	}
	r.Derived = g
	if r.Split {
		r.Writes = paramWrites(g)
	}
	return r
}

// paramWrites returns which of g's parameters g writes into, through the
// functions it calls too. A recursive call finds its callee's Writes not
// known yet: the analysis runs again until nothing changes.
func paramWrites(g *ir.Func) []bool {
	r := make([]bool, len(g.Params))
	for changed := true; changed; {
		changed = false
		for root := range ir.Analyse(g, nil).Written {
			if i, ok := root.Aux.(int); ok && root.Op == ir.OpParam && !r[i] {
				r[i] = true
				changed = true
			}
		}
		// The calls of g inside g see this slice: they share the rule.
		for _, v := range calls(g) {
			if rule := v.Aux.(ir.Callee).Rule; rule.Derived == g {
				rule.Writes = r
			}
		}
	}
	return r
}

// calls returns g's calls of functions of slices.
func calls(g *ir.Func) []*ir.Value {
	var out []*ir.Value
	g.Walk(func(v *ir.Value) {
		if ir.IsSplitCall(v) {
			out = append(out, v)
		}
	})
	return out
}

// callNames names what godiff generates for the calls of fn, a function
// of slices, and checks that the names are free. fn's own //godiff:jvp,
// over every differentiable parameter, generates its JVP. It returns what
// is wrong, or "".
func (c *checker) callNames(fn *types.Func, fd *ast.FuncDecl, r *ir.CallRule) string {
	name := fn.Name()
	r.Names = ir.SplitCallNames{Tape: name + "CallTape", Forward: name + "CallForward", Backward: name + "CallBackward", JVP: JVP.FuncName(name)}
	for _, cm := range docDirectives(fd) {
		verb, args := cutVerb(strings.TrimPrefix(cm.Text, directivePrefix))
		if verb != "jvp" {
			continue
		}
		if !c.allFloats(fn.Signature().Params(), strings.Fields(args)) {
			return fmt.Sprintf("its //godiff:jvp differentiates with respect to some of its parameters only, but a call of it needs them all: name them all, or none (%s)",
				c.position(cm.Slash))
		}
		r.Names.OwnJVP = true
	}
	names := []string{r.Names.Tape, r.Names.Forward, r.Names.Backward}
	if !r.Names.OwnJVP {
		names = append(names, r.Names.JVP)
	}
	return c.taken(names)
}

// taken returns a message about the first of names the package declares,
// or "".
func (c *checker) taken(names []string) string {
	for _, name := range names {
		if obj := c.scope.Lookup(name); obj != nil {
			return fmt.Sprintf("godiff would generate %s for its derivative, but the package declares %s already (%s); rename one of them",
				name, name, c.position(obj.Pos()))
		}
	}
	return ""
}

// ownGradient checks the names godiff generates for fn's gradient. If fn
// has a //godiff:grad of its own over every float parameter, that
// directive generates them and r says so; otherwise they must be free. It
// returns what is wrong, or "".
func (c *checker) ownGradient(fn *types.Func, fd *ast.FuncDecl, r *ir.CallRule) string {
	for _, cm := range docDirectives(fd) {
		verb, args := cutVerb(strings.TrimPrefix(cm.Text, directivePrefix))
		if verb != "grad" {
			continue
		}
		if !c.allFloats(fn.Signature().Params(), strings.Fields(args)) {
			return fmt.Sprintf("its //godiff:grad differentiates with respect to some of its float parameters only, but a call of it needs them all: name them all, or none (%s)",
				c.position(cm.Slash))
		}
		r.Own = true
		return ""
	}
	return c.taken([]string{r.Func.Name, fn.Name() + "Tape", fn.Name() + "Forward", fn.Name() + "Backward"})
}

// allFloats reports whether names, a directive's parameter names, are
// none or every named float parameter.
func (c *checker) allFloats(params *types.Tuple, names []string) bool {
	if len(names) == 0 {
		return true
	}
	n := 0
	for i := range params.Len() {
		if isDifferentiable(params.At(i).Type()) && params.At(i).Name() != "_" {
			n++
		}
	}
	return len(names) == n
}

// docDirectives returns the //godiff: lines of fd's doc comment.
func docDirectives(fd *ast.FuncDecl) []*ast.Comment {
	if fd.Doc == nil {
		return nil
	}
	var cms []*ast.Comment
	for _, cm := range fd.Doc.List {
		if strings.HasPrefix(cm.Text, directivePrefix) {
			cms = append(cms, cm)
		}
	}
	return cms
}

// readRules registers the //godiff:rule directives of fd, reporting the
// malformed ones.
func (c *checker) readRules(cs *callees, file *ast.File, fd *ast.FuncDecl) {
	for _, cm := range docDirectives(fd) {
		verb, args := cutVerb(strings.TrimPrefix(cm.Text, directivePrefix))
		if verb != "rule" {
			continue
		}
		names := strings.Fields(args)
		if len(names) != 1 {
			c.errorf(cm.Slash, "//godiff:rule names the one function it is the rule of: //godiff:rule f, or //godiff:rule pkg.F")
			continue
		}
		target, msg := c.ruleTarget(cs.pkg, file, names[0])
		if msg == "" {
			msg = c.checkRule(fd, target)
		}
		if msg == "" && cs.rules[target] != nil {
			msg = fmt.Sprintf("%s has a rule already (%s); give each function one", names[0], cs.rules[target].Func.Name)
		}
		if msg != "" {
			c.errorf(cm.Slash, "//godiff:rule %s: %s", names[0], msg)
			continue
		}
		n := target.Signature().Params().Len()
		r := &ir.CallRule{Func: ir.Callee{Name: fd.Name.Name}, Partials: make([]int, n), Params: paramNames(target.Signature())}
		t, _ := basicOf(target.Signature().Results().At(0).Type())
		for i := range n + 1 {
			r.Results = append(r.Results, t)
			if i < n {
				r.Partials[i] = i + 1
			}
		}
		cs.rules[target] = r
	}
}

// ruleTarget resolves the name after //godiff:rule: a function of the
// package, or pkg.F for a function of a package the file imports.
func (c *checker) ruleTarget(pkg *types.Package, file *ast.File, name string) (*types.Func, string) {
	scope, fname := pkg.Scope(), name
	if qual, f, ok := strings.Cut(name, "."); ok {
		imported := importedPackage(pkg, file, qual)
		if imported == nil {
			return nil, fmt.Sprintf("this file imports no package %s; import it", qual)
		}
		scope, fname = imported.Scope(), f
	}
	fn, ok := scope.Lookup(fname).(*types.Func)
	if !ok {
		return nil, fmt.Sprintf("%s is not a function", name)
	}
	return fn, ""
}

// importedPackage returns the package the file imports under the name
// qual, or nil.
func importedPackage(pkg *types.Package, file *ast.File, qual string) *types.Package {
	for _, imp := range pkg.Imports() {
		for _, spec := range file.Imports {
			path := strings.Trim(spec.Path.Value, `"`)
			name := imp.Name()
			if spec.Name != nil {
				name = spec.Name.Name
			}
			if path == imp.Path() && name == qual {
				return imp
			}
		}
	}
	return nil
}

// checkRule checks a rule's signature against its target's: the target
// takes n floats of one type and returns one, and the rule takes the same
// n and returns n+1 of that type: the value, then a partial per argument.
func (c *checker) checkRule(fd *ast.FuncDecl, target *types.Func) string {
	want := "the rule of a function of n float parameters takes the same n and returns the function's value then its n partial derivatives: func(x1, ..., xn float64) (y, d1, ..., dn float64)"
	tsig := target.Signature()
	if tsig.Recv() != nil || tsig.Variadic() || tsig.Params().Len() == 0 || tsig.Results().Len() != 1 {
		return fmt.Sprintf("%s must be a function of float parameters with one float result; %s", target.Name(), want)
	}
	t := tsig.Results().At(0).Type()
	if !isFloat(t) {
		return fmt.Sprintf("%s must return a float; %s", target.Name(), want)
	}
	for i := range tsig.Params().Len() {
		if !types.Identical(tsig.Params().At(i).Type(), t) {
			return fmt.Sprintf("%s's parameters must all be of its result's type %s; %s", target.Name(), c.typeString(t), want)
		}
	}
	fn, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok || fd.Recv != nil || fd.Type.TypeParams != nil {
		return "a rule must be a plain function; " + want
	}
	sig := fn.Signature()
	n := tsig.Params().Len()
	if !tupleOf(sig.Params(), t, n) || !tupleOf(sig.Results(), t, n+1) {
		return fmt.Sprintf("%s has signature %s; %s", fd.Name.Name, types.TypeString(sig, c.qual), want)
	}
	return ""
}

// tupleOf reports whether tuple holds n values of type t.
func tupleOf(tuple *types.Tuple, t types.Type, n int) bool {
	if tuple.Len() != n {
		return false
	}
	for i := range n {
		if !types.Identical(tuple.At(i).Type(), t) {
			return false
		}
	}
	return true
}
