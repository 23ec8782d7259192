package tapes

//go:generate go run github.com/godiff/godiff/cmd/godiff funcs.go

import "math"

// Triangle is Σ_{i<j} w[k]·x[i]·x[j] over the pairs in order, k counting
// the pairs: the inner loop starts at i+1 and k is an induction variable,
// so the tape holds neither counter, nor trip count, nor k's values.
//
//godiff:grad x w
//godiff:jvp x w
func Triangle(x, w []float64) float64 {
	n := len(x)
	s := 0.0
	k := 0
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			s += w[k] * x[i] * x[j]
			k++
		}
	}
	return s
}

// Compact sums the squares of the positive x[i] weighted by w in order:
// k steps only in the branch, and the backward sweep steps it back there.
//
//godiff:grad x w
//godiff:jvp x w
func Compact(x, w []float64) float64 {
	k := 0
	s := 0.0
	for i := range x {
		if x[i] > 0 {
			s += w[k] * x[i] * x[i]
			k += 2
		}
	}
	return s
}

// Rows is Σ_i Σ_j sin(buf[i]·w[j]) with buf the square of x, then
// overwritten: buf[i] cannot be read again, but it is the same in every
// iteration of the loop on j, so it is recorded once per i.
//
//godiff:grad x w
//godiff:jvp x w
func Rows(x, w []float64) float64 {
	buf := make([]float64, len(x))
	for i := range x {
		buf[i] = x[i] * x[i]
	}
	s := 0.0
	for i := 0; i < len(buf); i++ {
		for j := 0; j < len(w); j++ {
			s += math.Sin(buf[i] * w[j])
		}
	}
	for i := range buf {
		buf[i] = 0
	}
	return s
}

// Mahalanobis is Σ_p ‖L·(xs[p] − mu)‖² for the lower-triangular L with
// diagonal diag and strictly lower part ltri (row by row), d values per
// point: ADBench's GMM inner loop. lower, whose k steps through a
// triangle, is inlined (see reverse.InlineSmall): the caller leaves diag
// and ltri unchanged, which the backward sweep reads again, and
// overwrites centred, whose elements lower reads are recorded.
//
//godiff:grad diag ltri mu
//godiff:jvp diag ltri mu
func Mahalanobis(d int, diag, ltri, mu, xs []float64) float64 {
	centred := make([]float64, d)
	out := make([]float64, d)
	s := 0.0
	for p := 0; p+d <= len(xs); p += d {
		for i := 0; i < d; i++ {
			centred[i] = xs[p+i] - mu[i]
		}
		lower(d, diag, ltri, centred, out)
		s += sqsum(out)
	}
	return s
}

// lower writes L·x into out (see Mahalanobis).
func lower(d int, diag, ltri, x, out []float64) {
	for i := 0; i < d; i++ {
		out[i] = diag[i] * x[i]
	}
	k := 0
	for i := 0; i < d; i++ {
		for j := i + 1; j < d; j++ {
			out[j] += ltri[k] * x[i]
			k++
		}
	}
}

// sqsum is Σ x[i]².
func sqsum(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v * v
	}
	return s
}

// Until is Σ w[k]·x[i] over the x[i] met before the sum exceeds limit,
// k stepping by one: the loop may stop early, and the backward sweep, which
// replays only the iterations that ran, steps k back from where it
// stopped.
//
//godiff:grad x w
//godiff:jvp x w
func Until(x, w []float64, limit float64) float64 {
	k := 0
	s := 0.0
	for i := range x {
		if s > limit {
			break
		}
		s += w[k] * x[i] * x[i]
		k++
	}
	return s
}

// Jumps reads k before an inner loop that steps it a varying number of
// times: the backward sweep cannot have that read from k's final value
// less a constant, so it records it (one int per outer iteration).
//
//godiff:grad x w
//godiff:jvp x w
func Jumps(x, w []float64) float64 {
	k := 0
	s := 0.0
	for i := range x {
		s += w[k] * x[i] * x[i]
		for j := 0; j < i%2; j++ {
			k++
		}
	}
	return s
}

// Early returns from inside its loop once the sum passes limit, after k
// has stepped: the final value the backward sweep steps k back from is
// recorded at each return.
//
//godiff:grad x w
//godiff:jvp x w
func Early(x, w []float64, limit float64) float64 {
	k := 0
	s := 0.0
	for i := range x {
		s += w[k] * x[i] * x[i]
		k++
		if s > limit {
			return s * float64(k)
		}
	}
	return s
}

// Pass sums shifted over the points of xs, each scaled by w into a buffer
// it overwrites at the next point.
//
//godiff:grad w
//godiff:jvp w
func Pass(w, xs []float64) float64 {
	buf := make([]float64, 3)
	s := 0.0
	for p := 0; p+3 <= len(xs); p += 3 {
		for i := range buf {
			buf[i] = xs[p+i] * w[i]
		}
		s += shifted(buf, w)
	}
	return s
}

// shifted reads x[i] in two loops from 1; inlined into Pass (see
// reverse.InlineSmall), each loop records the x[i] it reads (its own split
// form would read the second's from the first's record), x[i] and x[i-1]
// once per run of the loop on j, where they do not change.
func shifted(x, w []float64) float64 {
	s := 0.0
	for i := 1; i < len(x); i++ {
		s += math.Sin(x[i] * w[0])
	}
	for i := 1; i < len(x); i++ {
		for j := 0; j < 2; j++ {
			s += x[i] * x[i-1] * w[j]
		}
	}
	return s
}

// PassCall is Pass calling shiftedCall, which stays a call.
//
//godiff:grad w
//godiff:jvp w
func PassCall(w, xs []float64) float64 {
	buf := make([]float64, 3)
	s := 0.0
	for p := 0; p+3 <= len(xs); p += 3 {
		for i := range buf {
			buf[i] = xs[p+i] * w[i]
		}
		s += shiftedCall(buf, w)
	}
	return s
}

// shiftedCall is shifted counting its first loop's iterations in binary
// ones, n: a variable its loop carries and reads, which keeps it a call in
// reverse mode (see reverse.InlineSmall), though no derivative needs it.
// Its split form records x[1], x[2] in its first loop and its second loop
// reads them there (see reverse's recordedEarlier); x[i-1] it records once
// per run of the loop on j.
func shiftedCall(x, w []float64) float64 {
	s := 0.0
	n := 0
	for i := 1; i < len(x); i++ {
		s += math.Sin(x[i] * w[0])
		n = n*2 + 1
	}
	for i := 1; i < len(x); i++ {
		for j := 0; j < 2; j++ {
			s += x[i] * x[i-1] * w[j]
		}
	}
	return s
}

// Down runs a loop backwards and one in steps of two: the backward sweep
// counts their counters itself, the first from its bound, the second from
// its trip count (recorded: its test is not on the counter alone).
//
//godiff:grad x
//godiff:jvp x
func Down(x []float64) float64 {
	s := 0.0
	for i := len(x) - 1; i >= 0; i-- {
		s = s*0.5 + x[i]*x[i]
	}
	for p := 0; p+2 <= len(x); p += 2 {
		s += x[p] * math.Sin(x[p+1])
	}
	return s
}
