package models

import "math"

// KalmanUpdate performs the measurement update of a linear Kalman filter
// with a scalar measurement z = h·x + noise of variance r. x is the state
// mean and p the row-major n×n covariance; both are updated in place. It
// returns the negative log-likelihood of z, the quantity one minimises to
// fit r and the filter's model.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func KalmanUpdate(x, p, h []float64, z, r float64) float64 {
	n := len(x)
	if len(p) != n*n || len(h) != n {
		panic("kalman: dimension mismatch")
	}
	// ph = P hᵀ
	ph := make([]float64, n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			ph[i] += p[i*n+j] * h[j]
		}
	}
	// innovation and its variance
	y := z
	s := r
	for i := 0; i < n; i++ {
		y -= h[i] * x[i]
		s += h[i] * ph[i]
	}
	if s <= 0 {
		panic("kalman: innovation variance is not positive")
	}
	// gain, state and covariance
	k := make([]float64, n)
	for i := range k {
		k[i] = ph[i] / s
		x[i] += k[i] * y
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			p[i*n+j] -= k[i] * ph[j]
		}
	}
	return 0.5 * (math.Log(2*math.Pi*s) + y*y/s)
}
