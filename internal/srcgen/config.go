package srcgen

// Config switches the generator's features one by one, so that a class of
// failures can be isolated: turn everything off but one feature and see
// whether the failures stay. Default turns on every feature of the README's
// "Supported Go".
type Config struct {
	// Signature.
	Slices     bool // []float64 parameters
	IntParam   bool // an int parameter (a constant) used as a loop bound or in conditions
	BlankParam bool // a blank parameter `_ float64`
	Results2   bool // some annotated functions have two results (vjp and jvp only)
	Structs    bool // a struct parameter (value or pointer) with float, slice and int fields

	// Expressions.
	Math         bool // math functions with rules, on their smooth domains
	PowConstBase bool // math.Pow(2, x), math.Pow(math.E, x)
	Kinks        bool // math.Abs, Max, Min (piecewise smooth)
	Folding      bool // constant folding: 2*3*x, 1*x, untyped constants
	FoldToZero   bool // terms that fold to zero: x*0 + y, x - x + y
	KonstInLoops bool // locals holding constants (v := 0.5) read inside loops
	ConstConds   bool // constant conditions: const debug = true; if debug || ...
	MultiMath    bool // math.Sincos, math.Lgamma with a differentiated argument
	NewMath      bool // Erfc, Erfinv, Erfcinv, Exp2, Asinh, Acosh, Atanh, Gamma, FMA, J0, J1, Jn, Y0, Y1, Yn on their smooth domains
	NewKinks     bool // math.Mod, Remainder, Dim, Copysign and the builtins min, max (jumps and kinks random points miss)
	Steps        bool // math.Floor, Ceil, Trunc, Round, RoundToEven (derivative 0 between jumps)
	TestConds    bool // math.IsNaN, IsInf, Signbit in conditions

	// Statements.
	OpAssign       bool // += -= *= /=
	Overwrite      bool // dead stores and values overwritten before read: r = 2*r; r = x
	Tuples         bool // a, b = b, a; a, b = e1, e2
	TupleParams    bool // tuple assignments that move a parameter: x, r = r, x
	Switch         bool // switch statements, tagged and tagless
	IfInit         bool // if v := e; v > 0 { ... }
	VarZeroInLoops bool // var v float64 inside a loop, then v = 0.5*v + e

	// Loops.
	Loops3        bool // for i := 0; i < n; i++
	LoopsCond     bool // for j < n { j++; ... }
	LoopsBare     bool // for { if n >= N { break }; n++; ... }
	RangeSlice    bool // for i, v := range xs
	RangeInt      bool // for i := range 3
	Break         bool
	Continue      bool
	Return        bool // return inside loops and branches
	BreakInSwitch bool // an unlabeled break in an if in a switch case in a loop (it leaves the switch)
	Labels        bool // break outer / continue outer
	CounterBound  bool // a loop bound reading the counter: i < len(xs)-i

	// Memory.
	InPlace        bool // writes into parameter slices: xs[len(xs)-1] += 1
	InPlaceInLoops bool // such writes inside loops: buf[i] *= a
	ConstWrites    bool // in-place updates by a constant: xs[len(xs)-1] -= 2
	LocalSlices    bool // make, literals, copy
	SubSlices      bool // xs[1:3], xs[1:], xs[:2]
	Windows        bool // a slice variable moving along another in a loop: w = xs[j : j+k], w = w[1:]
	SwapBuffers    bool // two buffers made with make swapped in a loop: prev, cur = cur, prev
	Guards         bool // panics that never fire: if len(xs) != 3 { panic(...) }, IsNaN tests, a panic ending a helper

	// Arrays by value.
	Arrays      bool // [2]float64 and [3]float64 locals: literals, copies a := b, a = b, swaps, element writes, range
	ArrayParams bool // array parameters of the annotated function

	// Calls of generated helpers in the same file.
	NumHelpers    bool // func h(a, b float64) float64
	SliceHelpers  bool // func h(xs []float64, a float64) float64
	WriterHelpers bool // func h(dst []float64, a float64): writes into its argument
	Recursion     bool // func h(x float64, d int) float64, depth from a constant
	MultiResult   bool // func h(a, b float64) (float64, float64)
	Methods       bool // methods on the struct parameter's type
	StructFuncs   bool // functions taking the struct as a parameter
	WriterInExpr  bool // a helper writing a slice called inside an expression that reads it
	ArrayHelpers  bool // func h(a [3]float64, b float64) [3]float64, func h(a, b [3]float64) float64, a[:] passed for a slice
	LocalStructs  bool // a local struct of the parameter's type (composite literal or copy), its float fields assigned (in loops too), its methods called

	// Newer features: checkpointing, second order, composition.
	Checkpoint      bool // a copy of the function with //godiff:checkpoint on some loops (see Variant)
	CheckpointLoops bool // some programs have loops written to be checkpointed: sums, buffers overwritten whole, state with -every
	Hessians        bool // a copy with //godiff:hvp and //godiff:hessian; some programs in their subset
	Derived         bool // some programs call GGrad and GJVP of another annotated function
	CkptLoops       bool // (set by Program) loops written to be checkpointed, marked //srcgen:ckpt
	DerivedCalls    bool // (set by Program) an annotated float helper whose GGrad and GJVP the function calls

	// Constructs of the memory and higher-order sessions, each given to
	// half the programs of its kind by a stream of its own (see Program).
	SliceStateLoops bool // of the programs with loops written to be checkpointed, some carry state in slices (an RNN, springs)
	DerivedSlices   bool // of the programs calling G's derivatives, some call GGrad or GVJP of a G of weight slices
	HessianStructs  bool // of the programs in the Hessians' subset, some keep structs, methods and in-place writes, and the copy differentiates the struct, maybe as its receiver
	SliceStateLoop  bool // (set by Program) the loop written to be checkpointed carries state in slices
	DerivedOfSlices bool // (set by Program) G takes weight slices and the function calls GGrad or GVJP
	HessianWide     bool // (set by Program) the Hessian copy differentiates the struct and slices F writes

	// Constructs reaching reverse mode's newer paths (see Path), given to
	// three programs in eight by a stream of their own (see Program).
	NewerPaths bool

	MaxStmts int // statements per block at the top level
	MaxDepth int // nesting of blocks
	MaxExpr  int // depth of expressions
}

