package stale

// Half is no longer annotated.
func Half(x float64) float64 {
	return x / 2
}
