// Package onestale was generated with godiff -o all_godiff.go a.go b.go
// before Cube changed: the one output is out of date.
package onestale

// Square is x².
//
//godiff:grad
func Square(x float64) float64 {
	return x * x
}
