// Package corpus holds real numeric Go, copied as written from gonum
// v0.17.0 (BSD licence, LICENSE beside): optimize/functions, floats, stat,
// stat/distuv and integrate, spatial/r3's vectors and rotations with the
// num/quat they use (for internal/foreignstructs, which calls them from
// another package), with the pure-Go kernels of gonum's internal
// f64 package that floats calls (their build constraints dropped, as
// their assembly twins are not copied). Only godiff directives were added
// and gonum's import paths pointed at the copies. models/ holds model code
// written as such code is written: an RK4 step, a Kalman update, a
// Black–Scholes price, a bundle-adjustment residual with a Rodrigues
// rotation, an LSTM.
//
// corpus_test.go runs godiff on each annotated function alone, in a copy
// of its package in a scratch module, and checks the derivatives of those
// it accepts against the package's own gradient (gonum's Grad, Score,
// ScoreInput) or central differences, mode against mode, values bit for
// bit. It then generates each package with all the functions it accepted
// alone, as a user annotates a whole file. What is accepted and refused,
// with the messages, is in testdata/accepted.txt; after a change to godiff
// regenerate it with
//
//	go test ./internal/corpus -run TestCorpus -corpus.update
package corpus
