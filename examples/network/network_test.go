package network

import (
	"testing"

	"github.com/godiff/godiff/internal/fdcheck"
)

// The examples print the chapter's numbers; here the derivatives they
// show are checked against central finite differences at other points,
// and the rule's derivative through Neuron with it.
func TestDerivativesMatchFiniteDifferences(t *testing.T) {
	for _, p := range [][12]float64{
		{0.5, 0.3, 0.4, 0.2, 1.0, -0.5, 0, 0, 0.1, 1, 2, 1},
		{-0.7, 0.9, 0.3, -0.4, 0.6, 1.2, 0.2, -0.1, 0.3, 0.5, -1.5, 2},
	} {
		loss := func(w []float64) float64 {
			return Loss(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], p[9], p[10], p[11])
		}
		var g [9]float64
		_, g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8] = LossGrad(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11])
		if msg := fdcheck.Mismatch(g[:], fdcheck.Gradient(loss, p[:9]), 1e-6); msg != "" {
			t.Errorf("LossGrad at %v: %s", p, msg)
		}
		// JVP along each axis is the gradient's entry.
		for i := range 9 {
			var v [9]float64
			v[i] = 1
			_, d := LossJVP(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11],
				v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8])
			if !fdcheck.Close(d, g[i], 1e-12) {
				t.Errorf("LossJVP along axis %d at %v = %v; LossGrad says %v", i, p, d, g[i])
			}
		}
	}
	for _, p := range [][3]float64{{0.5, -1, 2}, {1.5, 0.3, -0.8}, {20, 1, 2}} {
		neuron := func(w []float64) float64 { return Neuron(w[0], w[1], p[2]) }
		_, dw, db := NeuronGrad(p[0], p[1], p[2])
		if msg := fdcheck.Mismatch([]float64{dw, db}, fdcheck.Gradient(neuron, p[:2]), 1e-6); msg != "" {
			t.Errorf("NeuronGrad at %v: %s", p, msg)
		}
	}
}
