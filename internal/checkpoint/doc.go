// Package checkpoint holds annotated functions whose loops are marked
// //godiff:checkpoint, each beside the same function without the mark: a
// mixture's negative log-likelihood over points (a log-sum-exp per point
// into a work buffer), a mini-batch loss summing two accumulators, a
// network layer per example in a work buffer, a histogram summed into
// memory; and, for the fusion of a loop's forward and backward runs
// (reverse/fuse.go), a sum reading numbers computed before the loop
// (Scaled), and a work buffer read after the loop (Tail), a loop inside a
// loop (Nested) and a slice of slices read (Rows), which are not fused.
// rnn.go holds loops whose state is in slices: an Elman RNN's hidden
// vector over time (-snapshots, -every, and two swapped buffers with
// -memory, as three-clause and while loops too) and a chain of springs
// integrated by leapfrog (-snapshots), also inside a loop over episodes
// (Episodes, and Relax and RelaxWhile: swapped buffers in a loop inside
// another). first.go holds three-clause loops reversed binomially whose
// forward sweep saves the first descent's states (ForcedDown, NestedFor);
// runs/ counts the plain runs of the bodies of such loops and of while
// loops, whose forward sweep keeps states online.
// The tests check each gradient against finite differences and forward
// mode, equal to the unmarked function's, and a tape whose Bytes does not
// grow with the number of iterations. The generated code is
// committed beside (funcs_godiff.go, rnn_godiff.go, first_godiff.go).
//
// Regenerate with go generate ./internal/checkpoint.
package checkpoint
