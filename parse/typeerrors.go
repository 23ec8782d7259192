package parse

import (
	"go/ast"
	"go/token"
	"slices"
)

// typeError is a type error of a package that lies outside the annotated
// functions of the inputs. It does not stop godiff by itself (most often
// it is a call of a derivative godiff is about to write); it does once
// godiff reads the body of the function it lies in, a callee of an
// annotated function, since godiff builds only bodies that type-check.
type typeError struct {
	Error
	// at holds the error's absolute position and those of its
	// continuation lines ("other declaration of h"), so that a function
	// declared twice is caught from either declaration.
	at []token.Position
}

// reportTypeErrors reports the package's type errors that lie in fd, a
// function whose body godiff is about to read, or that name it; it returns
// whether there were any. They are reported where they lie, as the type
// checker words them, whichever function led godiff to read fd, and
// always: they are the user's to fix before any derivative can be built.
func (c *checker) reportTypeErrors(fd *ast.FuncDecl) bool {
	in := spans{c.fset.Position(fd.Pos()), c.fset.Position(fd.End())}
	found := false
	for _, e := range c.calls.typeErrs {
		if slices.ContainsFunc(e.at, in.contain) {
			*c.fatal = append(*c.fatal, e.Error)
			found = true
		}
	}
	return found
}
