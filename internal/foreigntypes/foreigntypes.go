// Package foreigntypes has annotated functions whose parameters' types mix
// named types of two other packages (keys and kinds, the latter in a
// directory not named after it), passed through unused: the generated
// file spells each through its import, and compiling this package is the
// test that it does.
package foreigntypes

import (
	"math"

	"github.com/godiff/godiff/internal/otherpkg/keys"
	kd "github.com/godiff/godiff/internal/otherpkg/unit-kinds"
)

// Norm is the Euclidean norm of x; the other parameters are a map, a
// function, a struct and a generic type that each name both packages.
//
//godiff:grad x
//godiff:vjp x
//godiff:jvp x
func Norm(x []float64, index map[keys.Key]kd.Val, lookup func(keys.ID) *kd.Val,
	meta struct {
		K keys.Key
		V []kd.Val
	}, g kd.Scale[map[keys.ID]kd.Val]) float64 {
	s := 0.0
	for _, v := range x {
		s += v * v
	}
	return math.Sqrt(s)
}

// Scaled is a·x² with keys, a parameter named like the package of its
// type, between the differentiated ones: the output imports the package
// keys under another name.
//
//godiff:grad
//godiff:jvp
func Scaled(a float64, keys keys.ID, x float64) float64 {
	return a * x * x
}
