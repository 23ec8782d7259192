// Package ir is godiff's intermediate representation: an SSA-like form of
// one Go function, small enough to print, verify and transform, and rich
// enough to be turned back into Go that reads like the source it came from.
//
// # Shape
//
// A [Func] has a signature (named parameters and results) and a body, a
// [Block] holding an ordered list of [Value]s. Every value is defined exactly
// once, by one operation ([Op]) applied to earlier values (its Args). A source
// variable that is assigned several times becomes several values that share
// its source name (Name), so the code emitted from the IR can keep the
// user's names: z1, h1, yhat, then yhat again.
//
// Control flow is structured: if, for and range are operations that own
// nested blocks (Value.Blocks), never a goto graph, so that generated Go
// keeps the source's if and for statements. A value is in scope in the
// rest of its block and in the blocks nested there. Return, break and
// continue end their block.
//
// A source variable assigned once (x := e, in any block) is an SSA value
// named x. A variable assigned again (a loop counter, an accumulator, a
// value set in the branches of an if) is a [Var]: decl declares it, get
// reads it, set assigns it. Slices are references into memory that load
// and store read and write; get and load only read, so they are never
// shared between two reads, and a pure value is one of [Op.IsPure].
//
// A struct parameter or receiver of the Go signature is flattened into one
// parameter per field, its leaves, which name their [Group] and field
// (Param.Group, Param.Field): to every pass a field is just a parameter,
// and only emission writes the struct back. Results and variables may be
// leaves too: the struct a gradient returns. A method's receiver is the
// group marked Recv ([Func.Recv]). Arrays, nested ones included, are
// memory like slices: the rows of a [2][3]float64 are loads of it.
//
// The IR knows no calculus and no Go syntax. Derivative rules live in package
// rules; the transforms in reverse and forward build new functions with a
// [Builder]; package emit turns a function back into Go.
//
// Every Builder folds an arithmetic, comparison, logic or conversion op on
// unnamed constants into the constant the op computes at run time, and a
// select or && or || on a constant condition into the operand it picks
// (fold.go): Go would compute such an expression at compile time, with
// exact arithmetic, so emit never writes one.
//
// # Printed form
//
// [Func.String] prints the signature, a leaf parameter or result with its
// field after its type (nW1 [][]float64 = n.W1) and a method with its
// receiver, then one line per value. A value is written %name, where
// name is its source name made unique (yhat, yhat.2, ...) or, for a
// temporary, its ID (%7). The printed form of each operation:
//
//	%x = param 0 : float64          parameter number 0 of the signature
//	%1 = const 0.5 : float64        a constant of the given type
//	%s = copy %x : float64          the same value under another name
//	%2 = add %x %y : float64        x + y (likewise sub, mul, div, rem)
//	%3 = neg %x : float64           -x
//	%4 = convert %x : float32       float32(x): conversion to the value's type
//	%5 = call math.Sin %x : float64 a call of a pure function of the arguments
//	%6 = ge %x %y : bool            x >= y (likewise lt, le, gt, eq, ne)
//	%7 = select %c %x %y : float64  x if c, else y
//	%m = max %x %y : float64        the builtin max(x, y) (likewise min)
//	# text                          a comment carried into the generated code
//	return %a %b                    the function's results
//	%8 = and %p %q : bool           p && q (likewise or; not %p is !p)
//	decl s %x : float64             s := x (without %x: var s float64)
//	%s = get s : float64            the variable's current value
//	set s %y                        s = y
//	%e = load %x %i : float64       x[i]
//	store %x %i %e                  x[i] = e
//	%n = len %x : int               len(x)
//	%b = make %n : []float64        make([]float64, n)
//	%l = slicelit %a %b : []float64 []float64{a, b}
//	%u = subslice %x %i %j : []float64  x[i:j] (x[i:j:j] when capped, capped.go)
//	%9 = copy %dst %src : int       copy(dst, src)
//	%c = cap %x : int               cap(x)
//	%z = isnil %x : bool            x == nil, for a slice
//	halt panic("bad n %d", %n)      a statement that ends the run, kept
//	                                as written (see Halt); %n an argument
//	if %c { ... } else { ... }      then and else blocks
//	for L1 { init: cond %c: post: body: }  a three-clause loop; a cond
//	                                block without %c loops until a break
//	range L2 %n { %i = index : int ... }  for i := range n (or a slice)
//	break L1, continue L1           leave or continue the named loop
//
// The split form of reverse mode adds a tape, a struct the forward function
// fills and the backward function reads (%t is the tape's pointer):
//
//	tape.reset f %t                 t.f = t.f[:0], for a stack field
//	tape.save f %t %x               t.f = x, or push x on the stack t.f
//	tape.grow f %t %n               t.f = slices.Grow(t.f, n): room for n pushes
//	%x = tape.load f %t : float64   t.f (for a stack, %x is a []float64)
//	accum %p %x                     *p += x
//	%t = tape.local : *FTape        a tape of the function's own
//
// FixStacks (fixstacks.go) bounds a stack whose pushes all sit in loops of
// constant trip count (ConstTrip, on CountedLoop of counted.go, the
// recogniser of counted loops reverse mode uses too); the emitter then
// declares it as an array and a count, and a tape of such stacks and
// single values is a local variable. FuseLoops (fuseloops.go) merges
// adjacent counted loops over the same range that touch each other's
// memory only index by index, for reverse mode's backward sweep, and
// ForwardStores (forwardstores.go) then reads an element stored and read
// back in one block from the value stored, dropping a store overwritten
// unread.
//
// The functions built on the split form call it:
//
//	%r = invoke FForward %t %x : (float64, float64)  a call with effects
//	%y = extract 0 %r : float64     result 0 of a call with several
//	%p = addr db : *float64         &db, for a variable db
//
// Calls of the user's functions (see CallRule): a call passing slices is
// an invoke, since it reads (and may write) memory; a call lowered to its
// rule ties the rule's results together; a callee's tape lives in its
// caller's:
//
//	%y = invoke dot %a %b : float64            a call of a function of slices
//	%y = partials %v %x %d : float64           %v, whose derivative by %x is %d
//	%p = tape.slot f %t : *dotCallTape         &t.f, or a new last entry of the stack t.f
//	%n = tape.calls f %t : int                 len(t.f.calls): the calls a site recorded
//	%p = tape.entry f %t %i : *T               &t.f[i], an entry of a stack
//	%b = tape.buffer f %t %n : []float64       make([]float64, n) in memory t.f keeps
//
// A callee's tape is shared by the calls of one call site: its fields of
// one call live in a record per call (see Tape), which a pointer %c of
// type *T.record reaches (tape.slot of the stack of records, or
// tape.entry of it): tape.save f %c %x is c.f = x.
//
// A constant is written in Go's shortest round-trip form for its type.
//
// # Invariants
//
// [Verify] checks what every pass must keep: each argument is defined before
// its use, in the same function and in scope; operand and result types
// agree with the operation; return, break and continue end their block and
// break and continue name an enclosing loop; the body cannot fall off its
// end; returns match the results. Tests run it after every pass.
package ir
