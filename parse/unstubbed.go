package parse

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
)

// unstubbedMessage rewords the type checker's "undefined: FGrad" where
// FGrad is a derivative godiff generates (FGrad, FJVP, FVJP) that the
// stub file does not declare (see funcStubs) because the syntax of F
// does not let godiff differentiate through it: it says why and what to
// write instead. Other messages are returned as they are.
func unstubbedMessage(msg string, files []*ast.File) string {
	name, ok := strings.CutPrefix(msg, "undefined: ")
	if !ok {
		return msg
	}
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !generates(fd, name) {
				continue
			}
			for _, s := range funcStubs(fd) {
				if s.name == name {
					return msg // declared: undefined for some other reason
				}
			}
			return fmt.Sprintf("%s is the derivative godiff generates for %s; godiff differentiates through the derivatives it generates only for functions (not methods) whose parameters and results are all float64 or float32 (FGrad also of functions of slices of float64), and %s; write the derivative's computation out instead",
				name, funcTitle(fd), whyUnstubbed(fd))
		}
	}
	return msg
}

// generates reports whether a directive of fd asks for the derivative
// named name: FGrad, FJVP or FVJP.
func generates(fd *ast.FuncDecl, name string) bool {
	for _, cm := range docDirectives(fd) {
		verb, _ := cutVerb(strings.TrimPrefix(cm.Text, directivePrefix))
		for _, m := range []Mode{Grad, JVP, VJP} {
			if verb == m.String() && m.FuncName(fd.Name.Name) == name {
				return true
			}
		}
	}
	return false
}

// funcTitle names fd as its source does: F, or (T).F for a method.
func funcTitle(fd *ast.FuncDecl) string {
	if fd.Recv != nil && len(fd.Recv.List) > 0 {
		return fmt.Sprintf("the method (%s).%s", types.ExprString(fd.Recv.List[0].Type), fd.Name.Name)
	}
	return fd.Name.Name
}

// whyUnstubbed says what funcStubs requires of fd that it lacks.
func whyUnstubbed(fd *ast.FuncDecl) string {
	name := fd.Name.Name
	switch {
	case fd.Recv != nil:
		return name + " is a method"
	case fd.Type.TypeParams != nil:
		return name + " has type parameters"
	case fd.Type.Results == nil:
		return name + " has no result"
	}
	for _, list := range []*ast.FieldList{fd.Type.Params, fd.Type.Results} {
		for _, p := range list.List {
			t := types.ExprString(p.Type)
			switch {
			case len(p.Names) == 0 && list == fd.Type.Params:
				return "a parameter of " + name + " has no name"
			case qualified(p.Type):
				return name + " takes or returns " + t + ", another package's type"
			case kindOfExpr(p.Type) == maybeFloat:
				return name + " takes or returns " + t
			}
		}
	}
	return name + " takes or returns other types"
}
