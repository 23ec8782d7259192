// Package fix has misspelled directives for the suggested fixes.
package fix

// Square is x².
//
// want +2 `write //godiff:grad`
//
//godif:grad x
func Square(x float64) float64 {
	return x * x
}

// Twice is 2x.
//
// want +1 `write //godiff:jvp`
// godiff:jvp
func Twice(x float64) float64 {
	return 2 * x
}
