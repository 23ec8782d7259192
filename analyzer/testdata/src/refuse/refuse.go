// Package refuse has annotated functions godiff refuses.
package refuse

import "fmt"

// Deferred defers a call, which godiff does not differentiate.
//
//godiff:grad
func Deferred(x float64) float64 {
	defer fmt.Println("done") // want `defer statements are not supported`
	return x * x
}

// Unknown names a parameter it does not have.
//
// want +2 `z`
//
//godiff:grad x z
func Unknown(x, y float64) float64 {
	return x * y
}

// Verb misspells grad after a well-spelled prefix.
//
// want +2 `unknown directive //godiff:gard`
//
//godiff:gard
func Verb(x float64) float64 {
	return x * x
}
