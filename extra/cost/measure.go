package cost

import (
	"math"
	"math/rand/v2"
	"runtime"
	"time"
)

// Config says what Measure times.
type Config struct {
	Sizes    []int         // the numbers of parameters n
	Examples int           // the examples m of LogLoss: its cost is m·n
	MinTime  time.Duration // each of a timing's trials repeats its call this long
	// MaxDirections bounds the directions forward mode and finite
	// differences are timed on; their time for all n directions is the
	// time per direction times n (every direction costs the same: one
	// JVP, or two calls of LogLoss), which keeps n = 10⁴ in seconds.
	MaxDirections int
}

// Point is the time of the gradient of LogLoss at one size, each as a
// multiple of the time of LogLoss itself.
type Point struct {
	N       int     // parameters
	F       float64 // seconds per call of LogLoss
	Reverse float64 // LogLossGrad
	Forward float64 // n calls of LogLossJVP, one per parameter
	Central float64 // 2n calls of LogLoss, central differences
}

// sink keeps the compiler from dropping the calls timed.
var sink float64

// Measure times LogLoss and its gradient by the three methods at each
// size.
func Measure(c Config) []Point {
	var points []Point
	for _, n := range c.Sizes {
		points = append(points, measureAt(c, n))
	}
	return points
}

// measureAt times the methods for n parameters.
func measureAt(c Config, n int) Point {
	w, x, y := problem(n, c.Examples)
	k := min(n, max(c.MaxDirections, 1)) // directions timed
	scale := float64(n) / float64(k)
	f := perCall(c.MinTime, func() { sink += LogLoss(w, x, y) })
	rev := perCall(c.MinTime, func() {
		l, dw := LogLossGrad(w, x, y)
		sink += l + dw[0]
	})
	dw := make([]float64, n)
	fwd := perCall(c.MinTime, func() {
		for j := range k {
			dw[j] = 1
			_, d := LogLossJVP(w, x, y, dw)
			dw[j] = 0
			sink += d
		}
	})
	const h = 1e-6
	central := perCall(c.MinTime, func() {
		for j := range k {
			wj := w[j]
			w[j] = wj + h
			up := LogLoss(w, x, y)
			w[j] = wj - h
			down := LogLoss(w, x, y)
			w[j] = wj
			sink += (up - down) / (2 * h)
		}
	})
	return Point{N: n, F: f, Reverse: rev / f, Forward: fwd * scale / f, Central: central * scale / f}
}

// problem returns weights, m examples of n features and their labels,
// the same for every run.
func problem(n, m int) (w, x, y []float64) {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	w = make([]float64, n)
	for j := range w {
		w[j] = rng.NormFloat64() / float64(n)
	}
	x = make([]float64, m*n)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	y = make([]float64, m)
	for i := range y {
		y[i] = float64(2*rng.IntN(2) - 1)
	}
	return w, x, y
}

// trials is how many times perCall times f: it keeps the fastest, the
// one least disturbed by the rest of the machine.
const trials = 5

// perCall returns the seconds of CPU time one call of f takes: the least,
// over trials, of the mean over calls repeated, doubling, until they last
// minTime.
func perCall(minTime time.Duration, f func()) float64 {
	runtime.LockOSThread() // threadTime reads this thread's CPU time
	defer runtime.UnlockOSThread()
	f() // warm the caches
	reps := 1
	for {
		start := threadTime()
		for range reps {
			f()
		}
		if threadTime()-start >= minTime || reps >= 1<<30 {
			break
		}
		reps *= 2
	}
	best := math.Inf(1)
	for range trials {
		start := threadTime()
		for range reps {
			f()
		}
		best = min(best, (threadTime()-start).Seconds()/float64(reps))
	}
	return max(best, 1e-12) // a clock too coarse for the window reads 0
}
