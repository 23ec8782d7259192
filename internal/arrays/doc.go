// Package arrays holds annotated functions of arrays as values, with the
// derivatives godiff generates for them committed beside (funcs_godiff.go):
// [3]float64 and [3][3]float64 parameters, arrays copied (a := b, a = b)
// and then modified, arrays passed to helpers that read them or write
// their own copy, a Rodrigues rotation of a 3-D point as ADBench's bundle
// adjustment writes it, and a struct with an array field passed to a
// method. The tests check every generated derivative against finite
// differences and mode against mode, and that a copy leaves the original
// as it was.
//
// Regenerate with go generate ./internal/arrays.
package arrays

//go:generate go run godiff/cmd/godiff funcs.go
