package gmm

//go:generate go run github.com/godiff/godiff/cmd/godiff hvp.go

// ObjectiveH is Objective, for its Hessian-vector product: a call of
// Objective, which FHVP inlines with Objective's helpers
// (preprocessQs, qTimesX, sqnorm, logsumexp, logWishartPrior, ...).
//
//godiff:hvp alphas means icf
func ObjectiveH(d, k, n int, alphas, means, icf, x []float64, wishart Wishart) float64 {
	return Objective(d, k, n, alphas, means, icf, x, wishart)
}
