// Package typo has lines that look like directives but are not.
package typo

// Square's directive misses an f: godiff would ignore it.
//
// want +2 `godiff ignores "//godif:grad", which is not a directive; write //godiff:grad`
//
//godif:grad
func Square(x float64) float64 {
	return x * x
}

// Cube's directive has a space after the slashes.
//
// want +1 `godiff ignores "// godiff:jvp", which is not a directive; write //godiff:jvp`
// godiff:jvp x
func Cube(x float64) float64 {
	return x * x * x
}

// Swapped swaps two letters of the prefix and two of the verb.
//
// want +2 `write //godiff:grad`
//
//gdoiff:rgad x
func Swapped(x float64) float64 {
	return 2 * x
}

// Prose mentions the tool: go:generate runs godiff: fine. No report.
func Prose(x float64) float64 {
	return x
}