// Default returns a configuration with every feature on.
func Default() Config {
	return Config{
		Slices: true, IntParam: true, Results2: true, BlankParam: true, Structs: true,
		Math: true, PowConstBase: true, Kinks: true, Folding: true, FoldToZero: true, KonstInLoops: true, ConstConds: true, MultiMath: true,
		NewMath: true, NewKinks: true, Steps: true, TestConds: true,
		OpAssign: true, Overwrite: true, Tuples: true, TupleParams: true, Switch: true, IfInit: true, VarZeroInLoops: true, BreakInSwitch: true,
		Loops3: true, LoopsCond: true, LoopsBare: true, RangeSlice: true, RangeInt: true,
		Break: true, Continue: true, Return: true, Labels: true, CounterBound: true,
		InPlace: true, InPlaceInLoops: true, ConstWrites: true, LocalSlices: true, SubSlices: true,
		Windows: true, SwapBuffers: true, Guards: true, Arrays: true, ArrayParams: true,
		NumHelpers: true, SliceHelpers: true, WriterHelpers: true, Recursion: true, MultiResult: true,
		Methods: true, StructFuncs: true, WriterInExpr: true, ArrayHelpers: true, LocalStructs: true,
		Checkpoint: true, CheckpointLoops: true, Hessians: true, Derived: true,
		SliceStateLoops: true, DerivedSlices: true, HessianStructs: true, NewerPaths: true,
		MaxStmts: 6, MaxDepth: 3, MaxExpr: 3,
	}
}
