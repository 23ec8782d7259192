// Package testgen writes the gradient checks godiff generates with the
// code (godiff -tests): a test file, <base>_godiff_test.go beside the
// output, with one test per annotated function, TestGodiffF, that checks
// each derivative generated for F (FGrad, FVJP, FJVP and the split form)
// at seeded random points and at points the user gives: values bit for bit
// F's, derivatives against central finite differences where two step sizes
// agree, forward against reverse mode, and no allocation of the split form
// on a kept tape where F allocates nothing.
//
// The checking code is the same for every function: it is the package
// tmpl, a compiled and tested package whose text every test file copies
// (renamed after the file, so that several test files of one package
// build together). It works through reflection; what each test adds is a
// description of F and of its derivatives' signatures in terms of F's
// arguments (spec.go, layout.go), and two direct calls that reflection
// cannot make without allocating (alloc.go).
package testgen

import (
	"fmt"

	"github.com/godiff/godiff/ir"
)

// Func is one annotated function and the derivatives generated for it.
type Func struct {
	F       *ir.Func   // the user's function
	Reverse []*Reverse // one per split form, in directive order
	JVP     *JVP       // nil without a //godiff:jvp
	// Exits is set if F, or a function it calls that godiff
	// differentiates, may call os.Exit or log.Fatal, which would end the
	// test binary: the test then runs F only at the user's points.
	Exits bool
	// Makes is set if F, or a function it calls that godiff
	// differentiates, makes a slice, whose derivative's buffer the split
	// form allocates on every run: its allocations are then not checked.
	Makes bool
}

// Reverse is a split form and the functions built on it.
type Reverse struct {
	Wrt    []int // the differentiated parameters of F (IR indexes)
	Seeded []int // the parameters F writes into, which FVJP and FBackward seed
	// Buffers are the parameters with an adjoint buffer in Backward, in
	// order.
	Buffers           []int
	Grad, VJP         *ir.Func // nil if not generated
	Forward, Backward *ir.Func
}

// JVP is the forward-mode derivative.
type JVP struct {
	Func    *ir.Func
	Wrt     []int // the differentiated parameters of F
	Outputs []int // the other slices F writes into, in the order of their tangent buffers
}

// FileSpec is one generated test file.
type FileSpec struct {
	Package         string
	BuildConstraint string // copied as a //go:build line if set
	// Suffix makes the file's own declarations distinct from those of
	// the package's other generated test files: godiffCheck_<Suffix>.
	Suffix string
	Funcs  []*Func
	// Declared holds the names the package's test files declare that the
	// checks look for: godiffPoints functions (see PointsName) and
	// godiffNoFD constants (see NoFDName).
	Declared map[string]bool
	// Taken holds the names the package declares at the top level: an
	// import of the test file whose name is among them is renamed
	// godiff<name>.
	Taken map[string]bool
}

// TestName returns the name the test of f is known by: F for a function,
// T_M for a method M of T. The test is TestGodiff<name>.
func TestName(f *ir.Func) string {
	if g := f.Recv(); g != nil {
		return g.Type + "_" + f.Name
	}
	return f.Name
}

// PointsName returns the name of the function by which the user gives the
// points where f's derivatives are checked: godiffPoints<TestName>.
func PointsName(f *ir.Func) string { return "godiffPoints" + TestName(f) }

// NoFDName returns the name of the string constant by which the user says
// why f's derivatives are not those of finite differences (a rule with a
// straight-through derivative, on purpose): godiffNoFD<TestName>. The
// checks then leave out the comparisons with finite differences.
func NoFDName(f *ir.Func) string { return "godiffNoFD" + TestName(f) }

// displayName returns f as messages name it: Loss, (*Net).Loss.
func displayName(f *ir.Func) string {
	return funcValue(f, f.Name)
}

// funcValue returns the Go expression of the function name of a function
// with f's receiver: name, or the method expression (*Net).name.
func funcValue(f *ir.Func, name string) string {
	g := f.Recv()
	switch {
	case g == nil:
		return name
	case g.Pointer:
		return fmt.Sprintf("(*%s).%s", g.Type, name)
	}
	return fmt.Sprintf("%s.%s", g.Type, name)
}
