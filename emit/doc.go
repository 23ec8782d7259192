// Package emit turns IR functions (package github.com/godiff/godiff/ir) back into Go source.
//
// Emit knows no calculus: it prints whatever the transforms built, and its
// whole job is to make that read like Go a person wrote. The forward sweep of
// a generated function should be recognisable as the user's own function and
// the backward sweep as the chain rule written out by hand.
//
// # From SSA values to statements
//
// Every IR value is defined once. Emit decides, value by value, whether it
// becomes a statement or is written in place into the expression of its one
// user (plan.go, inline.go):
//
//   - a parameter is referred to by its name and never declared;
//   - an unnamed constant is always written in place as a literal, and
//     &x (addr) likewise;
//   - a value with a source name becomes `name := expr`; a name the function
//     already gave to an earlier value gets a number (yhat, yhat2, yhat3);
//   - an unnamed value used more than once becomes a temporary, t1 := expr
//     (c1, c2, ... for booleans); an unnamed read of a variable is written
//     at each of its users instead, as long as that is safe (below);
//   - an unnamed value used once is written into its user, with parentheses
//     exactly where Go's precedence needs them to keep the IR's tree, since
//     floating-point evaluation order matters;
//   - a select is always a statement, `v := y` or `var v float64` followed by
//     `if c { v = x }`, and a chain of selects is an else-if chain;
//   - a value with effects (invoke, copy, make, slicelit,
//     tape.local) is a statement of its own, declared if something reads
//     it;
//   - dead values, and values control never reaches, are skipped: Go
//     rejects an unused variable and vet unreachable code.
//
// Writing a value in place moves its evaluation to its user's statement.
// So a value stays a declaration where the IR defines it if its user is in
// another block (a loop body, a branch, a loop's condition, which run it
// again or not at all), or if it reads a variable, memory or the tape,
// itself or through the values written inside it, and a statement between
// it and its user may change what it reads. A get or load of an array is
// the array itself, not a copy, and is always written in place.
//
// # Statements and blocks
//
// Emission is recursive over the IR's blocks (block.go, stmt.go,
// control.go): if and else (else if for an else holding just an if), for
// with its init, condition and post statement (the parts that are empty
// left out: for cond {, for {), range (for range n when nothing reads the
// index), break and continue (labelled only when they leave a loop other
// than the innermost: the loop's label, or outer), return anywhere.
// Assignments read as people write them: x += e, s[i] *= e, i++. The
// values of a loop's cond and post blocks are always written in place,
// duplicated if need be; a post block of several sets computed before
// the first of them is a parallel assignment, i, j = i+1, j-1; a
// condition that needs a statement, or another post block of more than
// one statement, is an error. An init of more than one
// simple statement is written before the loop.
//
// A variable (ir.Var) is declared by its decl, x := v or var x T, when
// that decl comes first and encloses every use (a decl in a for's init
// encloses the loop); otherwise it is declared `var x T` in the innermost
// block enclosing every use and its decls become assignments (vars.go).
// Every declared name is unique in the function, so no declaration ever
// shadows another.
//
// # The tape
//
// Reverse mode's split form passes a tape between its forward and backward
// functions (tape.go). [File] writes each tape's struct type once, before
// the first function using it, each field (a value, or a []T stack)
// under a comment saying what it holds. The tape ops read and write its
// fields: t.f = x, t.f = append(t.f, x), a pop as two statements. A
// stack whose entries one run bounds when generating (ir.FixStacks) is an
// array and a count instead (fixedstack.go), and its tape a local
// variable of FGrad and FVJP rather than one from a pool. A tape
// the calls of a call site share declares its records in place, as
// calls []struct{...}, with an end struct of where each call's entries
// end; a call's fields are c.f through the record c; a site is the
// callee's tape held by value (&t.f for the callee), or through a pointer
// where the callee's calls lead back. A tape
// of the function's own is a variable, var t FTape, passed on as &t. The
// functions built on the split form call it with invoke (call.go):
// y, _, dw := F(args), naming the results something reads.
//
// # Structs
//
// A group of leaves (ir.Group) is written back as one struct (group.go): a
// parameter n *Net or the method's receiver, a leaf as its field n.W1, a
// leaf of pointer type (the buffer of a float field) as &dn.B2 and
// dn.B2 += e; a group of results as one result of the struct's type; a
// group of variables as a struct the function makes, dn := new(Net) or var
// dp Params, its fields assigned (dn.W1 = make(...)). An invoke of a
// function of the file passes each of the callee's structs once (&dp for
// a struct variable passed as a pointer) and calls a method on its
// receiver: n.LossForward(&t, x). A row of a nested array, named or not,
// is always written in place (dg[i][j]): a declared row would be a copy.
//
// # Exactness
//
// Go evaluates constant expressions exactly at compile time, unlike the
// machine arithmetic of the IR, so emit never writes an operation whose
// operands are all literals: meeting one is a broken invariant and an error.
// Literals are written in Go's shortest round-trip form for their type, and
// the special floats as calls (math.Inf(1), math.NaN(), math.Copysign(0, -1)).
//
// # Files
//
// [File] renders a whole file: the [Header] line, an optional build
// constraint, the package clause, the imports (only the standard library
// packages the calls name), the tape types and the functions, formatted by
// go/format. The output is deterministic: the same spec gives the same
// bytes.
package emit
