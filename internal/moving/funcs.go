package moving

import "math"

// Conv slides a window of len(k) over seq and sums the squares of the
// window's dot products with the kernel k: a one-dimensional convolution
// written with a window variable that moves.
//
//godiff:grad
//godiff:jvp
func Conv(seq, k []float64) float64 {
	b := len(k)
	input := seq[0:b]
	s := 0.0
	for t := 0; t+b <= len(seq); t++ {
		input = seq[t : t+b]
		y := 0.0
		for i := range input {
			y += input[i] * k[i]
		}
		s += y * y
	}
	return s
}

// Tail consumes x from its front, weighting each element by how many are
// left: a parameter that moves.
//
//godiff:grad
//godiff:jvp
func Tail(x []float64) float64 {
	s := 0.0
	for len(x) > 0 {
		s += math.Sin(x[0]) * float64(len(x))
		x = x[1:]
	}
	return s
}

// Euler integrates the ring of oscillators x' = k·(x[i-1] - x[i]) -
// sin(x[i]) by explicit Euler steps of size h, in two buffers swapped at
// each step, and returns the squared norm of the final state.
//
//godiff:grad
//godiff:jvp
func Euler(x0 []float64, k, h float64, steps int) float64 {
	n := len(x0)
	prev := make([]float64, n)
	cur := make([]float64, n)
	copy(prev, x0)
	for range steps {
		for i := range n {
			left := prev[(i+n-1)%n]
			cur[i] = prev[i] + h*(k*(left-prev[i])-math.Sin(prev[i]))
		}
		prev, cur = cur, prev
	}
	s := 0.0
	for i := range prev {
		s += prev[i] * prev[i]
	}
	return s
}

// Heun integrates x' = -a·x·|x| + sin(t) by Heun's method (a two-stage
// Runge–Kutta), with the stage and the state in three buffers, two of them
// swapped at each step.
//
//godiff:grad
//godiff:jvp
func Heun(x0 []float64, a, h float64, steps int) float64 {
	n := len(x0)
	x := make([]float64, n)
	next := make([]float64, n)
	stage := make([]float64, n)
	copy(x, x0)
	for step := range steps {
		t := float64(step) * h
		for i := range n {
			stage[i] = x[i] + h*(-a*x[i]*math.Abs(x[i])+math.Sin(t))
		}
		for i := range n {
			f0 := -a*x[i]*math.Abs(x[i]) + math.Sin(t)
			f1 := -a*stage[i]*math.Abs(stage[i]) + math.Sin(t+h)
			next[i] = x[i] + h/2*(f0+f1)
		}
		x, next = next, x
	}
	s := 0.0
	for i := range x {
		s += x[i]
	}
	return s
}

// RNN runs a one-unit-per-row Elman network over seq, b inputs per step:
// the input window moves along seq and the hidden state between two
// swapped buffers. w is hidden×b, u hidden×hidden, v the readout.
//
//godiff:grad
//godiff:jvp
func RNN(w, u [][]float64, v, seq []float64, b int) float64 {
	hidden := len(v)
	h := make([]float64, hidden)
	hNext := make([]float64, hidden)
	var input []float64
	loss := 0.0
	for t := 0; (t+1)*b <= len(seq); t++ {
		input = seq[t*b : (t+1)*b]
		for j := range hidden {
			z := 0.0
			for i := range input {
				z += w[j][i] * input[i]
			}
			for i := range h {
				z += u[j][i] * h[i]
			}
			hNext[j] = math.Tanh(z)
		}
		h, hNext = hNext, h
		y := 0.0
		for j := range h {
			y += v[j] * h[j]
		}
		loss += y * y
	}
	return loss
}

// dot is a helper of slices, called with windows.
func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// pairs is a helper whose own window moves: the sum of the squared norms
// of the windows of b elements of x, found by dropping one element and
// taking b again.
func pairs(x []float64, b int) float64 {
	w := x[:b]
	s := 0.0
	for len(w) == b {
		s += dot(w, w)
		w = w[1:]
		if len(w) < b {
			break
		}
		w = w[:b]
	}
	return s
}

// Overwrite walks a window over seq, passes it to a helper, and writes
// into it: the writes are to seq, which the next windows read again.
//
//godiff:grad
//godiff:jvp
func Overwrite(seq, k []float64) float64 {
	b := len(k)
	var input []float64
	s := 0.0
	for t := 0; t+b <= len(seq); t++ {
		input = seq[t : t+b]
		y := dot(input, k)
		input[0] = y * input[b-1]
		s += y * y
	}
	return s + pairs(seq, 2)
}

// Features appends a variable number of features per element onto a
// buffer made with the capacity they need, then weights them by position.
//
//godiff:grad
//godiff:jvp
func Features(x []float64, w float64) float64 {
	feats := make([]float64, 0, 3*len(x))
	for i := range x {
		if x[i] > 0 {
			feats = append(feats, math.Sin(w*x[i]))
		}
		feats = append(feats, x[i]*x[i], w)
	}
	s := 0.0
	for i, f := range feats {
		s += f * float64(i+1)
	}
	return s + float64(cap(feats)-len(feats))
}

// Cell holds a recurrence's weights and the size of its state, as a
// model's struct does (the corpus's models.LSTM holds NH).
type Cell struct {
	N int
	W []float64
}

// Run iterates h ← tanh(W∘h + x_t) over the windows of seq, its two state
// buffers made with the receiver's field N as their length and swapped
// each step.
//
//godiff:grad
//godiff:jvp
func (c *Cell) Run(seq []float64) float64 {
	h := make([]float64, c.N)
	next := make([]float64, c.N)
	for t := 0; t+c.N <= len(seq); t += c.N {
		x := seq[t : t+c.N]
		for i := range next {
			next[i] = math.Tanh(c.W[i]*h[i] + x[i])
		}
		h, next = next, h
	}
	s := 0.0
	for _, v := range h {
		s += v * v
	}
	return s
}
