package calls

import (
	"math"
	"sync"
)

func sq(x float64) float64 { return x * x }

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// unit is one neuron; it calls sigmoid.
func unit(w, b, x float64) float64 { return sigmoid(w*x + b) }

// Neuron is a squared error through helpers that call helpers.
//
//godiff:grad
//godiff:jvp
func Neuron(w, b, x, y float64) float64 {
	return sq(unit(w, b, x)-y) + 0.1*sq(sigmoid(w))
}

// Power is x to the n by recursion.
//
//godiff:grad x
//godiff:jvp x
func Power(x float64, n int) float64 {
	if n == 0 {
		return 1
	}
	return x * Power(x, n-1)
}

// even and odd are mutually recursive: the series x - x³/3! + ... of sin
// x, alternately.
func even(x, term float64, k, n int) float64 {
	if k >= n {
		return 0
	}
	next := term * x * x / float64((2*k+2)*(2*k+3))
	return term + odd(x, next, k+1, n)
}

func odd(x, term float64, k, n int) float64 {
	if k >= n {
		return 0
	}
	next := term * x * x / float64((2*k+2)*(2*k+3))
	return -term + even(x, next, k+1, n)
}

// SinSeries sums n terms of the Taylor series of sin x.
//
//godiff:grad x
//godiff:jvp x
func SinSeries(x float64, n int) float64 {
	return even(x, x, 0, n)
}

func softplus(x float64) float64 { return math.Log1p(math.Exp(x)) }

// SoftplusSum calls a helper in a loop.
//
//godiff:grad
//godiff:jvp
func SoftplusSum(xs []float64, k float64) float64 {
	s := 0.0
	for i, x := range xs {
		if i%3 == 2 {
			continue
		}
		s += softplus(k*x) * sigmoid(x)
	}
	return s
}

var slowCache sync.Map

// slow is expensive, so it caches its results in a map: godiff cannot
// differentiate it, and slowRule stands for it.
func slow(x float64) float64 {
	if y, ok := slowCache.Load(x); ok {
		return y.(float64)
	}
	y := math.Sin(x) * math.Exp(x)
	slowCache.Store(x, y)
	return y
}

// slowRule returns slow(x) and its derivative.
//
//godiff:rule slow
func slowRule(x float64) (y, dx float64) {
	return slow(x), (math.Cos(x) + math.Sin(x)) * math.Exp(x)
}

// erfcRule returns math.Erfc(x) and its derivative, -2/√π·exp(-x²).
//
//godiff:rule math.Erfc
func erfcRule(x float64) (y, dx float64) {
	return math.Erfc(x), -2 / math.SqrtPi * math.Exp(-x*x)
}

// round is a rounding step whose derivative is zero almost everywhere.
func round(x float64) float64 { return math.Round(x*4) / 4 }

// roundRule gives round the straight-through derivative 1 that
// quantisation-aware training uses, instead of its true derivative 0.
//
//godiff:rule round
func roundRule(x float64) (y, dx float64) { return round(x), 1 }

// Ruled calls the functions covered by rules.
//
//godiff:grad
//godiff:jvp
func Ruled(a, b float64) float64 {
	return slow(a*b) + math.Erfc(a) + 0.5*math.Hypot(a, b)
}

// Quantised uses the straight-through rule of round.
//
//godiff:grad
func Quantised(w float64) float64 {
	return round(w) * 3
}

// halves counts by a loop godiff need not see into.
func halves(n int) int {
	m := 0
	for i := 0; i < n; i += 2 {
		m++
	}
	return m
}

// Constants calls functions whose arguments do not depend on x: they stay
// as they are.
//
//godiff:grad x
//godiff:jvp x
func Constants(x float64, n int) float64 {
	lg, _ := math.Lgamma(float64(n) + 0.5)
	f := math.Floor(float64(n) / 3)
	return x*lg + f*float64(halves(n))*x*x + sq(float64(n))
}

// Polar has two results; its VJP calls helpers.
//
//godiff:vjp
func Polar(x, y float64) (r, theta float64) {
	return math.Sqrt(sq(x) + sq(y)), math.Atan2(y, x)
}

// dot is the inner product of two slices.
func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// logSumExp is the stable log Σ exp(x[i]).
func logSumExp(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = math.Max(m, v)
	}
	s := 0.0
	for _, v := range x {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}

// Mixture is a log-likelihood of the points xs under k components whose
// scores are w[j]*x + b[j], with a penalty on the scores: it fills a work
// buffer per point, overwritten at the next, calls logSumExp and dot on
// it, and dot on sub-slices of the parameters.
//
//godiff:grad w b
//godiff:jvp w b
func Mixture(w, b, xs []float64) float64 {
	k := len(w)
	buf := make([]float64, k)
	ll := 0.0
	for _, x := range xs {
		for j := range k {
			buf[j] = w[j]*x + b[j]
		}
		ll += logSumExp(buf) - logSumExp(w) - 0.01*dot(buf, buf)
	}
	return ll + dot(w[:k/2], b[:k/2])
}

