package parse

import (
	"go/token"

	"github.com/godiff/godiff/ir"
	"github.com/godiff/godiff/reverse"
)

// Mode is what a directive asks godiff to generate.
type Mode int

// The modes, one per directive verb.
const (
	Grad     Mode = iota // //godiff:grad
	VJP                  // //godiff:vjp
	JVP                  // //godiff:jvp
	Jacobian             // //godiff:jacobian
	HVP                  // //godiff:hvp
	Hessian              // //godiff:hessian
)

var modeNames = [...]string{Grad: "grad", VJP: "vjp", JVP: "jvp", Jacobian: "jacobian", HVP: "hvp", Hessian: "hessian"}

var modeSuffixes = [...]string{Grad: "Grad", VJP: "VJP", JVP: "JVP", Jacobian: "Jacobian", HVP: "HVP", Hessian: "Hessian"}

// FuncName returns the name of the function mode m generates for the
// function named f: LossGrad, LossVJP, LossJVP, LossJacobian, LossHVP; lossGrad
// for an unexported loss.
func (m Mode) FuncName(f string) string { return f + modeSuffixes[m] }

// String returns the directive verb: "grad", "vjp", "jvp", "jacobian", "hvp" or "hessian".
func (m Mode) String() string {
	if m < 0 || int(m) >= len(modeNames) {
		return "mode?"
	}
	return modeNames[m]
}

// Directive is one //godiff: line on a function.
type Directive struct {
	Mode Mode
	// Wrt holds the indexes into Func.Params of the differentiated
	// parameters, ascending (signature order, whatever the directive's
	// order).
	Wrt  []int
	Name string         // the generated function's name, Mode.FuncName of the function's
	Pos  token.Position // position of the "//godiff:" comment
	// Split names the split form a grad or vjp directive's function is
	// built on: the function's own (FTape, FForward, FBackward), shared by
	// its reverse directives, or, for a second reverse directive with
	// other parameters, its generated function's (FGradTape, ...). A
	// jacobian directive has one too, for its reverse path, unless it
	// is forced into forward mode.
	Split reverse.Names
	// Jacobian holds the options and the other names of a jacobian
	// directive.
	Jacobian JacobianSpec
	// Hessian holds the other names of a hessian directive.
	Hessian HessianSpec
}

// HessianSpec names what a //godiff:hessian directive generates besides
// FHessian (Directive.Name): FHessianTo, which writes into a caller's
// matrix, and the Hessian-vector product FHVP it calls per column, which
// it generates unless a //godiff:hvp directive on the same parameters
// does (OwnHVP says it does); or, for a few floats, a vector JVP of the
// gradient.
type HessianSpec struct {
	To, HVP string
	OwnHVP  bool
	// Vector is the vector JVP of the gradient that computes the Hessian
	// of a few floats in one sweep, or of slices 8 columns per sweep
	// (FHessianVec).
	Vector string
}

// JacobianMode is the mode a jacobian directive builds the Jacobian in:
// chosen by the shape (Auto), or forced by -mode=forward or
// -mode=reverse.
type JacobianMode int

// The jacobian directive's modes.
const (
	Auto JacobianMode = iota
	Forward
	Reverse
)

var jacobianModeNames = [...]string{Auto: "auto", Forward: "forward", Reverse: "reverse"}

// String returns the mode as a directive's -mode option spells it.
func (m JacobianMode) String() string {
	if m < 0 || int(m) >= len(jacobianModeNames) {
		return "mode?"
	}
	return jacobianModeNames[m]
}

// JacobianSpec is what a //godiff:jacobian directive says besides its
// parameters: its mode, and the names of what it generates besides
// FJacobian (Directive.Name).
type JacobianSpec struct {
	Mode JacobianMode
	// To writes the Jacobian into a caller's buffer, using Work's
	// buffers (FJacobianTo, FJacobianWork); Vector is the JVP in vector
	// mode its forward path calls (FJVPVec).
	To, Work, Vector string
}

// Target is one annotated function.
type Target struct {
	// Func is the user's function in IR: Name is its Go name, Params and
	// Results come from the signature, and control cannot fall off the
	// end of the body (it ends in a return, an if whose branches both
	// end so, or a loop without a condition that no break leaves). It
	// passes ir.Verify.
	Func       *ir.Func
	Directives []Directive    // in source order
	Pos        token.Position // the position of the function's name
}

// File is one input file with its annotated functions.
type File struct {
	Path            string    // absolute path of the source file
	Package         string    // package name
	BuildConstraint string    // the "//go:build" expression, "" if none
	Targets         []*Target // in source order
	// Siblings are the package's other files with directives, in path
	// order, built on a best-effort basis (a file with problems has no
	// targets; its own run reports them). Their calls decide which output
	// holds the derivative of a function several files call: see
	// godiff.Generate.
	Siblings []*File
}
