// Package vecs stands for a package of another module that annotated
// functions call into, like gonum's floats and stat: plain Go, written
// with no thought of godiff (no directives), with the guards, unexported
// constants and helpers such packages have. internal/pkgcalls calls it.
package vecs

import "math"

const badLength = "vecs: slice lengths do not match"

const zeroLength = "vecs: zero length slice"

// weightScale is a package variable nothing assigns: godiff reads it as
// the constant it holds.
var weightScale = 1.0

// Dot returns the dot product of s1 and s2, which must have one length.
func Dot(s1, s2 []float64) float64 {
	if len(s1) != len(s2) {
		panic(badLength)
	}
	var sum float64
	for i, v := range s1 {
		sum += v * s2[i]
	}
	return sum
}

// Sum returns the sum of the elements of s.
func Sum(s []float64) float64 {
	var sum float64
	for _, v := range s {
		sum += v
	}
	return sum
}

// MaxIdx returns the index of the largest element of s, the first of
// them at a tie.
func MaxIdx(s []float64) int {
	if len(s) == 0 {
		panic(zeroLength)
	}
	idx := 0
	m := s[0]
	for i, v := range s {
		if v > m {
			m = v
			idx = i
		}
	}
	return idx
}

// Max returns the largest element of s.
func Max(s []float64) float64 {
	return s[MaxIdx(s)]
}

// LogSumExp returns log(Σ exp(s[i])), computed stably.
func LogSumExp(s []float64) float64 {
	maxval := Max(s)
	if math.IsInf(maxval, 0) {
		return maxval
	}
	var lse float64
	for _, v := range s {
		lse += math.Exp(v - maxval)
	}
	return math.Log(lse) + maxval
}

// Mean returns the weighted mean of x; nil weights weigh every element 1.
func Mean(x, weights []float64) float64 {
	if weights == nil {
		return Sum(x) / float64(len(x))
	}
	if len(x) != len(weights) {
		panic(badLength)
	}
	var sumValues, sumWeights float64
	for i, w := range weights {
		sumValues += w * x[i]
		sumWeights += w
	}
	return sumValues / sumWeights
}

// Variance returns the unbiased weighted variance of x.
func Variance(x, weights []float64) float64 {
	mean := Mean(x, weights)
	if weights == nil {
		var ss float64
		for _, v := range x {
			d := v - mean
			ss += d * d
		}
		return ss / float64(len(x)-1)
	}
	var ss, sumWeights float64
	for i, v := range x {
		d := v - mean
		ss += weights[i] * d * d
		sumWeights += weights[i]
	}
	return ss / (sumWeights - 1)
}

// Norm returns the Euclidean norm of s, through an unexported helper.
func Norm(s []float64) float64 {
	return math.Sqrt(sumSquares(s))
}

// sumSquares returns Σ s[i]².
func sumSquares(s []float64) float64 {
	var ss float64
	for _, v := range s {
		ss += v * v
	}
	return ss
}

// Scale multiplies every element of s by a.
func Scale(a float64, s []float64) {
	for i := range s {
		s[i] *= a
	}
}

// Weighted returns Σ s[i] times the package's weight scale, a package
// variable.
func Weighted(s []float64) float64 {
	return weightScale * Sum(s)
}

// polyCoef is a table of coefficients, as cephes keeps them.
var polyCoef = [...]float64{0.5, -1.5, 2, 0.25}

// Poly returns the polynomial of polyCoef at x, passing the table sliced
// to a helper that only reads it (cephes's polevl(x, coef[:], n)).
func Poly(x float64) float64 { return polevl(x, polyCoef[:], len(polyCoef)-1) }

// polevl evaluates coef[0]·xⁿ + … + coef[n] by Horner's rule.
func polevl(x float64, coef []float64, n int) float64 {
	ans := coef[0]
	for i := 1; i <= n; i++ {
		ans = ans*x + coef[i]
	}
	return ans
}

// Softplus returns log(1 + eˣ), a function of one number.
func Softplus(x float64) float64 {
	if x > threshold {
		return x // eˣ swamps the 1
	}
	return math.Log1p(math.Exp(x))
}

// threshold is where Softplus is x to double precision.
const threshold = 36.0