// layer writes w·x + b, one output per row of w, through a tanh, into
// out: a function that writes into a slice it is passed.
func layer(out []float64, w [][]float64, b, x []float64) {
	for i := range out {
		out[i] = math.Tanh(dot(w[i], x) + b[i])
	}
}

// scaleInPlace multiplies s by k in place: it reads and writes s.
func scaleInPlace(s []float64, k float64) {
	for i := range s {
		s[i] *= k
	}
}

// TwoLayers runs two layers through work buffers it makes, rescales the
// hidden one in place, and returns the sum of squares of the output.
//
//godiff:grad w1 b1 w2 k
//godiff:jvp w1 b1 w2 k
func TwoLayers(w1 [][]float64, b1 []float64, w2 [][]float64, k float64, x []float64) float64 {
	h := make([]float64, len(w1))
	layer(h, w1, b1, x)
	scaleInPlace(h, k)
	y := make([]float64, len(w2))
	layer(y, w2, b1[:len(w2)], h)
	s := 0.0
	for _, v := range y {
		s += v * v
	}
	return s
}

// Apply is a layer whose output is the caller's: an output parameter
// written by a callee.
//
//godiff:vjp w b
//godiff:jvp w b
func Apply(out []float64, w [][]float64, b, x []float64) {
	layer(out, w, b, x)
}

// argmax returns the index of the largest element of s.
func argmax(s []float64) int {
	best := 0
	for i := range s {
		if s[i] > s[best] {
			best = i
		}
	}
	return best
}

// Peak calls argmax on the slice it differentiates: a function of slices
// with an integer result, which stays a plain call.
//
//godiff:grad
//godiff:jvp
func Peak(x []float64) float64 {
	return x[argmax(x)] * logSumExp(x)
}

// Layer is a dense layer.
type Layer struct {
	W [][]float64
	B []float64
}

// apply writes tanh(W·x + B) into out: a method that writes into a slice
// it is passed.
func (l *Layer) apply(out, x []float64) {
	for i := range out {
		out[i] = math.Tanh(dot(l.W[i], x) + l.B[i])
	}
}

// MLP is two layers, an output gain and an affine offset.
type MLP struct {
	Hidden Layer
	Out    Layer
	Gain   float64
	Shift  Affine
}

// Affine is a struct of numbers.
type Affine struct{ A, B float64 }

// at is a method of numbers: a·x + b.
func (f Affine) at(x float64) float64 { return f.A*x + f.B }

// gain is a method of a struct with slices, returning a number.
func (m *MLP) gain() float64 { return m.Gain * m.Gain }

// penalty takes a struct by value.
func penalty(l Layer, lam float64) float64 {
	s := 0.0
	for i := range l.B {
		s += l.B[i] * l.B[i]
	}
	return lam * s
}

// Loss calls methods on fields of its receiver (which write into work
// buffers), a method of numbers, and a function taking a struct.
//
//godiff:grad m
//godiff:jvp m
func (m *MLP) Loss(x []float64, y float64) float64 {
	h := make([]float64, len(m.Hidden.B))
	m.Hidden.apply(h, x)
	o := make([]float64, len(m.Out.B))
	m.Out.apply(o, h)
	e := m.Shift.at(o[0]) - y
	return e*e*m.gain() + penalty(m.Hidden, 0.01)
}

// Fixed calls a method of a struct it does not differentiate: the call
// stays a call, of the method's twin.
//
//godiff:grad x
func Fixed(f Affine, x float64) float64 {
	return f.at(x)*x + f.at(1)
}

// fillEven and fillOdd fill out[k:] by mutual recursion, writing into the
// slice they pass each other.
func fillEven(out []float64, k int, x float64) {
	if k >= len(out) {
		return
	}
	out[k] = x * float64(k+1)
	fillOdd(out, k+1, x*x)
}

func fillOdd(out []float64, k int, x float64) {
	if k >= len(out) {
		return
	}
	out[k] = math.Sin(x)
	fillEven(out, k+1, x+1)
}

// Filled sums the squares of what the mutual recursion writes.
//
//godiff:grad
//godiff:jvp
func Filled(x float64) float64 {
	out := make([]float64, 5)
	fillEven(out, 0, x)
	s := 0.0
	for _, v := range out {
		s += v * v
	}
	return s
}

// Scaled embeds an Affine, whose method at it promotes.
type Scaled struct {
	Affine
	K float64
}

// ScaledAt calls the promoted method at.
//
//godiff:grad s x
//godiff:jvp s x
func ScaledAt(s Scaled, x float64) float64 {
	return s.at(x) * s.K
}
