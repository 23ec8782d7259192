// Package gmm is ADBench's Gaussian mixture model objective written in Go
// the way ADBench's C++ is written (helpers over sub-slices, counted loops,
// work buffers), with the gradient godiff generates from it
// (gmm_godiff.go), a gradient written by hand from the objective's
// mathematics (the counterpart of ADBench's Manual module) and a reader for
// ADBench's data files.
package gmm
