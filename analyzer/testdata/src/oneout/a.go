// Package oneout was generated with godiff -o all_godiff.go a.go b.go:
// its outputs are in one file, current, and nothing is reported.
package oneout

// Square is x².
//
//godiff:grad
func Square(x float64) float64 {
	return x * x
}
