//go:build !amd64

package vecs

// AsmDot returns the dot product of s1 and s2, whose length is at least
// s1's: in Go here, in assembly on amd64 (asmdot_amd64.s).
func AsmDot(s1, s2 []float64) float64 {
	var sum float64
	for i, v := range s1 {
		sum += v * s2[i]
	}
	return sum
}
