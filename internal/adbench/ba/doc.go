// Package ba is ADBench's bundle adjustment objective written in Go the way
// ADBench's C++ is written (helpers writing into small arrays through
// slices), with the derivatives godiff generates for one observation
// (ba_godiff.go), the assembly of the sparse Jacobian of all residuals from
// them, and a reader for ADBench's data files.
package ba
