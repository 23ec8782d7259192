// Package stale has outputs that are not current: square_godiff.go was
// generated when Square was x², and left.go lost its directive.
package stale

// Square is x³ now.
//
//godiff:grad
func Square(x float64) float64 {
	return x * x * x
}
