// Copyright ©2021 The Gonum Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package distuv

import "math"

// Logistic implements the Logistic distribution, a two-parameter distribution with support on the real axis.
// Its cumulative distribution function is the logistic function.
//
// General form of probability density function for Logistic distribution is
//
//	E(x) / (s * (1 + E(x))^2)
//	where E(x) = exp(-(x-μ)/s)
//
// For more information, see https://en.wikipedia.org/wiki/Logistic_distribution.
type Logistic struct {
	Mu float64 // Mean value
	S  float64 // Scale parameter proportional to standard deviation
}

// LogProb computes the natural logarithm of the value of the probability
// density function at x.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func (l Logistic) LogProb(x float64) float64 {
	return x - 2*math.Log(math.Exp(x)+1)
}
