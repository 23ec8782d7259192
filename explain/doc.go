// Package explain writes out the chain rule of an annotated function at
// given values, the way a textbook works backpropagation by hand: godiff
// explain.
//
// # What it prints
//
// In reverse mode (the default), three passes:
//
//	Forward pass: each value from the values before it
//	  z1   = w11·x1 + w21·x2 + b1 = 0.5·1 + 0.4·2 + 0 = 1.3
//	  h1   = math.Max(0, z1) = math.Max(0, 1.3) = 1.3   ReLU, alive: z1 > 0
//	  ...
//	Backward pass: each memo ∂L/∂v from the memos after it, last value first
//	  ∂L/∂L    = 1   the seed
//	  ∂L/∂w3   = ∂L/∂yhat · h1 = 0.1 · 1.3 = 0.13
//	  ∂L/∂z1   = ∂L/∂h1 = 0.1   ReLU'(z1) = 1: z1 = 1.3 > 0, the ReLU passes the memo on
//	  ∂L/∂w11  = ∂L/∂z1 · x1 = 0.1 · 1 = 0.1
//	  ...
//	Gradient (what LossGrad returns)
//	  ∂L/∂w11 = 0.1
//
// A line is lhs = formula in the source's names = the same with numbers =
// value, then a note: a ReLU (math.Max(0, z), max(0, z), or an if that
// sets its result to a constant) whose input was not positive is marked as
// cutting the chain, and a zero in the gradient says which cut its chains
// pass. L is the function's result (its name, if it has one). In forward
// mode (Forward) each value's line is followed by its tangent's, dv, along
// a direction, and the directional derivative ends the output.
//
// A loop prints its source line and how many iterations ran, then its
// first and last iterations in full and, between them, one summary line
// per line of the body (how often it ran, the range of its values), so a
// loop of a million iterations prints a few lines. Calls are written as
// the source writes them, sq(d), and their partial derivatives as sq'(d)
// (a function of one number) or ∂unit/∂b; a call of a function of slices
// prints the memo of its result and what its own backward sweep adds to.
//
// # Where the numbers come from
//
// The numbers are those of the derivative godiff generates, not of a
// second implementation of the chain rule: explain builds the split form
// of the function (FForward, FBackward and FGrad, or FJVP) with
// godiff.Derive, runs it in the IR's interpreter (ir.EvalTraced), and
// writes a line for each step that stands for something of the source.
// What a value of a derived function stands for comes from the notes the
// transforms leave on it (ir.Note): a copy of a source value, the adjoint
// of one (a memo), a tangent, the seed. A value with no note is written
// as its operation over its operands, so nothing computed is hidden.
//
// # Values
//
// The values of the parameters come as name=value arguments: a number,
// true or false, or for a slice or a struct a JSON value ([1,2,3],
// {"W": [1,2], "B": 0.5}) or a Go composite literal ([]float64{1, 2},
// Net{W: []float64{1, 2}, B: 0.5}); or from a file of them, a JSON object
// (.json) or Go assignments name = value, one per line. Every parameter the
// function reads needs a value, every field of a struct it reads too.
//
// # Files
//
//	explain.go  Options, Explain: load, find the function, derive, run, print
//	values.go   reading values: arguments, JSON, Go literals, value files
//	bind.go     values into the interpreter's arguments, by parameter and field
//	trace.go    the observer of the run: sections, loops, iterations
//	lines.go    the line of each step: forward values, memos, tangents, notes
//	expr.go     formulas with names and with numbers, from the IR
//	names.go    names in the source's terms: parameters, memos, tangents; numbers
//	print.go    blocks, lines aligned, loops summarised
//	result.go   the header, the gradient, the direction of forward mode
//	graph.go    the computation graph for godiff graph (package graph draws it)
package explain
