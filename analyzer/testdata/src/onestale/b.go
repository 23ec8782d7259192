package onestale

// Cube is x⁴ now.
//
//godiff:grad
func Cube(x float64) float64 {
	return x * x * x * x
}
