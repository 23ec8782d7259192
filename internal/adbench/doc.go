// Package adbench holds what the ADBench benchmark suite's packages share:
// a reader of ADBench's whitespace-separated data files, ADBench's
// correctness criterion ρ and the readers of the reference outputs of its
// Manual module (testdata/reference), the timing of BenchmarkRatios, and
// the measure of what a gradient on a fresh tape allocates (fresh.go).
//
// The suite is ADBench's three objectives (Srajer, Kukelova, Fitzgibbon
// 2018, github.com/microsoft/ADBench) written in Go as a user would port
// them, each with the derivatives godiff generates from it: a Gaussian
// mixture (gmm), bundle adjustment (ba) and ADBench's LSTM (lstm). Each
// package checks its derivatives against the reference outputs and reports
// derivative time over objective time, ADBench's measure:
//
//	go test -run X -bench . -benchmem ./internal/adbench/...
//
// testdata holds a subset of ADBench's data files and reference outputs
// (MIT licence, in testdata/README.md).
package adbench
