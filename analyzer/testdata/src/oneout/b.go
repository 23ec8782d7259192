package oneout

// Cube is x³.
//
//godiff:grad
func Cube(x float64) float64 {
	return x * x * x
}
