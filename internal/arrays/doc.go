// Package arrays holds annotated functions of arrays as values, with the
// derivatives godiff generates for them committed beside (funcs_godiff.go):
// [3]float64, [2][2]float64 and [3][3]float64 parameters and results;
// arrays and rows of nested arrays copied (a := b, a = b, g[0] = r, a
// swap) and then modified; arrays passed to helpers that read them, write
// their own copy, or return arrays (a cross product, a Rodrigues rotation,
// ADBench's camera projection); g[:] and g[1:3] passed to functions of
// slices; a Rodrigues rotation of a 3-D point writing into an output slice
// as ADBench's bundle adjustment does (rodrigues_rotate_point); structs
// with an array field passed to methods, through value and pointer
// receivers. The tests check every generated derivative against central
// finite differences (rows and columns of the Jacobian for array
// results), values bit for bit against the function's, mode against mode,
// and that a copy leaves the original as it was.
//
// Regenerate with go generate ./internal/arrays.
package arrays

//go:generate go run github.com/godiff/godiff/cmd/godiff funcs.go
