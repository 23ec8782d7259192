// Package tmpl is the checking code that godiff copies into every generated
// test file (<base>_godiff_test.go): it is compiled, vetted and tested here
// as an ordinary package, and package testgen embeds its text, renaming
// each identifier's suffix _tmpl after the output file, so that the test
// files of one package never declare a name twice.
//
// The checks work on reflect values, so that one piece of code serves every
// signature godiff supports; what reflection cannot do the generated code
// does for it: a pointer to each leaf (an unexported field included), and a
// direct call of F and of the split form for counting allocations.
//
// Only the files of this package whose names start with "spec" or "check"
// are copied; tmpl_test.go tests them.
package tmpl

// godiffFunc_tmpl is an annotated function F and the derivatives godiff
// generated for it, as the generated test describes them.
type godiffFunc_tmpl struct {
	name       string            // F as messages name it: Loss, (*Net).Loss
	fn         any               // F; for a method, its method expression, receiver first
	params     []string          // the names of F's parameters, receiver first
	leaves     []godiffLeaf_tmpl // the values of the parameters godiff computes with
	points     any               // the user's godiffPoints function, or nil
	pointsName string            // its name: godiffPointsLoss
	pointsDecl string            // its declaration, for messages
	// exits is set if F may call os.Exit or log.Fatal, which would end
	// the test binary: F is then run only at the user's points.
	exits bool
	// noFD, if set, is why F's derivatives are not those of finite
	// differences (a straight-through rule): the user's godiffNoFD
	// constant. The comparisons with finite differences are then left
	// out; every other check is made.
	noFD string
	// makes is set if F, or a function it calls that godiff
	// differentiates, makes a slice: its split form then allocates the
	// slice's derivative buffer per run, and its allocations are not
	// checked.
	makes   bool
	reverse []*godiffReverse_tmpl
	forward *godiffForward_tmpl
	// alloc returns a call of F with the arguments v (one per parameter,
	// receiver first) that allocates nothing itself, for
	// testing.AllocsPerRun; nil where the test cannot name a parameter's
	// type.
	alloc func(v []any) func()
}

// godiffLeaf_tmpl is one value godiff computes with: a parameter of a
// number, slice or array type, or such a field of a struct parameter.
type godiffLeaf_tmpl struct {
	name  string // w, n.W1, n.Act.Scale
	param int    // the parameter that holds it, receiver first
	// at returns a pointer to the leaf, given a pointer to its parameter;
	// nil for a leaf that is the parameter itself.
	at func(p any) any
}

// godiffArg_tmpl is one argument of a generated function, or one of its
// gradient results, in terms of F's arguments. A test writes a list of
// them as a layout (see godiffLayout_tmpl).
type godiffArg_tmpl struct {
	// kind is 'p' for F's parameter index, 't' for the tape, 's' for the
	// seed of F's result index, 'd' for derived values of the leaves
	// (tangents, seeds, adjoint buffers).
	kind  byte
	index int
	// For 'd': the leaves, the role of each ('v' its tangent, 'o' the seed
	// of what F leaves in it, 'z' zero), and whether the argument is a
	// struct of the type of their parameter rather than the one leaf.
	leaves []int
	roles  string
	whole  bool
}

// godiffReverse_tmpl is one split form with the functions built on it:
// FGrad, FVJP, FTape, FForward and FBackward.
type godiffReverse_tmpl struct {
	wrt    []int // the leaves differentiated
	seeded []int // the leaves F writes into, which FVJP and FBackward seed, in their order

	grad, vjp         any    // nil if not generated
	gradName, vjpName string // LossGrad, (*Net).LossVJP
	vjpArgs           string // layouts: see godiffLayout_tmpl
	grads             string // FGrad's and FVJP's results after F's: the gradient

	forward, backward         any
	forwardName, backwardName string
	forwardArgs, backwardArgs string
	tape                      func() any // a new tape
	// alloc returns FForward then FBackward as one call that allocates
	// nothing itself, given the arguments of each (tape included); nil
	// where the test cannot name a parameter's type.
	alloc func(fwd, bwd []any) func()
}

// godiffForward_tmpl is FJVP.
type godiffForward_tmpl struct {
	name string
	fn   any
	wrt  []int
	args string
}
