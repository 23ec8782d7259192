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
// The body is straight-line for now. Control flow will arrive as operations
// that own nested blocks (regions) with explicit merge values, never as a goto
// graph, so that generated Go keeps the source's if and for statements.
//
// The IR knows no calculus and no Go syntax. Derivative rules live in package
// rules; the transforms in reverse and forward build new functions with a
// [Builder]; package emit turns a function back into Go.
//
// # Printed form
//
// [Func.String] prints one line per value. A value is written %name, where
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
//	# text                          a comment carried into the generated code
//	return %a %b                    the function's results
//
// A constant is written in Go's shortest round-trip form for its type.
//
// # Invariants
//
// [Verify] checks what every pass must keep: each argument is defined before
// its use, in the same function; operand and result types agree with the
// operation; the body ends in exactly one return whose values match the
// results. Tests run it after every pass.
package ir
