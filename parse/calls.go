package parse

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"unicode"

	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/rules"
)

// callees resolves the calls of one package's annotated functions: the
// //godiff:rule functions that stand for a callee's derivative, and the
// functions of the package godiff differentiates itself when an annotated
// function calls them. One is shared by every file of the package, so that
// a callee is built once whoever calls it.
type callees struct {
	pkg *types.Package
	// home is the package the generated code goes into: pkg itself, or
	// the package whose annotated functions call into pkg (see
	// foreign.go).
	home  *types.Package
	decls map[*types.Func]*ast.FuncDecl // the package's functions with bodies
	rules map[*types.Func]*ir.CallRule  // from //godiff:rule, by the function they cover
	// named holds the rules of other packages' functions by package path
	// and name, which name them across separate loads of their package.
	named map[string]*ir.CallRule
	// foreign loads other packages' source; check reads their functions
	// (for pkg's own callees, the first checker of pkg).
	foreign *foreignPackages
	check   *checker
	dir     string // the home package's directory, where go list runs
	// derived holds the rule of each package function godiff was asked to
	// differentiate so far. It is filled before the function's body is
	// built, so that a recursive call finds it.
	derived map[*types.Func]*ir.CallRule
	// returning holds the functions whose returnedParam is being found,
	// so that a recursive return does not look into itself again.
	returning map[*types.Func]bool
	// typeErrs is the package's type errors outside the inputs' annotated
	// functions, reported where godiff reads the function they lie in.
	typeErrs []typeError
	// vars holds the package variables functions may read (pkgvars.go).
	vars map[*types.Var]*pkgVar
}

// newCallees indexes the functions of a package and reads its rules; a
// malformed rule is reported through c.
func newCallees(c *checker, pkg *types.Package, files []*ast.File) *callees {
	cs := &callees{
		pkg:       pkg,
		home:      pkg,
		decls:     make(map[*types.Func]*ast.FuncDecl),
		rules:     make(map[*types.Func]*ir.CallRule),
		named:     make(map[string]*ir.CallRule),
		derived:   make(map[*types.Func]*ir.CallRule),
		returning: make(map[*types.Func]bool),
		check:     c,
	}
	pending := make(map[*types.Func]*sliceRule)
	for _, f := range files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if fn, ok := c.info.Defs[fd.Name].(*types.Func); ok && fd.Body != nil {
				cs.decls[fn] = fd
			}
			c.readRules(cs, f, fd, pending)
		}
	}
	c.finishSliceRules(cs, pending)
	cs.vars = readOnlyVars(c.info, files)
	return cs
}

// receiver is the receiver of a method call: the expression before the
// dot, and the embedded fields through which the method is promoted
// ("In" for o.sum() where o embeds In), a dotted path or "".
type receiver struct {
	expr     ast.Expr
	embedded string
}

// calledFunc returns the function or method a call's fun denotes, and a
// method's receiver; nil if it is a builtin, a conversion, a function
// value, or a method of anything but a struct of the package.
func (c *checker) calledFunc(fun ast.Expr) (*types.Func, *receiver) {
	var obj types.Object
	var recv *receiver
	switch fun := fun.(type) {
	case *ast.Ident:
		obj = c.info.Uses[fun]
	case *ast.SelectorExpr:
		if sel, ok := c.info.Selections[fun]; ok {
			if sel.Kind() != types.MethodVal {
				return nil, nil
			}
			path, ok := embeddedPath(sel)
			if !ok {
				return nil, nil
			}
			recv = &receiver{expr: fun.X, embedded: path}
		}
		obj = c.info.Uses[fun.Sel]
	}
	fn, ok := obj.(*types.Func)
	if !ok {
		return nil, nil
	}
	if r := fn.Signature().Recv(); r != nil {
		named, _, _ := namedStruct(r.Type())
		if named == nil || recv == nil || c.isHome(fn.Pkg()) && (!c.ownsType(named.Obj()) || c.calls.decls[fn] == nil) {
			return nil, nil
		}
	}
	return fn, recv
}

