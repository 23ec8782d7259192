package foreignstructs

import (
	"math"

	"github.com/godiff/godiff/internal/corpus/distuv"
)

// NormalNLL returns the negative log-likelihood of xs under a normal
// distribution of mean mu and standard deviation sigma.
//
//godiff:grad mu sigma
//godiff:jvp mu sigma
func NormalNLL(mu, sigma float64, xs []float64) float64 {
	d := distuv.Normal{Mu: mu, Sigma: sigma}
	var nll float64
	for _, x := range xs {
		nll -= d.LogProb(x)
	}
	return nll
}

// RobustNLL returns the negative log-likelihood of the residuals of the
// line a·t + b through the points (ts[i], ys[i]) under a Laplace
// distribution of the given scale, plus a log-normal prior on the scale.
//
//godiff:grad a b scale
//godiff:jvp a b scale
func RobustNLL(a, b, scale float64, ts, ys []float64) float64 {
	noise := distuv.Laplace{Mu: 0, Scale: scale}
	var nll float64
	for i := range ts {
		nll -= noise.LogProb(ys[i] - (a*ts[i] + b))
	}
	prior := distuv.LogNormal{Mu: 0, Sigma: 1}
	return nll - prior.LogProb(scale)
}

// Mixture returns the log-likelihood of x under an equal mixture of two
// normal distributions, each built where it is used, with a standard
// normal prior on mu1.
//
//godiff:grad mu1 mu2 sigma
//godiff:jvp mu1 mu2 sigma
func Mixture(mu1, mu2, sigma, x float64) float64 {
	p := 0.5*math.Exp(distuv.Normal{Mu: mu1, Sigma: sigma}.LogProb(x)) + 0.5*math.Exp(distuv.Normal{Mu: mu2, Sigma: sigma}.LogProb(x))
	return distuv.Normal{Mu: 0, Sigma: 1}.LogProb(mu1) + math.Log(p)
}
