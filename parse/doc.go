// Package parse turns annotated Go source into godiff's IR.
//
// It is the only part of godiff that reads go/ast. [Load] loads and
// type-checks the packages holding the given files (listed with
// golang.org/x/tools/go/packages, type-checked from source against their
// imports' export data: see loadRoots), finds the //godiff: directives on their
// functions, checks that each annotated function stays inside the subset of
// Go that godiff can differentiate, and builds the function's IR with an
// [ir.Builder].
//
// # Directives
//
// A directive is a line comment in the doc comment of a top-level function
// or method:
//
//	//godiff:grad w1 w2   gradient of the single float result
//	//godiff:vjp          vector-Jacobian product (reverse mode)
//	//godiff:jvp x        Jacobian-vector product (forward mode)
//	//godiff:jacobian     the whole Jacobian (forward or reverse mode)
//	//godiff:hvp x y      Hessian-vector product (forward over reverse)
//	//godiff:hessian x y  dense Hessian (FHessian, FHessianTo: one H·v per column)
//
// The names after the verb are the parameters to differentiate with respect
// to, a method's receiver among them; with none, every parameter that can
// carry a derivative is differentiated (floats, slices and arrays of them,
// structs with such fields), and a method's receiver too. Functions without
// a directive are ignored, bodies included.
//
// One directive stands in a body rather than a doc comment:
// //godiff:checkpoint on the line just before a for statement of a function
// with //godiff:grad or //godiff:vjp marks that loop (ir.Loop's
// Checkpoint) for recomputation in the backward sweep (checkpoint.go; the
// reverse transform checks that the loop allows it).
//
// For a method of Net the generated grad, vjp, jvp and forward functions
// are methods with the same receiver (LossGrad, LossForward); the tape type
// and the backward function, which reads only the tape, are package-level
// and named after the type too (NetLossTape, NetLossBackward). Every
// generated name is checked against the package's declarations, and a
// method's against the fields and methods of its type.
//
// # The subset
//
// The body computes on float and integer values, bools, and slices and
// arrays of them, and reads the fields of struct parameters:
//
//   - assignments (=, :=, op=, ++, --, tuple assignments that swap), var
//     declarations, nested blocks, arithmetic, conversions between numeric
//     types;
//   - calls (calls.go): of the math functions that have derivative rules;
//     of any function of one number or bool result, or of several in an
//     assignment of their own (lg, _ := math.Lgamma(x)), whose arguments
//     are numbers (math's Sincos, Frexp, Modf and Lgamma and the
//     package's own functions of numbers are differentiated; the others
//     only where their arguments are inactive); of the package's own
//     functions and methods of structs, passing numbers, slices and
//     structs (a struct as its leaves, to a plain twin of the callee),
//     also as statements when they return
//     nothing. A call is an OpCall of a pure function of numbers, or an
//     OpInvoke where it passes memory. Its Callee carries the CallRule
//     the transforms differentiate it by: a //godiff:rule the package
//     gives for the function (of this package or another), or the
//     function's own IR, built on the first call and kept with the
//     package (recursion finds it), with which of its slices it writes.
//     Whether a call needs a derivative, and so a rule, is the
//     transforms' activity analysis' to say: a problem with a callee's
//     body is kept in its rule, not reported, until a call needs it;
//   - calls of other packages' functions (foreign.go): their source is
//     loaded on demand and built like the package's own callees, by a
//     checker of that package whose generated names are the home
//     package's (vecs.Dot → vecsDot); what the output cannot name (an
//     unexported function without a body, an unexported variable, an
//     internal package) is refused where a call needs it. A nil slice
//     argument is an OpConst of slice type. Rules for functions of slices
//     (slicerule.go) are three user functions in the split form's shape.
//     Which slices a callee outside the subset may write is read from its
//     syntax (writes.go), so a call that only reads a differentiated
//     slice may stay a call;
//   - a statement in which a call writes a slice (or a struct's slice
//     field) that the statement also reads outside the call is refused
//     (order.go): Go does not specify which comes first;
//   - comparisons, &&, || and !, and bool variables; a slice compared
//     with nil (w != nil); math.IsNaN, IsInf and Signbit of any value, which
//     have no derivative;
//   - statements that end the run (halt.go): panic(...), log.Fatal,
//     Fatalf, Fatalln, Panic, Panicf, Panicln and os.Exit, anywhere, a
//     panic ending the function too. Each is an ir.Halt, kept as written:
//     its arguments are constants, package-level names, the function's
//     numbers and slices, and calls of functions (fmt.Sprintf,
//     errors.New) of those;
//   - if, else if and else (with an init statement), and switch with or
//     without a tag, built as a chain of ifs with the default last; a case
//     may list several values;
//   - for loops with three clauses, with a condition only, and bare; range
//     over a slice, an array or an integer; break and continue, labeled or
//     not (labels go on loops only); return anywhere;
//   - slices ([]float64, []int, [][]float64, ...) and arrays, nested ones
//     too ([3]float64, [2][3]float64): indexing, element assignment,
//     s[lo:hi], len, cap, make, composite literals, copy and clear (of a
//     slice of numbers: the loop storing zeros);
//   - slice variables that move within one slice (input = seq[t:t+b],
//     s = s[1:], var w []float64 given a window later) and buffers made
//     in the function and swapped (prev, cur = cur, prev), and
//     s = append(s, v) onto a slice made with a capacity, see below;
//   - the builtins min and max of numbers, of any number of arguments (a
//     chain of ir.OpMin or ir.OpMax);
//   - parameters and receivers of a struct type T declared in the package,
//     or of *T, and parameters of another package's exported struct
//     types: the body reads their fields (n.W1, n.W1[i][j], len(n.B1),
//     n.Act.Scale through a nested struct value, promoted fields of an
//     embedded one) and assigns the elements of their slice and array
//     fields (n.W1[i][j] = v), and the fields of a struct value parameter
//     (localstructs.go);
//   - local structs of any package's type (localstructs.go): built by
//     composite literals, copies, conversions and calls returning a
//     struct of numbers (structresults.go), their fields read and
//     assigned, compared, passed to functions and methods; another
//     package's methods are read from its source like its functions;
//   - read-only package variables (pkgvars.go), read as the constants
//     they hold.
//
// Everything else is reported with its position and a hint of what to do
// instead: goroutines, channels, select, defer, goto, fallthrough, maps,
// strings, pointers, closures, calls of function values, of variadic
// functions and of methods of types other than the package's structs,
// a slice that carries a derivative passed to another package's function
// that may write into it, append other than onto a slice the function
// makes with a capacity, three-index slices, slices of arrays and arrays
// of slices, and a slice variable moving between slices it cannot be a
// window of (two parameters swapped); of structs: an annotated function's
// struct results, pointers to structs in local variables, using a struct
// as a whole other than to copy, compare, return from a callee or pass
// it, assigning a field of a pointer parameter (only the elements of
// slice and array fields can be written), reading through a pointer
// field, slices of structs, fields of types godiff does not compute with
// (a string, a map), methods of types other than structs or of generic
// types;
// of nested arrays: a range value variable (a copy of a row). The user's computation is kept operation for operation (the
// builder's simplifier is off), so that the generated code computes the
// same values, bit for bit, as the source.
//
// # Structs
//
// A struct parameter or receiver is flattened into its leaves (see
// ir.Group, structs.go): one IR parameter per field of a type godiff
// computes with, recursively through nested and embedded struct values,
// in declaration order; n.W1 in the body is simply the leaf nW1. Fields of
// other types are no leaves: the body may not read them, and the adjoint
// leaves them zero. A directive naming a struct differentiates all its
// float leaves; its integer leaves (a size used as a loop bound) are
// constants. A directive whose function writes derivatives into a field of
// a struct it does not differentiate is refused: name the struct too.
//
// A nested array's rows are part of its memory, like the rows of a slice
// of slices: g[i][j] = v loads the row g[i] and stores into it. A literal
// of a nested array is built as a zero array and a store per element.
//
// # Variables
//
// A variable whose assignments all run in line with its declaration (all
// of a straight-line body's) is SSA values, one per assignment, sharing its
// name: y := x; y *= 2 gives %y and %y2. A variable assigned in a branch or
// a loop other than the one declaring it, and any variable declared in a
// three-clause loop's init, is an ir.Var: declared where Go declares it,
// set by each assignment, read by a fresh get at each use. A parameter
// assigned that way is copied into a variable first (x2 := x). vars.go has
// the rule and its reasons.
//
// A slice is a reference to memory, read by load and written by store, so
// a slice variable given its value once, by its declaration, stays one SSA
// value. One assigned again moves: it is built as a window of one fixed
// slice, its base, with its bounds in two integer ir.Vars, and each read
// is the view base[lo:hi] (moving.go), so that its reads and writes are
// those of the base's memory. Buffers made in the function and swapped
// are made as one slice, each a window of it. An array is memory too, and
// one SSA value; Go copies an array where it assigns one, and so does the
// IR (arraycopy.go): a := b is a fresh array and a store of each element,
// a = b and g[i] = row stores into a's (the row's) elements, and a
// parameter the body writes or slices is copied on entry, so that the
// memory of the caller's array is only read. A result of array type is a
// group of float results (arrayresults.go), and a call of a function of
// the package returning an array is an invoke whose results are the
// elements, stored into a fresh array. A function whose one result is the
// slice parameter it writes (gonum's return dst, returnsdst.go) is built
// without that result, and a call of it is an invoke whose value is the
// argument passed for that parameter.
//
// Go computes the right operand of && and || only when the left one does
// not decide; where that operand may panic (an index, a slice expression,
// an integer division), it is built inside an if that sets a variable.
//
// # Generated files
//
// godiff writes its output next to its input, in the same package. A stale
// output may no longer compile against an edited input, so before loading a
// directory, Load overlays every file carrying godiff's "Code generated"
// header with an empty file of the same package.
//
// # Errors
//
// Problems in the user's input are values ([Error], collected in an
// [ErrorList]), all of them per run, sorted by position. Panics are kept for
// broken invariants of godiff itself.
package parse
