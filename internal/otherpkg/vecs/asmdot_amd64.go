//go:build amd64

package vecs

// AsmDot returns the dot product of s1 and s2, whose length is at least
// s1's, in assembly (asmdot_amd64.s): godiff cannot read it, and a caller
// gives it a //godiff:rule.
//
//go:noescape
func AsmDot(s1, s2 []float64) float64
