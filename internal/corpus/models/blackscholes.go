package models

import "math"

// normCDF is the standard normal cumulative distribution function.
func normCDF(x float64) float64 {
	return 0.5 * math.Erfc(-x/math.Sqrt2)
}

// BlackScholesCall prices a European call option on a non-dividend-paying
// stock with spot s, strike k, time to expiry t in years, risk-free rate r
// and volatility sigma. Its gradient is the option's Greeks.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func BlackScholesCall(s, k, t, r, sigma float64) float64 {
	if t <= 0 {
		return math.Max(s-k, 0)
	}
	sqrtT := math.Sqrt(t)
	d1 := (math.Log(s/k) + (r+0.5*sigma*sigma)*t) / (sigma * sqrtT)
	d2 := d1 - sigma*sqrtT
	return s*normCDF(d1) - k*math.Exp(-r*t)*normCDF(d2)
}