// embeddedPath returns the embedded struct values a promoted method's
// selection goes through, as a dotted path of field names; false if one
// of them is a pointer.
func embeddedPath(sel *types.Selection) (string, bool) {
	var names []string
	t := sel.Recv()
	for _, i := range sel.Index()[:len(sel.Index())-1] {
		st, ok := derefStruct(t)
		if !ok {
			return "", false
		}
		f := st.Field(i)
		if _, isPtr := types.Unalias(f.Type()).(*types.Pointer); isPtr {
			return "", false
		}
		names = append(names, f.Name())
		t = f.Type()
	}
	return strings.Join(names, "."), true
}

// userCall builds a call of fn, a function other than one of package
// math's with a built-in rule, or a method (recv is its receiver). Whether
// the call may be active is decided later, by the transforms' activity
// analysis: a call without a rule is fine as long as none of its
// arguments depends on a differentiated parameter.
func (fb *funcBuilder) userCall(e *ast.CallExpr, fn *types.Func, recv *receiver) (*ir.Value, bool) {
	sig := fn.Signature()
	name := calleeName(fn, fb.calls.pkg)
	if sig.Results().Len() != 1 {
		return fb.fail(e.Pos(), "%s has %d results; in a differentiated function, call it in an assignment of its own, or pass its results as arguments", name, sig.Results().Len())
	}
	if isFloatArray(sig.Results().At(0).Type()) && fb.calls.decls[fn] != nil {
		return fb.arrayCall(e, fn, recv, name)
	}
	if fb.returnsParam(fn) {
		return fb.returnedArg(e, fn, recv, name)
	}
	result, ok := basicOf(sig.Results().At(0).Type())
	if !ok {
		return fb.fail(e.Pos(), "%s returns %s; a differentiated function may call only functions that return numbers and bools, or arrays of floats",
			name, fb.typeString(sig.Results().At(0).Type()))
	}
	args, memory, ok := fb.callArgs(e, fn, recv, name)
	if !ok {
		return fb.silent()
	}
	callee := fb.callee(e, fn)
	if memory {
		// A call passing memory is no pure function of its arguments.
		return fb.b.Invoke(callee, result, args...), true
	}
	return fb.b.Call(callee, result, args...), true
}

// callee returns the callee of a call e of fn: fn itself, or for a method
// or a function of structs the twin the generated code calls instead
// (see ir.CallRule's Twin).
func (fb *funcBuilder) callee(e *ast.CallExpr, fn *types.Func) ir.Callee {
	callee := ir.Callee{Name: fn.Name(), Pos: fb.position(e.Pos()), Rule: fb.ruleFor(fn)}
	if base, twin := fb.calleeBase(fn); twin {
		callee.Name = base
		return callee
	}
	path, ok := fb.namable(fn)
	callee.Path = path
	if !ok && callee.Rule == nil {
		// Every call of it is refused: the output cannot name it.
		callee.Rule = &ir.CallRule{Twin: true, Foreign: true, Source: calleeName(fn, fb.calls.home),
			Err: fmt.Sprintf("the generated code cannot call %s from package %s (it is in an internal package); write a //godiff:rule %s.%s (see the README)", calleeName(fn, fb.calls.home), fb.calls.home.Name(), fb.calls.pkg.Name(), fb.name)}
	}
	return callee
}

// procedureCall builds a call of fn, which has no result, as a statement:
// a function (or method) of the package that writes into slices it is
// passed.
func (fb *funcBuilder) procedureCall(e *ast.CallExpr, fn *types.Func, recv *receiver) {
	name := calleeName(fn, fb.calls.pkg)
	args, memory, ok := fb.callArgs(e, fn, recv, name)
	switch {
	case !ok:
		return
	case !memory:
		fb.errorf(e.Pos(), "%s has no result and takes no slice to write into, so the call does nothing a derivative can see; remove it", name)
		return
	}
	fb.b.Invoke(fb.callee(e, fn), nil, args...)
}

