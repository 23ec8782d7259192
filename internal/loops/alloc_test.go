package loops

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// FGrad on a fresh tape makes room on each stack once, before the
// outermost loop whose trip counts are all known as it begins (a range
// loop's, a counted loop's, nested ones' multiplied): it allocates as many
// times for 2000 elements as for 100, and no more than its stacks, the
// gradient and the function's own buffer (twice that under the race
// detector: see fdcheck.Race).
func TestGradAllocationsIndependentOfLength(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 1))
	cases := []struct {
		name string
		grad func(x []float64)
		max  float64 // stacks, results and make calls of the function
	}{
		{"LogSumExp", func(x []float64) { LogSumExpGrad(x) }, 3},
		{"Smooth", func(x []float64) { SmoothGrad(x, 4) }, 3},
		{"Ripple", func(x []float64) { RippleGrad(x, 3) }, 6},
		{"Repeat", func(x []float64) { RepeatGrad(x, 3) }, 3},
		{"Product", func(x []float64) { ProductGrad(x) }, 2},
	}
	for _, c := range cases {
		small := fdcheck.Uniform(rng, 100, -1, 1)
		large := fdcheck.Uniform(rng, 2000, -1, 1)
		nSmall := testing.AllocsPerRun(10, func() { c.grad(small) })
		nLarge := testing.AllocsPerRun(10, func() { c.grad(large) })
		most := c.max
		if fdcheck.Race {
			most *= 2
		}
		if nSmall != nLarge || nLarge > most {
			t.Errorf("%s: %v allocations for 100 elements, %v for 2000; want the same, at most %v", c.name, nSmall, nLarge, most)
		}
	}
}

// A loop over a negative count runs no iteration: the forward sweep
// makes room for none, where slices.Grow would panic on the count.
func TestNegativeCount(t *testing.T) {
	x := []float64{0.3, -0.7}
	for _, n := range []int{-3, 0} {
		y, g := RepeatGrad(x, n)
		if want := Repeat(x, n); y != want || !slices.Equal(g, []float64{0, 0}) {
			t.Errorf("RepeatGrad(x, %d) = %v, %v; want %v, [0 0]", n, y, g, want)
		}
	}
}
