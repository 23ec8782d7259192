// Package missing has an annotated function and no output.
package missing

// Square is x².
//
// want +2 `square_godiff.go is missing; run go generate, or godiff square.go`
//
//godiff:grad
func Square(x float64) float64 {
	return x * x
}