// assignResults builds a, b := f(x) (or =) for a function f of several
// results: one of package math with a rule for its results (see
// rules.Tuple), or one of the package's functions of numbers, which is
// differentiated through its JVP. A call of any other function may stay
// only where its arguments are inactive, lg, _ := math.Lgamma(3) say.
func (fb *funcBuilder) assignResults(lhs []ast.Expr, call *ast.CallExpr) {
	fn, recv := fb.calledFunc(ast.Unparen(call.Fun))
	if fn == nil {
		fb.errorf(call.Pos(), "calls of function values and of methods of other types than the package's structs (here %s) are not supported in a differentiated function", types.ExprString(call.Fun))
		return
	}
	sig := fn.Signature()
	name := calleeName(fn, fb.calls.pkg)
	if isStub(fb.fset, fn.Pos()) && !numbersOnly(sig) && takesSlice(sig) {
		fb.composedSliceCall(lhs, call, fn) // FGrad of a function of slices
		return
	}
	if isStub(fb.fset, fn.Pos()) && !numbersOnly(sig) {
		fb.errorf(call.Pos(), "%s is godiff's; godiff differentiates through the derivatives it generates only for functions whose parameters and results are all float64 or float32, and %s takes or returns other types; write the derivative's computation out in %s",
			name, strings.TrimSuffix(strings.TrimSuffix(name, Grad.FuncName("")), JVP.FuncName("")), fb.name)
		return
	}
	var results ir.Tuple
	at := make([]int, sig.Results().Len())            // the first of each result's values in the tuple
	sts := make([]*types.Struct, sig.Results().Len()) // a struct result's type: its leaves are its values
	for i := range sig.Results().Len() {
		rt := sig.Results().At(i).Type()
		at[i] = len(results)
		if st := plainStruct(rt); st != nil {
			ts, msg := fb.leafTypes(name, st)
			if msg != "" {
				fb.errorf(call.Pos(), "%s", msg)
				return
			}
			results, sts[i] = append(results, ts...), st
			continue
		}
		t, ok := basicOf(rt)
		switch {
		case !ok && isFloatArray(rt):
			fb.errorf(call.Pos(), "%s returns an array, %s, among %d results, which godiff does not differentiate yet: a call may return an array of floats only as its one result; return the array from a function of its own, or its elements as separate results",
				name, fb.typeString(rt), sig.Results().Len())
			return
		case !ok && isSliceType(rt):
			fb.errorf(call.Pos(), "%s returns %s; a call of several results in a differentiated function may return only numbers and bools: pass it a slice to write into instead",
				name, fb.typeString(rt))
			return
		case !ok:
			fb.errorf(call.Pos(), "%s returns %s; a call of several results in a differentiated function may return only numbers and bools",
				name, fb.typeString(rt))
			return
		}
		results = append(results, t)
	}
	lvs := make([]lvalue, len(lhs))
	ok := true
	for i := range lhs {
		if sts[i] != nil {
			ok = fb.structTarget(lhs[i]) && ok // assigned below
			continue
		}
		var okL bool
		lvs[i], okL = fb.lvalue(lhs[i], call)
		ok = ok && okL
	}
	values, okI := fb.invokeResults(call, fn, recv, name, results)
	if !ok || !okI {
		return
	}
	for i, lv := range lvs {
		if sts[i] != nil {
			fb.setStructResult(lhs[i], sts[i], values, at[i])
			continue
		}
		fb.write(lv, fb.b.Extract(values, at[i]))
	}
}

// invokeResults builds the call of fn, of several results of the types
// results (numbers: a function's, or a struct's leaves), and returns its
// tuple: see assignResults and structCall.
func (fb *funcBuilder) invokeResults(call *ast.CallExpr, fn *types.Func, recv *receiver, name string, results ir.Tuple) (*ir.Value, bool) {
	_, twin := fb.calleeBase(fn)
	split := twin || takesSlice(fn.Signature()) // called through its split form
	args, _, ok := fb.callArgs(call, fn, recv, name)
	if !ok {
		return nil, false
	}
	if msg := fb.helperTaken(fn); msg != "" {
		fb.errorf(call.Pos(), "%s", msg)
		return nil, false
	}
	callee := ir.Callee{Name: fn.Name(), Pos: fb.position(call.Pos())}
	if isStub(fb.fset, fn.Pos()) {
		// A derivative godiff generates: differentiated through the IR
		// it is built from.
		callee.Rule = fb.generatedRule(fn)
	} else if split && (fb.calls.decls[fn] != nil || twin && !fb.isHome(fn.Pkg())) {
		callee = fb.callee(call, fn)
	} else if split {
		fb.errorf(call.Pos(), "%s takes slices or structs and has several results; a differentiated function may pass slices and structs only to functions of one float result, or none", name)
		return nil, false
	} else if path, ok := fb.namable(fn); !ok {
		fb.errorf(call.Pos(), "%s calls %s, which the generated code, in package %s, cannot name; write a //godiff:rule for %s", fb.name, calleeName(fn, fb.calls.home), fb.calls.home.Name(), fb.name)
		return nil, false
	} else if path != "" {
		callee.Path = path
	} else if fb.calls.decls[fn] != nil {
		callee.Rule = fb.ruleFor(fn) // differentiated through its JVP
	}
	return fb.b.Invoke(callee, results, args...), true
}

