// Copyright ©2016 The Gonum Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package distuv

import (
	"math"
	"math/rand/v2"
)

// Beta implements the Beta distribution, a two-parameter continuous distribution
// with support between 0 and 1.
//
// The beta distribution has density function
//
//	x^(α-1) * (1-x)^(β-1) * Γ(α+β) / (Γ(α)*Γ(β))
//
// For more information, see https://en.wikipedia.org/wiki/Beta_distribution
type Beta struct {
	// Alpha is the left shape parameter of the distribution. Alpha must be greater
	// than 0.
	Alpha float64
	// Beta is the right shape parameter of the distribution. Beta must be greater
	// than 0.
	Beta float64

	Src rand.Source
}

// LogProb computes the natural logarithm of the value of the probability
// density function at x.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func (b Beta) LogProb(x float64) float64 {
	if x < 0 || x > 1 {
		return math.Inf(-1)
	}

	if b.Alpha <= 0 || b.Beta <= 0 {
		panic("beta: negative parameters")
	}

	lab, _ := math.Lgamma(b.Alpha + b.Beta)
	la, _ := math.Lgamma(b.Alpha)
	lb, _ := math.Lgamma(b.Beta)
	var lx float64
	if b.Alpha != 1 {
		lx = (b.Alpha - 1) * math.Log(x)
	}
	var l1mx float64
	if b.Beta != 1 {
		l1mx = (b.Beta - 1) * math.Log(1-x)
	}
	return lab - la - lb + lx + l1mx
}
