// Package corpus holds real numeric Go, copied as written from gonum
// (optimize/functions, floats with the pure-Go kernels of its internal f64
// package, stat, stat/distuv, integrate; BSD licence, LICENSE beside) with
// only godiff directives added and gonum's import paths pointed at the
// copies, and model code written as such code is written (models/: an RK4
// step, a Kalman update, a Black–Scholes price, a bundle-adjustment
// residual with a Rodrigues rotation, an LSTM).
//
// corpus_test.go runs godiff on each annotated function alone, in a scratch
// copy of the corpus, and checks the derivatives of those it accepts
// against the package's own gradient (gonum's Grad, Score, ScoreInput) or
// central differences, mode against mode, values bit for bit. What is
// accepted and refused, with the messages, is in testdata/accepted.txt;
// regenerate it with
//
//	go test ./internal/corpus -corpus.update
package corpus
