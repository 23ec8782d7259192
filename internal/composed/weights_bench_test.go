package composed

import (
	"math/rand/v2"
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// benchData is a logistic regression of 20 weights on 1000 rows.
func benchData() (w, x, y []float64) {
	const d, n = 20, 1000
	rng := rand.New(rand.NewPCG(13, 7))
	w = fdcheck.Uniform(rng, d, -1, 1)
	x = fdcheck.Uniform(rng, d*n, -1, 1)
	for r := range n {
		y = append(y, float64(2*(r%2)-1))
	}
	return w, x, y
}

// The cost of a caller's gradient and JVP through LogLossGrad, against
// LogLossGrad itself and the HVP (go test -bench . ./internal/composed).
func BenchmarkWeights(b *testing.B) {
	w, x, y := benchData()
	v := make([]float64, len(w))
	for i := range v {
		v[i] = 1
	}
	cases := []struct {
		name string
		run  func()
	}{
		{"LogLossGrad", func() { LogLossGrad(w, x, y) }},
		{"LogLossHVP", func() { LogLossHVP(w, x, y, v) }},
		{"GradPenaltyGrad", func() { GradPenaltyGrad(w, x, y, 0.1) }},
		{"GradPenaltyJVP", func() { GradPenaltyJVP(w, x, y, 0.1, v) }},
		{"MetaStepGrad", func() { MetaStepGrad(w, x, y, 0.1) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				c.run()
			}
		})
	}
}