// helperTaken returns a message if the derivative of a call of fn needs
// a helper the output defines (rules.Helpers) whose name the package
// declares already, or "".
func (c *checker) helperTaken(fn *types.Func) string {
	if fn.Pkg() == nil || fn.Pkg().Path() != "math" || fn.Name() != "Lgamma" && fn.Name() != "Gamma" {
		return ""
	}
	if obj := c.lookup(rules.DigammaName); obj != nil {
		return fmt.Sprintf("godiff would generate %s for the derivative of math.%s, but the package declares %s already (%s); rename it",
			rules.DigammaName, fn.Name(), rules.DigammaName, c.position(obj.Pos()))
	}
	return ""
}

// callArgs builds the arguments of a call e of fn (a method's receiver
// recv first): numbers and bools; slices, which only a function of the
// package may take (godiff must see that it does not write into them);
// and structs of the package, as their fields one by one. It reports
// whether memory is passed (a slice, or a struct with a slice field), and
// whether all is well (if not, it reported why).
func (fb *funcBuilder) callArgs(e *ast.CallExpr, fn *types.Func, recv *receiver, name string) (args []*ir.Value, memory, ok bool) {
	sig := fn.Signature()
	if sig.Variadic() {
		fb.errorf(e.Pos(), "calls of variadic functions (here %s) are not supported in a differentiated function", name)
		return nil, false, false
	}
	vars, exprs := []*types.Var{}, []ast.Expr{}
	embedded := ""
	if recv != nil {
		vars, exprs, embedded = append(vars, sig.Recv()), append(exprs, recv.expr), recv.embedded
	}
	for i := range sig.Params().Len() {
		vars, exprs = append(vars, sig.Params().At(i)), append(exprs, e.Args[i])
	}
	ok = true
	for i, v := range vars {
		t := v.Type()
		if _, basic := basicOf(t); basic {
			x, okX := fb.expr(exprs[i])
			args, ok = append(args, x), ok && okX
			continue
		}
		if st := fb.passedStruct(t, fn); st != nil {
			through := ""
			if i == 0 && recv != nil {
				through = embedded
			}
			leaves, okL := fb.structArg(exprs[i], through, st)
			if v.Name() == "" || v.Name() == "_" {
				leaves = nil // the callee cannot read it: see flatSignature
			}
			for _, l := range leaves {
				memory = memory || ir.IsSlice(l.Type)
			}
			args, ok = append(args, leaves...), ok && okL
			continue
		}
		lt, isLocal := localType(t)
		_, isSlice := lt.(ir.Slice)
		_, isArray := lt.(ir.Array)
		switch {
		case isLocal && isSlice && fb.info.Types[exprs[i]].IsNil():
			memory = true                                // a function of slices, whatever it is passed
			args = append(args, fb.b.Nil(lt.(ir.Slice))) // stat.Mean(x, nil)
		case isLocal && isArray && fb.calls.decls[fn] != nil:
			// Go passes a copy: the callee copies an array it writes
			// (copyWrittenArrays), so the caller's is only read.
			memory = true
			x, okX := fb.expr(exprs[i])
			args, ok = append(args, x), ok && okX
		case isLocal && isSlice && (fb.calls.decls[fn] != nil || !fb.isHome(fn.Pkg())):
			// Whether another package's function writes into a slice
			// that carries a derivative is checked later, from its
			// source where godiff can read it.
			memory = true
			x, okX := fb.expr(exprs[i])
			args, ok = append(args, x), ok && okX
		case isLocal && isSlice:
			fb.errorf(exprs[i].Pos(), "%s takes a slice, and godiff cannot see into it to know whether it writes into it; pass numbers, or write the computation in a function of this package",
				name)
			return nil, false, false
		default:
			fb.errorf(exprs[i].Pos(), "calls with arguments of type %s (here to %s) are not supported yet; a differentiated function may pass numbers, bools, slices and the package's structs to another function",
				fb.typeString(t), name)
			return nil, false, false
		}
	}
	return args, memory, ok
}

