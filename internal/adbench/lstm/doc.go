// Package lstm is ADBench's LSTM objective (a non-standard LSTM whose
// weight matrices are diagonal) written in Go the way ADBench's C++ is
// written (helpers over sub-slices of the parameters and the state), with
// the gradient godiff generates from it (lstm_godiff.go) and a reader for
// ADBench's data files.
package lstm
