package regress

import "math"

// Running maxima and minima (reverse/argmax.go): the recognised loops
// record the index of the element their result came from, and their
// backward code is one step. Each has a twin the recogniser refuses (a
// never-taken break in the loop), which keeps the link-by-link backward
// code: the tests compare the two bit for bit, at ties, NaN, ±0 and one
// element.

// RunMax is a running math.Max from the first element, scaled so that
// its adjoint is not 1.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func RunMax(x []float64) float64 {
	m := x[0]
	for i := 1; i < len(x); i++ {
		m = math.Max(m, x[i])
	}
	return 3 * m
}

// RunMaxLinked is RunMax, not recognised.
//
//godiff:grad
func RunMaxLinked(x []float64) float64 {
	m := x[0]
	for i := 1; i < len(x); i++ {
		if i < 0 {
			break
		}
		m = math.Max(m, x[i])
	}
	return 3 * m
}

// RunMin is a running math.Min with the element first, from a parameter,
// over a range loop.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func RunMin(a float64, x []float64) float64 {
	m := a * a
	for i := range x {
		m = math.Min(x[i], m)
	}
	return m * a
}

// RunMinLinked is RunMin, not recognised.
//
//godiff:grad
func RunMinLinked(a float64, x []float64) float64 {
	m := a * a
	for i := range x {
		if i < 0 {
			break
		}
		m = math.Min(x[i], m)
	}
	return m * a
}

// BuiltinMax is a running builtin max over every other element, from
// the second (whose NaN rule differs from math.Max's), and a builtin min
// with the element first.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func BuiltinMax(x []float64) float64 {
	m := x[1]
	for i := 3; i < len(x); i += 2 {
		m = max(m, x[i])
	}
	lo := x[0]
	for i := 0; i < len(x); i++ {
		lo = min(x[i], lo)
	}
	return m - 2*lo
}

// BuiltinMaxLinked is BuiltinMax, not recognised.
//
//godiff:grad
func BuiltinMaxLinked(x []float64) float64 {
	m := x[1]
	for i := 3; i < len(x); i += 2 {
		if i < 0 {
			break
		}
		m = max(m, x[i])
	}
	lo := x[0]
	for i := 0; i < len(x); i++ {
		if i < 0 {
			break
		}
		lo = min(x[i], lo)
	}
	return m - 2*lo
}

// RowMax sums the maxima of the rows of an r×c matrix (r = len(x)/c), the
// running maximum nested in a loop over rows, each row's from its first
// element, through a helper as GMM's logsumexp calls arrMax.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func RowMax(c int, x []float64) float64 {
	s := 0.0
	for r := 0; r+c <= len(x); r += c {
		mx := rowMax(c, x[r:])
		s += mx * mx
	}
	return s
}

// RowMaxLinked is RowMax, not recognised.
//
//godiff:grad
func RowMaxLinked(c int, x []float64) float64 {
	s := 0.0
	for r := 0; r+c <= len(x); r += c {
		mx := rowMaxLinked(c, x[r:])
		s += mx * mx
	}
	return s
}

func rowMax(n int, x []float64) float64 {
	m := x[0]
	for i := 1; i < n; i++ {
		m = math.Max(m, x[i])
	}
	return m
}

func rowMaxLinked(n int, x []float64) float64 {
	m := x[0]
	for i := 1; i < n; i++ {
		if i < 0 {
			break
		}
		m = math.Max(m, x[i])
	}
	return m
}

// LogSumExp is GMM's logsumexp: the running maximum shifts the
// exponentials, and its adjoint cancels up to rounding.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func LogSumExp(x []float64) float64 {
	mx := x[0]
	for i := 1; i < len(x); i++ {
		mx = math.Max(mx, x[i])
	}
	s := 0.0
	for i := range x {
		s += math.Exp(x[i] - mx)
	}
	return math.Log(s) + mx
}

// LogSumExpLinked is LogSumExp, not recognised.
//
//godiff:grad
func LogSumExpLinked(x []float64) float64 {
	mx := x[0]
	for i := 1; i < len(x); i++ {
		if i < 0 {
			break
		}
		mx = math.Max(mx, x[i])
	}
	s := 0.0
	for i := range x {
		s += math.Exp(x[i] - mx)
	}
	return math.Log(s) + mx
}

// MaxOfMaxes carries the running maximum across the runs of an inner
// loop (recognised: its index is recorded once per outer iteration) and
// a Max of the outer loop's own (not recognised).
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func MaxOfMaxes(r int, x []float64) float64 {
	m := x[0]
	for i := 0; i < r; i++ {
		for j := range x {
			m = math.Max(m, x[j]*1)
		}
		m = math.Max(m, x[i%len(x)])
		for j := 1; j < len(x); j++ {
			m = math.Max(m, x[j])
		}
	}
	return m * m
}

// MaxOfMaxesLinked is MaxOfMaxes, not recognised.
//
//godiff:grad
func MaxOfMaxesLinked(r int, x []float64) float64 {
	m := x[0]
	for i := 0; i < r; i++ {
		for j := range x {
			m = math.Max(m, x[j]*1)
		}
		m = math.Max(m, x[i%len(x)])
		for j := 1; j < len(x); j++ {
			if j < 0 {
				break
			}
			m = math.Max(m, x[j])
		}
	}
	return m * m
}

// IfMax is the running maximum written with an if, as the README's
// log-sum-exp writes it, and a running minimum whose test is >=, m
// first, so that the last of equal elements wins.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func IfMax(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		if v > m {
			m = v
		}
	}
	lo := x[0]
	for i := 1; i < len(x); i++ {
		e := x[i]
		if lo >= e {
			lo = e
		}
	}
	return m - 2*lo
}

// IfMaxLinked is IfMax, not recognised.
//
//godiff:grad
func IfMaxLinked(x []float64) float64 {
	m := math.Inf(-1)
	for i, v := range x {
		if i < 0 {
			break
		}
		if v > m {
			m = v
		}
	}
	lo := x[0]
	for i := 1; i < len(x); i++ {
		if i < 0 {
			break
		}
		e := x[i]
		if lo >= e {
			lo = e
		}
	}
	return m - 2*lo
}
