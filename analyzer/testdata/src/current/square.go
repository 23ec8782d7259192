// Package current has an annotated function and its current output: no
// report.
package current

// Square is x².
//
//godiff:grad
func Square(x float64) float64 {
	return x * x
}