// structArg returns the fields of x, a struct parameter or receiver or a
// struct field of one (n, n.Act), or of its embedded struct through (for a
// promoted method), a composite literal, a call returning a struct, or a
// read-only package variable, as the leaves of struct type st: the
// arguments a call passes for a parameter of that type.
func (fb *funcBuilder) structArg(x ast.Expr, through string, st *types.Struct) ([]*ir.Value, bool) {
	var root *types.Var
	prefix := ""
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		root, _ = fb.info.Uses[x].(*types.Var)
	case *ast.SelectorExpr:
		var path, why string
		root, path, why = fb.fieldPath(x)
		switch {
		case why == reported:
			fb.failed = true
			return nil, false
		case why != "":
			fb.errorf(x.Pos(), "%s", why)
			return nil, false
		}
		prefix = path + "."
	case *ast.CompositeLit, *ast.CallExpr:
		if through != "" {
			break // a method promoted from a struct inside: refused below
		}
		// Normal{Mu: m, Sigma: s}.LogProb(x), Norm(Add(p, q)): the fields
		// of the literal (none for Gaussian{}.y(i), a struct without
		// leaves) or of the struct the call returns.
		leaves, ok := fb.structValue(x, st, "")
		if !ok {
			return nil, false
		}
		return fb.leafValues(st, leaves), true
	}
	if !fb.holdsStruct(root) {
		fb.errorf(x.Pos(), "passing %s to a function is not supported: a differentiated function passes a struct variable (a local one, a parameter or the receiver), a struct field of one, a composite literal or a call returning a struct", types.ExprString(x))
		return nil, false
	}
	if through != "" {
		prefix += through + "."
	}
	var args []*ir.Value
	for _, l := range fb.structLeaves(st, "") {
		v, found := fb.leaf(root, prefix+l.field)
		if !found {
			why := "not one godiff reads"
			if last := l.field[strings.LastIndex(l.field, ".")+1:]; !token.IsExported(last) {
				why = "unexported, of another package's struct, which the generated code cannot read from a parameter"
			}
			fb.errorf(x.Pos(), "passing %s to a function is not supported: its field %s is %s", types.ExprString(x), l.field, why)
			return nil, false
		}
		args = append(args, v)
	}
	return args, true
}

// passedStruct returns the struct type of a parameter of fn of type t
// that a call passes as its fields: a struct of the package to one of its
// functions, or another package's struct to a function or method of its
// own package, whose source godiff reads.
func (c *checker) passedStruct(t types.Type, fn *types.Func) *types.Struct {
	named, st, _ := namedStruct(t)
	switch {
	case named == nil:
		return nil
	case c.calls.decls[fn] != nil && c.ownsType(named.Obj()):
		return st
	case !c.isHome(fn.Pkg()) && named.Obj().Pkg() == fn.Pkg():
		return st
	}
	return nil
}

// takesSlice reports whether sig takes a slice.
func takesSlice(sig *types.Signature) bool {
	for i := range sig.Params().Len() {
		if _, ok := sig.Params().At(i).Type().Underlying().(*types.Slice); ok {
			return true
		}
	}
	return false
}

