// Copyright ©2015 The Gonum Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package distuv

import (
	"math"
	"math/rand/v2"
)

// LogNormal represents a random variable whose log is normally distributed.
// The probability density function is given by
//
//	1/(x σ √2π) exp(-(ln(x)-μ)^2)/(2σ^2))
type LogNormal struct {
	Mu    float64
	Sigma float64
	Src   rand.Source
}

// LogProb computes the natural logarithm of the value of the probability density function at x.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func (l LogNormal) LogProb(x float64) float64 {
	if x < 0 {
		return math.Inf(-1)
	}
	logx := math.Log(x)
	normdiff := (logx - l.Mu) / l.Sigma
	return -0.5*normdiff*normdiff - logx - math.Log(l.Sigma) - logRoot2Pi
}
