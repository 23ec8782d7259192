package checkpoint

import "math"

//go:generate go run github.com/godiff/godiff/cmd/godiff funcs.go

// lse is the stable log Σ exp(x[i]).
func lse(x []float64) float64 {
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

// Mixture is the negative log-likelihood of the points xs under a
// one-dimensional mixture θ = (logits, means, log standard deviations):
// per point, each component's log-density in a work buffer, then its
// log-sum-exp.
//
//godiff:grad theta
//godiff:jvp theta
func Mixture(theta, xs []float64) float64 {
	k := len(theta) / 3
	logits, means, logStd := theta[:k], theta[k:2*k], theta[2*k:]
	norm := lse(logits)
	comp := make([]float64, k)
	nll := 0.0
	//godiff:checkpoint
	for _, x := range xs {
		for j := range k {
			z := (x - means[j]) / math.Exp(logStd[j])
			comp[j] = logits[j] - norm - 0.5*z*z - logStd[j]
		}
		nll -= lse(comp)
	}
	return nll / float64(len(xs))
}

// MixtureRecorded is Mixture without the checkpoint.
//
//godiff:grad theta
func MixtureRecorded(theta, xs []float64) float64 {
	k := len(theta) / 3
	logits, means, logStd := theta[:k], theta[k:2*k], theta[2*k:]
	norm := lse(logits)
	comp := make([]float64, k)
	nll := 0.0
	for _, x := range xs {
		for j := range k {
			z := (x - means[j]) / math.Exp(logStd[j])
			comp[j] = logits[j] - norm - 0.5*z*z - logStd[j]
		}
		nll -= lse(comp)
	}
	return nll / float64(len(xs))
}

// Batch is a mini-batch loss of a linear model with weights w and bias
// b on the examples x (d values each) with targets y: the mean squared
// error and a Huber-like penalty, summed in two accumulators over a
// counted loop.
//
//godiff:grad w b
//godiff:jvp w b
func Batch(w []float64, b float64, x, y []float64) float64 {
	d := len(w)
	n := len(y)
	sq := 0.0
	pen := 0.0
	//godiff:checkpoint
	for i := 0; i < n; i++ {
		p := b
		for j := 0; j < d; j++ {
			p += w[j] * x[i*d+j]
		}
		r := p - y[i]
		sq += r * r
		pen += math.Sqrt(1+r*r) - 1
	}
	return sq/float64(n) + 0.1*pen
}

// BatchRecorded is Batch without the checkpoint.
//
//godiff:grad w b
func BatchRecorded(w []float64, b float64, x, y []float64) float64 {
	d := len(w)
	n := len(y)
	sq := 0.0
	pen := 0.0
	for i := 0; i < n; i++ {
		p := b
		for j := 0; j < d; j++ {
			p += w[j] * x[i*d+j]
		}
		r := p - y[i]
		sq += r * r
		pen += math.Sqrt(1+r*r) - 1
	}
	return sq/float64(n) + 0.1*pen
}

// Layer is the summed squared output of a tanh layer (weights wh, h
// rows of d) then a linear unit (weights v) over the examples x, the
// hidden activations of each example in a work buffer the loop
// overwrites.
//
//godiff:grad wh v
//godiff:jvp wh v
func Layer(wh, v, x []float64) float64 {
	h := len(v)
	d := len(wh) / h
	hidden := make([]float64, h)
	loss := 0.0
	//godiff:checkpoint
	for i := 0; i < len(x)/d; i++ {
		for j := range h {
			s := 0.0
			for k := 0; k < d; k++ {
				s += wh[j*d+k] * x[i*d+k]
			}
			hidden[j] = math.Tanh(s)
		}
		out := 0.0
		for j := range h {
			out += v[j] * hidden[j]
		}
		loss += out * out
	}
	return loss
}

// LayerRecorded is Layer without the checkpoint.
//
//godiff:grad wh v
func LayerRecorded(wh, v, x []float64) float64 {
	h := len(v)
	d := len(wh) / h
	hidden := make([]float64, h)
	loss := 0.0
	for i := 0; i < len(x)/d; i++ {
		for j := range h {
			s := 0.0
			for k := 0; k < d; k++ {
				s += wh[j*d+k] * x[i*d+k]
			}
			hidden[j] = math.Tanh(s)
		}
		out := 0.0
		for j := range h {
			out += v[j] * hidden[j]
		}
		loss += out * out
	}
	return loss
}

// Histogram sums exp(w[b]·x) of each point x into the bin b = i mod
// len(w), then returns the bins' sum of squares: an accumulator in
// memory.
//
//godiff:grad w
//godiff:jvp w
func Histogram(w, xs []float64) float64 {
	k := len(w)
	bins := make([]float64, k)
	//godiff:checkpoint
	for i, x := range xs {
		b := i % k
		bins[b] += math.Exp(w[b] * x)
	}
	s := 0.0
	for _, v := range bins {
		s += v * v
	}
	return s
}

// HistogramRecorded is Histogram without the checkpoint.
//
//godiff:grad w
func HistogramRecorded(w, xs []float64) float64 {
	k := len(w)
	bins := make([]float64, k)
	for i, x := range xs {
		b := i % k
		bins[b] += math.Exp(w[b] * x)
	}
	s := 0.0
	for _, v := range bins {
		s += v * v
	}
	return s
}

// Model is a one-unit tanh regression, for a method with a checkpointed
// loop.
type Model struct {
	W []float64
	B float64
}

// Loss is the summed squared error of m on the examples (xs, ys).
//
//godiff:grad m
func (m *Model) Loss(xs, ys []float64) float64 {
	s := 0.0
	//godiff:checkpoint
	for i := range xs {
		p := math.Tanh(m.W[0]*xs[i] + m.B)
		s += (p - ys[i]) * (p - ys[i])
	}
	return s
}

// LossRecorded is Loss without the checkpoint.
//
//godiff:grad m
func (m *Model) LossRecorded(xs, ys []float64) float64 {
	s := 0.0
	for i := range xs {
		p := math.Tanh(m.W[0]*xs[i] + m.B)
		s += (p - ys[i]) * (p - ys[i])
	}
	return s
}

// Orbit integrates the oscillator of acceleration -k·x - 0.1·x³ from
// (x0, v0) over steps leapfrog steps and returns its final x² + v²: a
// loop that carries its state (x, v) from one iteration to the next,
// checkpointed every 10 iterations.
//
//godiff:grad x0 v0 k
//godiff:jvp x0 v0 k
func Orbit(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	//godiff:checkpoint -every=10
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}

// OrbitRecorded is Orbit without the checkpoint.
//
//godiff:grad x0 v0 k
func OrbitRecorded(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}

// OrbitLong is Orbit saving its state every 10000 steps: 100 snapshots
// for a million steps (see BenchmarkOrbit).
//
//godiff:grad x0 v0 k
func OrbitLong(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	//godiff:checkpoint -every=10000
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}

// OrbitRevolve is Orbit reversed by binomial checkpointing with at most
// 4 states held at once (Revolve).
//
//godiff:grad x0 v0 k
//godiff:jvp x0 v0 k
func OrbitRevolve(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	//godiff:checkpoint -snapshots=4
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}

// OrbitRevolve100 is Orbit reversed binomially with at most 100 states
// (see BenchmarkOrbit).
//
//godiff:grad x0 v0 k
func OrbitRevolve100(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	//godiff:checkpoint -snapshots=100
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}

// OrbitBudget is Orbit reversed binomially with as many states as 1 kB
// holds: 24 bytes each (x, v and the iteration), so 41.
//
//godiff:grad x0 v0 k
func OrbitBudget(x0, v0, k float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.01
	//godiff:checkpoint -memory=1kB
	for range steps {
		a := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a
		x += dt * v
		a2 := -k*x - 0.1*x*x*x
		v += 0.5 * dt * a2
	}
	return x*x + v*v
}

// Forced is a driven oscillator integrated by a three-clause loop whose
// body reads its counter (the drive's phase), reversed binomially with
// at most 3 states held.
//
//godiff:grad x0 v0 w
//godiff:jvp x0 v0 w
func Forced(x0, v0, w float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.02
	//godiff:checkpoint -snapshots=3
	for i := 0; i < steps; i++ {
		a := -x + 0.3*math.Sin(w*float64(i)*dt)
		v += dt * a
		x += dt * v
	}
	return x*x - v
}

// ForcedRecorded is Forced without the checkpoint.
//
//godiff:grad x0 v0 w
func ForcedRecorded(x0, v0, w float64, steps int) float64 {
	x, v := x0, v0
	dt := 0.02
	for i := 0; i < steps; i++ {
		a := -x + 0.3*math.Sin(w*float64(i)*dt)
		v += dt * a
		x += dt * v
	}
	return x*x - v
}

// Settle integrates a damped oscillator until its energy falls below tol:
// a while loop whose trip count the forward sweep finds, reversed
// binomially with at most 5 states held. It returns the time taken plus
// a function of the final state.
//
//godiff:grad x0 v0 c
//godiff:jvp x0 v0 c
func Settle(x0, v0, c, tol float64) float64 {
	x, v := x0, v0
	dt := 0.01
	t := 0.0
	//godiff:checkpoint -snapshots=5
	for x*x+v*v > tol {
		a := -x - c*v - 0.1*x*x*x
		v += dt * a
		x += dt * v
		t += dt
	}
	return t + x + 2*v
}

// SettleRecorded is Settle without the checkpoint.
//
//godiff:grad x0 v0 c
func SettleRecorded(x0, v0, c, tol float64) float64 {
	x, v := x0, v0
	dt := 0.01
	t := 0.0
	for x*x+v*v > tol {
		a := -x - c*v - 0.1*x*x*x
		v += dt * a
		x += dt * v
		t += dt
	}
	return t + x + 2*v
}

// Tail is Layer plus the first hidden activation of the last example,
// read after the loop: the work buffer's last contents reach the result,
// so the iterations' backward code cannot run in the forward sweep (its
// adjoints do not start at zero), and the loop is run again instead.
//
//godiff:grad wh v
//godiff:jvp wh v
func Tail(wh, v, x []float64) float64 {
	h := len(v)
	d := len(wh) / h
	hidden := make([]float64, h)
	loss := 0.0
	//godiff:checkpoint
	for i := 0; i < len(x)/d; i++ {
		for j := range h {
			s := 0.0
			for k := 0; k < d; k++ {
				s += wh[j*d+k] * x[i*d+k]
			}
			hidden[j] = math.Tanh(s)
		}
		out := 0.0
		for j := range h {
			out += v[j] * hidden[j]
		}
		loss += out * out
	}
	return loss + hidden[0]
}

// TailRecorded is Tail without the checkpoint.
//
//godiff:grad wh v
func TailRecorded(wh, v, x []float64) float64 {
	h := len(v)
	d := len(wh) / h
	hidden := make([]float64, h)
	loss := 0.0
	for i := 0; i < len(x)/d; i++ {
		for j := range h {
			s := 0.0
			for k := 0; k < d; k++ {
				s += wh[j*d+k] * x[i*d+k]
			}
			hidden[j] = math.Tanh(s)
		}
		out := 0.0
		for j := range h {
			out += v[j] * hidden[j]
		}
		loss += out * out
	}
	return loss + hidden[0]
}

// Scaled sums, over the points, a term that reads a variable assigned
// before the loop (c), a number computed before it (r) and slices of the
// parameters: their derivatives, summed over the iterations in the
// forward sweep, reach theta through c and r after the loop's.
//
//godiff:grad theta
//godiff:jvp theta
func Scaled(theta, xs []float64) float64 {
	c := theta[0]
	c = c * c
	r := math.Exp(theta[1])
	w := theta[2:]
	s := 0.0
	//godiff:checkpoint
	for i, x := range xs {
		s += c * math.Sin(r*x+w[i%len(w)])
	}
	return s * s
}

// ScaledRecorded is Scaled without the checkpoint.
//
//godiff:grad theta
func ScaledRecorded(theta, xs []float64) float64 {
	c := theta[0]
	c = c * c
	r := math.Exp(theta[1])
	w := theta[2:]
	s := 0.0
	for i, x := range xs {
		s += c * math.Sin(r*x+w[i%len(w)])
	}
	return s * s
}

// Nested runs a checkpointed loop inside a loop: the sum's adjoint
// differs from one outer iteration to the next, so the iterations are run
// again in the backward sweep rather than fused.
//
//godiff:grad theta
//godiff:jvp theta
func Nested(theta, xs []float64) float64 {
	total := 0.0
	for r := 1; r <= 2; r++ {
		s := 0.0
		//godiff:checkpoint
		for _, x := range xs {
			s += math.Sin(theta[0]*x*float64(r)) * theta[1]
		}
		total += s * s
	}
	return total
}

// NestedRecorded is Nested without the checkpoint.
//
//godiff:grad theta
func NestedRecorded(theta, xs []float64) float64 {
	total := 0.0
	for r := 1; r <= 2; r++ {
		s := 0.0
		for _, x := range xs {
			s += math.Sin(theta[0]*x*float64(r)) * theta[1]
		}
		total += s * s
	}
	return total
}

// Rows sums over the points a term of a row of w, a slice of slices the
// loop reads: the forward sweep cannot sum its derivatives in a scratch
// buffer of its own (the rows would need making too), so the loop is run
// again in the backward sweep rather than fused.
//
//godiff:grad w
func Rows(w [][]float64, xs []float64) float64 {
	s := 0.0
	//godiff:checkpoint
	for i, x := range xs {
		r := w[i%len(w)]
		s += math.Sin(r[0]*x) * r[1]
	}
	return s * s
}

// RowsRecorded is Rows without the checkpoint.
//
//godiff:grad w
func RowsRecorded(w [][]float64, xs []float64) float64 {
	s := 0.0
	for i, x := range xs {
		r := w[i%len(w)]
		s += math.Sin(r[0]*x) * r[1]
	}
	return s * s
}
