package foreignstructs

import "github.com/godiff/godiff/internal/corpus/distuv"

// samples and times are the data of the likelihoods (here, since the
// generated checks build this file alone beside them).
var (
	samples = []float64{0.3, -1.2, 0.8, 2.1, -0.4}
	times   = []float64{0, 1, 2, 3}
)

func distuvNormal(mu, sigma float64) distuv.Normal { return distuv.Normal{Mu: mu, Sigma: sigma} }

// godiffPointsRobustNLL gives the generated checks points of RobustNLL,
// whose ts and ys must be as long as each other and whose scale must be
// positive.
func godiffPointsRobustNLL(at func(a, b, scale float64, ts, ys []float64)) {
	at(0.05, 0.02, 1.2, times, samples[:4])
	at(0.08, 0.01, 0.7, times, samples[:4])
}