// calleeName spells fn as a message names it: f, math.Lgamma, or
// dist.Normal.LogProb for another package's method.
func calleeName(fn *types.Func, pkg *types.Package) string {
	switch named := recvNamed(fn); {
	case fn.Pkg() == nil || fn.Pkg() == pkg:
		return fn.Name()
	case named != nil:
		return fn.Pkg().Name() + "." + named.Obj().Name() + "." + fn.Name() // dist.Normal.LogProb
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
	if !c.isHome(fn.Pkg()) {
		return c.foreignRule(fn)
	}
	if r := c.calls.derived[fn]; r != nil {
		return r
	}
	fd := c.calls.decls[fn]
	if fd == nil || c.reportTypeErrors(fd) {
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
	returned := c.returnedParam(fn, fd, sig)
	if returned != nil {
		sig = withoutResults(sig) // see returnsdst.go
	}
	base, twin := c.calleeBase(fn)
	r := &ir.CallRule{Func: ir.Callee{Name: Grad.FuncName(base)}, Twin: twin, Source: fn.Name(), ReturnsParam: returned != nil, Returned: paramIndex(sig, returned)}
	if recv := c.recvType(sig); recv != nil {
		r.Source = recv.Obj().Name() + "." + fn.Name()
	}
	if c.isForeign() {
		r.Source, r.Foreign = calleeName(fn, c.calls.home), true
	}
	c.calls.derived[fn] = r
	var result ir.Basic
	if sig.Results().Len() == 1 {
		result, _ = basicOf(sig.Results().At(0).Type())
	}
	// Several numbers (see assignResults), or a struct's (structresults.go).
	several := sig.Results().Len() > 1 || structResult(sig) != nil
	// A function returning an array is called through its split form,
	// whose results are the array's elements (see arrayCall).
	arrayResult := sig.Results().Len() == 1 && isFloatArray(sig.Results().At(0).Type())
	// The body's problems are kept, not reported: they matter only if a
	// call of fn is active.
	var errs ErrorList
	sub := *c
	sub.reporter.errs = &errs
	params, lay := sub.flatSignature(sig, true)
	r.Results = ir.Tuple{result}
	r.Partials = make([]int, len(params))
	r.Split = arrayResult
	msg := ""
	for i, p := range params {
		r.Params = append(r.Params, p.Name)
		switch t := p.Type.(type) {
		case ir.Slice, ir.Array:
			r.Split = true
		case ir.Basic:
			if ir.IsFloat(t) {
				r.Results = append(r.Results, t)
				r.Partials[i] = len(r.Results) - 1
			}
		default:
			what := p.Name
			if p.Field != "" {
				what = "the field " + p.Field
			}
			msg = fmt.Sprintf("a call of it would pass %s, of type %s, which godiff does not pass to functions yet: make it a slice", what, p.Type)
		}
	}
	notFloat := false
	if msg == "" {
		msg = c.structResultErr(fn, sig)
	}
	switch {
	case msg != "":
	case several && !r.Split:
		// Its calls are differentiated through its JVP alone; a twin's
		// calls that carry no derivative call the twin.
		msg = c.jvpName(fn, fd, base, r)
		if msg == "" && twin {
			msg = c.taken([]string{base})
		}
		if msg == "" && !r.Names.OwnJVP {
			msg = c.taken([]string{r.Names.JVP})
		}
	case !ir.IsFloat(result) && !r.Split && twin:
		// No derivative comes out of its calls (a test, b.inside(x)):
		// they call the twin.
		msg = c.taken([]string{base})
	case !ir.IsFloat(result) && !r.Split:
		// Its calls have no derivative (a test, or an integer: see the
		// root package's intResults, which reads its body): it is
		// built, and its calls stay calls.
		notFloat = true
	case r.Split:
		msg = c.callNames(fn, fd, base, r)
	case twin:
		msg = c.jvpName(fn, fd, base, r)
		if msg == "" {
			msg = c.taken([]string{base, r.Func.Name, base + "Tape", base + "Forward", base + "Backward", r.Names.JVP})
		}
	default:
		msg = c.jvpName(fn, fd, base, r)
		if msg == "" {
			msg = c.ownGradient(fn, fd, r)
		}
		if msg == "" && !r.Names.OwnJVP {
			msg = c.taken([]string{r.Names.JVP})
		}
	}
	if msg != "" {
		r.Err = msg
		c.unbuiltWrites(fn, fd, r)
		return r
	}
	results := sub.calleeResults(sig)
	var g *ir.Func
	if fd.Type.TypeParams == nil {
		g = sub.buildFunc(fd, sig, params, lay, results, returned)
	} else {
		errs = append(errs, Error{Pos: c.position(fd.Name.Pos()), Msg: "generic functions are not supported"})
	}
	if len(errs) > 0 {
		r.Err = errs.Sorted()[0].Error()
		c.unbuiltWrites(fn, fd, r)
		return r
	}
	if g == nil {
		// buildFunc builds no function of a result other than numbers
		// (a slice it does not return as a parameter, see returnsdst.go).
		r.Err = fmt.Sprintf("%s returns %s, which godiff does not differentiate", r.Source, c.typeString(fn.Signature().Results().At(0).Type()))
		c.unbuiltWrites(fn, fd, r)
		return r
	}
	if c.isForeign() {
		g.Name = base // its derivatives are named after it: vecsDotTape
	}
	refs := paramRefs(params) // before the twin's leaves lose their groups
	if twin {
		// Its leaves are plain parameters of the twin.
		g.Name = base
		for i := range g.Params {
			g.Params[i].Group, g.Params[i].Field = nil, ""
		}
	}
	r.Derived = g
	if r.Split {
		r.Writes = paramWrites(g)
		r.Err = arrayFieldWrite(fn, params, refs, r.Writes)
	}
	if notFloat {
		r.Err = fmt.Sprintf("%s must return one float", fn.Name())
	}
	return r
}

// unbuiltWrites sets the Writes of r, the rule of a function of slices
// fn whose IR godiff could not build, from its syntax (see astWrites), so
// that a call of it that passes a differentiated slice it only reads may
// stay a call. A twin's calls pass other arguments than fn's parameters:
// it gets none.
func (c *checker) unbuiltWrites(fn *types.Func, fd *ast.FuncDecl, r *ir.CallRule) {
	if r.Split && !r.Twin && len(r.Params) == fn.Signature().Params().Len() {
		r.Writes = c.astWrites(fn, fd, make(map[writeKey]bool))
	}
}

// arrayFieldWrite explains why calls of fn cannot be differentiated if fn
// writes into an array it shares with its caller, or returns "". fn's
// derivatives take an array by value, as Go passes an array parameter, of
// which fn writes a copy of its own (copyWrittenArrays); but an array
// field of a struct fn reaches through a pointer is the caller's, and the
// write would be lost.
func arrayFieldWrite(fn *types.Func, params []ir.Param, refs []string, writes []bool) string {
	for i, p := range params {
		if _, isArray := p.Type.(ir.Array); isArray && writes[i] {
			return fmt.Sprintf("%s writes into the array field %s, which its caller's struct holds; godiff passes an array to a function by value, so the write would not reach the caller: make the field a slice, or write the element in the caller",
				fn.Name(), refs[i])
		}
	}
	return ""
}

// calleeBase returns the name the derivatives of fn are named after, and
// whether fn is called through a twin: a method, or a function with a
// struct parameter, whose derivatives take the struct's fields one by one,
// like the twin, a plain function that godiff writes from fn's body
// (Net.hidden → netHidden, f(p Params) → fFlat) for the calls it leaves as
// they are.
func (c *checker) calleeBase(fn *types.Func) (string, bool) {
	sig := fn.Signature()
	if !c.isHome(fn.Pkg()) {
		// Named after its package in the output: vecs.Dot → vecsDot. An
		// unexported one is called through a copy, its twin, and so is
		// a method (dist.Normal.LogProb → distNormalLogProb), which takes
		// its receiver's fields.
		// A function taking a struct, too (r3.Norm(v) → r3Norm).
		if r := sig.Recv(); r != nil {
			if named, _, _ := namedStruct(r.Type()); named != nil {
				return lowerInitials(fn.Pkg().Name()) + upperFirst(named.Obj().Name()) + upperFirst(fn.Name()), true
			}
		}
		// One of an internal package the output cannot import (gonum's
		// cephes behind mathext) is called through its copy too.
		twin := !fn.Exported() || takesStruct(sig) || structResult(sig) != nil || !importable(c.calls.home.Path(), fn.Pkg().Path())
		return lowerInitials(fn.Pkg().Name()) + upperFirst(fn.Name()), twin
	}
	if r := sig.Recv(); r != nil {
		named, _, _ := c.structType(r.Type())
		if named == nil {
			return fn.Name(), false
		}
		return lowerInitials(named.Obj().Name()) + upperFirst(fn.Name()), true
	}
	for i := range sig.Params().Len() {
		if named, _, _ := c.structType(sig.Params().At(i).Type()); named != nil {
			return fn.Name() + "Flat", true
		}
	}
	if structResult(sig) != nil {
		return fn.Name() + "Flat", true
	}
	return fn.Name(), false
}

// takesStruct reports whether sig takes a struct, or a pointer to one.
func takesStruct(sig *types.Signature) bool {
	for i := range sig.Params().Len() {
		if named, _, _ := namedStruct(sig.Params().At(i).Type()); named != nil {
			return true
		}
	}
	return false
}

// paramWrites returns which of g's parameters g writes into, through the
// functions it calls too. A recursive call finds its callee's Writes not
// known yet: the analysis runs again until nothing changes.
func paramWrites(g *ir.Func) []bool {
	r := make([]bool, len(g.Params))
	// g's calls of itself start from writing nothing, and the analysis
	// adds what they write until nothing changes.
	for _, v := range calls(g) {
		if rule := v.Aux.(ir.Callee).Rule; rule.Derived == g {
			rule.Writes = r
		}
	}
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
func (c *checker) callNames(fn *types.Func, fd *ast.FuncDecl, name string, r *ir.CallRule) string {
	if msg := c.jvpName(fn, fd, name, r); msg != "" {
		return msg
	}
	r.Names.Tape, r.Names.Forward, r.Names.Backward = name+"CallTape", name+"CallForward", name+"CallBackward"
	names := []string{r.Names.Tape, r.Names.Forward, r.Names.Backward}
	if r.Twin {
		names = append(names, name)
	}
	if !r.Names.OwnJVP {
		names = append(names, r.Names.JVP)
	}
	return c.taken(names)
}

// jvpName names the JVP forward mode calls for fn (named name, or its
// twin's), with respect to all its differentiable parameters: fn's own
// //godiff:jvp over them all generates it, or godiff does. It returns
// what is wrong, or "".
func (c *checker) jvpName(fn *types.Func, fd *ast.FuncDecl, name string, r *ir.CallRule) string {
	r.Names.Base, r.Names.JVP = name, JVP.FuncName(name)
	for _, cm := range c.ownDirectives(fd) {
		verb, args := cutVerb(strings.TrimPrefix(cm.Text, directivePrefix))
		if verb != "jvp" || r.Twin {
			continue // a twin's JVP is godiff's, over its fields
		}
		if !c.allFloats(fn.Signature().Params(), strings.Fields(args)) {
			return fmt.Sprintf("its //godiff:jvp differentiates with respect to some of its parameters only, but a call of it needs them all: name them all, or none (%s)",
				c.position(cm.Slash))
		}
		r.Names.OwnJVP = true
	}
	return ""
}

// taken returns a message about the first of names the package declares,
// or "".
func (c *checker) taken(names []string) string {
	for _, name := range names {
		if obj := c.lookup(name); obj != nil {
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
	for _, cm := range c.ownDirectives(fd) {
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
	base, _ := c.calleeBase(fn)
	return c.taken([]string{r.Func.Name, base + "Tape", base + "Forward", base + "Backward"})
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

// ownDirectives returns the //godiff: lines of fd's doc comment that
// generate code in the output: none for a function of another package,
// whose own outputs are that package's.
func (c *checker) ownDirectives(fd *ast.FuncDecl) []*ast.Comment {
	if c.isForeign() {
		return nil
	}
	return docDirectives(fd)
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
func (c *checker) readRules(cs *callees, file *ast.File, fd *ast.FuncDecl, pending map[*types.Func]*sliceRule) {
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
		if msg == "" && takesSlice(target.Signature()) {
			if msg = c.sliceRuleRole(pending, fd, target, names[0], cm.Slash); msg != "" {
				c.errorf(cm.Slash, "//godiff:rule %s: %s", names[0], msg)
				if r := pending[target]; r != nil {
					r.failed = true // reported: no rule, and no more words
				}
			}
			continue
		}
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
		if target.Pkg() != cs.pkg {
			cs.named[ruleKey(target)] = r
		}
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

// paramNames returns the names of sig's parameters.
func paramNames(sig *types.Signature) []string {
	names := make([]string, sig.Params().Len())
	for i := range names {
		names[i] = sig.Params().At(i).Name()
	}
	return names
}

// lowerInitials returns name with its leading capitals in lower case, as
// Go spells an unexported name made of it: Net → net, MLP → mlp,
// HTTPServer → httpServer.
func lowerInitials(name string) string {
	r := []rune(name)
	n := 0
	for n < len(r) && unicode.IsUpper(r[n]) {
		n++
	}
	if n > 1 && n < len(r) {
		n-- // the last capital starts the next word
	}
	for i := range n {
		r[i] = unicode.ToLower(r[i])
	}
	return string(r)
}

// paramRefs spells each parameter as the source does: x, or the field
// b.Pos of a struct parameter or receiver.
func paramRefs(params []ir.Param) []string {
	refs := make([]string, len(params))
	for i, p := range params {
		refs[i] = p.Name
		if p.Group != nil {
			refs[i] = p.Group.Ref(p.Field)
		}
	}
	return refs
}
